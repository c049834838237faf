/** The real seed articles, and answers built from them, for the renderer tests. */
import path from "node:path";
import type { QuotedPassage } from "../../src/answers/model.js";
import { loadArticles } from "../../src/articles/load.js";
import type { Article } from "../../src/articles/model.js";

export const SEEDS_DIR = path.resolve(import.meta.dirname, "../../seeds");

export async function loadSeedArticles(): Promise<Article[]> {
  const { articles } = await loadArticles(SEEDS_DIR);
  if (articles.length < 2) throw new Error("the seed articles did not load");
  return articles;
}

/**
 * A passage the way `ask` quotes one: a paragraph of a seed section with its source card, the paragraph's
 * first sentence as the best one.
 */
export function passageFrom(article: Article, sectionIndex: number, paragraphIndex: number): QuotedPassage {
  const section = article.sections[sectionIndex]!;
  const paragraph = section.paragraphs[paragraphIndex]!;
  const card = paragraph.sourceIndex === null ? undefined : section.sources[paragraph.sourceIndex];
  const text = paragraph.text.slice(0, 400);
  return {
    text,
    bestSentence: /^[^。！？]*[。！？]?/u.exec(text)![0],
    articleId: article.id,
    articleTitle: article.title,
    section: section.heading,
    url: card?.url ?? article.url,
    publisher: card?.publisher ?? null,
    publishedAt: card?.publishedAt ?? null,
    score: 1,
  };
}
