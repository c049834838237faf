/** The terminal renderer of AskAnswer: plain text, every case worded, the best sentence marked. */
import { describe, expect, it } from "vitest";
import type { AskAnswer } from "../../src/answers/model.js";
import { renderAskJson, renderAskText } from "../../src/render/terminal/ask.js";

const answered: AskAnswer = {
  kind: "answered",
  query: "会談は最初どんな雰囲気だった?",
  passages: [
    {
      text: "2月28日、会談が実現した。会談は当初、儀礼的な雰囲気で始まった。",
      bestSentence: "会談は当初、儀礼的な雰囲気で始まった。",
      articleId: "a",
      articleTitle: "記事の題",
      section: "見出し",
      url: "https://example.com/x",
      publisher: "毎日新聞",
      publishedAt: "2025-03-02",
      score: 0.9,
    },
  ],
};

describe("renderAskText", () => {
  it("marks the best sentence and gives article, section, source and link", () => {
    const text = renderAskText(answered);
    expect(text).toContain("1. 2月28日、会談が実現した。▶会談は当初、儀礼的な雰囲気で始まった。◀");
    expect(text).toContain("記事: 記事の題");
    expect(text).toContain("見出し: 見出し");
    expect(text).toContain("出典: 毎日新聞 2025/03/02");
    expect(text).toContain("https://example.com/x");
  });

  it("uses bold instead of marks for a colour terminal", () => {
    expect(renderAskText(answered, { color: true })).toContain("\u001b[1m会談は当初、儀礼的な雰囲気で始まった。\u001b[22m");
  });

  it("words not-found, empty and too-long questions for a person", () => {
    expect(renderAskText({ kind: "not-found", query: "天気は?" })).toContain("「天気は?」への答えは、これらの記事には見つかりませんでした。");
    expect(renderAskText({ kind: "not-found", query: "q" }, { sourcesHint: "/sources" })).toContain("/sources");
    expect(renderAskText({ kind: "invalid", query: "", reason: "empty" })).toContain("質問が空です");
    expect(renderAskText({ kind: "invalid", query: "x", reason: "too-long", limit: 1000 })).toContain("1000文字まで");
  });
});

describe("renderAskJson", () => {
  it("keeps exactly the contract's fields", () => {
    expect(renderAskJson(answered)).toEqual({
      query: "会談は最初どんな雰囲気だった?",
      answered: true,
      passages: [{ text: answered.passages[0]!.text, articleId: "a", articleTitle: "記事の題", section: "見出し", url: "https://example.com/x", score: 0.9 }],
    });
    expect(renderAskJson({ kind: "not-found", query: "q" })).toEqual({ query: "q", answered: false, passages: [] });
  });
});
