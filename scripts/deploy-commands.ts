/** `npm run deploy-commands`: registers the bot's commands (guild when DISCORD_GUILD_ID is set, else global). */
import 'dotenv/config';
import { commands } from '../commands/registry.ts';
import { ConfigError, parseConfig } from '../src/config.ts';
import { deployCommands } from '../src/discord/deploy.ts';

try {
  const config = parseConfig(process.env);
  const result = await deployCommands(
    config,
    commands.map((c) => c.data),
  );
  const where = result.scope === 'guild' ? `guild ${config.guildId}` : 'all guilds (global; may take up to an hour to appear)';
  process.stdout.write(`Registered ${result.names.length} commands for ${where}: ${result.names.join(', ')}\n`);
} catch (err) {
  // a configuration mistake points to where the variables are explained, as `npm start` does (QA22 F9)
  process.stderr.write(
    `${err instanceof ConfigError ? `${err.message} See .env.example.` : `Could not register the commands: ${(err as Error).message}`}\n`,
  );
  process.exitCode = 1;
}
