/**
 * Section documents, the layout of large corpora (from SECTION_DOCUMENTS_FROM passages on): MiniSearch indexes
 * each section's passages as one document and the rerank reads the passages of the best sections. Forced here on
 * the real seeds, which must still be answered and declined as with passage documents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { readCache, writeCache } from "../../src/search/cache.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { analyzeQuestion } from "../../src/search/question.js";
import { rank } from "../../src/search/rank.js";
import { loadRankConfig } from "../../src/search/rank-weights.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { answeredOwnQuestions, ownQa as qa } from "../ask/library.js";


let analyzer: Analyzer;
let sections: SearchIndex;
let passages: SearchIndex;
let work: string;
beforeAll(async () => {
  const { articles } = await loadArticles("seeds");
  analyzer = new Analyzer(await loadTokenizer());
  sections = SearchIndex.build(articles, analyzer, { sectionDocumentsFrom: 0 });
  passages = SearchIndex.build(articles, analyzer);
  work = await mkdtemp(path.join(tmpdir(), "kiji-sections-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const top3 = (index: SearchIndex, q: string) => rank(index, analyzeQuestion(analyzer, q), loadRankConfig(), { top: 3 }).map((r) => r.passage.text);

describe("section documents", () => {
  it("are used only from the threshold on: the seeds' 44 passages are documents of their own by default", () => {
    expect(passages.data.units).toBeUndefined();
    expect(passages.postings.documentCount).toBe(passages.passageCount);
  });

  it("cover every passage once, in order, each a run of one article's section", () => {
    const units = sections.data.units!;
    expect(units[0]).toBe(0);
    expect(sections.postings.documentCount).toBe(units.length);
    expect(units.length).toBeLessThan(sections.passageCount / 2);
    units.forEach((start, d) => {
      const { start: from, end } = sections.passagesOf(d);
      expect(from).toBe(start);
      expect(end).toBeGreaterThan(start);
      const run = Array.from({ length: end - from }, (_, i) => sections.passage(from + i)!);
      expect(new Set(run.map((p) => `${p.articleId}/${p.sectionIndex}`)).size).toBe(1);
    });
    expect(sections.passagesOf(units.length - 1).end).toBe(sections.passageCount);
  });

  it("still find every own test question's answer in the top three, and decline what passage documents decline", () => {
    for (const { q, expect: expected } of answeredOwnQuestions) {
      expect(top3(sections, q).some((text) => expected.some((e) => text.includes(e))), q).toBe(true);
    }
    for (const q of [...qa.negatives, ...qa.hard_negatives]) expect(top3(sections, q).length === 0, q).toBe(top3(passages, q).length === 0);
    expect(qa.negatives.every((q) => top3(sections, q).length === 0)).toBe(true);
  });

  it("survive the cache: saved and loaded, the same sections answer the same", async () => {
    const file = path.join(work, "index.bin");
    await writeCache(file, "key", sections);
    const read = await readCache(file, "key");
    expect(read.status).toBe("hit");
    if (read.status !== "hit") return;
    expect(read.index.data.units).toEqual(sections.data.units);
    for (const { q } of qa.questions.slice(0, 5)) expect(top3(read.index, q)).toEqual(top3(sections, q));
  });
});
