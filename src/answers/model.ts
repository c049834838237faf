/**
 * The one answer model. `ask`, `sources` and `summary` return these plain shapes; the Discord and terminal
 * renderers both draw from them, so the two surfaces never disagree. Nothing here knows Discord or scoring.
 */

/** One quoted passage of an answer. */
export interface QuotedPassage {
  /** The passage as quoted (at most 400 characters). */
  text: string;
  /** The sentence of `text` that best answers the question (a substring of `text`). */
  bestSentence: string;
  articleId: string;
  articleTitle: string;
  /** The section heading the passage sits under. */
  section: string;
  /** The nearest source card's link, else the article's own link, else null. */
  url: string | null;
  publisher: string | null;
  /** ISO date of that source, or null. */
  publishedAt: string | null;
  /** Ranking score: higher is better; comparable only within one answer. */
  score: number;
}

export type AskAnswer =
  | { kind: "answered"; query: string; passages: QuotedPassage[] }
  /** The articles do not say: no passage covers the question's key content. */
  | { kind: "not-found"; query: string }
  /** The question itself is unusable (empty, or longer than `limit` characters); nothing was searched. */
  | { kind: "invalid"; query: string; reason: "empty" }
  | { kind: "invalid"; query: string; reason: "too-long"; limit: number };

export interface SourceListing {
  articles: Array<{
    id: string;
    title: string;
    url: string | null;
    sections: string[];
    sources: Array<{
      title: string | null;
      publisher: string | null;
      publishedAt: string | null;
      url: string | null;
      /** The section heading the card is quoted in. */
      section: string;
    }>;
  }>;
}

export interface ArticleSummary {
  articleId: string;
  title: string;
  url: string | null;
  /**
   * `conclusions`: the article's own 💡 points. `extracted`: the article has none, so these are its lead and
   * most central sentences, drawn from the text (renderers say so).
   */
  origin: "conclusions" | "extracted";
  points: string[];
}

export type SummaryAnswer =
  | { kind: "summaries"; summaries: ArticleSummary[] }
  /** No article matches the name asked for; `suggestions` are titles that come close. */
  | { kind: "unknown-article"; query: string; suggestions: string[] };
