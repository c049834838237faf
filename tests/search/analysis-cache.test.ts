/**
 * The per-article analysis cache and the analysis threads (src/search/analysis-cache.ts, analysis-threads.ts):
 * what comes from the cache or from a thread is exactly what analyzeArticle gives on this thread, and a changed
 * article, another analyzer version or a damaged entry is analysed again.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { analyzeArticle } from "../../src/search/analyze-article.js";
import { analysisDir, analyzeArticles } from "../../src/search/analysis-cache.js";
import { analyzeInThreads } from "../../src/search/analysis-threads.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();
let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = new Analyzer(await loadTokenizer());
});

function seedsCopy(): { articlesDir: string; cacheDir: string } {
  const articlesDir = tempDir("kiji-analysis-");
  for (const name of readdirSync("seeds")) copyFileSync(path.join("seeds", name), path.join(articlesDir, name));
  return { articlesDir, cacheDir: tempDir("kiji-analysis-cache-") };
}

describe("the analysis cache", () => {
  it("gives back each article's analysis as analysed, and the index assembled from it is the index built directly", async () => {
    const { articlesDir, cacheDir } = seedsCopy();
    const { articles, hashes } = await loadArticles(articlesDir);
    const options = { analyzer, hashes, cacheDir, articlesDir, threads: 0 };
    const first = await analyzeArticles(articles, options);
    expect(first.reused).toBe(0);
    const second = await analyzeArticles(articles, options);
    expect(second.reused).toBe(articles.length);
    const analyzed = [...second.analyzed];
    expect(analyzed).toEqual(articles.map((article) => analyzeArticle(article, analyzer)));
    const assembled = SearchIndex.assemble(analyzed);
    const built = SearchIndex.build(articles, analyzer);
    expect(assembled.data.vocabulary).toEqual(built.data.vocabulary);
    expect(assembled.data.documentFrequency).toEqual(built.data.documentFrequency);
    expect(assembled.passageCount).toBe(built.passageCount);
  });

  it("analyses again only the article that changed", async () => {
    const { articlesDir, cacheDir } = seedsCopy();
    const before = await loadArticles(articlesDir);
    await analyzeArticles(before.articles, { analyzer, hashes: before.hashes, cacheDir, articlesDir, threads: 0 });
    const file = path.join(articlesDir, "002_f48635b7877d06da.txt");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n\n💡 カピバラ協定の締結が検討されている。\n`);
    const after = await loadArticles(articlesDir);
    const rebuilt = await analyzeArticles(after.articles, { analyzer, hashes: after.hashes, cacheDir, articlesDir, threads: 0 });
    expect(rebuilt.reused).toBe(after.articles.length - 1);
    const analyzed = [...rebuilt.analyzed];
    expect(analyzed).toEqual(after.articles.map((article) => analyzeArticle(article, analyzer)));
    expect(JSON.stringify(analyzed[1])).toContain("カピバラ");
    // The old analysis of the changed article is gone from the cache: one file per article.
    expect(readdirSync(analysisDir(cacheDir, articlesDir))).toHaveLength(after.articles.length);
  });

  it("is not used by another analyzer version, nor when an entry is damaged", async () => {
    const { articlesDir, cacheDir } = seedsCopy();
    const { articles, hashes } = await loadArticles(articlesDir);
    await analyzeArticles(articles, { analyzer, hashes, cacheDir, articlesDir, threads: 0 });
    expect((await analyzeArticles(articles, { analyzer, hashes, cacheDir, articlesDir, threads: 0, analyzerVersion: -1 })).reused).toBe(0);
    const dir = analysisDir(cacheDir, articlesDir);
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), readFileSync(path.join(dir, name), "utf8").slice(0, 100));
    const damaged = await analyzeArticles(articles, { analyzer, hashes, cacheDir, articlesDir, threads: 0, analyzerVersion: -1 });
    // Found, but found wanting when read: analysed again.
    expect([...damaged.analyzed]).toEqual(articles.map((article) => analyzeArticle(article, analyzer)));
  });

  it.each([
    ["a passage that is null", (entry: Record<string, any>) => (entry.passages = [null])],
    ["a sentence without its words", (entry: Record<string, any>) => delete entry.passages[0].sentences[0].terms],
    ["a word that is a number", (entry: Record<string, any>) => (entry.passages[0].contextTerms = [7])],
    ["a passage without its text", (entry: Record<string, any>) => delete entry.passages[1].text],
  ])("analyses again an entry that parses but holds %s", async (_, damage) => {
    const { articlesDir, cacheDir } = seedsCopy();
    const { articles, hashes } = await loadArticles(articlesDir);
    const options = { analyzer, hashes, cacheDir, articlesDir, threads: 0 };
    await analyzeArticles(articles, options);
    const dir = analysisDir(cacheDir, articlesDir);
    for (const name of readdirSync(dir)) {
      const entry = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Record<string, any>;
      damage(entry);
      writeFileSync(path.join(dir, name), JSON.stringify(entry));
    }
    const fresh = articles.map((article) => analyzeArticle(article, analyzer));
    expect([...(await analyzeArticles(articles, options)).analyzed]).toEqual(fresh);
    // Written back whole: the next start reads the analyses from the cache.
    const entries = readdirSync(dir).map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { articleId: string });
    expect(entries.sort((a, b) => a.articleId.localeCompare(b.articleId))).toEqual(fresh.sort((a, b) => a.articleId.localeCompare(b.articleId)));
  });
});

describe("analysis in worker threads", () => {
  it("gives what this thread gives, for each article's position, articles read lazily from the snapshot included", async () => {
    const { articlesDir, cacheDir } = seedsCopy();
    await loadArticles(articlesDir, { cacheDir });
    const { articles } = await loadArticles(articlesDir, { cacheDir });
    const many = [...articles, ...articles, ...articles, ...articles, ...articles, ...articles, ...articles, ...articles, ...articles];
    const threaded: unknown[] = [];
    expect(await analyzeInThreads(many, 2, (position, analyzed) => (threaded[position] = analyzed))).toBe(true);
    expect(threaded).toEqual(many.map((article) => analyzeArticle(article, analyzer)));
  }, 60_000);
});

describe("a build with the analysis cache", () => {
  it("analyses in threads, writes each analysis, and assembles the same index as a build on one thread", async () => {
    const { articlesDir, cacheDir } = seedsCopy();
    // Twenty articles: enough for the build to start threads (and to share them out).
    for (let i = 0; i < 10; i++) for (const name of readdirSync("seeds")) copyFileSync(path.join("seeds", name), path.join(articlesDir, `${i}-${name}`));
    const { articles, hashes } = await loadArticles(articlesDir);
    expect(articles.length).toBeGreaterThanOrEqual(16);
    const report = await analyzeArticles(articles, { analyzer, hashes, cacheDir, articlesDir });
    expect(report.reused).toBe(0);
    expect(readdirSync(analysisDir(cacheDir, articlesDir))).toHaveLength(articles.length);
    const assembled = SearchIndex.assemble(report.analyzed);
    const built = SearchIndex.build(articles, analyzer);
    expect(assembled.data.vocabulary).toEqual(built.data.vocabulary);
    expect(assembled.data.documentFrequency).toEqual(built.data.documentFrequency);
  }, 60_000);
});
