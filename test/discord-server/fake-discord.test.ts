import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type Interaction,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mentionsThatPing, startFakeDiscord, type FakeDiscord } from './fake-discord.ts';

async function login(fake: FakeDiscord, token = fake.token): Promise<Client<true>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  await ready;
  return client as Client<true>;
}

/** Registers the test's handler; errors in it fail the test through `errors`. */
function handle(client: Client, fn: (i: Interaction) => Promise<unknown>, errors: unknown[]): void {
  client.on(Events.InteractionCreate, (i) => {
    fn(i).catch((e: unknown) => errors.push(e));
  });
}

describe('fake Discord with the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  const errors: unknown[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
    client = await login(fake);
  });

  afterEach(() => {
    client.removeAllListeners(Events.InteractionCreate);
    errors.length = 0;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('logs in through rest.api: ready, guild and channels cached, heartbeats acknowledged', async () => {
    expect(client.user.id).toBe(fake.applicationId);
    expect(client.application.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.channelId)?.name).toBe('general');
    expect(guild?.members.me?.id).toBe(fake.applicationId);
    const gatewayCall = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayCall?.authorized).toBe(true);
    expect(fake.identifies[0]?.['intents']).toBe(GatewayIntentBits.Guilds);
    await sleep(600);
    expect(fake.gateway.heartbeats).toBeGreaterThan(0);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('shows an ephemeral reply to the user who ran the command', async () => {
    handle(client, (i) => (i.isChatInputCommand() ? i.reply({ content: 'pong', flags: MessageFlags.Ephemeral }) : Promise.resolve()), errors);
    const h = fake.slashCommand('ping');
    const view = await h.response();
    expect(view).toMatchObject({ type: 4, ephemeral: true, content: 'pong', deferred: false });
    expect(view.latencyMs).toBeLessThan(3000);
    expect(h.requests.map((r) => r.path)).toEqual([`/interactions/${h.id}/${h.token}/callback`]);
    expect(h.requests[0]?.query['with_response']).toBe('false');
    expect(fake.channelMessages()).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it('deferReply then editReply: the user sees the edit, with the deferral visibility', async () => {
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.deferReply();
        await sleep(50);
        await i.editReply({ content: `found ${i.options.getString('query')}`, allowedMentions: { parse: [] } });
      },
      errors,
    );
    const view = await fake.slashCommand('search', { query: 'drug control' }).response();
    expect(view).toMatchObject({ type: 5, deferred: true, ephemeral: false, content: 'found drug control' });
    expect(view.allowed_mentions).toEqual({ parse: [] });
    expect(fake.channelMessages().map((m) => m.content)).toContain('found drug control');
    expect(errors).toEqual([]);
  });

  it('answers with_response=true in the interaction_callback_response shape discord.js reads', async () => {
    const seen: string[] = [];
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        const res = await i.reply({ content: 'with response', withResponse: true });
        seen.push(res.interaction.id, res.resource?.message?.content ?? '<none>');
      },
      errors,
    );
    const h = fake.slashCommand('ping');
    await h.response();
    await sleep(50);
    expect(seen).toEqual([h.id, 'with response']);
    expect(errors).toEqual([]);
  });

  it('a 429 with retry-after on the callback is retried and the answer still arrives', async () => {
    handle(client, (i) => (i.isRepliable() ? i.reply({ content: 'after 429' }) : Promise.resolve()), errors);
    fake.failNext({ route: /\/callback$/, status: 429, retryAfter: 0.3 });
    const h = fake.slashCommand('ping');
    const view = await h.response();
    expect(view.content).toBe('after 429');
    expect(h.requests.map((r) => r.status)).toEqual([429, 204]);
    expect(view.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it('a 500 once on the callback: discord.js retries 5xx and the answer arrives', async () => {
    handle(client, (i) => (i.isRepliable() ? i.reply({ content: 'after 500' }) : Promise.resolve()), errors);
    fake.failNext({ route: /\/callback$/, status: 500 });
    const h = fake.slashCommand('ping');
    expect((await h.response()).content).toBe('after 500');
    expect(h.requests.map((r) => r.status)).toEqual([500, 204]);
  });

  it('gateway drop (close 4000): the client resumes and an interaction sent meanwhile is answered', async () => {
    handle(client, (i) => (i.isRepliable() ? i.reply({ content: 'still here', flags: MessageFlags.Ephemeral }) : Promise.resolve()), errors);
    const identifies = fake.gateway.identifies;
    const resumed = fake.waitForGateway('resumed');
    await fake.dropGateway();
    expect(fake.connected).toBe(false);
    const h = fake.slashCommand('ping');
    await resumed;
    expect((await h.response()).content).toBe('still here');
    expect(fake.gateway.identifies).toBe(identifies);
    expect((await fake.slashCommand('ping').response()).content).toBe('still here');
  });

  it('abrupt gateway loss (terminate): resume again', async () => {
    handle(client, (i) => (i.isRepliable() ? i.reply({ content: 'ok' }) : Promise.resolve()), errors);
    const resumed = fake.waitForGateway('resumed');
    await fake.dropGateway({ terminate: true });
    await resumed;
    expect((await fake.slashCommand('ping').response()).content).toBe('ok');
  });

  it('a second callback is refused with 40060 and recorded', async () => {
    const codes: unknown[] = [];
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.reply({ content: 'first' });
        await client.rest
          .post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'second' } }, auth: false })
          .catch((e: unknown) => codes.push(e instanceof DiscordAPIError ? e.code : e));
      },
      errors,
    );
    const h = fake.slashCommand('ping');
    expect((await h.response()).content).toBe('first');
    await sleep(100);
    expect(codes).toEqual([40060]);
    expect(fake.violations.some((v) => v.kind === 'already-acknowledged' && v.interactionId === h.id)).toBe(true);
  });

  it('a reply over Discord limits is rejected (50035) and recorded as a violation', async () => {
    const codes: unknown[] = [];
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i
          .reply({ content: 'x'.repeat(2001), embeds: [{ title: 't'.repeat(257), description: 'ok' }] })
          .catch((e: unknown) => codes.push(e instanceof DiscordAPIError ? e.code : e));
      },
      errors,
    );
    const h = fake.slashCommand('ping');
    await sleep(300);
    expect(codes).toEqual([50035]);
    const v = fake.violations.find((x) => x.kind === 'limit' && x.interactionId === h.id);
    expect(v?.breaches?.map((b) => b.path)).toEqual(['content', 'embeds.0.title']);
    expect(h.ack).toBeUndefined();
  });

  it('editing a deferred reply into nothing is refused (50006), so the user keeps "thinking…"', async () => {
    const codes: unknown[] = [];
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await i.editReply({ content: '' }).catch((e: unknown) => codes.push(e instanceof DiscordAPIError ? e.code : e));
      },
      errors,
    );
    const h = fake.slashCommand('ping');
    await expect(h.response({ timeoutMs: 500 })).rejects.toThrow(/no answer within 500 ms/);
    expect(codes).toEqual([50006]);
    expect(fake.violations.some((v) => v.kind === 'limit' && v.interactionId === h.id)).toBe(true);
  });

  it('registers commands idempotently and types options from the registered definitions', async () => {
    const defs = [
      {
        name: 'search',
        description: 'Search statements',
        options: [
          { type: 3, name: 'query', description: 'words', required: true },
          { type: 4, name: 'year', description: 'year', min_value: 1946 },
          { type: 3, name: 'country', description: 'country', autocomplete: true },
        ],
      },
      { name: 'reindex', description: 'Reload', default_member_permissions: PermissionFlagsBits.ManageGuild.toString() },
      { name: 'Find related statements', type: 3 },
      { name: 'ping', description: 'Ping' },
    ];
    const first = await client.application.commands.set(defs, fake.guildId);
    const again = await client.application.commands.set(defs, fake.guildId);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    expect(
      fake
        .commands(fake.guildId)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Find related statements', 'ping', 'reindex', 'search']);

    const got: unknown[] = [];
    handle(
      client,
      async (i) => {
        if (i.isChatInputCommand()) {
          got.push(i.options.getString('query'), i.options.getInteger('year'), i.commandId);
          await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
        } else if (i.isAutocomplete()) {
          const focused = i.options.getFocused(true);
          got.push(focused.name, focused.value);
          await i.respond([{ name: 'Brazil', value: 'BRA' }]);
        } else if (i.isMessageContextMenuCommand()) {
          got.push(i.targetMessage.content);
          await i.reply({ content: 'related', flags: MessageFlags.Ephemeral });
        }
      },
      errors,
    );
    await fake.slashCommand('search', { query: 'hunger', year: 2019 }).response();
    expect(got).toEqual(['hunger', 2019, first.find((c) => c.name === 'search')?.id]);
    expect(() => fake.slashCommand('search', { query: 'x', year: 'soon' })).toThrow(/cannot take/);
    expect(() => fake.slashCommand('search', {})).toThrow(/required option "query"/);
    expect(() => fake.slashCommand('reindex', {}, { userId: 'alice' })).toThrow(/cannot see/);
    expect(() => fake.slashCommand('nope')).toThrow(/no registered command/);

    got.length = 0;
    const ac = await fake.autocomplete('search', { query: 'x', country: 'bra' }, 'country').response();
    expect(ac.choices).toEqual([{ name: 'Brazil', value: 'BRA' }]);
    expect(got).toEqual(['country', 'bra']);

    got.length = 0;
    await fake.messageContextMenu('Find related statements', { content: 'We call on all States to ratify.' }).response();
    expect(got).toEqual(['We call on all States to ratify.']);
    expect(errors).toEqual([]);
  });

  it('buttons and selects act on the message the bot sent; update (7) edits it in place', async () => {
    handle(
      client,
      async (i) => {
        if (i.isChatInputCommand()) {
          await i.reply({
            content: 'page 1',
            flags: MessageFlags.Ephemeral,
            components: [
              { type: 1, components: [{ type: 2, style: ButtonStyle.Secondary, custom_id: 'page:2', label: 'Next' }] },
              { type: 1, components: [{ type: 3, custom_id: 'pick', options: [{ label: 'Hit 1', value: '1' }] }] },
            ],
          });
        } else if (i.isButton()) {
          await i.update({ content: `page ${i.customId.split(':')[1]}`, components: [] });
        } else if (i.isStringSelectMenu()) {
          await i.reply({ content: `shared ${i.values.join(',')}`, allowedMentions: { parse: [] } });
        }
      },
      errors,
    );
    const first = await fake.slashCommand('search', { query: 'water' }).response();
    expect(() => fake.button('page:3', { message: first })).toThrow(/no component/);
    expect(() => fake.button('page:2', { message: first, userId: 'bob' })).toThrow(/ephemeral for another user/);
    const pick = await fake.selectMenu('pick', ['1'], { message: first }).response();
    expect(pick).toMatchObject({ ephemeral: false, content: 'shared 1' });
    const next = await fake.button('page:2', { message: first }).response();
    expect(next).toMatchObject({ type: 7, ephemeral: true, content: 'page 2', messageId: first.messageId });
    expect(fake.message(first.messageId ?? '')?.content).toBe('page 2');
    expect(errors).toEqual([]);
  });

  it('modal submit reaches the bot with its fields', async () => {
    handle(
      client,
      async (i) => {
        if (i.isModalSubmit()) await i.reply({ content: `note: ${i.fields.getTextInputValue('note')}`, flags: MessageFlags.Ephemeral });
      },
      errors,
    );
    const view = await fake.modalSubmit('share-note', { note: 'see ¶ 12' }).response();
    expect(view.content).toBe('note: see ¶ 12');
    expect(errors).toEqual([]);
  });
  it('a follow-up after an ephemeral defer replaces the placeholder; later ones are separate', async () => {
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await i.followUp({ content: 'first' });
        await i.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
      },
      errors,
    );
    const h = fake.slashCommand('ping');
    expect(await h.response()).toMatchObject({ type: 5, deferred: true, ephemeral: true, content: 'first' });
    await sleep(100);
    expect(h.followups.map((f) => [f.content, f.ephemeral])).toEqual([['second', true]]);
    expect(errors).toEqual([]);
  });

  it('deferUpdate then a public message in the channel (share flow), through a global 429', async () => {
    handle(
      client,
      async (i) => {
        if (!i.isButton()) return;
        await i.deferUpdate();
        const channel = i.channel;
        if (!channel?.isSendable()) throw new Error('channel not sendable');
        await channel.send({ content: `<@${i.user.id}> shared: @everyone listen`, allowedMentions: { parse: [] } });
      },
      errors,
    );
    fake.failNext({ route: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 0.1, global: true });
    const h = fake.button('share:1', { ephemeral: true });
    expect(await h.acknowledged()).toMatchObject({ type: 6 });
    const posted = await fake.waitForChannelMessage(fake.channelId, (m) => m.content.includes('shared: @everyone'));
    expect(mentionsThatPing(posted)).toEqual([]);
    expect(fake.requests.filter((r) => r.path === `/channels/${fake.channelId}/messages`).map((r) => r.status)).toEqual([429, 200]);
    expect(errors).toEqual([]);
  });

  it('20 users at the same moment each get their own answer', async () => {
    handle(
      client,
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await sleep(100);
        await i.editReply({ content: `for ${i.user.id}` });
      },
      errors,
    );
    const ids = Array.from({ length: 20 }, (_, k) => `9000000000000000${String(k).padStart(2, '0')}`);
    const views = await Promise.all(ids.map((id) => fake.slashCommand('ping', {}, { userId: id }).response()));
    expect(views.map((v) => v.content)).toEqual(ids.map((id) => `for ${id}`));
    expect(views.every((v) => v.ephemeral && v.latencyMs < 3000)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('everything the client called so far is implemented by the fake', () => {
    expect(fake.violations.filter((v) => v.kind === 'unknown-route' || v.kind === 'wrong-base')).toEqual([]);
  });
});

