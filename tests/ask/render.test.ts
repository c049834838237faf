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
  it("marks the best sentence and gives article, section, source and link, in Japanese", () => {
    const text = renderAskText(answered, { locale: "ja" });
    expect(text).toContain("「会談は最初どんな雰囲気だった?」について、記事の該当箇所です。");
    expect(text).toContain("1. 2月28日、会談が実現した。▶会談は当初、儀礼的な雰囲気で始まった。◀");
    expect(text).toContain("記事: 記事の題");
    expect(text).toContain("セクション: 見出し");
    expect(text).toContain("出典: 毎日新聞 · 2025年3月2日");
    expect(text).toContain("https://example.com/x");
  });

  it("words the same answer in English, quoting the passage untranslated", () => {
    const text = renderAskText(answered, { locale: "en" });
    expect(text).toContain('What the articles say about "会談は最初どんな雰囲気だった?":');
    expect(text).toContain("▶会談は当初、儀礼的な雰囲気で始まった。◀");
    expect(text).toContain("Article: 記事の題");
    expect(text).toContain("Section: 見出し");
    expect(text).toContain("Source: 毎日新聞 · Mar 2, 2025");
  });

  it("uses bold instead of marks for a colour terminal", () => {
    expect(renderAskText(answered, { locale: "ja", color: true })).toContain("\u001b[1m会談は当初、儀礼的な雰囲気で始まった。\u001b[22m");
  });

  it("words not-found, empty and too-long questions for a person, pointing to npm run sources", () => {
    const notFound = renderAskText({ kind: "not-found", query: "天気は?" }, { locale: "ja" });
    expect(notFound).toContain("「天気は?」への答えは、これらの記事には見つかりませんでした。");
    expect(notFound).toContain("npm run sources");
    expect(renderAskText({ kind: "not-found", query: "天気は?" }, { locale: "en" })).toContain('The articles do not answer "天気は?"');
    expect(renderAskText({ kind: "invalid", query: "", reason: "empty" }, { locale: "ja" })).toContain("質問が空です");
    expect(renderAskText({ kind: "invalid", query: "x", reason: "too-long", limit: 1000 }, { locale: "ja" })).toContain("1000文字まで");
    expect(renderAskText({ kind: "invalid", query: "x", reason: "too-long", limit: 1000 }, { locale: "en" })).toContain("at most 1000 characters");
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
