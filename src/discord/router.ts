/**
 * Routes every interaction to its command and answers it inside Discord's 3-second window, through
 * one error boundary: user errors are shown as written, bugs become an apology quoting an error id
 * that is also logged. Visibility is fixed before deferring. An answer is deferred at once when
 * others are queued and, at the recent pace, the queue will not be through in time; otherwise only
 * when the work takes longer than about a second. Each interaction kind has its own function below;
 * they share a {@link RouterContext} (options, queue, messages in flight) and write one log line.
 */
import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
  RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { CommandContext, ComponentInput, ComponentMode, SlashCommand } from '../command.ts';
import type { LibraryHandle } from '../library/handle.ts';
import { UserFacingError } from '../command.ts';
import { ExpiredError, StateStore, idCommand } from '../render/custom-id.ts';
import { renderChoices, renderModal, renderReply } from '../render/discord.ts';
import type { Reply } from '../render/models.ts';
import { apologyReply, expiredReply, loadingReply, unknownCommandReply, userErrorReply } from '../render/replies.ts';
import { QueryError } from '../types.ts';
import { WorkQueue } from '../work-queue.ts';
import { botDm, contextMenuInput, formFields, invoker, optionValues, place, slashInput } from './interaction-input.ts';

export interface RouterOptions {
  commands: readonly SlashCommand[];
  library: LibraryHandle;
  log: Logger;
  version: string;
  /** The library's name for source lines (e.g. its folder's name). */
  libraryName?: string;
  /** Defer when the answer is not ready after this long (ms; default 1000). */
  deferAfterMs?: number;
  /** Database-backed features; each absent when the database could not be opened. */
  services?: Pick<CommandContext, 'saved' | 'follows' | 'uploads'>;
  /** Command runs accepted at once (running or queued); one more gets a "busy" reply (default {@link MAX_QUEUE}). */
  maxQueue?: number;
  /** Called once per handled interaction with its log fields (kind, command, outcome, ms), e.g. for metrics. */
  onInteraction?: (fields: Readonly<Record<string, unknown>>) => void;
}

/** Discord's deadline for the first response. */
const DEADLINE_MS = 3000;

/** Command runs accepted at once (running or queued); further ones are turned away politely. */
export const MAX_QUEUE = 100;

/** Time kept for sending an answer when deciding whether a queued run can answer without deferring. */
const REPLY_MARGIN_MS = 300;

/** How long a queued run waits for messages to Discord in flight before it runs anyway. */
const SEND_WAIT_MS = 2000;

/**
 * A public post from a control (Share…, a trend's Share…) pressed again by the same member on the
 * same message with the same choice within this long is a double click: answered privately, not
 * posted again.
 */
export const REPEAT_POST_MS = 15_000;

/** What a member sees when they press Share… again on what they just posted. */
export const REPEAT_POST_MESSAGE = 'You just shared that from this message; it was posted once and is not posted again.';

/** What a member sees when the queue is full. */
export const BUSY_MESSAGE = 'Verbatim is busy — please try again in a few seconds.';

/** A command Discord sent that the bot does not have (a stale registration). */
class UnknownCommandError extends Error {
  override name = 'UnknownCommandError';
  constructor(readonly command: string) {
    super(`unknown command ${command}`);
  }
}

/** A new error id: short, quotable, greppable in the log. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** What every handler shares: the options and what createRouter built from them. */
interface RouterContext {
  options: RouterOptions;
  byName: ReadonlyMap<string, SlashCommand>;
  store: StateStore;
  deferAfter: number;
  maxQueue: number;
  /** Command runs go one at a time, yielding to the event loop between them. */
  queue: WorkQueue;
  outgoing: Outgoing;
  /** Public posts from controls, by {@link Job.repeatKey}, with when they were pressed (double clicks). */
  recentPosts: Map<string, number>;
}

/** One interaction's log line in the making (`fields`) and its logger (which carries the interaction id). */
interface Handling {
  fields: Record<string, unknown>;
  log: Logger;
}

