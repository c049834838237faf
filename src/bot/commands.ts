/** The slash commands the bot answers and deploy-commands registers: one module each in commands/. */
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandOptionsOnlyBuilder } from "discord.js";
import * as ask from "../../commands/ask.js";
import * as sources from "../../commands/sources.js";
import * as summary from "../../commands/summary.js";
import type { CommandContext } from "./context.js";

export interface SlashCommand {
  data: SlashCommandOptionsOnlyBuilder;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
}

export const COMMANDS: ReadonlyMap<string, SlashCommand> = new Map<string, SlashCommand>([ask, sources, summary].map((command) => [command.data.name, command]));
