/** Registers the slash commands: one bulk overwrite (PUT), to a guild or globally, so running it twice changes nothing. */
import { REST, Routes } from 'discord.js';
import type { CommandData } from '../../commands/types.ts';
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
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId, config.guildId)
    : Routes.applicationCommands(config.clientId);
  const saved = (await rest.put(route, { body: commands })) as { name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
