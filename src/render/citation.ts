/**
 * How a source is named on every surface: its publisher, else its link's host; and its date only beside a name
 * or a link (a bare date says nothing about where a passage comes from).
 */
import { formatDate, type Locale } from "./i18n.js";

export interface Citation {
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
}

/** The host of an http(s) link (`evil.example`; an IDN in its xn-- form, as it really resolves), or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.hostname : null;
  } catch {
    return null;
  }
}

/** The publisher, else the link's host; null when the source has neither. */
export function sourceName(source: Citation): string | null {
  return source.publisher?.trim() || hostOf(source.url);
}

/** The source's date in the reader's language, when it has a name or a link to go with. */
export function sourceDate(source: Citation, locale: Locale): string | null {
  return source.publishedAt && sourceName(source) ? formatDate(source.publishedAt, locale) : null;
}
