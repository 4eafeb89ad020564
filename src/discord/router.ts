/**
 * Routes every interaction to its command and answers it inside Discord's 3-second window, through
 * one error boundary: user errors are shown as written, bugs become an apology quoting an error id
 * that is also logged. Visibility is fixed before deferring; deferral happens only when the work
 * takes longer than about a second.
 */
import { randomBytes } from 'node:crypto';
import type { AutocompleteInteraction, Interaction, MessageComponentInteraction, RepliableInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandContext, ComponentMode, SlashCommand } from '../command.ts';
import type { LibraryHandle } from '../library/handle.ts';
import { UserFacingError } from '../command.ts';
import { ExpiredError, StateStore, idCommand } from '../render/custom-id.ts';
import { renderChoices, renderModal, renderReply } from '../render/discord.ts';
import type { Reply } from '../render/models.ts';
import { apologyReply, expiredReply, loadingReply, userErrorReply } from '../render/replies.ts';
import { QueryError } from '../types.ts';
import { WorkQueue } from '../work-queue.ts';
import { contextMenuInput, formFields, invoker, optionValues, place, slashInput } from './interaction-input.ts';

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

/** What a member sees when the queue is full. */
export const BUSY_MESSAGE = 'Verbatim is busy — please try again in a few seconds.';

/** A new error id: short, quotable, greppable in the log. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Turns a thrown error into what the user sees; bugs are logged with their id. */
function errorReply(err: unknown, log: Logger): { reply: Reply; outcome: string; errorId?: string } {
  if (err instanceof UserFacingError || err instanceof QueryError) return { reply: userErrorReply(err.message), outcome: 'user-error' };
  if (err instanceof ExpiredError) return { reply: expiredReply('Run the command again.'), outcome: 'expired' };
  const errorId = newErrorId();
  log.error({ err, errorId }, 'interaction failed');
  return { reply: apologyReply(errorId), outcome: 'bug', errorId };
}