/** What a command, button or form asks for: how its answer is shown, and the work that makes it. */
interface Job {
  mode: ComponentMode;
  work: (ctx: CommandContext) => Reply | Promise<Reply>;
  /** The answer is a form: sent at once, neither queued nor deferred (a form cannot follow a deferral). */
  opensForm: boolean;
  /** A control that posts publicly: who pressed what on which message, so a double click posts once. */
  repeatKey?: string;
}

/** An interaction that can be answered, with a component's ways to edit the message it sits on. */
type Answerable = RepliableInteraction & {
  update?: MessageComponentInteraction['update'];
  deferUpdate?: MessageComponentInteraction['deferUpdate'];
};

/** How an interaction has been acknowledged so far. */
type Deferred = 'none' | 'update' | 'ephemeral' | 'public';

/** Where the answer went: the interaction's original response (editable with editReply), or elsewhere (a follow-up, an updated message, a form). */
type Sent = 'original' | 'other';

/**
 * Messages to Discord in flight. discord.js sends interaction callbacks one after another, each
 * needing several turns of the event loop, so a queued run waits until these are out (at most
 * {@link SEND_WAIT_MS}) rather than blocking them: acknowledgements first, searches after.
 */
class Outgoing {
  private readonly sending = new Set<Promise<unknown>>();

  /** Counts `p` as in flight until it settles; returns it. */
  track<T>(p: Promise<T>): Promise<T> {
    this.sending.add(p);
    p.then(
      () => this.sending.delete(p),
      () => this.sending.delete(p),
    );
    return p;
  }

  /** Resolves once nothing is in flight, or after {@link SEND_WAIT_MS} at most. */
  async sent(): Promise<void> {
    const until = Date.now() + SEND_WAIT_MS;
    while (this.sending.size > 0 && Date.now() < until) {
      await Promise.race([Promise.allSettled([...this.sending]), new Promise((r) => setTimeout(r, Math.max(1, until - Date.now())).unref())]);
    }
  }
}

/** Builds the interaction handler for `client.on('interactionCreate', …)`. */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const r: RouterContext = {
    options,
    byName: new Map(options.commands.map((c) => [c.data.name, c])),
    store: new StateStore(),
    deferAfter: options.deferAfterMs ?? 1000,
    maxQueue: options.maxQueue ?? MAX_QUEUE,
    queue: new WorkQueue(),
    outgoing: new Outgoing(),
    recentPosts: new Map(),
  };
  return (interaction) => route(r, interaction);
}

/** The one error boundary: every interaction ends in exactly one log line. */
async function route(r: RouterContext, interaction: Interaction): Promise<void> {
  const started = performance.now();
  const h: Handling = {
    fields: { interaction: interaction.id, user: interaction.user.id },
    log: r.options.log.child({ interaction: interaction.id }),
  };
  try {
    if (interaction.isAutocomplete()) await autocomplete(r, interaction, h);
    else if (interaction.isRepliable()) {
      const job = jobFor(r, interaction, h);
      if (job) await runJob(r, interaction as Answerable, job, h);
    }
  } catch (err) {
    noteOutcome(h, 'send-failed', logBug(h.log, err, 'could not answer the interaction'));
  } finally {
    logOutcome(r, h, started);
  }
}

/** Writes the interaction's log line and hands its fields to `onInteraction`. */
function logOutcome(r: RouterContext, h: Handling, started: number): void {
  h.fields['ms'] = Math.round(performance.now() - started);
  // the child logger already carries the interaction id: do not write the key twice
  const { interaction: _id, ...rest } = h.fields;
  h.log.info(rest, 'interaction');
  if (h.fields['kind'] !== undefined) r.options.onInteraction?.(h.fields);
}

/** Logs a bug under a new error id, which it returns for the user's apology and the log line. */
function logBug(log: Logger, err: unknown, message: string): string {
  const errorId = newErrorId();
  log.error({ err, errorId }, message);
  return errorId;
}

function noteOutcome(h: Handling, outcome: string, errorId?: string): void {
  h.fields['outcome'] = outcome;
  if (errorId) h.fields['errorId'] = errorId;
}

