/**
 * Small pieces shared by the Discord renderers: how a source is cited and the colours that tell an answer
 * from a decline at a glance.
 */
import { wordsFor, type Locale } from "../i18n.js";
import { safeUrl } from "./limits.js";
import { markdownLink, quoteText } from "./markdown.js";

export const COLORS = { answer: 0x3b82f6, info: 0x64748b, declined: 0xf59e0b, error: 0xef4444 } as const;

export interface Citation {
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
}

/** `[publisher](url) · 2025-03-02`: the publisher (else the link's host) as a link, then the date when known. */
export function citeSource(source: Citation, locale: Locale, maxLabel = 120): string {
  const url = safeUrl(source.url);
  const label = source.publisher?.trim() || (url ? new URL(url).hostname : "");
  const parts: string[] = [];
  if (url) parts.push(markdownLink(label, url, maxLabel));
  else parts.push(label ? `${quoteText(label, maxLabel)} (${wordsFor(locale).noLink})` : wordsFor(locale).noLink);
  if (source.publishedAt) parts.push(quoteText(source.publishedAt, 40));
  return parts.join(" · ");
}
