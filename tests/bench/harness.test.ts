import { describe, expect, it } from "vitest";
import { benchQuestions, MIN_QUESTIONS, readDevQuestions, seedQuestions, withVariants } from "../../bench/lib/questions.js";
import { checkTargets, formatTables, type CorpusResult, type Row } from "../../bench/lib/report.js";
import { summarize } from "../../bench/lib/stats.js";
import { loadArticles } from "../../src/articles/load.js";

describe("the bench's statistics", () => {
  it("gives the median with min and max, and nothing for no runs", () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(summarize([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10, runs: 4 });
    expect(summarize([])).toBeNull();
    expect(summarize([Number.NaN, 2])).toEqual({ median: 2, min: 2, max: 2, runs: 1 });
  });
});

describe("the bench's questions", () => {
  it("makes at least a thousand distinct one-line questions from the seeds' own questions, the same every time", async () => {
    const { articles } = await loadArticles("seeds");
    const seeds = seedQuestions(articles);
    expect(seeds.length).toBeGreaterThan(4);
    const questions = benchQuestions({ dev: readDevQuestions("/nonexistent/dev-qa.json"), seeds, generated: [] });
    expect(questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    expect(new Set(questions).size).toBe(questions.length);
    expect(questions.every((q) => q.trim() !== "" && !q.includes("\n"))).toBe(true);
    expect(benchQuestions({ dev: [], seeds, generated: [] })).toEqual(questions);
    // Variants keep the question's words.
    expect(questions.filter((q) => q.includes(seeds[0]!.replace(/[?？]$/, ""))).length).toBeGreaterThan(5);
  });

  it("puts a generated corpus's answerable question first, for the cold-start runs", () => {
    const generated = [
      { q: "何もない質問？", articleId: null },
      { q: "銀座の協会はどうなっている？", articleId: "00005_d5a37492a35e625c" },
      ...Array.from({ length: 10 }, (_, i) => ({ q: `協会${i}の予算はどうなった？`, articleId: `0000${i}_x` })),
    ];
    const questions = benchQuestions({ dev: ["会談は最初どんな雰囲気だった?"], seeds: [], generated });
    expect(questions[0]).toBe("銀座の協会はどうなっている？");
    expect(questions).toContain("何もない質問？");
    expect(questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
  });

  it("returns no variants of nothing", () => {
    expect(withVariants([" ", ""])).toEqual([]);
  });
});

describe("the bench's report", () => {
  const stat = (median: number) => ({ median, min: median, max: median, runs: 3 });
  const rows = (cold: number, p99: number, rss: number): Row[] => [
    { key: "cold.cached", label: "cold", unit: "ms", kiji: stat(cold), lucene: stat(800) },
    { key: "warm.p50", label: "p50", unit: "ms", kiji: stat(1), lucene: stat(0.5) },
    { key: "warm.p99", label: "p99", unit: "ms", kiji: stat(p99), lucene: stat(8) },
    { key: "rss.warm", label: "rss", unit: "bytes", kiji: stat(rss), lucene: null },
  ];
  const result = (name: string, articles: number, r: Row[]): CorpusResult => ({
    name,
    articles,
    passages: 10,
    characters: 100,
    questions: 1000,
    rows: r,
    answered: { kiji: 900, lucene: 1000 },
    savedAndLoaded: true,
    errors: [],
  });

  it("marks each issue-6 target as holding or not from the medians", () => {
    const targets = checkTargets([result("seeds", 2, rows(550, 6, 300 * 1024 ** 2))]);
    const byWhat = Object.fromEntries(targets.map((t) => [t.what, t.holds]));
    expect(byWhat["cold start to first answer, cache built"]).toBe(true);
    expect(byWhat["warm /ask p99"]).toBe(false);
    expect(byWhat["peak RSS (serving)"]).toBe(true);
    expect(byWhat["ahead of Lucene: cold start"]).toBe(true);
    expect(byWhat["ahead of Lucene: warm p50"]).toBe(false);
    expect(byWhat["ahead of Lucene: warm p99"]).toBe(true);

    const limited: Row = { key: "rss.warm.limited", label: "peak RSS, warm run, --max-old-space-size=2048", unit: "bytes", kiji: stat(1.9 * 1024 ** 3), lucene: null };
    const large = checkTargets([result("10k", 10_000, [...rows(9000, 150, 3 * 1024 ** 3), limited])]);
    expect(large.find((t) => t.what === "warm /ask p99")?.holds).toBe(true);
    expect(large.filter((t) => t.what === "peak RSS (serving)").map((t) => [t.limit, t.holds])).toEqual([["<= 1.00 GB", false], ["<= 2.50 GB", false]]);
    expect(large.find((t) => t.what.includes("--max-old-space-size=2048"))?.holds).toBe(true);
    expect(large.find((t) => t.what === "cache load")?.holds).toBeNull();
  });

  it("holds the JaQuAD corpus to issue 12's warm p99 and issue 15's cold start, build and memory against Lucene", () => {
    const jaquad = (p99: number, cold: number, build: number, rss: number) => {
      const r = rows(cold, p99, rss).map((row) => (row.key === "rss.warm" ? { ...row, lucene: stat(270 * 1024 ** 2) } : row));
      r.push({ key: "build.time", label: "build", unit: "ms", kiji: stat(build), lucene: stat(4000) });
      return Object.fromEntries(checkTargets([result("jaquad", 671, r)]).map((t) => [t.what, t.holds]));
    };
    expect(jaquad(29, 900, 14_000, 500 * 1024 ** 2)).toEqual({
      "warm /ask p99": true,
      "cold start to first answer, cache built": true,
      "index build": true,
      "peak RSS (serving), against Lucene's warm run": true,
    });
    expect(jaquad(31, 1100, 16_000, 600 * 1024 ** 2)).toEqual({
      "warm /ask p99": false,
      "cold start to first answer, cache built": false,
      "index build": false,
      "peak RSS (serving), against Lucene's warm run": false,
    });
  });

  it("holds the 10k corpus to issue 15's cold start of 2 s and 1 GB while serving", () => {
    const tenK = (cold: number, rss: number) => checkTargets([result("10k", 10_000, rows(cold, 50, rss))]).filter((t) => t.what.startsWith("cold start") || t.limit === "<= 1.00 GB");
    expect(tenK(1900, 900 * 1024 ** 2).map((t) => t.holds)).toEqual([true, true]);
    expect(tenK(2100, 1100 * 1024 ** 2).map((t) => t.holds)).toEqual([false, false]);
  });

  it("prints kiji-bot, Lucene and their ratio, or kiji-bot alone", () => {
    const results = [result("seeds", 2, rows(400, 3, 300 * 1024 ** 2))];
    const both = formatTables(results, { lucene: true });
    expect(both).toContain("0.50×");
    expect(both).toContain("300.0 MB");
    const alone = formatTables(results, { lucene: false });
    expect(alone).not.toContain("Lucene 8");
    expect(alone).toContain("400 ms");
  });
});
