/**
 * `/summary [article]` and `npm run summary`: an article's own conclusions (💡) when it has them; otherwise
 * its lead and its most central sentences, marked as drawn from the text so no reader mistakes them for the
 * author's conclusions. With no article named, every article, one summary each.
 */
import type { Article } from "../articles/model.js";
import { findArticle } from "./article-names.js";
import type { ArticleSummary, SummaryAnswer } from "./model.js";

/** What a summary needs of the library: the articles and the search layer's central-sentence ranking. */
export interface SummarySource {
  articles: readonly Article[];
  centralSentences(articleId: string, count: number): string[];
}

/** Central sentences added after the lead when an article has no conclusions: about as many as articles have 💡 points. */
export const EXTRACTED_SENTENCES = 3;

export function summarize(library: SummarySource, options: { article?: string | null } = {}): SummaryAnswer {
  const query = options.article?.trim();
  if (!query) return { kind: "summaries", summaries: library.articles.map((a) => summarizeArticle(library, a)) };
  const lookup = findArticle(library.articles, query);
  if (lookup.kind === "unknown") return { kind: "unknown-article", query, suggestions: lookup.suggestions };
  return { kind: "summaries", summaries: [summarizeArticle(library, lookup.article)] };
}

/**
 * Each article's summary, worked out once per library: /summary of every article would otherwise rank the
 * central sentences of thousands of articles on every request.
 */
const summaries = new WeakMap<Article, { library: SummarySource; summary: ArticleSummary }>();

export function summarizeArticle(library: SummarySource, article: Article): ArticleSummary {
  const known = summaries.get(article);
  if (known?.library === library) return known.summary;
  const summary = buildSummary(library, article);
  summaries.set(article, { library, summary });
  return summary;
}

function buildSummary(library: SummarySource, article: Article): ArticleSummary {
  const base = { articleId: article.id, title: article.title, url: article.url };
  if (article.conclusions.length) return { ...base, origin: "conclusions", points: [...article.conclusions] };
  const lead = article.lead.trim();
  const points = lead ? [lead] : [];
  for (const sentence of library.centralSentences(article.id, EXTRACTED_SENTENCES + 1)) {
    const text = sentence.trim();
    // The lead often opens with the same sentence the ranking rates most central: say it once.
    if (text && !points.some((p) => p.includes(text) || text.includes(p))) points.push(text);
    if (points.length >= EXTRACTED_SENTENCES + (lead ? 1 : 0)) break;
  }
  return { ...base, origin: "extracted", points };
}
