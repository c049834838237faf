import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/articles/parse-markdown.js";

const ARTICLE = `---
title: "半導体工場の誘致、熊本で加速"
url: https://example.jp/news/kumamoto-fab
published: 2024/02/24
---
# 本文の見出し(front matter の title が優先)

熊本県で半導体工場の建設が進み、
地元経済への波及効果が期待されている。

## 工場の概要
工場はいつ稼働する?

2024年末の稼働を予定している。

台湾の**TSMC**が主導し、[日経の記事](https://www.nikkei.com/article/DGX123) (2024-02-24) によると投資額は1兆円規模。
✅ 従業員は約1700人を予定。

## 地元の声

- 住宅不足が深刻になっている。
- 地下水への影響を心配する声もある。
<https://www.kumanichi.com/articles/1234>

## 結論
- 工場の誘致で地域経済は活性化する見通し。
- 💡 一方で生活環境への配慮が課題。
`;

describe("Markdown articles", () => {
  const { article, warnings } = parseMarkdown(ARTICLE);

  it("reads front matter: title wins over the # heading, url and published date", () => {
    expect(warnings).toEqual(['the # heading "本文の見出し(front matter の title が優先)" is not used: the front matter title wins']);
    expect(article.title).toBe("半導体工場の誘致、熊本で加速");
    expect(article.url).toBe("https://example.jp/news/kumamoto-fab");
    expect(article.publishedAt).toBe("2024-02-24");
  });

  it("joins a wrapped Japanese paragraph without a space as the lead", () => {
    expect(article.lead).toBe("熊本県で半導体工場の建設が進み、地元経済への波及効果が期待されている。");
  });

  it("reads ## sections with their reader question and answer", () => {
    expect(article.sections.map((s) => [s.heading, s.question, s.answer])).toEqual([
      ["工場の概要", "工場はいつ稼働する?", "2024年末の稼働を予定している。"],
      ["地元の声", null, null],
    ]);
  });

  it("turns links into sources with their date and ✅ points, and keeps the sentence as text", () => {
    const [overview, voices] = article.sections;
    expect(overview!.sources).toEqual([
      { title: "日経の記事", publisher: "nikkei.com", publishedAt: "2024-02-24", url: "https://www.nikkei.com/article/DGX123", points: ["従業員は約1700人を予定。"] },
    ]);
    expect(overview!.paragraphs).toEqual([
      { text: "台湾のTSMCが主導し、日経の記事 (2024-02-24) によると投資額は1兆円規模。", sourceIndex: 0 },
    ]);
    expect(voices!.paragraphs.map((p) => p.text)).toEqual(["住宅不足が深刻になっている。", "地下水への影響を心配する声もある。"]);
    expect(voices!.sources.map((s) => s.url)).toEqual(["https://www.kumanichi.com/articles/1234"]);
  });

  it("reads a 結論 section's items and 💡 lines as the conclusions", () => {
    expect(article.conclusionsHeading).toBe("結論");
    expect(article.conclusions).toEqual(["工場の誘致で地域経済は活性化する見通し。", "一方で生活環境への配慮が課題。"]);
  });

  it("uses the # heading when there is no front matter, and one section when there are no ## headings", () => {
    const plain = parseMarkdown("# 短い記事\n\n本文だけの記事です。\n\n二段落目。\n");
    expect(plain.article.title).toBe("短い記事");
    expect(plain.article.sections).toHaveLength(1);
    expect(plain.article.sections[0]!.paragraphs.map((p) => p.text)).toEqual(["本文だけの記事です。", "二段落目。"]);
    expect(plain.warnings).toEqual(["no `## ` sections; read as one section"]);
  });

  it("reports front matter it cannot use instead of dropping it silently", () => {
    const odd = parseMarkdown("---\ntitle: 記事\nurl: not a link\npublished: someday\nthis is not a field\n---\n## 節\n本文。\n");
    expect(odd.article.title).toBe("記事");
    expect(odd.warnings).toEqual([
      "front matter line not understood: this is not a field",
      "front matter url is not a link: not a link",
      "front matter published is not a date: someday",
    ]);
  });
});
