import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/articles/parse-digest.js";
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
      // No publisher is said (no front matter `publisher:`, no link title): none is made up from the host.
      { title: "日経の記事", publisher: null, publishedAt: "2024-02-24", url: "https://www.nikkei.com/article/DGX123", points: ["従業員は約1700人を予定。"] },
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

  it("uses the # heading when there is no front matter, and one section, without a warning, when there are no ## headings", () => {
    const plain = parseMarkdown("# 短い記事\n\n本文だけの記事です。\n\n二段落目。\n");
    expect(plain.article.title).toBe("短い記事");
    expect(plain.article.sections).toHaveLength(1);
    expect(plain.article.sections[0]!.paragraphs.map((p) => p.text)).toEqual(["本文だけの記事です。", "二段落目。"]);
    // Plain prose (a Wikipedia-style article) is an article like any other, not a file to fix.
    expect(plain.warnings).toEqual([]);
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

  it("a `publisher:` field names the publisher of the article and of its links, unless a link names its own", () => {
    const { article, warnings } = parseMarkdown(`---
title: 青葉市の新しい図書館
url: https://aoba-shimpo.example/news/library
published: 2025-08-04
publisher: 青葉新報
---
## 開館の様子

初日には約3000人が訪れたと[青葉新報の記事](https://aoba-shimpo.example/news/123)が伝えている。

市の発表は[こちら](https://city.aoba.example/press/1 "青葉市役所")(2025/08/01)。
[Wikipedia の項目](<https://ja.wikipedia.org/wiki/図書館_(施設)>)

## 蔵書

蔵書数は約20万冊で、**市内最大規模**となる。
`);
    expect(warnings).toEqual([]);
    expect(article.publisher).toBe("青葉新報");
    const [opening, books] = article.sections;
    expect(opening!.sources.map((s) => [s.title, s.publisher, s.publishedAt, s.url])).toEqual([
      ["青葉新報の記事", "青葉新報", null, "https://aoba-shimpo.example/news/123"],
      ["こちら", "青葉市役所", "2025-08-01", "https://city.aoba.example/press/1"],
      ["Wikipedia の項目", "青葉新報", null, "https://ja.wikipedia.org/wiki/図書館_(施設)"],
    ]);
    // The link text is read as text, in its sentence: no `[text](url)`, no title attribute, nothing lost.
    expect(opening!.paragraphs.map((p) => p.text)).toEqual(["初日には約3000人が訪れたと青葉新報の記事が伝えている。", "市の発表はこちら(2025/08/01)。"]);
    expect(books!.sources).toEqual([]);
    expect(books!.paragraphs.map((p) => p.text)).toEqual(["蔵書数は約20万冊で、市内最大規模となる。"]);
  });

  it("without `publisher:`, a link has none: the renderers show its host instead", () => {
    const { article } = parseMarkdown("# 記事\n\n## 節\n\n本文は[記事](https://example.jp/a)にある。\n");
    expect(article.publisher).toBeNull();
    expect(article.sections[0]!.sources.map((s) => s.publisher)).toEqual([null]);
  });
});

describe("a huge single-line article", () => {
  const line = "熊本で半導体工場の建設が進み、地元経済への波及効果が期待されている".repeat(40_000);

  it("as .md: the title is capped, the whole line stays searchable text", () => {
    const { article } = parseMarkdown(line);
    expect(line.length).toBeGreaterThan(1_000_000);
    expect(article.title.length).toBeLessThanOrEqual(200);
    expect(article.title.endsWith("…")).toBe(true);
    expect(line.startsWith(article.title.slice(0, -1))).toBe(true);
    expect(article.sections.flatMap((s) => s.paragraphs.map((p) => p.text))).toEqual([line]);
  });

  it("as .md with a huge # title and ## heading: both capped, their text kept in the body", () => {
    const { article } = parseMarkdown(`# ${line}\n\n## ${line}\n\n本文。\n`);
    expect(article.title.length).toBeLessThanOrEqual(200);
    expect(article.lead).toBe(line);
    expect(article.sections[0]!.heading.length).toBeLessThanOrEqual(200);
    expect(article.sections[0]!.paragraphs.map((p) => p.text)).toEqual([line, "本文。"]);
  });

  it("as .txt: the title is capped and the line read as the article's one section", () => {
    const { article } = parseDigest(line);
    expect(article.title.length).toBeLessThanOrEqual(200);
    expect(article.sections).toHaveLength(1);
    expect(article.sections[0]!.heading).toBe(article.title);
    expect(article.sections[0]!.paragraphs.map((p) => p.text)).toEqual([line]);
  });

  it("lines full of markdown marks parse (each pattern stops at the next mark, so no backtracking blow-up)", () => {
    for (const mark of ["[", "*", "_", "`", "<https://", "](", "[x](https://a.jp/(", "# "]) {
      const { article } = parseMarkdown(`${mark}あ`.repeat(100_000));
      expect(article.title.length).toBeLessThanOrEqual(200);
    }
  });
});
