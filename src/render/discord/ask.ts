/**
 * An AskAnswer as a Discord message: one embed per quoted passage (article title linked to the source, the
 * passage with its best sentence in bold, section and source), or a short friendly decline.
 */
import type { AskAnswer, QuotedPassage } from "../../answers/model.js";
import { wordsFor, type Locale } from "../i18n.js";
import { COLORS, citeSource } from "./format.js";
import { LIMITS, safeUrl } from "./limits.js";
import { quoteText } from "./markdown.js";
import type { DiscordEmbed, DiscordMessage } from "./types.js";

/** Room left in the content for the question after the heading's own words. */
const QUESTION_BUDGET = LIMITS.content - 200;

/**
 * `first` is how many passages were shown before these (the "More" button's next page): the footers count on
 * from there.
 */
export function renderAskDiscord(answer: AskAnswer, locale: Locale, { first = 0 }: { first?: number } = {}): DiscordMessage {
  const words = wordsFor(locale);
  if (answer.kind === "invalid") {
    const description = answer.reason === "empty" ? words.emptyQuestion : words.tooLongQuestion(answer.limit);
    return { embeds: [{ description, color: COLORS.declined }] };
  }
  if (answer.kind === "not-found")
    return { embeds: [{ title: words.notFoundTitle, description: words.notFoundBody, color: COLORS.declined }] };
  return {
    content: words.answerHeading(quoteText(answer.query.replace(/\s+/gu, " ").trim(), QUESTION_BUDGET)),
    embeds: answer.passages.map((passage, i) => passageEmbed(passage, { index: first + i + 1, total: first + answer.passages.length, locale })),
  };
}

function passageEmbed(passage: QuotedPassage, position: { index: number; total: number; locale: Locale }): DiscordEmbed {
  const words = wordsFor(position.locale);
  const url = safeUrl(passage.url);
  return {
    title: quoteText(passage.articleTitle, LIMITS.title),
    ...(url ? { url } : {}),
    description: markPassage(passage),
    color: COLORS.answer,
    fields: [
      { name: words.section, value: quoteText(passage.section || "-", LIMITS.fieldValue), inline: true },
      { name: words.source, value: citeSource(passage, position.locale), inline: true },
    ],
    footer: { text: words.passageCount(position.index, position.total) },
  };
}

/** The passage, escaped, with its best sentence in bold; plain when the sentence is not found in it. */
function markPassage({ text, bestSentence }: QuotedPassage): string {
  const at = bestSentence ? text.indexOf(bestSentence) : -1;
  const whole = quoteText(text, LIMITS.description);
  if (at < 0 || bestSentence.trim() === "") return whole;
  const before = quoteText(text.slice(0, at), LIMITS.description);
  const best = quoteText(bestSentence.trim(), LIMITS.description);
  const after = quoteText(text.slice(at + bestSentence.length), LIMITS.description);
  const leading = bestSentence.match(/^\s*/u)![0];
  const trailing = bestSentence.slice(leading.length).match(/\s*$/u)![0];
  const marked = `${before}${leading}**${best}**${trailing}${after}`;
  return marked.length <= LIMITS.description ? marked : whole;
}