describe('fake Discord: invalid session', () => {
  it('after an invalidated session the client re-identifies and gets the interaction queued meanwhile', async () => {
    const fake = await startFakeDiscord({ interactionDeadlineMs: 15_000 });
    const client = await login(fake);
    try {
      client.on(Events.InteractionCreate, (i) => {
        if (i.isRepliable()) void i.reply({ content: 'after re-identify', flags: MessageFlags.Ephemeral });
      });
      const ready = fake.waitForGateway('ready');
      await fake.dropGateway({ invalidateSession: true });
      const h = fake.slashCommand('ping');
      await ready;
      expect(fake.gateway.invalidSessions).toBe(1);
      expect(fake.gateway.identifies).toBe(2);
      expect((await h.response()).content).toBe('after re-identify');
    } finally {
      await client.destroy();
      await fake.close();
    }
  }, 20_000);
});

describe('fake Discord: bot restart', () => {
  it('a new client after a restart receives clicks on buttons the old one sent', async () => {
    const fake = await startFakeDiscord();
    try {
      const first = await login(fake);
      first.on(Events.InteractionCreate, (i) => {
        if (i.isChatInputCommand()) {
          void i.reply({ content: 'v1', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'More', custom_id: 'more:42' }] }] });
        }
      });
      const sent = await fake.slashCommand('search', { query: 'x' }).response();
      await first.destroy();
      const second = await login(fake);
      second.on(Events.InteractionCreate, (i) => {
        if (i.isButton()) void i.update({ content: `v2 handled ${i.customId}` });
      });
      expect(await fake.button('more:42', { message: sent }).response()).toMatchObject({ type: 7, content: 'v2 handled more:42' });
      expect(fake.gateway.identifies).toBe(2);
      await second.destroy();
    } finally {
      await fake.close();
    }
  });
});

