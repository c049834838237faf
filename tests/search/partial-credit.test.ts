/** Partial matches between a question word and a passage word, as the rerank credits them. */
import { describe, expect, it } from "vitest";
import { partialCredit } from "../../src/search/rank.js";

describe("partialCredit", () => {
  it("credits a compound that starts or ends with the question word (a kanji word, or three kana or more)", () => {
    expect(partialCredit("空", "空域")).toBe(0.6);
    expect(partialCredit("資源", "鉱物資源")).toBe(0.6);
    expect(partialCredit("ゼレンス", "ゼレンスキ")).toBe(0.6);
    expect(partialCredit("レア", "レアアース")).toBe(0);
  });

  it("credits less a word sharing the question word's first kanji", () => {
    expect(partialCredit("動き", "動向")).toBe(0.4);
    expect(partialCredit("会談", "会議")).toBe(0.4);
  });

  it("credits nothing for the word itself, a longer question word, or words merely alike", () => {
    expect(partialCredit("会談", "会談")).toBe(0);
    expect(partialCredit("資源協定", "資源")).toBe(0.4);
    expect(partialCredit("停戦", "交渉")).toBe(0);
    expect(partialCredit("トランプ", "トラック")).toBe(0);
    expect(partialCredit("", "会談")).toBe(0);
  });
});
