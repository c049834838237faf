/**
 * Sources of hand-written .md articles, from the file to every surface: the `publisher:` field, link text read
 * as text, no source shown as a bare date, and one date format per language in ask and sources, on Discord and
 * in the terminal. Over a temp folder holding a seed article and two .md articles.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import { openLibrary, type Library } from "../../src/answers/library.js";
import type { QuotedPassage } from "../../src/answers/model.js";
import { listSources } from "../../src/answers/sources.js";
import { renderAskDiscord } from "../../src/render/discord/ask.js";
import { renderSourcesDiscord } from "../../src/render/discord/sources.js";
import { renderAskText } from "../../src/render/terminal/ask.js";
import { renderSourcesText } from "../../src/render/terminal/sources.js";

const work = mkdtempSync(path.join(tmpdir(), "kiji-md-sources-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const AOBA = `---
title: 青葉市の新しい図書館
url: https://aoba-shimpo.example/news/library
published: 2025-08-04
publisher: 青葉新報
---
# 青葉市の新しい図書館

青葉市に新しい図書館が開館した。

## 開館の様子

初日には約3000人の来館者が訪れたと[青葉新報の記事](https://aoba-shimpo.example/news/123)が伝えている。

## 蔵書

図書館の蔵書数は約20万冊で、市内最大規模となる。
`;

/** No publisher and no link anywhere: its date must not stand alone as a source. */
const NOTES = `---
title: 町内会のお知らせ
published: 2025-08-04
---
## 清掃活動

町内会の清掃活動は毎月第一日曜日の朝八時から公民館前で行われる。
`;

let library: Library;
beforeAll(async () => {
  const dir = path.join(work, "articles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(path.resolve("seeds/000_3639a94c7d503a1e.txt"), path.join(dir, "000_3639a94c7d503a1e.txt"));
  writeFileSync(path.join(dir, "aoba.md"), AOBA);
  writeFileSync(path.join(dir, "notes.md"), NOTES);
  library = await openLibrary({ articlesDir: dir, cacheDir: path.join(work, "cache") });
});

function topPassage(question: string, articleId: string): QuotedPassage {
  const answer = ask(library, question, { top: 3 });
  if (answer.kind !== "answered") throw new Error(`not answered: ${question}`);
  const passage = answer.passages.find((p) => p.articleId === articleId);
  if (!passage) throw new Error(`no passage of ${articleId} for ${question}`);
  return passage;
}

describe(".md sources on every surface", () => {
  it("a link's text is quoted as text, and its URL is the passage's source, published by the article's publisher", () => {
    const passage = topPassage("初日の来館者は何人?", "aoba");
    expect(passage.text).toContain("初日には約3000人の来館者が訪れたと青葉新報の記事が伝えている。");
    expect(passage.text).not.toContain("](");
    expect(passage).toMatchObject({ url: "https://aoba-shimpo.example/news/123", publisher: "青葉新報" });
  });

  it("a section without a link cites the article itself, by its publisher, with the date in the reader's language", () => {
    const passage = topPassage("図書館の蔵書数は?", "aoba");
    expect(passage).toMatchObject({ url: "https://aoba-shimpo.example/news/library", publisher: "青葉新報", publishedAt: "2025-08-04" });
    const answer = { kind: "answered" as const, query: "図書館の蔵書数は?", passages: [passage] };
    expect(renderAskText(answer, { locale: "ja" })).toContain("出典: 青葉新報 · 2025年8月4日");
    expect(renderAskText(answer, { locale: "en" })).toContain("Source: 青葉新報 · Aug 4, 2025");
    const field = renderAskDiscord(answer, "ja").embeds[0]!.fields![1]!.value;
    expect(field).toBe("[青葉新報](https://aoba-shimpo.example/news/library) (aoba-shimpo.example) · 2025年8月4日");
  });

  it("a source with neither publisher nor link is not shown as a bare date", () => {
    const passage = topPassage("清掃活動はいつ行われる?", "notes");
    expect(passage).toMatchObject({ url: null, publisher: null, publishedAt: "2025-08-04" });
    const answer = { kind: "answered" as const, query: "清掃活動はいつ?", passages: [passage] };
    for (const locale of ["ja", "en"] as const) {
      const text = renderAskText(answer, { locale });
      expect(text).not.toMatch(/(出典|Source): /);
      expect(text).not.toMatch(/2025\/08\/04|2025年8月4日|Aug 4, 2025/);
    }
    expect(renderAskDiscord(answer, "en").embeds[0]!.fields![1]!.value).toBe("no link");
  });

  it("ask and sources print a date the same way, in the terminal and on Discord", () => {
    const passage = topPassage("図書館の蔵書数は?", "aoba");
    const answer = { kind: "answered" as const, query: "q", passages: [passage] };
    const seedCard = library.articles[0]!.sections.flatMap((s) => s.sources).find((c) => c.publishedAt)!;
    const [y, m, d] = seedCard.publishedAt!.split("-").map(Number);
    const surfaces = {
      ja: [renderAskText(answer, { locale: "ja" }), renderSourcesText(listSources(library.articles), "ja"), JSON.stringify(renderAskDiscord(answer, "ja")), JSON.stringify(renderSourcesDiscord(listSources(library.articles), "ja"))],
      en: [renderAskText(answer, { locale: "en" }), renderSourcesText(listSources(library.articles), "en"), JSON.stringify(renderAskDiscord(answer, "en")), JSON.stringify(renderSourcesDiscord(listSources(library.articles), "en"))],
    };
    for (const text of surfaces.ja) expect(text).not.toMatch(/\d{4}[/-]\d{2}[/-]\d{2}/);
    for (const text of surfaces.en) expect(text).not.toMatch(/\d{4}[/-]\d{2}[/-]\d{2}/);
    expect(surfaces.ja[0]).toContain("2025年8月4日");
    expect(surfaces.ja[1]).toContain(`${y}年${m}月${d}日`);
    expect(surfaces.ja[3]).toContain(`${y}年${m}月${d}日`);
    expect(surfaces.en[1]).toMatch(new RegExp(`[A-Z][a-z]{2} ${d}, ${y}`));
    // The seed's listing names the .md article's links by publisher, each with its real host beside it.
    expect(surfaces.ja[3]).toContain("[青葉新報](https://aoba-shimpo.example/news/123) (aoba-shimpo.example)");
  });
});
