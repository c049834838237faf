/**
 * Similar indexed words: how a question word the articles lack (a name cut short, spelled otherwise, a compound
 * segmented otherwise) still finds the passages, on the vocabulary of the real seeds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { SimilarTerms } from "../../src/search/similar-terms.js";

let index: SearchIndex;
beforeAll(async () => {
  const { articles } = await loadArticles("seeds");
  index = SearchIndex.build(articles, new Analyzer(await loadTokenizer()));
});

const terms = (found: Array<{ term: string }>) => found.map((f) => f.term);

describe("SimilarTerms", () => {
  it("finds the indexed name a question cuts short or misspells", () => {
    expect(index.termId("ゼレンス")).toBeUndefined();
    const cut = index.similarTerms.find("ゼレンス");
    expect(cut[0]).toEqual({ term: "ゼレンスキ", similarity: 1 });
    expect(terms(index.similarTerms.find("ゼレンスキイ"))[0]).toBe("ゼレンスキ");
  });

  it("finds the indexed pieces of a compound the articles write apart, less similar than a spelling", () => {
    const found = index.similarTerms.find("資源協定交渉");
    expect(terms(found)).toEqual(expect.arrayContaining(["資源", "協定", "交渉"]));
    for (const piece of found) expect(piece.similarity).toBeLessThan(0.5);
  });

  it("finds nothing for a word without katakana or kanji, or unlike any indexed word", () => {
    expect(index.similarTerms.find("ですます")).toEqual([]);
    expect(index.similarTerms.find("カピバラ")).toEqual([]);
  });

  it("ranks by similarity, then by the word, and keeps at most eight", () => {
    const similar = new SimilarTerms(["サッカー", "サッカ", "サッ", "カー", "ッカ", "サッカー場", "サッカー部", "サッカー界", "サッカー用", "サッカー熱", "サッカー選手"]);
    const found = similar.find("サッカー");
    expect(found).toHaveLength(8);
    expect(found.map((f) => f.similarity)).toEqual([...found.map((f) => f.similarity)].sort((a, b) => b - a));
    expect(terms(found)).not.toContain("サッカー");
  });
});
