/**
 * A SummaryAnswer as Discord messages: one embed per article, its 💡 conclusions, or its lead and central
 * sentences with a footer saying they were drawn from the text.
 */
import type { ArticleSummary, SummaryAnswer } from "../../answers/model.js";
import { wordsFor, type Locale } from "../i18n.js";
import { COLORS } from "./format.js";
import { LIMITS, safeUrl } from "./limits.js";
import { quoteText } from "./markdown.js";
import { renderUnknownArticleDiscord } from "./notices.js";
import { pageArticles, shownArticles } from "./paging.js";
import type { DiscordEmbed, DiscordMessage } from "./types.js";

/** Per point, so that a few articles' summaries share one message. */
const POINT_BUDGET = 600;

export function renderSummaryDiscord(answer: SummaryAnswer, locale: Locale): DiscordMessage[] {
  if (answer.kind === "unknown-article") return [renderUnknownArticleDiscord(answer, locale)];
  const words = wordsFor(locale);
  if (!answer.summaries.length) return [{ embeds: [{ description: words.noArticles, color: COLORS.info }] }];
  return pageArticles(
    answer.summaries.slice(0, shownArticles()).map((s) => [summaryEmbed(s, locale)]),
    { locale, total: answer.summaries.length, heading: (index, total) => `**${words.summaryTitle}**${total > 1 ? ` (${words.page(index, total)})` : ""}` },
  );
}

function summaryEmbed(summary: ArticleSummary, locale: Locale): DiscordEmbed {
  const words = wordsFor(locale);
  const mark = summary.origin === "conclusions" ? "💡" : "•";
  const url = safeUrl(summary.url);
  return {
    title: quoteText(summary.title, LIMITS.title),
    ...(url ? { url } : {}),
    description: summary.points.length ? summary.points.map((p) => `${mark} ${quoteText(p, POINT_BUDGET)}`).join("\n") : words.noSummaryPoints,
    color: summary.origin === "conclusions" ? COLORS.answer : COLORS.info,
    footer: { text: summary.origin === "conclusions" ? words.conclusionsNote : words.extractedNote },
  };
}
