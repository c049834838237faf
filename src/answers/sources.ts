/**
 * `/sources [article]` and `npm run sources`: which articles there are, their sections, and every source
 * they cite, as plain data (the renderers decide how it looks and how it is split).
 */
import type { Article } from "../articles/model.js";
import { findArticle } from "./article-names.js";
import type { SourceListing, SummaryAnswer } from "./model.js";

export type UnknownArticle = Extract<SummaryAnswer, { kind: "unknown-article" }>;

export type SourcesAnswer = { kind: "listing"; listing: SourceListing } | UnknownArticle;

/** Every article, or only the one named by `article` (an id, a title or part of one). */
export function listSources(articles: readonly Article[], options: { article?: string | null } = {}): SourcesAnswer {
  const query = options.article?.trim();
  if (!query) return { kind: "listing", listing: { articles: articles.map(describe) } };
  const lookup = findArticle(articles, query);
  if (lookup.kind === "unknown") return { kind: "unknown-article", query, suggestions: lookup.suggestions };
  return { kind: "listing", listing: { articles: [describe(lookup.article)] } };
}

type ListedArticle = SourceListing["articles"][number];

/** Each article's listing, worked out once: /sources of every article is asked again and again. */
const listings = new WeakMap<Article, ListedArticle>();

export function describe(article: Article): ListedArticle {
  let listed = listings.get(article);
  if (!listed) listings.set(article, (listed = describeArticle(article)));
  return listed;
}

function describeArticle(article: Article): ListedArticle {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    sections: article.sections.map((s) => s.heading),
    sources: article.sections.flatMap((section) =>
      section.sources.map((card) => ({
        title: card.title,
        publisher: card.publisher,
        publishedAt: card.publishedAt,
        url: card.url,
        section: section.heading,
      })),
    ),
  };
}