/** Turns a thrown error into what the user sees, noting the outcome; bugs are logged with their id. */
function errorReply(err: unknown, h: Handling): Reply {
  if (err instanceof UserFacingError || err instanceof QueryError) {
    noteOutcome(h, 'user-error');
    return userErrorReply(err.message);
  }
  if (err instanceof UnknownCommandError) {
    noteOutcome(h, 'unknown-command');
    h.log.warn({ command: err.command }, 'a command the bot does not have: the registered commands are out of date (npm run deploy-commands)');
    return unknownCommandReply(err.command);
  }
  if (err instanceof ExpiredError) {
    noteOutcome(h, 'expired');
    return expiredReply('Run the command again.');
  }
  const errorId = logBug(h.log, err, 'interaction failed');
  noteOutcome(h, 'bug', errorId);
  return apologyReply(errorId);
}

/**
 * What commands get to work with; undefined while the library is not ready. `finishLater`, when
 * given, receives the work a command hands to {@link CommandContext.finishLater}.
 */
function commandContext(r: RouterContext, h: Handling, finishLater?: (work: () => Promise<Reply>) => void): CommandContext | undefined {
  const state = r.options.library.state();
  if (state.status !== 'ready') return undefined;
  const { options } = r;
  return {
    engine: state.engine,
    library: options.library,
    store: r.store,
    version: options.version,
    ...(options.libraryName !== undefined ? { libraryName: options.libraryName } : {}),
    note: (f) => Object.assign(h.fields, f),
    ...(options.services?.saved ? { saved: options.services.saved } : {}),
    ...(options.services?.follows ? { follows: options.services.follows } : {}),
    ...(options.services?.uploads ? { uploads: options.services.uploads } : {}),
    ...(finishLater ? { finishLater } : {}),
  };
}

/** Suggestions while an option is typed; a failing suggester is logged and offers none. */
async function autocomplete(r: RouterContext, interaction: AutocompleteInteraction, h: Handling): Promise<void> {
  const command = identify(r, h, 'autocomplete', interaction.commandName);
  const ctx = commandContext(r, h);
  let choices: { name: string; value: string }[] = [];
  if (ctx && command?.autocomplete) {
    const focused = interaction.options.getFocused(true);
    h.fields['option'] = focused.name;
    try {
      const { options: values, subcommand } = optionValues(interaction);
      const input = {
        option: focused.name,
        value: String(focused.value),
        options: values,
        user: invoker(interaction),
        ...place(interaction),
        ...(subcommand ? { subcommand } : {}),
      };
      choices = renderChoices(await command.autocomplete(input, ctx));
    } catch (err) {
      logBug(h.log, err, 'autocomplete failed');
    }
  }
  h.fields['hits'] = choices.length;
  await interaction.respond(choices);
}

/** Notes the interaction's kind and command name in its log line, and finds the command. */
function identify(r: RouterContext, h: Handling, kind: string, name: string): SlashCommand | undefined {
  h.fields['kind'] = kind;
  h.fields['command'] = name;
  return r.byName.get(name);
}

/** The job an answerable interaction asks for; undefined for kinds the bot does not handle. */
function jobFor(r: RouterContext, interaction: Interaction, h: Handling): Job | undefined {
  if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) return commandJob(r, interaction, h);
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const handler = identify(r, h, 'component', idCommand(interaction.customId))?.component;
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    const job = componentJob(
      handler,
      { id: interaction.customId, values, user: invoker(interaction), ...botDm(interaction), ...place(interaction) },
      h,
    );
    if (job.mode === 'public') job.repeatKey = JSON.stringify([interaction.message.id, interaction.user.id, interaction.customId, values]);
    return job;
  }
  if (interaction.isModalSubmit()) {
    const handler = identify(r, h, 'modal', idCommand(interaction.customId))?.component;
    return componentJob(
      handler,
      { id: interaction.customId, values: [], fields: formFields(interaction), user: invoker(interaction), ...place(interaction) },
      h,
    );
  }
  return undefined;
}

