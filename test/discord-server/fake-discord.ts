/**
 * A Discord-compatible server on loopback for end-to-end tests: REST under `/api/v10` and a
 * WebSocket gateway (API v10, JSON, no compression) that the real discord.js client logs in to
 * with `rest: { api: fake.apiBase }`. It records what the bot does, checks it against Discord's
 * limits and rules, and lets tests inject rate limits, server errors and gateway drops.
 * See README.md in this folder.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  MEMBER_PERMISSIONS,
  Permission,
  apiMember,
  apiUser,
  encodeOptions,
  snowflake,
  type CommandOptionDef,
  type FakeUser,
  type OptionValues,
} from './interactions.ts';
import { EPHEMERAL, checkAutocomplete, checkMessage, checkModal, type LimitBreach } from './validate.ts';

export { mentionsThatPing, LIMITS, type LimitBreach } from './validate.ts';
export { MEMBER_PERMISSIONS, ALL_PERMISSIONS, Permission, type OptionValues } from './interactions.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const LOADING = 128;
const SUPPRESS_EMBEDS = 4;
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export interface FakeDiscordOptions {
  /** Bot token the server accepts (`Authorization: Bot <token>`). Default `fake-bot-token`. */
  token?: string;
  /** Application id (also the bot user's id). Default: a fresh snowflake. */
  applicationId?: string;
  botUsername?: string;
  /** HELLO heartbeat interval. Default 41250 ms, like Discord. */
  heartbeatIntervalMs?: number;
  /** Time the bot has to acknowledge an interaction. Default 3000 ms, like Discord. */
  interactionDeadlineMs?: number;
  /** Answer limit breaches with 400 Invalid Form Body like Discord (default true); false only records them. */
  rejectInvalid?: boolean;
  /** Let IDENTIFY ask for privileged intents (default false: close 4014 like an unapproved bot). */
  allowPrivilegedIntents?: boolean;
}

export interface RecordedRequest {
  /** ms since the server started */
  at: number;
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: string[];
  /** The uploaded files of a multipart request, with their bytes. */
  uploads: Upload[];
  authorized: boolean;
  status: number;
  response: unknown;
  interactionId?: string;
  /** Set when the answer was an injected fault. */
  injected?: boolean;
}

export interface Violation {
  at: number;
  /** e.g. `limit`, `unauthorized`, `already-acknowledged`, `did-not-respond`, `late-callback`. */
  kind: string;
  method?: string;
  path?: string;
  detail: string;
  breaches?: LimitBreach[];
  interactionId?: string;
}

/** A file part of a multipart request. */
export interface Upload {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  data: Buffer;
}

/** An attachment as the user sees it: Discord's attachment object plus the bytes. */
export interface AttachmentView {
  id: string;
  filename: string;
  size: number;
  /** From the file name's extension, as Discord derives it. */
  content_type?: string;
  description?: string;
  url: string;
  data: Buffer;
}

/** Discord's upload limit for a bot in a server without boosts (all files of one message). */
export const ATTACHMENT_SIZE_LIMIT = 10_485_760;
/** Files on one message. */
export const MAX_ATTACHMENTS = 10;

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** What the user sees as the answer to an interaction. */
export interface ReplyView {
  /** Files on the message (empty when none). */
  attachments: AttachmentView[];
  /** Interaction callback type that acknowledged the interaction (4, 5, 6, 7, 8, 9). */
  type: number;
  /** Acknowledged with 5 (deferred reply) or 6 (deferred update) before the answer. */
  deferred: boolean;
  ephemeral: boolean;
  content: string;
  embeds: Obj[];
  components: Obj[];
  allowed_mentions?: unknown;
  flags: number;
  /** From the interaction's creation to the answer. */
  latencyMs: number;
  /** The message now showing the answer (absent for autocomplete and modals). */
  messageId?: string;
  /** Autocomplete choices (type 8). */
  choices?: { name: string; value: string | number }[];
  /** The modal shown (type 9). */
  modal?: Obj;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  author: Obj;
  content: string;
  embeds: Obj[];
  components: Obj[];
  flags: number;
  allowed_mentions?: unknown;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  attachments: Obj[];
  webhook_id?: string;
  /** Ephemeral messages: the only user who sees it. */
  visibleTo?: string;
  interactionId?: string;
  deleted: boolean;
  edits: number;
}

export interface FailRule {
  /** Matched against the path after `/api/v10` (query excluded). */
  route: RegExp;
  method?: string;
  status: number;
  /** Seconds, for 429 (sent as Retry-After and retry_after). Default 0.2. */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

export interface RegisteredCommand extends Obj {
  id: string;
  name: string;
  type: number;
}

export type GatewayEvent = 'connect' | 'identify' | 'ready' | 'resume' | 'resumed' | 'invalid-session' | 'close';

interface GatewayEventRecord {
  op: 0;
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  events: GatewayEventRecord[];
  socket: WebSocket | null;
  deliveredSeq: number;
  invalid: boolean;
}

interface Conn {
  ws: WebSocket;
  authed: boolean;
  droppedByServer: boolean;
}

interface Waiter<T> {
  resolve: (v: T) => void;
  reject: (e: Error) => void;
}

/** What a test holds after sending an interaction: the user's side of the exchange. */
export class InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: Obj;
  readonly createdAt = Date.now();
  /** Every REST request made with this interaction's id or token, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Follow-up messages as the user sees them (the deferred placeholder's replacement excluded). */
  readonly followups: ReplyView[] = [];
  /** Successful callbacks (normally exactly one). */
  readonly callbacks: { type: number; at: number }[] = [];
  /** Discord showed "The application did not respond". */
  didNotRespond = false;
  /** @internal */ ack: { type: number; at: number } | undefined;
  /** @internal */ originalId: string | undefined;
  /** @internal */ answer: ReplyView | undefined;
  /** @internal */ failure: Error | undefined;
  /** @internal */ timer: NodeJS.Timeout | undefined;
  /** @internal */ readonly answerWaiters: Waiter<ReplyView>[] = [];
  /** @internal */ readonly ackWaiters: Waiter<{ type: number; latencyMs: number }>[] = [];

  constructor(
    private readonly fake: FakeDiscord,
    payload: Obj,
  ) {
    this.payload = payload;
    this.id = String(payload['id']);
    this.token = String(payload['token']);
  }

  /** The interaction type (2 command, 3 component, 4 autocomplete, 5 modal submit). */
  get type(): number {
    return Number(this.payload['type']);
  }

  /** The user who triggered it. */
  get userId(): string {
    const member = this.payload['member'];
    const user = isObj(member) && isObj(member['user']) ? member['user'] : this.payload['user'];
    return isObj(user) ? String(user['id']) : '';
  }

  /**
   * Resolves with the user's view once the interaction is answered: callback 4/7/8/9, or a
   * deferral (5/6) followed by the edit of `@original` (or, after 5, the first follow-up, which
   * replaces the "thinking…" placeholder). Rejects when Discord would show "The application did
   * not respond", or after `timeoutMs`.
   */
  response(opts: { timeoutMs?: number } = {}): Promise<ReplyView> {
    if (this.answer) return Promise.resolve(this.answer);
    if (this.failure) return Promise.reject(this.failure);
    return this.wait(this.answerWaiters, opts.timeoutMs ?? 10_000, 'answer');
  }

  /** Resolves at the first accepted callback, whatever its type (e.g. a bare deferUpdate). */
  acknowledged(opts: { timeoutMs?: number } = {}): Promise<{ type: number; latencyMs: number }> {
    if (this.ack) return Promise.resolve({ type: this.ack.type, latencyMs: this.ack.at - this.createdAt });
    if (this.failure) return Promise.reject(this.failure);
    return this.wait(this.ackWaiters, opts.timeoutMs ?? 10_000, 'acknowledgement');
  }

  /** The answer message as it is now (after later edits), or the autocomplete/modal answer. */
  current(): ReplyView | undefined {
    if (!this.answer) return undefined;
    if (this.originalId === undefined) return this.answer;
    const m = this.fake.message(this.originalId);
    if (!m || m.deleted) return undefined;
    return this.fake.view(m, this.answer.type, this.answer.deferred, this.answer.latencyMs);
  }

  private wait<T>(list: Waiter<T>[], timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = list.indexOf(waiter);
        if (i >= 0) list.splice(i, 1);
        const log = this.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join('; ') || 'no requests';
        reject(new Error(`interaction ${this.id}: no ${what} within ${timeoutMs} ms (${log})`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      list.push(waiter);
    });
  }
}

interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  run: (m: string[], ctx: RouteCtx) => Promise<RouteResult> | RouteResult;
}

interface RouteCtx {
  query: Record<string, string>;
  body: unknown;
  files: string[];
  uploads: Upload[];
  record: RecordedRequest;
}

interface RouteResult {
  status: number;
  body?: unknown;
}

const err = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({
  status,
  body: { message, code, ...(errors === undefined ? {} : { errors }) },
});

/** Builds Discord's nested `errors` object from breaches. */
function formErrors(breaches: LimitBreach[]): Obj {
  const out: Obj = {};
  for (const b of breaches) {
    const key = b.path === '' ? '_root' : b.path;
    out[key] = { _errors: [{ code: `FAKE_${b.rule.toUpperCase().replaceAll('-', '_')}`, message: b.detail }] };
  }
  return out;
}

