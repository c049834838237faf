/**
 * Interaction routing: a slash command to its handler, an autocomplete to its command's completer. A handler
 * error never escapes: the user gets an ephemeral apology with a short error id, the log gets the id, the
 * command and the stack. Unknown commands get a clear reply, stale autocompletes an empty list.
 */
import { randomBytes } from "node:crypto";
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import { renderUnknownCommandDiscord } from "../render/discord/notices.js";
import { localeOf } from "../render/i18n.js";
import { COMMANDS } from "./commands.js";
import type { CommandContext } from "./context.js";
import { sendApology, sendChoices, sendReply } from "./reply.js";

export async function handleInteraction(interaction: Interaction, context: CommandContext): Promise<void> {
  if (interaction.isChatInputCommand()) return handleCommand(interaction, context);
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, context);
  context.logger.debug(`ignored interaction of type ${interaction.type}`);
}

async function handleCommand(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const started = Date.now();
  const command = COMMANDS.get(interaction.commandName);
  try {
    if (!command) {
      context.logger.warn(`unknown command /${interaction.commandName} (commands out of date? run npm run deploy-commands)`);
      await sendReply(interaction, renderUnknownCommandDiscord(interaction.commandName, localeOf(interaction.locale)), { ephemeral: true });
      return;
    }
    await command.execute(interaction, context);
    context.logger.debug(`/${interaction.commandName} answered in ${Date.now() - started} ms`);
  } catch (error) {
    const errorId = newErrorId();
    context.logger.error(`error ${errorId} in /${interaction.commandName} (options ${JSON.stringify(interaction.options.data.map((o) => [o.name, o.value]))})`, error);
    await sendApology(interaction, errorId).catch((failure: unknown) => context.logger.error(`error ${errorId}: the apology could not be sent either`, failure));
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, context: CommandContext): Promise<void> {
  const command = COMMANDS.get(interaction.commandName);
  try {
    if (command?.autocomplete) await command.autocomplete(interaction, context);
    else {
      context.logger.debug(`autocomplete for /${interaction.commandName}, which has none: answering no choices`);
      await sendChoices(interaction, []);
    }
  } catch (error) {
    const errorId = newErrorId();
    context.logger.error(`error ${errorId} in autocomplete of /${interaction.commandName}`, error);
    await sendChoices(interaction, []).catch(() => {});
  }
}

/** Short enough for a user to read out, random enough to find in a day's log. */
function newErrorId(): string {
  return randomBytes(4).toString("hex");
}
