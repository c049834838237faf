/**
 * The index is assembled from articles analysed one by one (analyze-article.ts): an analysed article is plain
 * data, so it can be cached or sent to another thread as JSON and still assemble into the same index.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/model.js";
import { loadArticles } from "../../src/articles/load.js";
import { analyzeArticle, type AnalyzedArticle } from "../../src/search/analyze-article.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { SearchIndex } from "../../src/search/search-index.js";

let articles: Article[];
let analyzer: Analyzer;
beforeAll(async () => {
  articles = (await loadArticles("seeds")).articles;
  analyzer = new Analyzer(await loadTokenizer());
});

const snapshot = (index: SearchIndex) => ({
  vocabulary: index.data.vocabulary,
  documentFrequency: index.data.documentFrequency,
  units: index.data.units,
  passages: [...index.data.passages],
});

describe("analyzeArticle and SearchIndex.assemble", () => {
  it("assemble the same index from analysed articles that went through JSON as build makes from the articles", () => {
    const analyzed = articles.map((a) => analyzeArticle(a, analyzer));
    const throughJson = JSON.parse(JSON.stringify(analyzed)) as AnalyzedArticle[];
    expect(snapshot(SearchIndex.assemble(throughJson))).toEqual(snapshot(SearchIndex.build(articles, analyzer)));
  });

  it("keep words as strings and a card's points as positions within its own article", () => {
    const analyzed = articles.map((a) => analyzeArticle(a, analyzer));
    const withCard = analyzed.find((a) => a.passages.some((p) => p.card));
    expect(withCard).toBeDefined();
    for (const passage of withCard!.passages.filter((p) => p.card)) {
      for (const point of passage.card!) expect(withCard!.passages[point]!.kind).toBe("point");
    }
    const words = analyzed.flatMap((a) => a.passages.flatMap((p) => p.sentences.flatMap((s) => s.terms)));
    expect(words.length).toBeGreaterThan(1000);
    expect(words.every((w) => typeof w === "string" && w.length > 0)).toBe(true);
  });

  it("give a later article's card the ids of its own points once assembled", () => {
    const index = SearchIndex.build(articles, analyzer);
    const cards = [...index.data.passages].filter((p) => p.card);
    expect(cards.length).toBeGreaterThan(0);
    for (const line of cards) {
      for (const id of line.card!) {
        const point = index.passage(id)!;
        expect([point.kind, point.articleId, point.sectionIndex, point.cardIndex]).toEqual(["point", line.articleId, line.sectionIndex, line.cardIndex]);
      }
    }
  });
});
