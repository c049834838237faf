/**
 * Attribute-swapped hard negatives (scripts/train/swapped.ts): a training question's subject asked for another
 * question's attribute that the corpus never mentions, the shape of a served folder's hard questions.
 */
import { describe, expect, it } from "vitest";
import { swappedNegatives } from "../../scripts/train/swapped.js";
import { attributeAsked } from "../../src/search/question.js";

// Questions of JaQuAD's train split.
const asked = ["ロアール・アムンセンの出身国はどこですか?", "2世紀のローマ支配下のロンドンの人口はどれくらいでしたか?", "太宰治の本名は何かな?"];

describe("attribute-swapped negatives", () => {
  it("reads the subject, the attribute and the ending of `SのXは R`, and nothing of other shapes", () => {
    expect(attributeAsked(asked[0]!)).toEqual({ subject: "ロアール・アムンセン", attribute: "出身国", ending: "どこですか?" });
    expect(attributeAsked("早瀬社長の出身地ってどこ?")).toEqual({ subject: "早瀬社長", attribute: "出身地", ending: "どこ?" });
    expect(attributeAsked("なぜ停戦交渉は決裂したのか?")).toBeNull();
  });

  it("asks a subject of the corpus for an attribute its text never contains", () => {
    const pool = asked.map((q) => attributeAsked(q)!);
    const text = "アムンセンはノルウェーの探検家。本名はロアール・エンゲルブレクト・グラヴニング・アムンセン。";
    const negatives = swappedNegatives([asked[0]!], pool, text, 5, 0);
    // 本名 is in the text, 出身国 is the question's own: 人口 is the one left.
    expect(negatives).toEqual(["ロアール・アムンセンの人口はどれくらいでしたか?"]);
    expect(swappedNegatives([asked[0]!], pool, `${text}人口`, 5, 0)).toEqual([]);
  });
});