describe('fake Discord: login failures and the 3-second rule', () => {
  it('a bad token makes login reject (401 on GET /gateway/bot)', async () => {
    const fake = await startFakeDiscord();
    try {
      await expect(login(fake, 'wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      expect(fake.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(401);
      expect(fake.violations.map((v) => v.kind)).toContain('unauthorized');
      expect(fake.gateway.connections).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('asking for a privileged intent is refused (4014) and login rejects', async () => {
    const fake = await startFakeDiscord();
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api: fake.apiBase } });
    try {
      await expect(client.login(fake.token)).rejects.toThrow(/disallowed intents/i);
      expect(fake.violations.map((v) => v.kind)).toContain('gateway');
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it('a reply after the deadline: the user sees "did not respond", the bot gets 10062', async () => {
    const fake = await startFakeDiscord({ interactionDeadlineMs: 300 });
    const client = await login(fake);
    const codes: unknown[] = [];
    try {
      client.on(Events.InteractionCreate, (i) => {
        if (!i.isChatInputCommand()) return;
        void sleep(500)
          .then(() => i.reply({ content: 'too late' }))
          .catch((e: unknown) => codes.push(e instanceof DiscordAPIError ? e.code : e));
      });
      const h = fake.slashCommand('slow');
      await expect(h.response()).rejects.toThrow(/did not respond/);
      expect(h.didNotRespond).toBe(true);
      await sleep(400);
      expect(codes).toEqual([10062]);
      expect(fake.violations.map((v) => v.kind)).toEqual(['did-not-respond', 'late-callback']);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it('mentionsThatPing follows allowed_mentions', () => {
    expect(mentionsThatPing({ content: '@everyone <@123> <@&456>' })).toEqual(['@everyone', '<@123>', '<@&456>']);
    expect(mentionsThatPing({ content: '@everyone <@123>', allowed_mentions: { parse: [] } })).toEqual([]);
    expect(mentionsThatPing({ content: '<@123> <@9>', allowed_mentions: { parse: [], users: ['9'] } })).toEqual(['<@9>']);
    expect(mentionsThatPing({ content: '@here', flags: MessageFlags.Ephemeral })).toEqual([]);
  });
});