/** Builds the interaction handler for `client.on('interactionCreate', …)`. */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const byName = new Map(options.commands.map((c) => [c.data.name, c]));
  const store = new StateStore();
  const deferAfter = options.deferAfterMs ?? 1000;
  const maxQueue = options.maxQueue ?? MAX_QUEUE;
  /** Command runs go one at a time, yielding to the event loop between them. */
  const queue = new WorkQueue();
  /**
   * Messages to Discord in flight. discord.js sends interaction callbacks one after another, each
   * needing several turns of the event loop, so a queued run waits until these are out (at most
   * {@link SEND_WAIT_MS}) rather than blocking them: acknowledgements first, searches after.
   */
  const sending = new Set<Promise<unknown>>();
  function track<T>(p: Promise<T>): Promise<T> {
    sending.add(p);
    p.then(
      () => sending.delete(p),
      () => sending.delete(p),
    );
    return p;
  }
  async function sendsOut(): Promise<void> {
    const until = Date.now() + SEND_WAIT_MS;
    while (sending.size > 0 && Date.now() < until) {
      await Promise.race([Promise.allSettled([...sending]), new Promise((r) => setTimeout(r, Math.max(1, until - Date.now())).unref())]);
    }
  }

  function context(fields: Record<string, unknown>): CommandContext | undefined {
    const state = options.library.state();
    if (state.status !== 'ready') return undefined;
    return {
      engine: state.engine,
      library: options.library,
      store,
      version: options.version,
      ...(options.libraryName !== undefined ? { libraryName: options.libraryName } : {}),
      note: (f) => Object.assign(fields, f),
      ...(options.services?.saved ? { saved: options.services.saved } : {}),
      ...(options.services?.follows ? { follows: options.services.follows } : {}),
      ...(options.services?.uploads ? { uploads: options.services.uploads } : {}),
    };
  }

  /** How long we may wait before deferring, given how old the interaction already is. */
  function deferDelay(interaction: Interaction): number {
    const age = Date.now() - interaction.createdTimestamp;
    if (!(age >= 0 && age < DEADLINE_MS * 10)) return deferAfter;
    return Math.max(0, Math.min(deferAfter, DEADLINE_MS - 1500 - age));
  }

  async function answer(
    interaction: RepliableInteraction & { update?: MessageComponentInteraction['update']; deferUpdate?: MessageComponentInteraction['deferUpdate'] },
    mode: ComponentMode,
    work: () => Reply | Promise<Reply>,
    fields: Record<string, unknown>,
    log: Logger,
  ): Promise<void> {
    // Others are waiting and, at the recent pace, this run will not be through before it must be
    // deferred: acknowledge at once, before queueing. When the queue will be through in time
    // (light searches), the answer comes directly, the usual timer deferring it if it runs late.
    const deferNow = queue.size > 0 && queue.expectedMs() > deferDelay(interaction) - REPLY_MARGIN_MS;
    const slot = queue.reserve();
    let deferred: 'none' | 'update' | 'ephemeral' | 'public' = 'none';
    const defer = async (): Promise<void> => {
      if (mode === 'update' && interaction.deferUpdate) {
        await interaction.deferUpdate();
        deferred = 'update';
      } else {
        const visibility = mode === 'public' ? 'public' : 'ephemeral';
        await interaction.deferReply(visibility === 'ephemeral' ? { flags: 'Ephemeral' } : {});
        deferred = visibility;
      }
      fields['deferred'] = true;
    };
    if (deferNow) {
      fields['queued'] = queue.size - 1;
      try {
        await track(defer());
      } catch (err) {
        slot.cancel();
        throw err;
      }
    }
    const result = slot
      .run(async () => (await sendsOut(), work()))
      .then(
        (reply) => reply,
        (err: unknown) => {
          const { reply, outcome, errorId } = errorReply(err, log);
          fields['outcome'] = outcome;
          if (errorId) fields['errorId'] = errorId;
          return reply;
        },
      );
    if (!deferNow) {
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, deferDelay(interaction), 'timeout').unref());
      if ((await Promise.race([result, timer])) === 'timeout') await track(defer());
    }
    async function respond(first: Reply): Promise<void> {
      let reply = first;
      if (reply.modal) {
        if (deferred === 'none' && 'showModal' in interaction && typeof interaction.showModal === 'function') {
          await (interaction as unknown as { showModal(m: ReturnType<typeof renderModal>): Promise<unknown> }).showModal(renderModal(reply.modal));
          fields['modal'] = true;
          return;
        }
        // a form can only be the first answer (not after a deferral, not to a form)
        reply = userErrorReply('That needs a form, which cannot be opened here. Run the command again.');
      }
      if (deferred === 'none') {
        if (reply.update && interaction.update) await interaction.update(renderReply(reply, 'edit'));
        else await interaction.reply(renderReply(reply, 'new'));
      } else if (deferred === 'update') {
        if (reply.update) await interaction.editReply(renderReply(reply, 'edit'));
        else await interaction.followUp(renderReply(reply, 'new'));
      } else if (reply.visibility === deferred) {
        await interaction.editReply(renderReply(reply, 'edit'));
      } else {
        // Visibility cannot change after deferring: replace the placeholder with a new message.
        await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp(renderReply(reply, 'new'));
      }
    }
    await track(respond(await result));
  }

  async function autocomplete(
    interaction: AutocompleteInteraction,
    command: SlashCommand | undefined,
    fields: Record<string, unknown>,
    log: Logger,
  ): Promise<void> {
    const ctx = context(fields);
    let choices: { name: string; value: string }[] = [];
    if (ctx && command?.autocomplete) {
      const focused = interaction.options.getFocused(true);
      fields['option'] = focused.name;
      try {
        const { options: values, subcommand } = optionValues(interaction);
        choices = renderChoices(
          await command.autocomplete(
            {
              option: focused.name,
              value: String(focused.value),
              options: values,
              user: invoker(interaction),
              ...place(interaction),
              ...(subcommand ? { subcommand } : {}),
            },
            ctx,
          ),
        );
      } catch (err) {
        log.error({ err, errorId: newErrorId() }, 'autocomplete failed');
      }
    }
    fields['hits'] = choices.length;
    await interaction.respond(choices);
  }

  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const fields: Record<string, unknown> = { interaction: interaction.id, user: interaction.user.id };
    const log = options.log.child({ interaction: interaction.id });
    try {
      if (interaction.isAutocomplete()) {
        fields['kind'] = 'autocomplete';
        fields['command'] = interaction.commandName;
        await autocomplete(interaction, byName.get(interaction.commandName), fields, log);
        return;
      }
      if (!interaction.isRepliable()) return;
      let command: SlashCommand | undefined;
      let mode: ComponentMode;
      let work: (ctx: CommandContext) => Reply | Promise<Reply>;
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        fields['kind'] = 'command';
        fields['command'] = interaction.commandName;
        command = byName.get(interaction.commandName);
        const cmd = command;
        mode = cmd?.visibility ?? 'ephemeral';
        const input = interaction.isChatInputCommand() ? slashInput(interaction) : contextMenuInput(interaction);
        if (log.isLevelEnabled('debug')) fields['input'] = input.options;
        work = (ctx) => {
          if (!cmd) throw new ExpiredError(`unknown command ${interaction.commandName}`);
          return cmd.run(input, ctx);
        };
      } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
        fields['kind'] = 'component';
        fields['command'] = idCommand(interaction.customId);
        command = byName.get(idCommand(interaction.customId));
        const handler = command?.component;
        mode = handler?.mode(interaction.customId) ?? 'ephemeral';
        const input = {
          id: interaction.customId,
          values: interaction.isStringSelectMenu() ? interaction.values : [],
          user: invoker(interaction),
        };
        if (log.isLevelEnabled('debug')) fields['customId'] = interaction.customId;
        work = (ctx) => {
          if (!handler) throw new ExpiredError(`no handler for ${interaction.customId}`);
          return handler.run(input, ctx);
        };
      } else if (interaction.isModalSubmit()) {
        fields['kind'] = 'modal';
        fields['command'] = idCommand(interaction.customId);
        command = byName.get(idCommand(interaction.customId));
        const handler = command?.component;
        mode = handler?.mode(interaction.customId) ?? 'ephemeral';
        const input = { id: interaction.customId, values: [], fields: formFields(interaction), user: invoker(interaction) };
        if (log.isLevelEnabled('debug')) fields['customId'] = interaction.customId;
        work = (ctx) => {
          if (!handler) throw new ExpiredError(`no handler for ${interaction.customId}`);
          return handler.run(input, ctx);
        };
      } else {
        return;
      }
      const ctx = context(fields);
      if (!ctx) {
        const state = options.library.state();
        fields['outcome'] = 'not-ready';
        const reply =
          state.status === 'loading'
            ? loadingReply(state.done, state.total)
            : userErrorReply('The library could not be loaded; an administrator has to fix it (see the bot’s log).');
        await interaction.reply(renderReply(reply, 'new'));
        return;
      }
      if (queue.size >= maxQueue) {
        fields['outcome'] = 'busy';
        await track(interaction.reply(renderReply(userErrorReply(BUSY_MESSAGE), 'new')));
        return;
      }
      fields['outcome'] = 'ok';
      await answer(interaction as Parameters<typeof answer>[0], mode, () => work(ctx), fields, log);
    } catch (err) {
      const errorId = newErrorId();
      fields['outcome'] = 'send-failed';
      fields['errorId'] = errorId;
      log.error({ err, errorId }, 'could not answer the interaction');
    } finally {
      fields['ms'] = Math.round(performance.now() - started);
      // the child logger already carries the interaction id: do not write the key twice
      const { interaction: _id, ...rest } = fields;
      log.info(rest, 'interaction');
      if (fields['kind'] !== undefined) options.onInteraction?.(fields);
    }
  };
}
