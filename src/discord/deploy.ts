/** Registers the slash commands: one bulk overwrite (PUT), to a guild or globally, so running it twice changes nothing. */
import { REST, Routes } from 'discord.js';
import type { CommandData } from '../command.ts';
import type { Config } from '../config.ts';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

/** PUTs `commands` as the application's whole command list (guild when `guildId` is set). */
export async function deployCommands(
  config: Pick<Config, 'token' | 'clientId' | 'guildId' | 'apiBase'>,
  commands: readonly CommandData[],
): Promise<DeployResult> {
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  // A command that does not say where it can be installed is server-only: Discord would otherwise
  // apply the app's default install settings, and a user install would offer /reindex in DMs.
  const body = commands.map((c) => ({ ...c, integration_types: c.integration_types ?? [0] }));
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