/** A slash command, or a message context menu command such as "Find related statements". */
function commandJob(r: RouterContext, interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, h: Handling): Job {
  const name = interaction.commandName;
  const command = identify(r, h, 'command', name);
  const mode = command?.visibility ?? 'ephemeral';
  const input = interaction.isChatInputCommand() ? slashInput(interaction) : contextMenuInput(interaction);
  if (h.log.isLevelEnabled('debug')) h.fields['input'] = input.options;
  return {
    mode,
    work: (ctx) => {
      if (!command) throw new UnknownCommandError(name);
      return command.run(input, ctx);
    },
    opensForm: command?.opensForm?.(input) ?? false,
  };
}

/** A button, select menu or submitted form, handled by the command its custom id names. */
function componentJob(handler: SlashCommand['component'], input: ComponentInput, h: Handling): Job {
  const mode = handler?.mode(input.id, input) ?? 'ephemeral';
  if (h.log.isLevelEnabled('debug')) h.fields['customId'] = input.id;
  return {
    mode,
    work: (ctx) => {
      if (!handler) throw new ExpiredError(`no handler for ${input.id}`);
      return handler.run(input, ctx);
    },
    opensForm: false,
  };
}

/** Answers a job, unless the library is not ready or the queue is full. */
async function runJob(r: RouterContext, interaction: Answerable, job: Job, h: Handling): Promise<void> {
  let later: (() => Promise<Reply>) | undefined;
  const ctx = commandContext(r, h, (work) => (later = work));
  if (!ctx) {
    const state = r.options.library.state();
    noteOutcome(h, 'not-ready');
    const reply =
      state.status === 'loading'
        ? loadingReply(state.done, state.total)
        : userErrorReply('The library could not be loaded; an administrator has to fix it (see the bot’s log).');
    await interaction.reply(renderReply(reply, 'new'));
    return;
  }
  if (job.opensForm) {
    noteOutcome(h, 'ok');
    await answerAtOnce(r, interaction, () => job.work(ctx), h);
    return;
  }
  if (r.queue.size >= r.maxQueue) {
    noteOutcome(h, 'busy');
    await r.outgoing.track(interaction.reply(renderReply(userErrorReply(BUSY_MESSAGE), 'new')));
    return;
  }
  if (job.repeatKey && isRepeat(r, job.repeatKey)) {
    noteOutcome(h, 'repeat');
    await r.outgoing.track(interaction.reply(renderReply(userErrorReply(REPEAT_POST_MESSAGE), 'new')));
    return;
  }
  noteOutcome(h, 'ok');
  const sent = await answer(r, interaction, job.mode, () => job.work(ctx), h);
  // a post that failed or was never made (an error; an expired result, answered privately) may be
  // tried again at once
  if (job.repeatKey && (h.fields['outcome'] !== 'ok' || h.fields['visibility'] !== 'public')) r.recentPosts.delete(job.repeatKey);
  if (later) await finish(r, interaction, later, sent, h);
}

/** Whether `key` was pressed within {@link REPEAT_POST_MS}; records it otherwise. Forgets older presses. */
function isRepeat(r: RouterContext, key: string): boolean {
  const now = Date.now();
  for (const [k, at] of r.recentPosts) {
    if (now - at < REPEAT_POST_MS) break; // in insertion order: the rest are newer
    r.recentPosts.delete(k);
  }
  if (r.recentPosts.has(key)) return true;
  r.recentPosts.set(key, now);
  return false;
}

/**
 * The rest of an answer a command finished outside the queue ({@link CommandContext.finishLater}):
 * runs the work (other commands go on meanwhile) and puts its reply in place of the first answer,
 * or in a new message when the first answer was not the original response. Errors are answered
 * as anywhere else.
 */
async function finish(r: RouterContext, interaction: Answerable, work: () => Promise<Reply>, sent: Sent, h: Handling): Promise<void> {
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await work();
  } catch (err) {
    reply = errorReply(err, h);
  }
  h.fields['laterMs'] = Math.round(performance.now() - started);
  if (sent === 'original') await r.outgoing.track(interaction.editReply(renderReply(reply, 'edit')));
  else await r.outgoing.track(interaction.followUp(renderReply({ ...reply, visibility: 'ephemeral' }, 'new')));
}

/** How long we may wait before deferring, given how old the interaction already is. */
function deferDelay(r: RouterContext, interaction: Interaction): number {
  const age = Date.now() - interaction.createdTimestamp;
  if (!(age >= 0 && age < DEADLINE_MS * 10)) return r.deferAfter;
  return Math.max(0, Math.min(r.deferAfter, DEADLINE_MS - 1500 - age));
}

