/**
 * Small pieces shared by the Discord renderers: how a source is cited and the colours that tell an answer
 * from a decline at a glance.
 */
export type { Citation } from "../citation.js";
import { sourceDate, sourceName, type Citation } from "../citation.js";
import { wordsFor, type Locale } from "../i18n.js";
import { safeUrl } from "./limits.js";
import { markdownLink, quoteText } from "./markdown.js";

export const COLORS = { answer: 0x3b82f6, info: 0x64748b, declined: 0xf59e0b, error: 0xef4444 } as const;

/**
 * `[publisher](url) (host) · 2025年3月2日`: the publisher (else the link's host) as a link, the link's real host
 * beside a label the article supplied, then the date when there is a name or link to go with it.
 */
export function citeSource(source: Citation, locale: Locale, maxLabel = 120): string {
  const url = safeUrl(source.url);
  const label = sourceName({ ...source, url: url ?? null }) ?? "";
  const parts: string[] = [];
  if (url) parts.push(markdownLink(label, url, maxLabel));
  else parts.push(label ? `${quoteText(label, maxLabel)} (${wordsFor(locale).noLink})` : wordsFor(locale).noLink);
  const date = sourceDate({ ...source, url: url ?? null }, locale);
  if (date) parts.push(quoteText(date, 40));
  return parts.join(" · ");
}
