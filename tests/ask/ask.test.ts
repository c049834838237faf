/**
 * ask() as the bot and the CLIs call it: bad input gets a clear answer kind (never an exception), the top
 * count is kept in range, and the library gives central sentences for summaries.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ask, MAX_QUESTION_LENGTH } from "../../src/answers/ask.js";
import type { Library } from "../../src/answers/library.js";
import { openSeedLibrary } from "./library.js";

let library: Library;
beforeAll(async () => {
  library = await openSeedLibrary();
});

describe("ask", () => {
  it("refuses an empty or blank question without searching", () => {
    expect(ask(library, "")).toEqual({ kind: "invalid", query: "", reason: "empty" });
    expect(ask(library, "  \n\t　")).toMatchObject({ kind: "invalid", reason: "empty" });
  });

  it("refuses a question over MAX_QUESTION_LENGTH characters, and accepts one at the limit", () => {
    expect(ask(library, "会談".repeat(2500))).toMatchObject({ kind: "invalid", reason: "too-long", limit: MAX_QUESTION_LENGTH });
    expect(ask(library, `会談の雰囲気は?${"あ".repeat(MAX_QUESTION_LENGTH - 8)}`).kind).not.toBe("invalid");
  });

  it("counts characters, not UTF-16 units: a question of emoji at the limit is not too long", () => {
    expect(ask(library, "😀".repeat(MAX_QUESTION_LENGTH)).kind).toBe("not-found");
  });

  it("treats markdown, mentions and emoji as text, not commands", () => {
    for (const question of ["@everyone", "<@123456789012345678>", "**太字** `code`", "😀😀", "。。。", "???", "||spoiler||"]) {
      expect(ask(library, question).kind).toBe("not-found");
    }
    const answered = ask(library, "**バンス副大統領** は何を言ったの? @everyone");
    expect(answered.kind).toBe("answered");
  });

  it("trims the question it reports", () => {
    expect(ask(library, "  会談は最初どんな雰囲気だった?  ").query).toBe("会談は最初どんな雰囲気だった?");
  });

  it("quotes 3 passages by default and keeps top within 1-10", () => {
    const count = (top?: number) => {
      const answer = ask(library, "トランプ大統領とゼレンスキー大統領の会談", top === undefined ? {} : { top });
      return answer.kind === "answered" ? answer.passages.length : 0;
    };
    expect(count()).toBe(3);
    expect(count(1)).toBe(1);
    expect(count(0)).toBe(1);
    expect(count(Number.NaN)).toBe(3);
    expect(count(10)).toBeGreaterThan(3);
    expect(count(10)).toBeLessThanOrEqual(10);
    expect(count(50)).toBeLessThanOrEqual(10);
  });

  it("answers the same question the same way every time", () => {
    const question = "どんな懸念が強まった?";
    expect(ask(library, question)).toEqual(ask(library, question));
  });
});

describe("Library.centralSentences", () => {
  it("gives the article's central sentences, distinct and taken from its text, best first", () => {
    const article = library.articles.find((a) => a.id === "002_f48635b7877d06da")!;
    const text = [article.lead, ...article.sections.flatMap((s) => [...s.paragraphs.map((p) => p.text), ...s.sources.flatMap((c) => c.points)])].join("\n");
    const sentences = library.centralSentences(article.id, 3);
    expect(sentences).toHaveLength(3);
    expect(new Set(sentences).size).toBe(3);
    for (const sentence of sentences) {
      expect(text).toContain(sentence);
      expect(sentence.length).toBeGreaterThanOrEqual(20);
      expect(sentence).not.toMatch(/[?？]$/);
    }
    // The most central sentence is about what the article is about, not an aside.
    expect(sentences[0]).toMatch(/ゼレンスキー|トランプ|停戦|鉱物資源/);
  });

  it("is empty for an unknown article or a count of zero, and stops at what the article has", () => {
    expect(library.centralSentences("no-such-article", 3)).toEqual([]);
    expect(library.centralSentences("000_3639a94c7d503a1e", 0)).toEqual([]);
    expect(library.centralSentences("000_3639a94c7d503a1e", 1000).length).toBeLessThan(1000);
  });
});
