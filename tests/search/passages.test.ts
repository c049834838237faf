/**
 * Passages on both seeds and on made-up long text: never over 400 characters, never cut inside a word,
 * quoted exactly as written, and carrying their article, section and nearest source.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import type { Article } from "../../src/articles/model.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { buildPassages, LIST_PASSAGE_LENGTH, MAX_PASSAGE_LENGTH, type Passage } from "../../src/search/passages.js";
import { splitSentences } from "../../src/search/sentences.js";

let analyzer: Analyzer;
let articles: Article[];
let passages: Passage[];
const options = () => ({ wordStarts: (text: string) => analyzer.wordStarts(text) });

beforeAll(async () => {
  analyzer = new Analyzer(await loadTokenizer());
  articles = (await loadArticles("seeds")).articles;
  passages = articles.flatMap((article) => buildPassages(article, options()));
});

function article(fields: Partial<Article>): Article {
  return { id: "test", title: "テスト記事", lead: "", path: "test.md", url: "https://example.com/a", publishedAt: null, sections: [], conclusionsHeading: null, conclusions: [], ...fields };
}

describe("passages of the seed articles", () => {
  it("are never longer than 400 characters, and never empty", () => {
    expect(passages.length).toBeGreaterThan(30);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(p.text.trim()).not.toBe("");
    }
  });

  it("quote the article exactly: each sentence is in the text it came from", () => {
    const raw = (a: Article) =>
      [a.lead, ...a.conclusions, ...a.sections.flatMap((s) => [s.question ?? "", s.answer ?? "", ...s.paragraphs.map((p) => p.text), ...s.sources.flatMap((c) => c.points)])].join("\n");
    for (const p of passages.filter((p) => p.kind !== "source" && p.kind !== "qa")) {
      const source = raw(articles.find((a) => a.id === p.articleId)!);
      for (const span of p.sentences) expect(source).toContain(p.text.slice(span.start, span.end));
    }
  });

  it("carry the nearest source card's link and publisher", () => {
    const point = passages.find((p) => p.kind === "point" && p.text.includes("バンス副大統領も加わり応酬"))!;
    expect(point).toMatchObject({
      articleId: "000_3639a94c7d503a1e",
      section: "対立の火種:2月28日のトランプ・ゼレンスキー会談",
      url: "https://mainichi.jp/articles/20250301/k00/00m/030/003000c",
      publishedAt: "2025-03-02",
    });
    const text = passages.find((p) => p.kind === "text" && p.text.includes("儀礼的な雰囲気"))!;
    expect(text.url).toBe("https://mainichi.jp/articles/20250301/k00/00m/030/003000c");
  });

  it("include each section's reader question with its answer, and each card's own line with its date", () => {
    expect(passages.filter((p) => p.kind === "qa").map((p) => p.text)).toContain("トランプ政権、ウクライナ支援再開の条件は?鉱物資源権益署名、領土譲渡の意思確認。");
    const lines = passages.filter((p) => p.kind === "source").map((p) => p.text);
    const asahi = lines.find((l) => l.includes("朝日新聞+"));
    expect(asahi).toMatch(/^出典: 朝日新聞\+:世界のいまを伝えるウェブメディア ／ 公開日:2025\/02\/19 ／ https:\/\/globe\.asahi\.com\//);
    expect(lines.some((l) => l.includes("フォーブスジャパン"))).toBe(true);
    expect(lines.filter((l) => l.includes("公開日:2025/03/02"))).toHaveLength(1);
  });

  it("make each part of a card's line a sentence of its own, so that the ranking can tell publisher from headline", () => {
    const line = passages.find((p) => p.kind === "source" && p.text.startsWith("失礼だ」"))!;
    expect(line.sentences.map((s) => line.text.slice(s.start, s.end))).toEqual([
      "失礼だ」トランプ氏とゼレンスキー氏が口論会談で関係悪化が露呈",
      "出典: ニュースサイト",
      "公開日:2025/03/02",
      "https://mainichi.jp/articles/20250301/k00/00m/030/003000c",
    ]);
  });

  it("include the lead and the conclusions, in article order", () => {
    const first = passages.filter((p) => p.articleId === "000_3639a94c7d503a1e");
    expect(first[0]).toMatchObject({ kind: "lead", position: 0 });
    expect(first.at(-1)).toMatchObject({ kind: "conclusion", section: "結論!" });
    expect(first.map((p) => p.position)).toEqual(first.map((_, i) => i));
  });
});

describe("cutting long text", () => {
  it("cuts a sentence longer than 400 characters at clause marks (、), never inside a word", () => {
    const clause = "トランプ大統領はゼレンスキー大統領の対応を厳しく批判し、";
    const sentence = `${clause.repeat(30)}会談は決裂した。`;
    const result = buildPassages(article({ sections: [{ heading: "見出し", question: null, answer: null, paragraphs: [{ text: sentence, sourceIndex: null }], sources: [] }] }), options());
    expect(result.length).toBeGreaterThan(1);
    for (const p of result) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(p.text.endsWith("、") || p.text.endsWith("。")).toBe(true);
    }
    expect(result.map((p) => p.text).join("")).toBe(sentence);
  });

  it("cuts a sentence with no clause mark between words", () => {
    const sentence = `${"ゼレンスキー大統領はアメリカとの強力な最終合意を目指して交渉を続けている".repeat(12)}。`;
    const starts = new Set(analyzer.wordStarts(sentence));
    const result = buildPassages(article({ lead: sentence }), options());
    expect(result.length).toBeGreaterThan(1);
    let offset = 0;
    for (const p of result) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(starts.has(offset)).toBe(true);
      offset += p.text.length;
    }
    expect(offset).toBe(sentence.length);
  });

  it("quotes prose a paragraph at a time: short paragraphs alone, a long one in pieces of whole sentences", () => {
    const short = Array.from({ length: 12 }, (_, i) => ({ text: `これは${i + 1}番目の短い文です。`, sourceIndex: null }));
    const alone = buildPassages(article({ sections: [{ heading: "h", question: null, answer: null, paragraphs: short, sources: [] }] }), options());
    expect(alone.map((p) => p.text)).toEqual(short.map((p) => p.text));

    const long = Array.from({ length: 40 }, (_, i) => `これは${i + 1}番目の短い文です。`).join("");
    const pieces = buildPassages(article({ sections: [{ heading: "h", question: null, answer: null, paragraphs: [{ text: long, sourceIndex: null }], sources: [] }] }), options());
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join("")).toBe(long);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(p.text).toMatch(/^これは\d+番目の短い文です。.*。$/);
    }
  });

  it("groups a list's short lines (the 💡 conclusions, a card's points) up to about the list length", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `これは${i + 1}番目の短い結論です。`);
    const result = buildPassages(article({ conclusions: lines }), options());
    expect(result.length).toBeGreaterThan(1);
    expect(result.length).toBeLessThan(12);
    for (const p of result) expect(p.text.length).toBeLessThanOrEqual(LIST_PASSAGE_LENGTH + 20);
  });
});

describe("splitSentences", () => {
  it("splits after 。！？ but not inside 「…」, keeping closing brackets", () => {
    const text = "彼は「合意したい。すぐに。」と述べた。本当か？はい!";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(["彼は「合意したい。すぐに。」と述べた。", "本当か？", "はい!"]);
  });

  it("does not let an unclosed quote swallow a long paragraph", () => {
    const text = `失礼だ」と言った。${"「長い引用が閉じられないまま続く。".repeat(40)}`;
    expect(splitSentences(text).length).toBeGreaterThan(2);
  });
});
