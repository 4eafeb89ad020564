/**
 * Follows at run time: creating and removing them (what /follow calls), matching the passages that
 * enter the library (the library calls {@link FollowService.onEngine} with each new engine), and
 * delivering alerts and digests through an {@link Outbox} (src/discord/outbox.ts implements it with
 * discord.js). All work runs one task at a time, so a passage is queued once and sent once per
 * follow: the database's (follow, passage) key refuses a second queueing, and a passage is marked
 * sent in the transaction that confirms its alert.
 */
import { mergeFilters, parseQuery } from '../search/query.ts';
import { resolveCountry } from '../search/country-filter.ts';
import { mapFilterValues } from '../search/filter-values.ts';
import type { Database } from '../db/database.ts';
import type { Reply } from '../render/models.ts';
import { alertReply, dmWelcomeReply, dmsClosedNoticeReply, followExistsText, pausedNoticeReply } from '../render/follows.ts';
import { QueryError, type Hit, type SearchEngine, type SearchFilters } from '../types.ts';
import { ArrivalTracker } from './arrivals.ts';
import { ALERT_HITS } from '../render/follows.ts';
import { FollowIndex, analyse, compileFollow, type CompiledFollow } from './matcher.ts';
import { lastDue, nextDue, parseTime, validTimeZone, type DigestSettings } from './schedule.ts';
import { FollowStore, followKey, type Every, type Follow } from './store.ts';
import { timeSlicer } from '../time-slice.ts';

/** New passages matched per slice of work. */
const MATCH_CHUNK = 200;

/** Where an alert goes. */
export type Target = { channelId: string } | { userId: string };

/** Sends messages for follows (implemented over discord.js in src/discord/outbox.ts). */
export interface Outbox {
  /** Posts a new message. @throws DeliveryError */
  post(target: Target, reply: Reply): Promise<void>;
  /** Why the bot cannot post in a channel, or undefined when it can. */
  checkChannel(channelId: string): Promise<string | undefined>;
}

/**
 * A message could not be delivered. `permanent`: the bot lacks access (retrying will not help);
 * `rejected`: Discord refused this message itself (a bug on our side; sending it again would fail
 * again). Neither: a passing failure (network, 5xx after discord.js's retries), tried again later.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly rejected = false,
  ) {
    super(message);
  }
}

/** The reason a direct message fails when the member's privacy settings refuse the bot's DMs (Discord's 50007). */
export const DMS_CLOSED = 'direct messages are closed';

/** A request the bot refuses; the message is fit to show. */
export class FollowRefusal extends Error {
  override name = 'FollowRefusal';
}

/**
 * When more documents than this (and more than half the library) change in one update, it is taken
 * for another library rather than news: recorded without alerts, so switching DATA_DIR does not
 * flood every follow.
 */
export const MASS_CHANGE_DOCS = 1000;

/** Limits, stated in /about. */
export const FOLLOW_LIMITS = { perUser: 20, perGuild: 200 } as const;

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FollowServiceOptions {
  db: Database;
  log: Log;
  /** The clock (tests pass a fake one). */
  now?: () => number;
  limits?: { perUser: number; perGuild: number };
  /** How many follows are delivered at once (discord.js queues per route and waits out 429s). */
  concurrency?: number;
  /** See {@link MASS_CHANGE_DOCS} (tests lower it). */
  massChangeDocs?: number;
}

export interface CreateFollow {
  ownerId: string;
  guildId: string;
  /** Alerts to this channel; absent: to the owner's DMs. */
  channelId?: string;
  /** The channel the /follow command was used in: a DM follow's owner is told there if their DMs close. */
  madeIn?: string;
  /** Whether the member has Manage Channels (required for a channel follow). */
  canManageChannels: boolean;
  query: string;
  /** Filters given as options (facet values resolved). */
  filters: SearchFilters;
  every: Every;
}

/** A follow just made, and what its confirmation says. */
export interface FollowCreated {
  follow: Follow;
  settings: DigestSettings;
  /** Epoch ms of the first digest, when it is a digest. */
  nextDigest?: number;
  /** How the query was read leniently (src/search/query.ts: an unclosed quote, a spaced filter read as words). Absent when none. */
  notices?: string[];
}

