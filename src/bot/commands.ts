/** The slash commands the bot answers and deploy-commands registers: one module each in commands/. */
import * as ask from "../../commands/ask.js";
import * as reload from "../../commands/reload.js";
import * as sources from "../../commands/sources.js";
import * as summary from "../../commands/summary.js";
import type { SlashCommand } from "../../commands/types.js";

const modules: SlashCommand[] = [ask, sources, summary, reload];

export const COMMANDS: ReadonlyMap<string, SlashCommand> = new Map(modules.map((command) => [command.definition.name, command]));
