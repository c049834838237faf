/**
 * The postings (postings.ts) find candidates as MiniSearch 7 did, to the last bit: MiniSearch, given the same
 * documents the index used to hand it, is the reference here, over the seeds' words and our own questions'.
 */
import MiniSearch, { type Options } from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { analyzeQuestion } from "../../src/search/question.js";
import { rank } from "../../src/search/rank.js";
import { loadRankConfig } from "../../src/search/rank-weights.js";
import { SearchIndex, type CandidateQuery } from "../../src/search/search-index.js";
import { ownQa } from "../ask/library.js";

interface Doc {
  id: number;
  body: string;
  context: string;
}
const OPTIONS: Options<Doc> = { fields: ["body", "context"], idField: "id", tokenize: (text) => (text ? text.split(" ") : []), processTerm: (term) => term || null };

/** MiniSearch over the index's documents, as SearchIndex built them before it had postings of its own. */
function referenceOf(index: SearchIndex): MiniSearch<Doc> {
  const words = (ids: number[]) => ids.map((id) => index.data.vocabulary[id]!);
  const passages = [...index.data.passages];
  const docs = passages.map((p, id): Doc => {
    const card = (p.card ?? []).flatMap((c) => passages[c]!.sentences.flatMap((s) => s.terms));
    return { id, body: words(p.sentences.flatMap((s) => s.terms)).join(" "), context: words([...p.contextTerms, ...card]).join(" ") };
  });
  const search = new MiniSearch<Doc>(OPTIONS);
  const units = index.data.units;
  if (!units) search.addAll(docs);
  else
    units.forEach((start, d) => {
      const parts = docs.slice(start, units[d + 1] ?? docs.length);
      search.add({ id: d, body: parts.map((p) => p.body).filter(Boolean).join(" "), context: parts[0]!.context });
    });
  return search;
}

const asMiniSearch = (queries: CandidateQuery[]) => ({
  combineWith: "OR" as const,
  queries: queries.map((q) => ({ queries: [q.terms.join(" ")], fields: ["body", "context"], boost: q.boost, boostTerm: q.boostTerm })),
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

let analyzer: Analyzer;
let byPassage: SearchIndex;
let bySection: SearchIndex;
beforeAll(async () => {
  const { articles } = await loadArticles("seeds");
  analyzer = new Analyzer(await loadTokenizer());
  byPassage = SearchIndex.build(articles, analyzer);
  bySection = SearchIndex.build(articles, analyzer, { sectionDocumentsFrom: 0 });
});

describe("the postings", () => {
  it("count documents and entries like MiniSearch does", () => {
    for (const index of [byPassage, bySection]) {
      const reference = referenceOf(index);
      expect(index.postings.documentCount).toBe(reference.documentCount);
      expect(index.postings.documentCount).toBe(index.data.units?.length ?? index.passageCount);
    }
  });

  it("score our own questions' words exactly as MiniSearch, ties in the same order, in both document layouts", () => {
    const questions = [...ownQa.questions.map((q) => q.q), ...ownQa.negatives, ...ownQa.hard_negatives];
    for (const index of [byPassage, bySection]) {
      const reference = referenceOf(index);
      let compared = 0;
      for (const q of questions) {
        const words = analyzeQuestion(analyzer, q).words;
        const terms = [...new Set(words.flatMap((w) => (w.alt ? [w.term, w.alt] : [w.term])))];
        const queries: CandidateQuery[] = [
          { terms, boost: { body: 1, context: 0.4 }, boostTerm: (t) => (words.find((w) => w.term === t)?.role === "name" ? 1.5 : 1) },
        ];
        const ours = [...index.search(queries)];
        expect(ours).toEqual(reference.search(asMiniSearch(queries)).map((r) => ({ id: r.id, score: r.score })));
        compared += ours.length;
      }
      expect(compared).toBeGreaterThan(200);
    }
  });

  it("score random OR queries exactly as MiniSearch: repeated words, unknown words, zero boosts, a second query", () => {
    for (const index of [byPassage, bySection]) {
      const reference = referenceOf(index);
      const next = random(index === byPassage ? 7 : 11);
      const vocabulary = index.data.vocabulary;
      const pick = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
      for (let round = 0; round < 200; round++) {
        const first = Array.from({ length: 1 + Math.floor(next() * 6) }, pick);
        const second = [...Array.from({ length: Math.floor(next() * 4) }, pick), ...(round % 3 === 0 ? [first[0]!, "見当たらない語"] : [])];
        const boost = { body: 1, context: round % 4 === 0 ? 0 : round % 2 ? 0.4 : 1 };
        const weights = new Map([...first, ...second].map((t) => [t, Math.floor(next() * 4) * 0.5]));
        const queries: CandidateQuery[] = [{ terms: first, boost, boostTerm: (t) => weights.get(t) ?? 0 }];
        if (second.length) queries.push({ terms: second, boost, boostTerm: (t) => 0.3 * (weights.get(t) ?? 0) });
        expect([...index.search(queries)]).toEqual(reference.search(asMiniSearch(queries)).map((r) => ({ id: r.id, score: r.score })));
      }
    }
  });

  it("rank a seed question's passages with the answer first, found through the postings", () => {
    const question = ownQa.questions[0]!;
    const ranked = rank(byPassage, analyzeQuestion(analyzer, question.q), loadRankConfig(), { top: 3 });
    expect(ranked.length).toBeGreaterThan(0);
    expect(question.expect.some((e) => ranked.some((r) => r.passage.text.includes(e)))).toBe(true);
  });
});