/** What the /follow command uses. */
export interface FollowCommands {
  readonly limits: { perUser: number; perGuild: number };
  /** Makes a follow; `nextDigest` (epoch ms) when it is a digest, `notices` when its query was read leniently. */
  create(req: CreateFollow, engine: SearchEngine): Promise<FollowCreated>;
  visibleTo(userId: string, guildId: string | undefined): Follow[];
  remove(user: { id: string; canManageChannels: boolean }, guildId: string | undefined, id: number): Follow;
  settings(guildId: string, change?: { time?: string; timeZone?: string; weeklyDay?: number }): DigestSettings;
  /**
   * The passages of a sent alert beyond the first five, for "and N more", to `viewer` only when the
   * alert is theirs to see: their own follow's, or a channel follow's clicked in that channel.
   */
  alertRest(alertId: number, engine: SearchEngine, viewer: AlertViewer): AlertRest;
}

/** Who pressed an alert's button, and where. */
export interface AlertViewer {
  userId: string;
  channelId?: string;
}

/** An alert's rest; `gone` when its follow (and so the alert) was removed, `foreign` when it is not the viewer's to see. */
export type AlertRest = { follow: Follow; hits: Hit[]; total: number } | { refused: 'gone' | 'foreign' };

export class FollowService implements FollowCommands {
  readonly store: FollowStore;
  readonly limits: { perUser: number; perGuild: number };
  private readonly index = new FollowIndex();
  private readonly tracker: ArrivalTracker;
  private readonly now: () => number;
  private readonly log: Log;
  private readonly concurrency: number;
  private readonly massChangeDocs: number;
  private outbox: Outbox | undefined;
  private engine: SearchEngine | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private engineWaiting = false;
  /** Counters for logs and tests. */
  readonly stats = { updates: 0, newPassages: 0, matched: 0, alerts: 0, paused: 0, lastMatchMs: 0 };

  constructor(opts: FollowServiceOptions) {
    this.store = new FollowStore(opts.db);
    this.tracker = new ArrivalTracker(opts.db);
    this.now = opts.now ?? Date.now;
    this.log = opts.log;
    this.limits = opts.limits ?? { ...FOLLOW_LIMITS };
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.massChangeDocs = opts.massChangeDocs ?? MASS_CHANGE_DOCS;
    for (const f of this.store.all()) {
      if (f.paused) continue;
      try {
        this.index.add(compileFollow(f));
      } catch (err) {
        // a follow this version cannot read: pause it with the reason rather than fail the start
        this.store.pause(f.id, `its query can no longer be used (${(err as Error).message})`);
      }
    }
  }

  /** Active follows in the matcher. */
  get active(): number {
    return this.index.size;
  }

