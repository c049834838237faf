/**
 * The bot's short notices: an unknown article (with close titles), an unknown command, an apology with an
 * error id. Our own words only, in the reader's locale; anything the user typed is quoted inert.
 */
import type { UnknownArticle } from "../../answers/sources.js";
import { wordsFor, type Locale } from "../i18n.js";
import { COLORS } from "./format.js";
import { quoteText } from "./markdown.js";
import type { DiscordMessage } from "./types.js";

export function renderUnknownArticleDiscord(answer: UnknownArticle, locale: Locale): DiscordMessage {
  const words = wordsFor(locale);
  const suggestions = answer.suggestions.map((title) => `• ${quoteText(title, 200)}`);
  const description = [...(suggestions.length ? [words.didYouMean, ...suggestions, ""] : []), words.tryListing].join("\n");
  return { embeds: [{ title: quoteText(words.unknownArticle(answer.query.trim()), 256), description, color: COLORS.declined }] };
}

export function renderUnknownCommandDiscord(name: string, locale: Locale): DiscordMessage {
  return { embeds: [{ description: wordsFor(locale).unknownCommand(quoteText(name, 32)), color: COLORS.declined }] };
}

export function renderErrorDiscord(errorId: string, locale: Locale): DiscordMessage {
  return { embeds: [{ description: wordsFor(locale).errorApology(errorId), color: COLORS.error }] };
}

/** A short private notice in our own words (vote thanks, expired buttons, cooldown...). */
export function renderNoticeDiscord(text: string, tone: "info" | "declined" = "info"): DiscordMessage {
  return { embeds: [{ description: text, color: tone === "info" ? COLORS.info : COLORS.declined }] };
}