/**
 * Runs the work in the queue and sends its answer, deferring first when it will not be ready in
 * time: at once when others are waiting and, at the recent pace, this run will not be through
 * before it must be deferred; otherwise (light searches) the answer comes directly, and a timer
 * defers it only if it runs late.
 */
async function answer(
  r: RouterContext,
  interaction: Answerable,
  mode: ComponentMode,
  work: () => Reply | Promise<Reply>,
  h: Handling,
): Promise<Sent> {
  const deferNow = r.queue.size > 0 && r.queue.expectedMs() > deferDelay(r, interaction) - REPLY_MARGIN_MS;
  const slot = r.queue.reserve();
  let deferred: Deferred = 'none';
  const defer = async (): Promise<void> => {
    deferred = await deferReply(interaction, mode);
    h.fields['deferred'] = true;
  };
  if (deferNow) {
    h.fields['queued'] = r.queue.size - 1;
    try {
      await r.outgoing.track(defer());
    } catch (err) {
      slot.cancel();
      throw err;
    }
  }
  const result = slot
    .run(async () => (await r.outgoing.sent(), work()))
    .then(
      (reply) => reply,
      (err: unknown) => errorReply(err, h),
    );
  if (!deferNow) {
    const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, deferDelay(r, interaction), 'timeout').unref());
    if ((await Promise.race([result, timer])) === 'timeout') await r.outgoing.track(defer());
  }
  const reply = await result;
  h.fields['visibility'] = reply.visibility;
  return await r.outgoing.track(respond(interaction, reply, deferred, h));
}

/** Answers without queueing or deferring (a form, which can only be the first response). */
async function answerAtOnce(r: RouterContext, interaction: Answerable, work: () => Reply | Promise<Reply>, h: Handling): Promise<void> {
  let reply: Reply;
  try {
    reply = await work();
  } catch (err) {
    reply = errorReply(err, h);
  }
  await r.outgoing.track(respond(interaction, reply, 'none', h));
}

/** Acknowledges the interaction with the visibility its answer will have; says how. */
async function deferReply(interaction: Answerable, mode: ComponentMode): Promise<Exclude<Deferred, 'none'>> {
  if (mode === 'update' && interaction.deferUpdate) {
    await interaction.deferUpdate();
    return 'update';
  }
  const visibility = mode === 'public' ? 'public' : 'ephemeral';
  await interaction.deferReply(visibility === 'ephemeral' ? { flags: 'Ephemeral' } : {});
  return visibility;
}

/** Sends the answer in the one way left open by how the interaction was acknowledged. */
async function respond(interaction: Answerable, first: Reply, deferred: Deferred, h: Handling): Promise<Sent> {
  let reply = first;
  if (reply.modal) {
    if (deferred === 'none' && 'showModal' in interaction && typeof interaction.showModal === 'function') {
      await (interaction as unknown as { showModal(m: ReturnType<typeof renderModal>): Promise<unknown> }).showModal(renderModal(reply.modal));
      h.fields['modal'] = true;
      return 'other';
    }
    // a form can only be the first answer (not after a deferral, not to a form)
    reply = userErrorReply('That needs a form, which cannot be opened here. Run the command again.');
  }
  if (deferred === 'none') {
    if (reply.update && interaction.update) {
      await interaction.update(renderReply(reply, 'edit'));
      return 'other';
    }
    await interaction.reply(renderReply(reply, 'new'));
    return 'original';
  }
  if (deferred === 'update') {
    if (reply.update) await interaction.editReply(renderReply(reply, 'edit'));
    else await interaction.followUp(renderReply(reply, 'new'));
    return 'other';
  }
  if (reply.visibility === deferred) {
    await interaction.editReply(renderReply(reply, 'edit'));
    return 'original';
  }
  // Visibility cannot change after deferring: replace the placeholder with a new message.
  await interaction.deleteReply().catch(() => undefined);
  await interaction.followUp(renderReply(reply, 'new'));
  return 'other';
}
