/**
 * THE reply helper: every message the bot sends goes through here, so Discord's rules hold in one place.
 * - Within the limits: each message is fitted (lengths, embed counts, 6,000 per message) and, when it does not
 *   fit one, split into follow-ups.
 * - `allowed_mentions: { parse: [] }` on every message: nothing an article or a user wrote can ping anyone.
 * - Acknowledged in time: when the library is not ready, the reply is deferred first and edited later.
 * - Ephemeral by `flags: MessageFlags.Ephemeral` (never the deprecated `ephemeral` option).
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from "discord.js";
import type { Library } from "../answers/library.js";
import { renderErrorDiscord } from "../render/discord/notices.js";
import { LIMITS, splitMessages } from "../render/discord/limits.js";
import { MAX_MESSAGES } from "../render/discord/paging.js";
import type { DiscordChoice, DiscordMessage } from "../render/discord/types.js";
import { localeOf } from "../render/i18n.js";
import type { CommandContext } from "./context.js";

export interface ReplyOptions {
  /** Only the user who asked sees the reply. */
  ephemeral?: boolean;
}

const NO_MENTIONS = { parse: [] } as const;

/**
 * Answers an interaction with `build(library)`: at once when the library is ready, else after deferring (the
 * 3-second acknowledgement) and waiting for it.
 */
export async function replyWithLibrary(
  interaction: RepliableInteraction,
  context: CommandContext,
  options: ReplyOptions,
  build: (library: Library) => DiscordMessage | DiscordMessage[],
): Promise<void> {
  const library = context.library.current();
  if (library) return sendReply(interaction, build(library), options);
  context.logger.debug(`deferring /${commandName(interaction)}: the library is still loading`);
  await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await sendReply(interaction, build(await context.library.ready), options);
}

/** Sends one answer (one or several messages) as the reply, the deferred reply's edit, or follow-ups. */
export async function sendReply(interaction: RepliableInteraction, answer: DiscordMessage | DiscordMessage[], options: ReplyOptions = {}): Promise<void> {
  // The renderers page long answers into a few messages; this cap only guards against a renderer bug spamming.
  const messages = (Array.isArray(answer) ? answer : [answer]).flatMap(splitMessages).slice(0, MAX_MESSAGES);
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  for (const message of messages) {
    const payload = { ...(message.content !== undefined ? { content: message.content } : {}), embeds: message.embeds, allowedMentions: NO_MENTIONS };
    if (interaction.deferred && !interaction.replied) await interaction.editReply(payload satisfies InteractionEditReplyOptions);
    else if (interaction.replied) await interaction.followUp({ ...payload, ...(flags ? { flags } : {}) } satisfies InteractionReplyOptions);
    else await interaction.reply({ ...payload, ...(flags ? { flags } : {}) } satisfies InteractionReplyOptions);
  }
}

/**
 * The apology for a failed handler, always ephemeral. A public deferred "thinking..." cannot be made
 * ephemeral, so it is deleted and the apology follows up privately.
 */
export async function sendApology(interaction: RepliableInteraction, errorId: string): Promise<void> {
  const [message] = splitMessages(renderErrorDiscord(errorId, localeOf(interaction.locale)));
  const payload = { embeds: message!.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } as const;
  if (!interaction.deferred && !interaction.replied) return void (await interaction.reply(payload));
  if (interaction.deferred && !interaction.replied && interaction.ephemeral)
    return void (await interaction.editReply({ embeds: payload.embeds, allowedMentions: NO_MENTIONS }));
  if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => {});
  await interaction.followUp(payload);
}

/** Autocomplete cannot be deferred: the choices are answered from memory, at most 25. */
export async function sendChoices(interaction: AutocompleteInteraction, choices: DiscordChoice[]): Promise<void> {
  if (interaction.responded) return;
  await interaction.respond(choices.slice(0, LIMITS.choices));
}

function commandName(interaction: RepliableInteraction): string {
  return interaction.isCommand() ? interaction.commandName : interaction.type.toString();
}
