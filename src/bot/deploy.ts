/**
 * Command registration: the definitions in commands/ sent to Discord in one bulk overwrite, to one server
 * (DISCORD_GUILD_ID: takes effect at once) or globally (may take up to an hour to show). Run on demand by
 * `npm run deploy-commands`, never on every start: registration is rate-limited and rarely changes.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from "discord.js";
import type { DiscordConfig } from "../config.js";
import { COMMANDS } from "./commands.js";

export interface DeployResult {
  scope: { kind: "guild"; guildId: string } | { kind: "global" };
  /** Names of the commands Discord now has, as it answered. */
  registered: string[];
}

export async function deployCommands({ discord }: { discord: DiscordConfig }): Promise<DeployResult> {
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const body = [...COMMANDS.values()].map((command) => command.definition);
  const route = discord.guildId ? Routes.applicationGuildCommands(discord.clientId, discord.guildId) : Routes.applicationCommands(discord.clientId);
  const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: discord.guildId ? { kind: "guild", guildId: discord.guildId } : { kind: "global" },
    registered: result.map((command) => command.name),
  };
}
