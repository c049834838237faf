/**
 * Which question words choose the candidates: the rarest, as many as fit in CANDIDATE_POSTINGS passages between
 * them, so that a large corpus never scores the postings of its commonest words for every question.
 */
import { describe, expect, it } from "vitest";
import { CANDIDATE_POSTINGS, rarestWithin } from "../../src/search/rank.js";

const df: Record<string, number> = { 協会: 90_000, 運転: 15_000, ミニバン: 40, 警備: 3_000 };
const frequency = (term: string) => df[term]!;

describe("rarestWithin (the words that choose candidates)", () => {
  it("takes the rarest words first while their passages fit in the budget", () => {
    expect(rarestWithin(["協会", "ミニバン", "運転", "警備"], frequency, CANDIDATE_POSTINGS)).toEqual(["ミニバン", "警備", "運転"]);
    expect(rarestWithin(["協会", "ミニバン", "運転", "警備"], frequency, 10_000)).toEqual(["ミニバン", "警備"]);
  });

  it("always keeps the rarest word, even one over the budget alone", () => {
    expect(rarestWithin(["協会"], frequency, CANDIDATE_POSTINGS)).toEqual(["協会"]);
    expect(rarestWithin(["協会", "運転"], frequency, 100)).toEqual(["運転"]);
    expect(rarestWithin([], frequency, 100)).toEqual([]);
  });

  it("keeps every word of a small corpus, whose words all fit", () => {
    const small = { 会談: 12, 大統領: 30, 合意: 8 } as Record<string, number>;
    expect(rarestWithin(["大統領", "会談", "合意"], (t) => small[t]!, CANDIDATE_POSTINGS)).toEqual(["合意", "会談", "大統領"]);
  });
});