  /** Starts delivering (the bot is logged in): pending alerts go out, and digests are checked every `tickMs`. */
  start(outbox: Outbox, tickMs = 60_000): void {
    this.outbox = outbox;
    if (tickMs > 0) {
      this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log.error({ err }, 'follow tick failed')), tickMs);
      this.timer.unref();
    }
    void this.tick().catch((err: unknown) => this.log.error({ err }, 'follow tick failed'));
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.outbox = undefined;
    return this.idle();
  }

  /** Resolves when the work queued so far is done. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ------------------------------------------------------------ passages entering the library

  /**
   * The library has a new engine (opened, updated live, or rebuilt): finds the passages that are
   * new since the last one recorded, matches them, and sends instant alerts. Engines that arrive
   * while one is processed are folded into the next run (the diff is against the record).
   */
  onEngine(engine: SearchEngine): void {
    this.engine = engine;
    if (this.engineWaiting) return;
    this.engineWaiting = true;
    void this.serial(async () => {
      this.engineWaiting = false;
      await this.arrive();
      await this.deliverInstant();
    }).catch((err: unknown) => this.log.error({ err }, 'matching new passages failed'));
  }

  private async arrive(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const started = performance.now();
    const slice = timeSlicer();
    const arrivals = await this.tracker.diff(engine, slice);
    const documents = engine.stats().documents;
    if (!arrivals.baseline && arrivals.changedDocs > Math.max(this.massChangeDocs, documents / 2)) {
      // another library altogether (DATA_DIR changed, a bulk re-import): record it, alert nobody
      this.store.db.transaction(() => arrivals.commit());
      this.log.warn(
        { changedDocs: arrivals.changedDocs, documents },
        'follows: most of the library changed at once; recorded as the new starting point, no alerts sent',
      );
      return;
    }
    const matchStarted = performance.now();
    // in chunks, time-sliced: a bulk copy brings thousands of passages
    const matched = new Map<number, string[]>();
    for (let i = 0; i < arrivals.passages.length; i += MATCH_CHUNK) {
      await slice();
      for (const [followId, ids] of this.index.match(arrivals.passages.slice(i, i + MATCH_CHUNK).map(analyse))) {
        const all = matched.get(followId);
        if (all) all.push(...ids);
        else matched.set(followId, ids);
      }
    }
    const matchMs = performance.now() - matchStarted;
    // a member's identical follows (made before they were refused) share their passages: the oldest alone gets them
    const kept = new Map<string, number>();
    for (const followId of [...matched.keys()].sort((a, b) => a - b)) {
      const f = this.store.get(followId);
      if (!f) continue;
      const key = followKey(f);
      if (kept.has(key)) matched.delete(followId);
      else kept.set(key, followId);
    }
    const at = this.now();
    let queued = 0;
    try {
      this.store.db.transaction(() => {
        for (const [followId, ids] of matched) queued += this.store.addHits(followId, ids, at);
        arrivals.commit();
      });
    } catch (err) {
      this.tracker.reset();
      throw err;
    }
    this.stats.updates++;
    this.stats.newPassages += arrivals.passages.length;
    this.stats.matched += queued;
    this.stats.lastMatchMs = matchMs;
    if (arrivals.baseline) this.log.info({ documents: engine.stats().documents }, 'follows: library recorded (first run; nothing counts as new)');
    else if (arrivals.changedDocs || arrivals.removedDocs)
      this.log.info(
        {
          changedDocs: arrivals.changedDocs,
          removedDocs: arrivals.removedDocs,
          newPassages: arrivals.passages.length,
          editedPassages: arrivals.edited,
          copiedPassages: arrivals.copied,
          follows: this.index.size,
          followsMatched: matched.size,
          queued,
          matchMs: Math.round(matchMs * 100) / 100,
          ms: Math.round(performance.now() - started),
        },
        'follows: new passages matched',
      );
  }

  // ------------------------------------------------------------ delivery

  private async deliverInstant(): Promise<void> {
    const due = this.store
      .withPending()
      .map((id) => this.store.get(id))
      .filter((f): f is Follow => f !== undefined && !f.paused && f.every === 'instant');
    await this.pool(due, (f) => this.deliver(f));
  }

  /** Runs `fn` over `items`, `concurrency` at a time. */
  private async pool<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  /** The hits to show for passage ids, excerpts marked with the follow's words; ids no longer in the library are returned apart. */
  private hitsFor(ids: readonly string[], compiled: CompiledFollow | undefined, engine: SearchEngine): { hits: Hit[]; gone: string[] } {
    const hits: Hit[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const hit = engine.passage(id, compiled?.marks);
      if (!hit) {
        gone.push(id);
        continue;
      }
      hits.push(hit);
    }
    return { hits, gone };
  }

  /** Sends one follow's pending passages as one message. */
  private async deliver(f: Follow): Promise<void> {
    const outbox = this.outbox;
    const engine = this.engine;
    if (!outbox || !engine) return;
    let ids = this.store.pending(f.id);
    if (!ids.length) return;
    // passages an older identical follow of the member has (queued before duplicates were refused) are its to send
    const older = this.store
      .twinsOf(f)
      .filter((t) => t.id < f.id)
      .map((t) => t.id);
    const theirs = older.length ? this.store.heldBy(older, ids) : undefined;
    if (theirs?.size) {
      this.store.dropHits(f.id, [...theirs]);
      ids = ids.filter((id) => !theirs.has(id));
      if (!ids.length) return;
    }
    const { hits, gone } = this.hitsFor(ids, this.index.get(f.id), engine);
    if (gone.length) this.store.dropHits(f.id, gone);
    if (!hits.length) return;
    const alertId = this.store.reserveAlert(f.id, this.now());
    const target: Target = f.channelId ? { channelId: f.channelId } : { userId: f.ownerId };
    try {
      await outbox.post(target, alertReply(f, hits.slice(0, ALERT_HITS), hits.length, alertId));
    } catch (err) {
      this.store.cancelAlert(alertId);
      if (err instanceof DeliveryError && err.permanent) {
        await this.pause(f, err.message);
        return;
      }
      if (err instanceof DeliveryError && err.rejected) {
        // never loop on a message Discord refuses: its passages are settled unsent, and the log says why
        this.store.dropHits(
          f.id,
          hits.map((h) => h.id),
        );
        this.log.error({ follow: f.id, err: err.message, passages: hits.length }, 'follows: Discord refused the alert; its passages are dropped');
        return;
      }
      this.log.warn({ follow: f.id, err: (err as Error).message }, 'follows: alert not delivered; it stays queued for the next attempt');
      return;
    }
    this.store.confirmAlert(
      alertId,
      f.id,
      hits.map((h) => h.id),
    );
    this.stats.alerts++;
    this.log.info({ follow: f.id, alert: alertId, passages: hits.length, to: f.channelId ? 'channel' : 'dm' }, 'follows: alert sent');
  }

  /**
   * The bot lost access: pause the follow (no retries), log why, and tell the owner once: by DM for
   * a channel follow. A member whose DMs closed gets none of their DM follows' alerts: all of them
   * are paused at once, and the member is told once, in the channel one of them was made in,
   * mentioning them, without the follows' queries or alerts (that channel may be public).
   */
  private async pause(f: Follow, reason: string): Promise<void> {
    const dmsClosed = !f.channelId && reason === DMS_CLOSED;
    const paused = dmsClosed ? [f, ...this.store.activeDmFollowsOf(f.ownerId).filter((o) => o.id !== f.id)] : [f];
    for (const p of paused) {
      this.store.pause(p.id, reason);
      this.index.remove(p.id);
      this.stats.paused++;
      this.log.warn({ follow: p.id, owner: p.ownerId, channel: p.channelId, reason }, 'follows: follow paused');
    }
    if (f.ownerTold || !this.outbox) return;
    for (const p of paused) this.store.markOwnerTold(p.id);
    if (!f.channelId) {
      // the DM itself is what failed; follows made before madeIn was recorded are paused silently, as then
      const madeIn = dmsClosed ? paused.find((p) => p.madeIn)?.madeIn : undefined;
      if (!madeIn) return;
      const ids = paused.map((p) => p.id);
      await this.outbox.post({ channelId: madeIn }, dmsClosedNoticeReply(f.ownerId, ids)).then(
        () =>
          this.log.info(
            { follows: ids, channel: madeIn },
            'follows: told the owner in a channel a follow was made in that their DM follows are paused',
          ),
        (err: unknown) =>
          this.log.info(
            { follows: ids, channel: madeIn, err: (err as Error).message },
            'follows: could not tell the owner about the pause in the channel the follow was made in',
          ),
      );
      return;
    }
    await this.outbox
      .post({ userId: f.ownerId }, pausedNoticeReply(f, reason))
      .catch((err: unknown) => this.log.warn({ follow: f.id, err: (err as Error).message }, 'follows: could not tell the owner about the pause'));
  }

  /**
   * Periodic work (every minute; tests call it with a fake clock): digests that are due, and
   * instant alerts that an earlier attempt could not deliver.
   */
  tick(): Promise<void> {
    return this.serial(async () => {
      const now = this.now();
      const due: Follow[] = [];
      for (const f of this.store.all()) {
        if (f.paused || f.every === 'instant') continue;
        const slot = lastDue(now, f.every, this.store.settings(f.guildId));
        if ((f.lastDigest ?? f.createdAt) < slot) due.push(f);
      }
      await this.pool(due, async (f) => {
        await this.deliver(f);
        // settled when nothing is left to send (sent, or nothing came): nothing is sent when there is nothing
        if (this.outbox && this.store.pending(f.id).length === 0)
          this.store.setLastDigest(f.id, lastDue(now, f.every as 'daily' | 'weekly', this.store.settings(f.guildId)));
      });
      await this.deliverInstant();
    });
  }

  // ------------------------------------------------------------ commands

  async create(req: CreateFollow, engine: SearchEngine): Promise<FollowCreated> {
    const query = req.query.trim();
    // a follow keeps its query for good, so it is read strictly: a filter written with a space is a
    // filter (as before search read such text leniently), and where search would read it otherwise
    // the member is asked to write it unambiguously
    const parsed = parseQuery(query, { strictFilters: true });
    const lenient = parseQuery(query);
    if (JSON.stringify([parsed.filters, parsed.words]) !== JSON.stringify([lenient.filters, lenient.words])) {
      throw new QueryError(
        'A follow keeps its query for good, so write its filters without a space after the colon (country:COL, country:"South Africa", from:2019), or leave the colon out of words.',
      );
    }
    // the same checks and messages as /search: a query or filter that cannot be used throws QueryError
    await engine.search(query, { filters: req.filters, limit: 1 });
    compileFollow({ id: 0, query, filters: {} }); // alerts need a word to look for, and not too many
    const countries = engine.facet('country', '', 10_000);
    // each country value as its code (country:COL,MEX, -USA): the matcher compares codes
    const code = (v: string | undefined): string | undefined =>
      v === undefined ? undefined : mapFilterValues('country', v, (x) => resolveCountry(x, countries) ?? x);
    // each document value as its id (doc:A/RES/55/2, doc:Mexico): the matcher compares ids; the
    // search above has refused one that names no document or several
    const docId = (v: string | undefined): string | undefined =>
      v === undefined ? undefined : mapFilterValues('document', v, (x) => engine.documentNamed(x)?.id ?? x);
    const inline = { ...parsed.filters };
    const given = { ...req.filters };
    if (inline.country !== undefined) inline.country = code(inline.country)!;
    if (given.country !== undefined) given.country = code(given.country)!;
    if (inline.document !== undefined) inline.document = docId(inline.document)!;
    if (given.document !== undefined) given.document = docId(given.document)!;
    const filters = mergeFilters(inline, given);
    if (req.channelId && !req.canManageChannels) {
      throw new FollowRefusal(
        'Alerts to a channel need the **Manage Channels** permission. Leave out `channel` to get them in your direct messages instead.',
      );
    }
    if (this.store.countByOwner(req.ownerId) >= this.limits.perUser) {
      throw new FollowRefusal(`You already have ${this.limits.perUser} follows, the most one member may. Remove one with \`/follow remove\` first.`);
    }
    if (this.store.countByGuild(req.guildId) >= this.limits.perGuild) {
      throw new FollowRefusal(
        `This server already has ${this.limits.perGuild} follows, the most a server may. Remove some with \`/follow remove\` first.`,
      );
    }
    if (req.channelId) {
      const problem = this.outbox ? await this.outbox.checkChannel(req.channelId) : 'the bot is still connecting';
      if (problem) {
        throw new FollowRefusal(
          `I cannot post in <#${req.channelId}>: ${problem}. Give Verbatim View Channel, Send Messages and Embed Links there, or choose another channel.`,
        );
      }
    }
    const settings = this.store.settings(req.guildId);
    return this.serial(async () => {
      // the same follow twice would send every passage twice
      const twin = this.store.twinsOf({
        ownerId: req.ownerId,
        ...(req.channelId ? { channelId: req.channelId } : {}),
        query,
        filters,
        every: req.every,
      })[0];
      if (twin) throw new FollowRefusal(followExistsText(twin, settings));
      const now = this.now();
      const follow = this.store.insert({
        ownerId: req.ownerId,
        guildId: req.guildId,
        ...(req.channelId ? { channelId: req.channelId } : req.madeIn ? { madeIn: req.madeIn } : {}),
        query,
        filters,
        every: req.every,
        createdAt: now,
        lastDigest: now,
      });
      if (!req.channelId) {
        try {
          if (!this.outbox) throw new DeliveryError('the bot is still connecting', false);
          await this.outbox.post({ userId: req.ownerId }, dmWelcomeReply(follow, settings));
        } catch (err) {
          this.store.remove(follow.id);
          throw new FollowRefusal(
            `I cannot send you direct messages (${(err as Error).message}), so this follow was not made. Allow direct messages from server members, or ask a moderator for a channel follow.`,
          );
        }
      }
      this.index.add(compileFollow(follow));
      this.log.info(
        { follow: follow.id, owner: follow.ownerId, to: follow.channelId ? 'channel' : 'dm', every: follow.every },
        'follows: follow created',
      );
      const made: FollowCreated = { follow, settings };
      if (follow.every !== 'instant') made.nextDigest = nextDue(now, follow.every, settings);
      // the member is told how the query was read, since every alert will be matched that way
      if (parsed.notices.length) made.notices = [...parsed.notices];
      return made;
    });
  }

  visibleTo(userId: string, guildId: string | undefined): Follow[] {
    return this.store.visibleTo(userId, guildId);
  }

  remove(user: { id: string; canManageChannels: boolean }, guildId: string | undefined, id: number): Follow {
    const f = this.store.get(id);
    const visible = f && (f.ownerId === user.id || (f.channelId !== undefined && f.guildId === guildId));
    if (!f || !visible) throw new FollowRefusal(`No follow #${id} among yours or this server’s channel follows. \`/follow list\` shows them.`);
    if (f.ownerId !== user.id && !user.canManageChannels) {
      throw new FollowRefusal(`Follow #${id} was made by someone else; removing it needs the **Manage Channels** permission.`);
    }
    this.store.remove(id);
    this.index.remove(id);
    this.log.info({ follow: id, by: user.id }, 'follows: follow removed');
    return f;
  }

  settings(guildId: string, change: { time?: string; timeZone?: string; weeklyDay?: number } = {}): DigestSettings {
    const s = this.store.settings(guildId);
    if (change.time !== undefined) {
      const t = parseTime(change.time);
      if (!t) throw new FollowRefusal(`“${change.time.slice(0, 20)}” is not a time of day. Write it as HH:MM, e.g. 09:00 or 17:30.`);
      s.time = t;
    }
    if (change.timeZone !== undefined) {
      if (!validTimeZone(change.timeZone)) {
        throw new FollowRefusal(`“${change.timeZone.slice(0, 40)}” is not a time zone. Use a name such as Europe/Vienna, America/New_York or UTC.`);
      }
      s.timeZone = new Intl.DateTimeFormat('en-US', { timeZone: change.timeZone }).resolvedOptions().timeZone;
    }
    if (change.weeklyDay !== undefined) s.weeklyDay = change.weeklyDay;
    if (Object.keys(change).length) this.store.saveSettings(guildId, s);
    return s;
  }

  alertRest(alertId: number, engine: SearchEngine, viewer: AlertViewer): AlertRest {
    const alert = this.store.alert(alertId);
    const follow = alert && this.store.get(alert.followId);
    if (!alert || !follow) return { refused: 'gone' };
    // a DM follow is its owner's alone; a channel follow's alerts are for whoever is in its channel
    const theirs = follow.ownerId === viewer.userId || (follow.channelId !== undefined && follow.channelId === viewer.channelId);
    if (!theirs) {
      this.log.warn(
        { alert: alertId, follow: follow.id, by: viewer.userId },
        'follows: an alert button was pressed by someone it is not for; refused',
      );
      return { refused: 'foreign' };
    }
    const compiled = this.index.get(follow.id) ?? safeCompile(follow);
    const { hits } = this.hitsFor(alert.passageIds, compiled, engine);
    return { follow, hits, total: alert.passageIds.length };
  }
}

function safeCompile(f: Follow): CompiledFollow | undefined {
  try {
    return compileFollow(f);
  } catch (err) {
    if (err instanceof QueryError) return undefined;
    throw err;
  }
}
