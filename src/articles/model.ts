/**
 * The article model: what every later step (search, answers, renderers) reads.
 * Parsers in this folder turn files into these shapes; nothing outside src/articles parses files.
 */

/** A quoted source inside a section: the news report the digest summarises. */
export interface SourceCard {
  /** The card's own headline, when the page shows one (it is repeated once on the page). */
  title: string | null;
  /** Who published it, e.g. `時事ドットコム:時事通信社が運営するニュースサイト`; null when the card names nobody. */
  publisher: string | null;
  /** ISO date `YYYY-MM-DD` from the card's `公開日:` line; null when the card has no date. */
  publishedAt: string | null;
  /** The source's link; null when the card has none. */
  url: string | null;
  /** The card's `✅` points (without the mark): its summary of the source. */
  points: string[];
}

/** One paragraph of a section's text, in page order. */
export interface Paragraph {
  text: string;
  /**
   * Index into `Section.sources` of the card this paragraph belongs with: the card it follows, or the first
   * card for text before any card. null when the section has no card.
   */
  sourceIndex: number | null;
}

export interface Section {
  heading: string;
  /** The reader question under the heading (ends in `?`/`？`), or null. */
  question: string | null;
  /** The one-line answer to `question`, or null. */
  answer: string | null;
  paragraphs: Paragraph[];
  sources: SourceCard[];
}

export interface Article {
  /** Stable id from the file name without its extension, e.g. `000_3639a94c7d503a1e`. */
  id: string;
  title: string;
  /** The lead paragraph under the title; empty when the file has none. */
  lead: string;
  /** Path of the file it was read from. */
  path: string;
  /** The article's own link (Markdown front matter `url`), or null. */
  url: string | null;
  /** Who published the article (Markdown front matter `publisher`); absent or null when not said. */
  publisher?: string | null;
  /** ISO date the article itself was published (Markdown front matter `published`), or null. */
  publishedAt: string | null;
  sections: Section[];
  /** The line that introduces the conclusions (e.g. `🚩 結論!`), when the page has one. */
  conclusionsHeading: string | null;
  /** The closing `💡` points: the article's conclusions (without the mark). */
  conclusions: string[];
}

/** Something the loader could not use, or used with a caveat; always names the file. */
export interface LoadWarning {
  file: string;
  message: string;
}

export interface LoadResult {
  articles: Article[];
  warnings: LoadWarning[];
}