function findComponent(components: unknown, customId: string): Obj | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const c of components) {
    if (!isObj(c)) continue;
    if (c['custom_id'] === customId) return c;
    const inner = findComponent(c['components'], customId);
    if (inner) return inner;
    if (isObj(c['accessory']) && c['accessory']['custom_id'] === customId) return c['accessory'];
  }
  return undefined;
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId = snowflake();
  /** The channel interactions come from by default (#general). */
  readonly channelId = snowflake();
  /** A second text channel (#policy). */
  readonly otherChannelId = snowflake();
  /** Files users attached to interactions (`attachment()`), served from their CDN address. */
  private readonly uploads = new Map<
    string,
    { id: string; filename: string; size: number; content_type: string; url: string; proxy_url: string; bytes: Buffer; status?: number }
  >();
  /** Downloads of attachments (GET on the CDN address), in order. */
  readonly cdnRequests: { at: number; path: string; status: number }[] = [];
  /** A group DM the bot is not in (context `private-channel`: only a user-installed app is there). */
  readonly groupDmChannelId = snowflake();
  readonly staffRoleId = snowflake();
  readonly botRoleId = snowflake();
  readonly bot: FakeUser;
  /** Test users: `alice`, `bob` (ordinary members) and `admin` (Manage Server). */
  readonly users: { alice: FakeUser; bob: FakeUser; admin: FakeUser };
  /** REST requests, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Everything Discord would have rejected or a user would have noticed as broken. */
  readonly violations: Violation[] = [];
  /** Gateway counters. */
  readonly gateway = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, invalidSessions: 0 };
  /** The IDENTIFY payloads received (token redacted). */
  readonly identifies: Obj[] = [];

  private readonly opts: Required<Omit<FakeDiscordOptions, 'applicationId' | 'botUsername' | 'token'>>;
  private readonly startedAt = Date.now();
  private readonly joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly conns = new Set<Conn>();
  private session: Session | null = null;
  private pending: { t: string; d: unknown }[] = [];
  private readonly messages = new Map<string, StoredMessage>();
  /** Bytes of every attachment, by attachment id. */
  private readonly attachmentData = new Map<string, Buffer>();
  private readonly interactions = new Map<string, InteractionHandle>();
  private readonly commandStore = new Map<string, Map<string, RegisteredCommand>>();
  private failures: (FailRule & { remaining: number })[] = [];
  /** Direct-message channels by recipient user id. */
  private readonly dmChannels = new Map<string, string>();
  /** Users whose privacy settings refuse DMs from the bot (50007). */
  private readonly closedDms = new Set<string>();
  /** Permission bits denied to the bot's role, per channel (a channel overwrite). */
  private readonly botDenied = new Map<string, bigint>();
  private readonly events = new EventEmitter();
  private readonly counts = new Map<GatewayEvent, number>();
  private readonly routes: Route[];
  private port = 0;
  private closed = false;

  /** @internal use {@link startFakeDiscord} */
  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.opts = {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
      rejectInvalid: options.rejectInvalid ?? true,
      allowPrivilegedIntents: options.allowPrivilegedIntents ?? false,
    };
    this.bot = {
      id: this.applicationId,
      username: options.botUsername ?? 'Verbatim',
      global_name: null,
      permissions: MEMBER_PERMISSIONS,
      roles: [this.botRoleId],
      bot: true,
    };
    const user = (username: string, permissions: bigint, roles: string[]): FakeUser => ({
      id: snowflake(),
      username,
      global_name: username[0]?.toUpperCase() + username.slice(1),
      permissions,
      roles,
    });
    this.users = {
      alice: user('alice', MEMBER_PERMISSIONS, []),
      bob: user('bob', MEMBER_PERMISSIONS, []),
      admin: user('admin', MEMBER_PERMISSIONS | Permission.ManageGuild, [this.staffRoleId]),
    };
    this.events.setMaxListeners(100);
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
    this.routes = this.buildRoutes();
  }

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What to pass as discord.js `rest.api` / DISCORD_API_BASE: `http://127.0.0.1:PORT/api`. */
  get apiBase(): string {
    return `${this.origin}/api`;
  }

  /** The gateway URL returned by `GET /gateway/bot`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---------------------------------------------------------------- gateway

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    if (this.closed) {
      ws.terminate();
      return;
    }
    const conn: Conn = { ws, authed: false, droppedByServer: false };
    this.conns.add(conn);
    this.gateway.connections++;
    this.bump('connect');
    const url = new URL(req.url ?? '/', this.origin);
    if (url.searchParams.get('v') !== '10' || url.searchParams.get('encoding') !== 'json') {
      this.violate('gateway', `gateway connected with ${url.search}; expected ?v=10&encoding=json`);
      ws.close(4012, 'Invalid API version');
      return;
    }
    if (url.searchParams.has('compress')) {
      this.violate('gateway', `gateway asked for compress=${url.searchParams.get('compress')}, unsupported here`);
    }
    ws.on('message', (raw) => this.onGatewayMessage(conn, raw));
    ws.on('close', (code) => {
      this.conns.delete(conn);
      const session = this.session;
      if (session && session.socket === ws) {
        session.socket = null;
        if (!conn.droppedByServer && (code === 1000 || code === 1001)) this.invalidate(session);
      }
      this.bump('close');
    });
    ws.on('error', () => undefined);
    this.sendOp(ws, { op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['fake-discord'] } });
  }

  private sendOp(ws: WebSocket, payload: Obj): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  private onGatewayMessage(conn: Conn, raw: RawData): void {
    let msg: unknown;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      conn.ws.close(4002, 'Decode error');
      return;
    }
    if (!isObj(msg)) return;
    const d = msg['d'];
    switch (msg['op']) {
      case 1:
        this.gateway.heartbeats++;
        this.sendOp(conn.ws, { op: 11 });
        return;
      case 2:
        this.identify(conn, isObj(d) ? d : {});
        return;
      case 6:
        this.resume(conn, isObj(d) ? d : {});
        return;
      case 3:
      case 4:
      case 8:
        if (!conn.authed) conn.ws.close(4003, 'Not authenticated');
        return;
      default:
        this.violate('gateway', `unknown gateway opcode ${String(msg['op'])}`);
        conn.ws.close(4001, 'Unknown opcode');
    }
  }

  private identify(conn: Conn, d: Obj): void {
    if (conn.authed) {
      conn.ws.close(4005, 'Already authenticated');
      return;
    }
    this.identifies.push({ ...d, token: d['token'] === this.token ? '<valid>' : '<invalid>' });
    if (d['token'] !== this.token) {
      this.violate('unauthorized', 'IDENTIFY with a wrong token');
      conn.ws.close(4004, 'Authentication failed');
      return;
    }
    const intents = Number(d['intents'] ?? 0);
    if ((intents & PRIVILEGED_INTENTS) !== 0 && !this.opts.allowPrivilegedIntents) {
      this.violate('gateway', `IDENTIFY asked for privileged intents (${intents})`);
      conn.ws.close(4014, 'Disallowed intent(s)');
      return;
    }
    const shard = d['shard'];
    if (Array.isArray(shard) && (shard[0] !== 0 || shard[1] !== 1)) {
      conn.ws.close(4010, 'Invalid shard');
      return;
    }
    conn.authed = true;
    this.gateway.identifies++;
    this.bump('identify');
    if (this.session) this.invalidate(this.session);
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], socket: conn.ws, deliveredSeq: 0, invalid: false };
    this.session = session;
    this.dispatch('READY', {
      v: 10,
      user: { ...apiUser(this.bot), bot: true, verified: true, flags: 0, mfa_enabled: false },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['fake-discord'],
    });
    this.dispatch('GUILD_CREATE', this.guildPayload());
    const queued = this.pending;
    this.pending = [];
    for (const ev of queued) this.dispatch(ev.t, ev.d);
    this.bump('ready');
  }

  private resume(conn: Conn, d: Obj): void {
    const session = this.session;
    this.gateway.resumes++;
    this.bump('resume');
    if (!session || session.invalid || d['session_id'] !== session.id || d['token'] !== this.token) {
      this.gateway.invalidSessions++;
      this.sendOp(conn.ws, { op: 9, d: false });
      this.bump('invalid-session');
      return;
    }
    conn.authed = true;
    const from = Number(d['seq'] ?? 0);
    for (const ev of session.events) {
      if (ev.s > from) conn.ws.send(JSON.stringify(ev));
    }
    session.deliveredSeq = session.seq;
    session.socket = conn.ws;
    this.dispatch('RESUMED', { _trace: ['fake-discord'] });
    this.bump('resumed');
  }

  /** Moves a session's undelivered events to the queue for the next session. */
  private invalidate(session: Session): void {
    if (session.invalid) return;
    session.invalid = true;
    const skip = new Set(['READY', 'GUILD_CREATE', 'RESUMED']);
    const undelivered = session.events.filter((e) => e.s > session.deliveredSeq && !skip.has(e.t));
    this.pending.push(...undelivered.map((e) => ({ t: e.t, d: e.d })));
    if (this.session === session) this.session = null;
  }

  /**
   * Sends a dispatch (op 0) to the bot, with the next sequence number. While no session is
   * connected, the event waits: it is replayed on RESUME or delivered after the next READY.
   */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session || session.invalid) {
      this.pending.push({ t, d });
      return;
    }
    const ev: GatewayEventRecord = { op: 0, s: ++session.seq, t, d };
    session.events.push(ev);
    const ws = session.socket;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(ev));
      session.deliveredSeq = ev.s;
    }
  }

  /**
   * Closes the bot's gateway connection: with `code` (default 4000, which discord.js resumes
   * after), or abruptly (`terminate`, the client sees 1006). `invalidateSession` makes the next
   * RESUME fail with op 9, so the client re-identifies (after discord.js's ~5 s identify throttle).
   * Resolves once the socket is closed.
   */
  async dropGateway(opts: { code?: number; terminate?: boolean; invalidateSession?: boolean } = {}): Promise<void> {
    const session = this.session;
    const ws = session?.socket;
    if (!session || !ws) throw new Error('dropGateway: no connected gateway session');
    const conn = [...this.conns].find((c) => c.ws === ws);
    if (conn) conn.droppedByServer = true;
    session.socket = null;
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    if (opts.invalidateSession) this.invalidate(session);
    if (opts.terminate) ws.terminate();
    else ws.close(opts.code ?? 4000, 'dropped by test');
    await closed;
  }

  /** Whether a gateway session is connected and receiving dispatches. */
  get connected(): boolean {
    return Boolean(this.session?.socket && this.session.socket.readyState === WebSocket.OPEN);
  }

  /**
   * Resolves when `event` next happens (counted from the call, or from `after`, a value of
   * {@link gatewayCount}).
   */
  waitForGateway(event: GatewayEvent, opts: { after?: number; timeoutMs?: number } = {}): Promise<void> {
    const target = (opts.after ?? this.gatewayCount(event)) + 1;
    if (this.gatewayCount(event) >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onEvent = (): void => {
        if (this.gatewayCount(event) < target) return;
        clearTimeout(timer);
        this.events.off(event, onEvent);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off(event, onEvent);
        reject(new Error(`gateway: no "${event}" within ${opts.timeoutMs ?? 15_000} ms`));
      }, opts.timeoutMs ?? 15_000);
      this.events.on(event, onEvent);
    });
  }

  /** How many times a gateway event happened so far. */
  gatewayCount(event: GatewayEvent): number {
    return this.counts.get(event) ?? 0;
  }

  private bump(event: GatewayEvent): void {
    this.counts.set(event, this.gatewayCount(event) + 1);
    this.events.emit(event);
  }

  private channelPayload(id: string, name: string, position: number): Obj {
    const denied = this.botDenied.get(id);
    return {
      id,
      type: 0,
      guild_id: this.guildId,
      name,
      position,
      permission_overwrites: denied ? [{ id: this.botRoleId, type: 0, allow: '0', deny: denied.toString() }] : [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  private rolePayload(id: string, name: string, permissions: bigint, position: number, managed: boolean): Obj {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed,
      mentionable: false,
      flags: 0,
      ...(managed ? { tags: { bot_id: this.bot.id } } : {}),
    };
  }

  private guildPayload(): Obj {
    return {
      id: this.guildId,
      name: 'Verbatim Test Server',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.users.admin.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: 4,
      lazy: true,
      roles: [
        this.rolePayload(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0, false),
        this.rolePayload(this.staffRoleId, 'Staff', Permission.ManageGuild, 1, false),
        this.rolePayload(this.botRoleId, this.bot.username, MEMBER_PERMISSIONS, 2, true),
      ],
      emojis: [],
      stickers: [],
      channels: [this.channelPayload(this.channelId, 'general', 0), this.channelPayload(this.otherChannelId, 'policy', 1)],
      threads: [],
      members: [apiMember(this.bot, this.joinedAt, false)],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---------------------------------------------------------------- interactions

  private userFor(id: string | undefined): FakeUser {
    if (id === undefined) return this.users.alice;
    const known = [...Object.values(this.users), this.bot].find((u) => u.id === id || u.username === id);
    return known ?? { id, username: `user${id.slice(-4)}`, global_name: null, permissions: MEMBER_PERMISSIONS, roles: [] };
  }

  private channelFor(id: string | undefined): Obj {
    const cid = id ?? this.channelId;
    if (cid === this.otherChannelId) return this.channelPayload(cid, 'policy', 1);
    if (cid !== this.channelId) throw new Error(`unknown channel ${cid}`);
    return this.channelPayload(cid, 'general', 0);
  }

  private basePayload(type: number, data: Obj, o: InteractionOpts): Obj {
    if (o.context === 'bot-dm' || o.context === 'private-channel') return this.interactionOutsideGuild(type, data, o);
    const base = this.interactionInGuild(type, data, o);
    if (o.install === 'user') base['authorizing_integration_owners'] = { '1': this.userFor(o.userId).id };
    return base;
  }

  /** An interaction outside the server: no guild, no member; the user, a DM channel. */
  private interactionOutsideGuild(type: number, data: Obj, o: InteractionOpts): Obj {
    const user = this.userFor(o.userId);
    const bot = o.context === 'bot-dm';
    const install = bot ? (o.install ?? 'guild') : 'user';
    const channel: Obj = bot
      ? { ...this.dmPayload(user.id), ...(o.channelId ? { id: o.channelId } : {}) }
      : {
          id: o.channelId ?? this.groupDmChannelId,
          type: 3,
          name: 'delegates',
          last_message_id: null,
          flags: 0,
          recipients: [apiUser(user)],
          owner_id: user.id,
        };
    return {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      data,
      channel,
      channel_id: channel['id'],
      user: apiUser(user),
      token: `fake-itoken-${randomBytes(24).toString('base64url')}`,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS.toString(),
      locale: o.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: install === 'user' ? { '1': user.id } : { '0': '0' },
      context: bot ? 1 : 2,
      attachment_size_limit: 10_485_760,
    };
  }

  /**
   * Throws when the user could not run `def` where they are (`o.context`, `o.install`): a guild
   * command exists only in its guild; `contexts` (null: every context) and `integration_types`
   * (default: server install) must admit the place and the installation, as Discord's client shows them.
   */
  private checkContext(def: RegisteredCommand | undefined, o: InteractionOpts): void {
    if (!def || (o.context === undefined && o.install === undefined)) return;
    const context = o.context === 'bot-dm' ? 1 : o.context === 'private-channel' ? 2 : 0;
    const install = o.context === 'private-channel' ? 1 : o.install === 'user' ? 1 : 0;
    if (def['guild_id'] && context !== 0) throw new Error(`"${def.name}" is registered in a guild only: not available in DMs`);
    if (def['guild_id'] && install === 1) throw new Error(`"${def.name}" is a guild command: a user install offers global commands only`);
    const contexts = Array.isArray(def['contexts']) ? (def['contexts'] as number[]) : [0, 1, 2];
    if (!contexts.includes(context)) throw new Error(`"${def.name}" is not available in context ${context} (contexts ${JSON.stringify(contexts)})`);
    const types = Array.isArray(def['integration_types']) ? (def['integration_types'] as number[]) : [0];
    if (!types.includes(install))
      throw new Error(`"${def.name}" is not available to a ${install ? 'user' : 'server'} install (integration_types ${JSON.stringify(types)})`);
  }

  /** The channel interactions come from by default, for `o`. */
  private defaultChannel(o: InteractionOpts): string {
    return (
      o.channelId ??
      (o.context === 'bot-dm'
        ? String(this.dmPayload(this.userFor(o.userId).id)['id'])
        : o.context === 'private-channel'
          ? this.groupDmChannelId
          : this.channelId)
    );
  }

  private interactionInGuild(type: number, data: Obj, o: InteractionOpts): Obj {
    const user = this.userFor(o.userId);
    const perms = o.permissions !== undefined ? BigInt(o.permissions) : user.permissions;
    const channel = this.channelFor(o.channelId);
    return {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      channel,
      channel_id: channel['id'],
      member: { ...apiMember(user, this.joinedAt, false), permissions: perms.toString() },
      user: apiUser(user),
      token: `fake-itoken-${randomBytes(24).toString('base64url')}`,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS.toString(),
      locale: o.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  /**
   * Dispatches INTERACTION_CREATE. `payload` is merged over a complete guild interaction (id,
   * token, member, channel, …), so a partial object is enough. The deadline starts now.
   */
  sendInteraction(payload: Obj, o: InteractionOpts = {}): InteractionHandle {
    if (this.closed) throw new Error('fake Discord is closed');
    const type = typeof payload['type'] === 'number' ? payload['type'] : 2;
    const data = isObj(payload['data']) ? payload['data'] : {};
    const full = { ...this.basePayload(type, data, o), ...payload };
    const handle = new InteractionHandle(this, full);
    this.interactions.set(handle.id, handle);
    handle.timer = setTimeout(() => this.expire(handle), this.opts.interactionDeadlineMs);
    handle.timer.unref();
    this.dispatch('INTERACTION_CREATE', full);
    return handle;
  }

  private expire(h: InteractionHandle): void {
    h.timer = undefined;
    if (h.ack) return;
    h.didNotRespond = true;
    h.failure = new Error(`The application did not respond (interaction ${h.id} not acknowledged within ${this.opts.interactionDeadlineMs} ms)`);
    this.violate('did-not-respond', h.failure.message, { interactionId: h.id });
    for (const w of h.answerWaiters.splice(0)) w.reject(h.failure);
    for (const w of h.ackWaiters.splice(0)) w.reject(h.failure);
  }

  /** The registered command a user would pick (guild commands first), if any are registered. */
  private commandDef(name: string, type: number): RegisteredCommand | undefined {
    const all = [...(this.commandStore.get(this.guildId)?.values() ?? []), ...(this.commandStore.get('global')?.values() ?? [])];
    if (all.length === 0) return undefined;
    const def = all.find((c) => c.name === name && (c.type ?? 1) === type);
    if (!def) throw new Error(`no registered command "${name}" (type ${type}): a user cannot invoke it`);
    return def;
  }

  private checkCommandAccess(def: RegisteredCommand | undefined, o: InteractionOpts): void {
    if (!def || o.bypassPermissions) return;
    const required = def['default_member_permissions'];
    if (typeof required !== 'string') return;
    const user = this.userFor(o.userId);
    const perms = o.permissions !== undefined ? BigInt(o.permissions) : user.permissions;
    const need = BigInt(required);
    if ((perms & Permission.Administrator) === 0n && (perms & need) !== need) {
      throw new Error(`user ${user.username} cannot see "${def.name}" (default_member_permissions ${required})`);
    }
  }

  /**
   * A file a user attaches to a command option (type 11): pass the returned id as the option's
   * value. Its bytes are served at its `url` (`<origin>/attachments/<channel>/<id>/<name>`, no
   * authorization, as Discord's CDN serves it); `status` makes that download fail (e.g. 404).
   */
  attachment(filename: string, content: Buffer | string, opts: { contentType?: string; status?: number; size?: number } = {}): string {
    const id = snowflake();
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const url = `${this.origin}/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    this.uploads.set(id, {
      id,
      filename,
      size: opts.size ?? bytes.length,
      content_type: opts.contentType ?? 'application/octet-stream',
      url: `${url}?ex=${Math.floor(Date.now() / 1000 + 86400).toString(16)}`,
      proxy_url: url.replace('/attachments/', '/proxy/attachments/'),
      bytes,
      ...(opts.status !== undefined ? { status: opts.status } : {}),
    });
    return id;
  }

  /** Serves `/attachments/<channel>/<id>/<name>`; false when `path` is not a CDN address. */
  private serveAttachment(method: string, path: string, res: ServerResponse): boolean {
    const m = /^\/(?:proxy\/)?attachments\/\d+\/(\d+)\/[^/]+$/.exec(path);
    if (!m || (method !== 'GET' && method !== 'HEAD')) return false;
    const file = this.uploads.get(m[1]!);
    const status = file ? (file.status ?? 200) : 404;
    this.cdnRequests.push({ at: Date.now(), path, status });
    if (!file || status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end('not found');
      return true;
    }
    res.writeHead(200, { 'content-type': file.content_type, 'content-length': String(file.bytes.length) });
    res.end(method === 'HEAD' ? undefined : file.bytes);
    return true;
  }

  private resolvedFor(refs: { users: string[]; channels: string[]; roles: string[]; attachments?: string[] }): Obj | undefined {
    const attachments = refs.attachments ?? [];
    if (refs.users.length + refs.channels.length + refs.roles.length + attachments.length === 0) return undefined;
    const resolved: Obj = {};
    if (attachments.length > 0) {
      resolved['attachments'] = Object.fromEntries(
        attachments.map((id) => {
          const f = this.uploads.get(id);
          if (!f) throw new Error(`no attachment ${id}: create it with fake.attachment(name, content)`);
          const { bytes: _bytes, status: _status, ...api } = f;
          return [id, { ...api, ephemeral: true }];
        }),
      );
    }
    if (refs.users.length > 0) {
      const users: Obj = {};
      const members: Obj = {};
      for (const id of refs.users) {
        const u = this.userFor(id);
        users[u.id] = apiUser(u);
        const { user: _user, ...member } = apiMember(u, this.joinedAt, true);
        members[u.id] = member;
      }
      resolved['users'] = users;
      resolved['members'] = members;
    }
    if (refs.channels.length > 0) {
      resolved['channels'] = Object.fromEntries(
        refs.channels.map((id) => {
          const c = this.channelFor(id);
          return [id, { id, name: c['name'], type: c['type'], permissions: MEMBER_PERMISSIONS.toString() }];
        }),
      );
    }
    if (refs.roles.length > 0) {
      resolved['roles'] = Object.fromEntries(
        refs.roles.map((id) => [id, this.rolePayload(id, id === this.staffRoleId ? 'Staff' : 'role', 0n, 1, false)]),
      );
    }
    return resolved;
  }

  /**
   * A user runs `/name` with `options` (`{ query: 'drugs', year: 2019 }`; a nested object is a
   * subcommand). When commands are registered, types and allowed values come from them and a
   * command hidden by `default_member_permissions` throws, as the user could not run it.
   */
  slashCommand(name: string, options: OptionValues = {}, o: InteractionOpts = {}): InteractionHandle {
    const def = this.commandDef(name, 1);
    this.checkCommandAccess(def, o);
    this.checkContext(def, o);
    const { options: encoded, refs } = encodeOptions(options, def ? ((def['options'] as CommandOptionDef[] | undefined) ?? []) : undefined);
    const resolved = this.resolvedFor(refs);
    const data: Obj = {
      id: def?.id ?? snowflake(),
      name,
      type: 1,
      ...(encoded.length > 0 ? { options: encoded } : {}),
      ...(resolved ? { resolved } : {}),
      ...(def && def['guild_id'] ? { guild_id: def['guild_id'] } : {}),
    };
    return this.sendInteraction({ type: 2, data }, o);
  }

  /** A user types into option `focused` of `/name`; `options` holds what is typed so far. */
  autocomplete(name: string, options: OptionValues, focused: string, o: InteractionOpts = {}): InteractionHandle {
    const def = this.commandDef(name, 1);
    this.checkCommandAccess(def, o);
    this.checkContext(def, o);
    const { options: encoded } = encodeOptions(options, def ? ((def['options'] as CommandOptionDef[] | undefined) ?? []) : undefined, focused);
    const data: Obj = {
      id: def?.id ?? snowflake(),
      name,
      type: 1,
      options: encoded,
      ...(def && def['guild_id'] ? { guild_id: def['guild_id'] } : {}),
    };
    return this.sendInteraction({ type: 4, data }, o);
  }

  /**
   * The message a component interaction comes from: a message the bot sent (by id or a
   * {@link ReplyView}), checked to carry `customId` and to be visible to the user; or, with no
   * stored message, a synthetic one (`ephemeral` sets flag 64).
   */
  private componentMessage(customId: string, o: ComponentOpts): { message: Obj; component?: Obj } {
    const ref = o.message;
    const id = typeof ref === 'string' ? ref : (ref?.messageId ?? o.messageId);
    const stored = id !== undefined ? this.messages.get(id) : undefined;
    if (stored) {
      if (stored.deleted) throw new Error(`message ${stored.id} was deleted`);
      const user = this.userFor(o.userId);
      if (stored.visibleTo !== undefined && stored.visibleTo !== user.id) {
        throw new Error(`message ${stored.id} is ephemeral for another user; ${user.username} cannot click it`);
      }
      const component = findComponent(stored.components, customId);
      if (!component) throw new Error(`message ${stored.id} has no component with custom_id "${customId}"`);
      if (component['disabled'] === true) throw new Error(`component "${customId}" is disabled`);
      return { message: this.apiMessage(stored), component };
    }
    const message = this.apiMessage(
      this.storeMessage({
        channelId: o.channelId ?? this.channelId,
        body: { content: '', components: [] },
        flags: o.ephemeral ? EPHEMERAL : 0,
        type: 20,
        ...(o.ephemeral ? { visibleTo: this.userFor(o.userId).id } : {}),
        ...(id !== undefined ? { id } : {}),
      }),
    );
    return { message };
  }

  /** A user clicks the button `customId` (component_type 2). */
  button(customId: string, o: ComponentOpts = {}): InteractionHandle {
    const { message, component } = this.componentMessage(customId, o);
    if (component && component['type'] !== 2) throw new Error(`"${customId}" is not a button`);
    const channelId = String(message['channel_id']);
    return this.sendInteraction({ type: 3, message, data: { custom_id: customId, component_type: 2 } }, { ...o, channelId });
  }

  /** A user picks `values` in the string select `customId` (component_type 3). */
  selectMenu(customId: string, values: string[], o: ComponentOpts = {}): InteractionHandle {
    const { message, component } = this.componentMessage(customId, o);
    if (component) {
      if (component['type'] !== 3) throw new Error(`"${customId}" is not a string select`);
      const allowed = new Set(((component['options'] as Obj[] | undefined) ?? []).map((x) => String(x['value'])));
      for (const v of values) if (!allowed.has(v)) throw new Error(`select "${customId}" has no option "${v}"`);
    }
    const channelId = String(message['channel_id']);
    return this.sendInteraction({ type: 3, message, data: { custom_id: customId, component_type: 3, values } }, { ...o, channelId });
  }

  /**
   * A user runs the message context menu command `name` on a message: a stored message id, or
   * the text of a message someone (default bob) posted in the channel, which is stored first.
   */
  messageContextMenu(
    name: string,
    message: string | { id?: string; content: string; authorId?: string },
    o: InteractionOpts = {},
  ): InteractionHandle {
    const def = this.commandDef(name, 3);
    this.checkCommandAccess(def, o);
    this.checkContext(def, o);
    let target = typeof message === 'string' ? this.messages.get(message) : undefined;
    if (!target) {
      const m = typeof message === 'string' ? { content: message } : message;
      const author = this.userFor(m.authorId ?? this.users.bob.id);
      target = this.storeMessage({
        channelId: this.defaultChannel(o),
        body: { content: m.content },
        flags: 0,
        type: 0,
        author: apiUser(author),
        ...(m.id !== undefined ? { id: m.id } : {}),
      });
    }
    const data: Obj = {
      id: def?.id ?? snowflake(),
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: this.apiMessage(target) } },
      ...(def && def['guild_id'] ? { guild_id: def['guild_id'] } : {}),
    };
    return this.sendInteraction({ type: 2, data }, { ...o, channelId: target.channel_id });
  }

  /** A user submits the modal `customId` with text input values `fields` (custom_id → value). */
  modalSubmit(customId: string, fields: Record<string, string>, o: ComponentOpts = {}): InteractionHandle {
    const components = Object.entries(fields).map(([id, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: id, value }],
    }));
    const extra: Obj = {};
    const ref = o.message;
    const mid = typeof ref === 'string' ? ref : (ref?.messageId ?? o.messageId);
    const stored = mid !== undefined ? this.messages.get(mid) : undefined;
    if (stored) extra['message'] = this.apiMessage(stored);
    return this.sendInteraction({ type: 5, ...extra, data: { custom_id: customId, components } }, o);
  }

  /** An interaction by id (from the dispatch), e.g. to inspect one the bot answered. */
  interaction(id: string): InteractionHandle | undefined {
    return this.interactions.get(id);
  }

  // ---------------------------------------------------------------- messages

  /** @internal */
  message(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** Public messages in a channel as members see them (ephemeral and deleted ones excluded). */
  channelMessages(channelId: string = this.channelId): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.deleted && m.visibleTo === undefined);
  }

  /** Waits until a public message matching `predicate` is in the channel. */
  async waitForChannelMessage(
    channelId: string = this.channelId,
    predicate: (m: StoredMessage) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<StoredMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.channelMessages(channelId).find(predicate);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no matching message in channel ${channelId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private storeMessage(m: {
    channelId: string;
    body: Obj;
    flags: number;
    type: number;
    id?: string;
    author?: Obj;
    visibleTo?: string;
    interactionId?: string;
    webhook?: boolean;
    uploads?: Upload[];
  }): StoredMessage {
    const b = m.body;
    const stored: StoredMessage = {
      id: m.id ?? snowflake(),
      channel_id: m.channelId,
      author: m.author ?? { ...apiUser(this.bot), bot: true },
      content: typeof b['content'] === 'string' ? b['content'] : '',
      embeds: Array.isArray(b['embeds']) ? (b['embeds'] as Obj[]) : [],
      components: Array.isArray(b['components']) ? (b['components'] as Obj[]) : [],
      flags: m.flags,
      ...(b['allowed_mentions'] !== undefined ? { allowed_mentions: b['allowed_mentions'] } : {}),
      type: m.type,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      attachments: this.attachmentsFor(b, m.uploads ?? []),
      ...(m.webhook ? { webhook_id: this.applicationId } : {}),
      ...(m.visibleTo !== undefined ? { visibleTo: m.visibleTo } : {}),
      ...(m.interactionId !== undefined ? { interactionId: m.interactionId } : {}),
      deleted: false,
      edits: 0,
    };
    this.messages.set(stored.id, stored);
    return stored;
  }

  /** Applies an edit body to a stored message, recording attempts to change its visibility. */
  private editMessage(m: StoredMessage, body: Obj, ctx: { method: string; path: string; interactionId?: string }, uploads: Upload[] = []): void {
    if ('content' in body) m.content = typeof body['content'] === 'string' ? body['content'] : '';
    if ('embeds' in body) m.embeds = Array.isArray(body['embeds']) ? (body['embeds'] as Obj[]) : [];
    if ('components' in body) m.components = Array.isArray(body['components']) ? (body['components'] as Obj[]) : [];
    if ('allowed_mentions' in body) m.allowed_mentions = body['allowed_mentions'];
    if ('attachments' in body || uploads.length) m.attachments = this.attachmentsFor(body, uploads, m.attachments);
    if (typeof body['flags'] === 'number') {
      const wantEphemeral = (body['flags'] & EPHEMERAL) !== 0;
      if (wantEphemeral !== ((m.flags & EPHEMERAL) !== 0)) {
        this.violate(
          'visibility',
          `edit tried to make message ${m.id} ${wantEphemeral ? 'ephemeral' : 'public'}; visibility cannot change after sending`,
          {
            method: ctx.method,
            path: ctx.path,
            ...(ctx.interactionId !== undefined ? { interactionId: ctx.interactionId } : {}),
          },
        );
      }
      m.flags = (m.flags & ~SUPPRESS_EMBEDS) | (body['flags'] & SUPPRESS_EMBEDS);
    }
    m.flags &= ~LOADING;
    m.edits++;
    m.edited_timestamp = new Date().toISOString();
  }

  /** @internal The API shape of a stored message. */
  apiMessage(m: StoredMessage): Obj {
    return {
      id: m.id,
      channel_id: m.channel_id,
      guild_id: this.guildId,
      author: m.author,
      content: m.content,
      timestamp: m.timestamp,
      edited_timestamp: m.edited_timestamp,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: m.attachments,
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      type: m.type,
      flags: m.flags,
      ...(m.webhook_id !== undefined ? { webhook_id: m.webhook_id, application_id: this.applicationId } : {}),
    };
  }

  /** @internal The user's view of a stored message. */
  view(m: StoredMessage, type: number, deferred: boolean, latencyMs: number): ReplyView {
    return {
      type,
      deferred,
      ephemeral: (m.flags & EPHEMERAL) !== 0,
      content: m.content,
      embeds: m.embeds,
      components: m.components,
      ...(m.allowed_mentions !== undefined ? { allowed_mentions: m.allowed_mentions } : {}),
      flags: m.flags,
      attachments: this.attachmentViews(m),
      latencyMs,
      messageId: m.id,
    };
  }

  /** A message's attachments with their bytes. */
  attachmentViews(m: StoredMessage): AttachmentView[] {
    return m.attachments.map((a) => ({
      ...(a as unknown as Omit<AttachmentView, 'data'>),
      data: this.attachmentData.get(String(a['id'])) ?? Buffer.alloc(0),
    }));
  }

  private answer(h: InteractionHandle, view: ReplyView): void {
    if (h.answer) return;
    h.answer = view;
    // Resolve after the HTTP answer is written, so the request log is complete when tests look.
    setImmediate(() => {
      for (const w of h.answerWaiters.splice(0)) w.resolve(view);
    });
  }

  // ---------------------------------------------------------------- direct messages and channel permissions

  private dmPayload(userId: string): Obj {
    let id = this.dmChannels.get(userId);
    if (!id) this.dmChannels.set(userId, (id = snowflake()));
    return { id, type: 1, last_message_id: null, flags: 0, recipients: [apiUser(this.userFor(userId))] };
  }

  /** The bot's direct messages to a user (`'alice'`, or an id), oldest first. */
  directMessages(user: string): StoredMessage[] {
    const id = this.dmChannels.get(this.userFor(user).id);
    return id ? this.channelMessages(id) : [];
  }

  /** Waits until a direct message to `user` matches `predicate`. */
  async waitForDirectMessage(user: string, predicate: (m: StoredMessage) => boolean = () => true, timeoutMs = 5_000): Promise<StoredMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.directMessages(user).find(predicate);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no matching direct message to ${user} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The user's privacy settings refuse (false) or allow (true) direct messages from the bot. */
  setDirectMessages(user: string, open: boolean): void {
    const id = this.userFor(user).id;
    if (open) this.closedDms.delete(id);
    else this.closedDms.add(id);
  }

  /**
   * Denies permission bits to the bot in a channel (a role overwrite, e.g. `Permission.SendMessages`;
   * `0n` clears it). Sends CHANNEL_UPDATE, as Discord does; the bot's posts there then fail with
   * 50013 Missing Permissions (50001 Missing Access without View Channel).
   */
  denyBot(channelId: string, bits: bigint): void {
    if (bits === 0n) this.botDenied.delete(channelId);
    else this.botDenied.set(channelId, bits);
    this.dispatch('CHANNEL_UPDATE', this.channelFor(channelId));
  }

  // ---------------------------------------------------------------- REST

  /**
   * Makes the next matching REST request(s) fail: `{ status: 429, retryAfter: 0.2, global? }`
   * answers like Discord's rate limiter; any other status returns that error once.
   */
  failNext(rule: FailRule): void {
    this.failures.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** Registered commands: the test guild's (`guildId`) or global (`'global'`). */
  commands(scope: string = 'global'): RegisteredCommand[] {
    return [...(this.commandStore.get(scope)?.values() ?? [])];
  }

  /** Empties the request and violation logs (e.g. between tests sharing one server). */
  clearLogs(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }

  private violate(kind: string, detail: string, extra: Partial<Violation> = {}): void {
    this.violations.push({ at: Date.now() - this.startedAt, kind, detail, ...extra });
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    let body: unknown;
    const files: string[] = [];
    const uploads: Upload[] = [];
    const ct = req.headers['content-type'] ?? '';
    try {
      if (ct.includes('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
        const payload = form.get('payload_json');
        body = typeof payload === 'string' ? JSON.parse(payload) : {};
        for (const [key, value] of form.entries()) {
          if (key === 'payload_json') continue;
          files.push(typeof value === 'string' ? key : value.name);
          if (typeof value !== 'string') uploads.push({ field: key, filename: value.name, data: Buffer.from(await value.arrayBuffer()) });
        }
      } else if (raw.length > 0) {
        body = JSON.parse(raw.toString('utf8'));
      }
    } catch {
      this.send(res, 400, { message: '400: Bad Request', code: 50109 });
      return;
    }
    if (this.serveAttachment(method, url.pathname, res)) return;
    const prefix = '/api/v10';
    let pathname = url.pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // keep the raw path
    }
    const path = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
    const auth = req.headers['authorization'];
    const record: RecordedRequest = {
      at: Date.now() - this.startedAt,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      uploads,
      authorized: auth === `Bot ${this.token}`,
      status: 0,
      response: undefined,
    };
    this.requests.push(record);
    const idMatch = /^\/(?:interactions\/(\d+)\/([^/]+)|webhooks\/\d+\/([^/]+))/.exec(path);
    const handle = idMatch
      ? idMatch[1] !== undefined
        ? this.interactions.get(idMatch[1])
        : [...this.interactions.values()].find((h) => h.token === idMatch[3])
      : undefined;
    if (handle) {
      record.interactionId = handle.id;
      handle.requests.push(record);
    }

    let result: RouteResult;
    const headers: Record<string, string> = {};
    const fail = this.takeFailure(method, path);
    if (!url.pathname.startsWith(`${prefix}/`)) {
      this.violate('wrong-base', `request to ${url.pathname}: REST must be under ${prefix}`, { method, path });
      result = err(404, 0, '404: Not Found');
    } else if (fail) {
      record.injected = true;
      if (fail.status === 429) {
        const retryAfter = fail.retryAfter ?? 0.2;
        headers['retry-after'] = String(retryAfter);
        headers['x-ratelimit-scope'] = fail.global ? 'global' : 'user';
        if (fail.global) headers['x-ratelimit-global'] = 'true';
        result = { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(fail.global), code: 0 } };
      } else {
        result = err(fail.status, 0, `${fail.status}: injected failure`);
      }
    } else {
      const tooLarge = this.uploadLimits(uploads, method, path);
      result = tooLarge ?? (await this.route(method, path, { query: record.query, body, files, uploads, record }, auth));
    }
    record.status = result.status;
    record.response = result.body;
    this.send(res, result.status, result.body, headers);
  }

  /** Discord answers 413 (code 40005) to uploads over the size limit, and 400 to more than 10 files. */
  private uploadLimits(uploads: Upload[], method: string, path: string): RouteResult | undefined {
    const bytes = uploads.reduce((n, u) => n + u.data.length, 0);
    if (bytes > ATTACHMENT_SIZE_LIMIT) {
      this.violate('limit', `attachments of ${bytes} bytes (limit ${ATTACHMENT_SIZE_LIMIT})`, { method, path });
      return err(413, 40005, 'Request entity too large');
    }
    if (uploads.length > MAX_ATTACHMENTS) {
      this.violate('limit', `${uploads.length} files on one message (limit ${MAX_ATTACHMENTS})`, { method, path });
      return err(400, 50035, 'Invalid Form Body', {
        files: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] },
      });
    }
    return undefined;
  }

  /**
   * The attachments a message body ends up with: the `attachments` it lists that the message
   * already has (`keep`), then the uploaded files (matched to `attachments[].id` by `files[N]`).
   */
  private attachmentsFor(body: Obj, uploads: Upload[], keep: Obj[] = []): Obj[] {
    const listed = Array.isArray(body['attachments']) ? (body['attachments'] as Obj[]) : [];
    const out: Obj[] = 'attachments' in body ? keep.filter((a) => listed.some((l) => String(l['id']) === String(a['id']))) : [...keep];
    for (const u of uploads) {
      const n = /^files\[(\d+)\]$/.exec(u.field)?.[1] ?? u.field;
      const meta = listed.find((l) => String(l['id']) === n) ?? {};
      const id = snowflake();
      const ext = u.filename.split('.').pop()?.toLowerCase() ?? '';
      const filename = typeof meta['filename'] === 'string' ? meta['filename'] : u.filename;
      this.attachmentData.set(id, u.data);
      out.push({
        id,
        filename,
        size: u.data.length,
        ...(CONTENT_TYPES[ext] ? { content_type: CONTENT_TYPES[ext] } : {}),
        ...(typeof meta['description'] === 'string' ? { description: meta['description'] } : {}),
        url: `${this.origin}/attachments/${id}/${encodeURIComponent(filename)}`,
        proxy_url: `${this.origin}/attachments/${id}/${encodeURIComponent(filename)}`,
      });
    }
    return out;
  }

  private takeFailure(method: string, path: string): FailRule | undefined {
    const rule = this.failures.find((f) => f.remaining > 0 && f.route.test(path) && (!f.method || f.method.toUpperCase() === method));
    if (!rule) return undefined;
    rule.remaining--;
    this.failures = this.failures.filter((f) => f.remaining > 0);
    return rule;
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || body === undefined) {
      res.writeHead(status === 200 && body === undefined ? 204 : status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async route(method: string, path: string, ctx: RouteCtx, auth: string | undefined): Promise<RouteResult> {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.auth && auth !== `Bot ${this.token}`) {
        this.violate('unauthorized', auth ? 'wrong token in Authorization header' : 'missing Authorization header', { method, path });
        return err(401, 0, '401: Unauthorized');
      }
      return r.run(m.slice(1), ctx);
    }
    this.violate('unknown-route', `the fake does not implement ${method} ${path}`, { method, path });
    return err(404, 0, '404: Not Found');
  }

  /** Checks a body; returns a 400 Invalid Form Body when Discord would reject it. */
  private limits(breaches: LimitBreach[], ctx: RouteCtx, interactionId?: string): RouteResult | undefined {
    if (breaches.length === 0) return undefined;
    this.violate('limit', breaches.map((b) => `${b.path || '(message)'}: ${b.detail}`).join('; '), {
      method: ctx.record.method,
      path: ctx.record.path,
      breaches,
      ...(interactionId !== undefined ? { interactionId } : {}),
    });
    if (!this.opts.rejectInvalid) return undefined;
    const empty = breaches.find((b) => b.rule === 'empty-message');
    if (empty && breaches.length === 1) return err(400, 50006, 'Cannot send an empty message');
    return err(400, 50035, 'Invalid Form Body', formErrors(breaches));
  }

  private buildRoutes(): Route[] {
    const app = this.applicationId;
    const r = (method: string, pattern: RegExp, auth: boolean, run: Route['run']): Route => ({ method, pattern, auth, run });
    const appCheck = (id: string | undefined): RouteResult | undefined => (id === app ? undefined : err(403, 50001, 'Missing Access'));
    return [
      r('GET', /^\/gateway\/bot$/, true, () => ({
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      })),
      r('GET', /^\/gateway$/, false, () => ({ status: 200, body: { url: this.gatewayUrl } })),
      r('GET', /^\/users\/@me$/, true, () => ({
        status: 200,
        body: { ...apiUser(this.bot), bot: true, verified: true, flags: 0, mfa_enabled: false },
      })),
      r('GET', /^\/applications\/@me$/, true, () => ({
        status: 200,
        body: {
          id: app,
          name: this.bot.username,
          icon: null,
          description: 'Fake application for tests',
          bot_public: false,
          bot_require_code_grant: false,
          verify_key: 'f'.repeat(64),
          flags: 0,
          owner: apiUser(this.users.admin),
          team: null,
          bot: apiUser(this.bot),
          install_params: { scopes: ['bot', 'applications.commands'], permissions: MEMBER_PERMISSIONS.toString() },
        },
      })),
      r('GET', /^\/channels\/(\d+)$/, true, ([id]) => {
        const dmUser = [...this.dmChannels].find(([, cid]) => cid === id)?.[0];
        if (dmUser !== undefined) return { status: 200, body: this.dmPayload(dmUser) };
        try {
          return { status: 200, body: this.channelFor(id) };
        } catch {
          return err(404, 10003, 'Unknown Channel');
        }
      }),
      r('GET', /^\/guilds\/(\d+)$/, true, ([id]) =>
        id === this.guildId ? { status: 200, body: this.guildPayload() } : err(404, 10004, 'Unknown Guild'),
      ),
      r('POST', /^\/users\/@me\/channels$/, true, (_m, ctx) => {
        const recipient = isObj(ctx.body) ? String(ctx.body['recipient_id'] ?? '') : '';
        if (!recipient) return err(400, 50035, 'Invalid Form Body');
        return { status: 200, body: this.dmPayload(recipient) };
      }),
      r('POST', /^\/channels\/(\d+)\/messages$/, true, ([id], ctx) => {
        const dmUser = [...this.dmChannels].find(([, cid]) => cid === id)?.[0];
        if (id !== this.channelId && id !== this.otherChannelId && dmUser === undefined) return err(404, 10003, 'Unknown Channel');
        if (dmUser !== undefined && this.closedDms.has(dmUser)) return err(403, 50007, 'Cannot send messages to this user');
        const denied = this.botDenied.get(id as string) ?? 0n;
        if (denied & Permission.ViewChannel) return err(403, 50001, 'Missing Access');
        if (denied & (Permission.SendMessages | Permission.EmbedLinks)) return err(403, 50013, 'Missing Permissions');
        const body = isObj(ctx.body) ? ctx.body : {};
        const bad = this.limits(checkMessage(body, { hasFiles: ctx.files.length > 0 }), ctx);
        if (bad) return bad;
        const flags = typeof body['flags'] === 'number' ? body['flags'] & SUPPRESS_EMBEDS : 0;
        const m = this.storeMessage({ channelId: id as string, body, flags, type: 0, uploads: ctx.uploads });
        return { status: 200, body: this.apiMessage(m) };
      }),
      r('GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, ([cid, mid]) => {
        const m = this.messages.get(mid as string);
        if (!m || m.deleted || m.channel_id !== cid || m.visibleTo !== undefined) return err(404, 10008, 'Unknown Message');
        return { status: 200, body: this.apiMessage(m) };
      }),
      r('PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, ([cid, mid], ctx) => {
        const m = this.messages.get(mid as string);
        if (!m || m.deleted || m.channel_id !== cid) return err(404, 10008, 'Unknown Message');
        if (m.visibleTo !== undefined) return err(404, 10008, 'Unknown Message');
        if (m.author['id'] !== this.bot.id) return err(403, 50005, 'Cannot edit a message authored by another user');
        const body = isObj(ctx.body) ? ctx.body : {};
        const bad = this.limits(checkMessage(body, { edit: true }), ctx);
        if (bad) return bad;
        this.editMessage(m, body, ctx.record, ctx.uploads);
        return { status: 200, body: this.apiMessage(m) };
      }),
      r('DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, ([cid, mid]) => {
        const m = this.messages.get(mid as string);
        if (!m || m.deleted || m.channel_id !== cid) return err(404, 10008, 'Unknown Message');
        m.deleted = true;
        return { status: 204 };
      }),
      ...(['global', 'guild'] as const).flatMap((scope) => {
        const base =
          scope === 'global' ? String.raw`^\/applications\/(\d+)()\/commands` : String.raw`^\/applications\/(\d+)\/guilds\/(\d+)\/commands`;
        const key = (gid: string | undefined): string => (scope === 'global' ? 'global' : (gid ?? ''));
        const guildCheck = (gid: string | undefined): RouteResult | undefined =>
          scope === 'guild' && gid !== this.guildId ? err(403, 50001, 'Missing Access') : undefined;
        return [
          r('GET', new RegExp(`${base}$`), true, ([aid, gid]) => appCheck(aid) ?? guildCheck(gid) ?? { status: 200, body: this.commands(key(gid)) }),
          r('PUT', new RegExp(`${base}$`), true, ([aid, gid], ctx) => {
            const denied = appCheck(aid) ?? guildCheck(gid);
            if (denied) return denied;
            if (!Array.isArray(ctx.body)) return err(400, 50035, 'Invalid Form Body');
            return this.putCommands(key(gid), ctx.body, ctx, scope === 'guild' ? gid : undefined);
          }),
          r('POST', new RegExp(`${base}$`), true, ([aid, gid], ctx) => {
            const denied = appCheck(aid) ?? guildCheck(gid);
            if (denied) return denied;
            const existing = this.commands(key(gid)).filter((c) => !(isObj(ctx.body) && c.name === ctx.body['name']));
            const res = this.putCommands(key(gid), [...existing, ctx.body], ctx, scope === 'guild' ? gid : undefined);
            if (res.status !== 200) return res;
            const made = (res.body as RegisteredCommand[]).find((c) => isObj(ctx.body) && c.name === ctx.body['name']);
            return { status: 201, body: made };
          }),
          r('GET', new RegExp(`${base}\\/(\\d+)$`), true, ([aid, gid, cid]) => {
            const c = this.commandStore.get(key(gid))?.get(cid as string);
            return appCheck(aid) ?? (c ? { status: 200, body: c } : err(404, 10063, 'Unknown application command'));
          }),
          r('DELETE', new RegExp(`${base}\\/(\\d+)$`), true, ([aid, gid, cid]) => {
            const denied = appCheck(aid);
            if (denied) return denied;
            return this.commandStore.get(key(gid))?.delete(cid as string) ? { status: 204 } : err(404, 10063, 'Unknown application command');
          }),
        ];
      }),
      r('POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, false, ([id, token], ctx) => this.callback(id as string, token as string, ctx)),
      r('POST', /^\/webhooks\/(\d+)\/([^/]+)$/, false, ([aid, token], ctx) => this.followup(aid as string, token as string, ctx)),
      r('GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, false, ([aid, token, mid]) => {
        const found = this.webhookMessage(aid as string, token as string, mid as string);
        return 'status' in found ? found : { status: 200, body: this.apiMessage(found.m) };
      }),
      r('PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, false, ([aid, token, mid], ctx) =>
        this.webhookEdit(aid as string, token as string, mid as string, ctx),
      ),
      r('DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, false, ([aid, token, mid]) => {
        const found = this.webhookMessage(aid as string, token as string, mid as string);
        if ('status' in found) return found;
        found.m.deleted = true;
        return { status: 204 };
      }),
    ];
  }

  private putCommands(key: string, list: unknown[], ctx: RouteCtx, guildId: string | undefined): RouteResult {
    const breaches: LimitBreach[] = [];
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      if (!isObj(raw)) {
        breaches.push({ path: `${i}`, rule: 'type', detail: 'command must be an object' });
        return;
      }
      const type = typeof raw['type'] === 'number' ? raw['type'] : 1;
      const name = typeof raw['name'] === 'string' ? raw['name'] : '';
      if (seen.has(`${type}:${name}`)) breaches.push({ path: `${i}.name`, rule: 'duplicate', detail: `command "${name}" twice` });
      seen.add(`${type}:${name}`);
      if (type === 1) {
        if (!/^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name)) {
          breaches.push({ path: `${i}.name`, rule: 'pattern', detail: `invalid chat input command name "${name}"` });
        }
        const desc = typeof raw['description'] === 'string' ? raw['description'] : '';
        if (desc.length < 1 || desc.length > 100)
          breaches.push({ path: `${i}.description`, rule: 'length', detail: 'description must be 1-100 chars' });
        this.checkOptions(raw['options'], `${i}.options`, breaches);
      } else if (name.length < 1 || name.length > 32) {
        breaches.push({ path: `${i}.name`, rule: 'length', detail: 'context menu name must be 1-32 chars' });
      }
    });
    const counts = [1, 2, 3].map((t) => list.filter((c) => isObj(c) && ((c['type'] as number | undefined) ?? 1) === t).length);
    if ((counts[0] ?? 0) > 100) breaches.push({ path: '', rule: 'max-items', detail: 'more than 100 chat input commands' });
    if ((counts[1] ?? 0) > 5 || (counts[2] ?? 0) > 5)
      breaches.push({ path: '', rule: 'max-items', detail: 'more than 5 context menu commands of a type' });
    if (breaches.length > 0) {
      this.violate('limit', breaches.map((b) => `${b.path}: ${b.detail}`).join('; '), { method: ctx.record.method, path: ctx.record.path, breaches });
      return err(400, 50035, 'Invalid Form Body', formErrors(breaches));
    }
    const old = this.commandStore.get(key) ?? new Map<string, RegisteredCommand>();
    const next = new Map<string, RegisteredCommand>();
    for (const raw of list as Obj[]) {
      const type = (raw['type'] as number | undefined) ?? 1;
      const prev = [...old.values()].find((c) => c.name === raw['name'] && c.type === type);
      const cmd: RegisteredCommand = {
        application_id: this.applicationId,
        version: snowflake(),
        default_member_permissions: null,
        nsfw: false,
        contexts: null,
        integration_types: [0],
        description: '',
        ...raw,
        id: prev?.id ?? snowflake(),
        name: String(raw['name']),
        type,
        ...(guildId !== undefined ? { guild_id: guildId } : {}),
      };
      next.set(cmd.id, cmd);
    }
    this.commandStore.set(key, next);
    return { status: 200, body: [...next.values()] };
  }

  private checkOptions(options: unknown, path: string, breaches: LimitBreach[]): void {
    if (options === undefined) return;
    if (!Array.isArray(options)) {
      breaches.push({ path, rule: 'type', detail: 'options must be an array' });
      return;
    }
    if (options.length > 25) breaches.push({ path, rule: 'max-items', detail: `${options.length} options > 25` });
    let sawOptional = false;
    const names = new Set<string>();
    options.forEach((o, j) => {
      if (!isObj(o)) return;
      const p = `${path}.${j}`;
      const name = String(o['name'] ?? '');
      if (names.has(name)) breaches.push({ path: `${p}.name`, rule: 'duplicate', detail: `option "${name}" twice` });
      names.add(name);
      if (!/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u.test(name))
        breaches.push({ path: `${p}.name`, rule: 'pattern', detail: `invalid option name "${name}"` });
      const desc = typeof o['description'] === 'string' ? o['description'] : '';
      if (desc.length < 1 || desc.length > 100)
        breaches.push({ path: `${p}.description`, rule: 'length', detail: 'description must be 1-100 chars' });
      if (o['required'] === true && sawOptional) breaches.push({ path: p, rule: 'order', detail: 'required options must come before optional ones' });
      if (o['required'] !== true && o['type'] !== 1 && o['type'] !== 2) sawOptional = true;
      if (Array.isArray(o['choices']) && o['choices'].length > 25)
        breaches.push({ path: `${p}.choices`, rule: 'max-items', detail: 'more than 25 choices' });
      if (Array.isArray(o['choices']) && o['choices'].length > 0 && o['autocomplete'] === true) {
        breaches.push({ path: p, rule: 'conflict', detail: 'autocomplete cannot be used with choices' });
      }
      if (o['type'] === 1 || o['type'] === 2) this.checkOptions(o['options'], `${p}.options`, breaches);
    });
  }

  private callback(id: string, token: string, ctx: RouteCtx): RouteResult {
    const h = this.interactions.get(id);
    const path = ctx.record.path;
    if (!h || h.token !== token) return err(404, 10062, 'Unknown interaction');
    if (!h.ack && (h.didNotRespond || Date.now() - h.createdAt > this.opts.interactionDeadlineMs)) {
      this.violate('late-callback', `callback ${Date.now() - h.createdAt} ms after the interaction; the user saw "The application did not respond"`, {
        method: 'POST',
        path,
        interactionId: id,
      });
      return err(404, 10062, 'Unknown interaction');
    }
    if (h.ack) {
      this.violate('already-acknowledged', `second callback for interaction ${id}`, { method: 'POST', path, interactionId: id });
      return err(400, 40060, 'Interaction has already been acknowledged.');
    }
    const body = isObj(ctx.body) ? ctx.body : {};
    const type = Number(body['type']);
    const data = isObj(body['data']) ? body['data'] : {};
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    const componentMessage = isObj(h.payload['message']) ? h.payload['message'] : undefined;
    if (!(allowed[h.type] ?? []).includes(type) || ((type === 6 || type === 7) && !componentMessage)) {
      this.violate('callback-type', `callback type ${type} is not valid for interaction type ${h.type}`, { method: 'POST', path, interactionId: id });
      return err(400, 50035, 'Invalid Form Body', {
        type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Invalid interaction response type' }] },
      });
    }
    const hasFiles = ctx.uploads.length > 0;
    const breaches =
      type === 4
        ? checkMessage(data, { hasFiles })
        : type === 7
          ? checkMessage(data, { edit: true })
          : type === 8
            ? checkAutocomplete(data)
            : type === 9
              ? checkModal(data)
              : [];
    const bad = this.limits(breaches, ctx, id);
    if (bad) return bad;

    const now = Date.now();
    h.ack = { type, at: now };
    h.callbacks.push(h.ack);
    if (h.timer) clearTimeout(h.timer);
    setImmediate(() => {
      for (const w of h.ackWaiters.splice(0)) w.resolve({ type, latencyMs: now - h.createdAt });
    });
    const latency = now - h.createdAt;
    const channelId = String(h.payload['channel_id']);
    const flags = typeof data['flags'] === 'number' ? data['flags'] : 0;
    const ephemeral = (flags & EPHEMERAL) !== 0;
    const vis = ephemeral ? { visibleTo: h.userId } : {};
    let message: StoredMessage | undefined;
    if (type === 4 || type === 5) {
      message = this.storeMessage({
        channelId,
        uploads: type === 4 ? ctx.uploads : [],
        body: type === 4 ? data : {},
        flags: (flags & (EPHEMERAL | SUPPRESS_EMBEDS)) | (type === 5 ? LOADING : 0),
        type: h.type === 2 ? 20 : 19,
        interactionId: id,
        webhook: true,
        ...vis,
      });
      h.originalId = message.id;
      if (type === 4) this.answer(h, this.view(message, 4, false, latency));
    } else if (type === 6 || type === 7) {
      const mid = String(componentMessage?.['id']);
      message = this.messages.get(mid);
      if (!message && componentMessage) {
        message = this.storeMessage({
          channelId,
          body: componentMessage,
          flags: Number(componentMessage['flags'] ?? 0),
          type: 20,
          id: mid,
          webhook: true,
        });
      }
      if (message) {
        h.originalId = message.id;
        if (type === 7) {
          this.editMessage(message, data, { method: 'POST', path, interactionId: id }, ctx.uploads);
          this.answer(h, this.view(message, 7, false, latency));
        }
      }
    } else if (type === 8) {
      this.answer(h, {
        type: 8,
        deferred: false,
        ephemeral: true,
        content: '',
        embeds: [],
        components: [],
        attachments: [],
        flags: 0,
        latencyMs: latency,
        choices: Array.isArray(data['choices']) ? (data['choices'] as { name: string; value: string | number }[]) : [],
      });
    } else if (type === 9) {
      this.answer(h, {
        type: 9,
        deferred: false,
        ephemeral: true,
        content: '',
        embeds: [],
        components: [],
        attachments: [],
        flags: 0,
        latencyMs: latency,
        modal: data,
      });
    }
    if (ctx.query['with_response'] !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id,
          type: h.type,
          ...(message
            ? { response_message_id: message.id, response_message_loading: type === 5, response_message_ephemeral: (message.flags & EPHEMERAL) !== 0 }
            : {}),
        },
        resource: { type, ...(message ? { message: this.apiMessage(message) } : {}) },
      },
    };
  }

  private webhookHandle(appId: string, token: string): InteractionHandle | RouteResult {
    const h = [...this.interactions.values()].find((x) => x.token === token);
    if (appId !== this.applicationId || !h) return err(404, 10015, 'Unknown Webhook');
    return h;
  }

  private webhookMessage(appId: string, token: string, mid: string): { h: InteractionHandle; m: StoredMessage } | RouteResult {
    const h = this.webhookHandle(appId, token);
    if (!(h instanceof InteractionHandle)) return h;
    const id = mid === '@original' ? h.originalId : mid;
    const m = id !== undefined ? this.messages.get(id) : undefined;
    if (!m || m.deleted || (mid !== '@original' && m.interactionId !== h.id)) return err(404, 10008, 'Unknown Message');
    return { h, m };
  }

  private webhookEdit(appId: string, token: string, mid: string, ctx: RouteCtx): RouteResult {
    const found = this.webhookMessage(appId, token, mid);
    if ('status' in found) {
      this.violate('unknown-message', `edit of ${mid} before the interaction was acknowledged or after deletion`, {
        method: 'PATCH',
        path: ctx.record.path,
      });
      return found;
    }
    const { h, m } = found;
    const body = isObj(ctx.body) ? ctx.body : {};
    const bad = this.limits(checkMessage(body, { edit: true }), ctx, h.id);
    if (bad) return bad;
    const pick = <T>(key: string, current: T): unknown => (key in body ? body[key] : current);
    const willBeEmpty =
      !(typeof pick('content', m.content) === 'string' && (pick('content', m.content) as string).length > 0) &&
      !(Array.isArray(pick('embeds', m.embeds)) && (pick('embeds', m.embeds) as unknown[]).length > 0) &&
      !(Array.isArray(pick('components', m.components)) && (pick('components', m.components) as unknown[]).length > 0) &&
      !(Array.isArray(pick('attachments', m.attachments)) && (pick('attachments', m.attachments) as unknown[]).length > 0) &&
      ctx.files.length === 0;
    if (willBeEmpty) {
      const empty = this.limits([{ path: '', rule: 'empty-message', detail: 'Cannot send an empty message (50006)' }], ctx, h.id);
      if (empty) return empty;
    }
    this.editMessage(m, body, { method: 'PATCH', path: ctx.record.path, interactionId: h.id }, ctx.uploads);
    if (mid === '@original' && h.ack && (h.ack.type === 5 || h.ack.type === 6)) {
      this.answer(h, this.view(m, h.ack.type, true, Date.now() - h.createdAt));
    }
    return { status: 200, body: this.apiMessage(m) };
  }

  private followup(appId: string, token: string, ctx: RouteCtx): RouteResult {
    const h = this.webhookHandle(appId, token);
    if (!(h instanceof InteractionHandle)) return h;
    if (!h.ack) {
      this.violate('followup-before-ack', `follow-up for interaction ${h.id} before any callback`, {
        method: 'POST',
        path: ctx.record.path,
        interactionId: h.id,
      });
      return err(404, 10015, 'Unknown Webhook');
    }
    const body = isObj(ctx.body) ? ctx.body : {};
    const bad = this.limits(checkMessage(body, { hasFiles: ctx.files.length > 0 }), ctx, h.id);
    if (bad) return bad;
    const latency = Date.now() - h.createdAt;
    const original = h.originalId !== undefined ? this.messages.get(h.originalId) : undefined;
    // After a deferred reply, the first follow-up replaces the "thinking…" placeholder and keeps its visibility;
    // once the placeholder is deleted, a follow-up is a new message with its own flags (discord-api-docs#2739).
    if (h.ack.type === 5 && original && !original.deleted && (original.flags & LOADING) !== 0) {
      this.editMessage(
        original,
        { ...body, flags: original.flags & EPHEMERAL },
        { method: 'POST', path: ctx.record.path, interactionId: h.id },
        ctx.uploads,
      );
      this.answer(h, this.view(original, 5, true, latency));
      return { status: 200, body: this.apiMessage(original) };
    }
    const flags = typeof body['flags'] === 'number' ? body['flags'] & (EPHEMERAL | SUPPRESS_EMBEDS) : 0;
    const m = this.storeMessage({
      channelId: String(h.payload['channel_id']),
      body,
      uploads: ctx.uploads,
      flags,
      type: 19,
      interactionId: h.id,
      webhook: true,
      ...((flags & EPHEMERAL) !== 0 ? { visibleTo: h.userId } : {}),
    });
    const view = this.view(m, h.ack.type, false, latency);
    h.followups.push(view);
    if ((h.ack.type === 5 || h.ack.type === 6) && !h.answer) this.answer(h, { ...view, type: h.ack.type, deferred: true });
    return { status: 200, body: this.apiMessage(m) };
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Stops everything: gateway sockets, HTTP keep-alive connections, timers. Destroy the
   * discord.js client first, or it keeps trying to reconnect to a closed port.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.interactions.values()) {
      if (h.timer) clearTimeout(h.timer);
      const e = new Error('fake Discord closed');
      for (const w of h.answerWaiters.splice(0)) w.reject(e);
      for (const w of h.ackWaiters.splice(0)) w.reject(e);
    }
    for (const c of this.conns) c.ws.terminate();
    this.conns.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface InteractionOpts {
  /** A test user's id or username (`alice` default, `bob`, `admin`), or any id. */
  userId?: string;
  /** Override `member.permissions` (bitfield). */
  permissions?: bigint | string | number;
  channelId?: string;
  locale?: string;
  /** Skip the `default_member_permissions` visibility check. */
  bypassPermissions?: boolean;
  /**
   * Where the user is: `guild` (default, the test server), `bot-dm` (the DM with the bot) or
   * `private-channel` (a group DM or another user's DM, where only a user-installed app exists).
   */
  context?: 'guild' | 'bot-dm' | 'private-channel';
  /** Which installation the user invokes: `guild` (default; `user` in a private channel) or `user` (installed to their account). */
  install?: 'guild' | 'user';
}

export interface ComponentOpts extends InteractionOpts {
  /** The message the component is on: a stored message id or a {@link ReplyView} of it. */
  message?: string | ReplyView;
  messageId?: string;
  /** For a synthetic message: whether it is ephemeral. */
  ephemeral?: boolean;
}

/** Starts a fake Discord on 127.0.0.1 at a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
