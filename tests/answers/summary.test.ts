/**
 * summarize on the real seeds, through the real library: 💡 conclusions when an article has them; its lead
 * and central sentences, drawn from its own text, when it has none.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLibrary, type Library } from "../../src/answers/library.js";
import { EXTRACTED_SENTENCES, summarize } from "../../src/answers/summary.js";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";

const SEED = "000_3639a94c7d503a1e.txt";
let dir: string;
let library: Library;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kiji-summary-"));
  const text = readFileSync(path.join(SEEDS_DIR, SEED), "utf8");
  writeFileSync(path.join(dir, SEED), text);
  // The same article without its conclusions: the heading and every 💡 line removed.
  writeFileSync(path.join(dir, "no-conclusions.txt"), text.split("\n").filter((line) => !/^\s*(💡|🚩)/u.test(line)).join("\n"));
  library = await openLibrary({ articlesDir: dir, cacheDir: path.join(dir, ".cache") });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("summarize", () => {
  it("gives every article's summary, one each, in folder order, when no article is named", () => {
    const answer = summarize(library);
    expect(answer.kind === "summaries" && answer.summaries.map((s) => s.articleId)).toEqual(library.articles.map((a) => a.id));
  });

  it("an article with 💡 points: exactly those, as its conclusions", () => {
    const article = library.articles.find((a) => a.id === "000_3639a94c7d503a1e")!;
    const answer = summarize(library, { article: article.id });
    expect(answer).toEqual({
      kind: "summaries",
      summaries: [{ articleId: article.id, title: article.title, url: article.url, origin: "conclusions", points: article.conclusions }],
    });
    expect(article.conclusions).toHaveLength(3);
  });

  it("an article without: its lead, then its most central sentences from its own text, marked as extracted", () => {
    const article = library.articles.find((a) => a.id === "no-conclusions")!;
    expect(article.conclusions).toEqual([]);
    const answer = summarize(library, { article: "no-conclusions" });
    if (answer.kind !== "summaries") throw new Error(answer.kind);
    const summary = answer.summaries[0]!;
    expect(summary.origin).toBe("extracted");
    expect(summary.points[0]).toBe(article.lead);
    expect(summary.points.length).toBeGreaterThan(1);
    expect(summary.points.length).toBeLessThanOrEqual(1 + EXTRACTED_SENTENCES);
    const body = article.sections.flatMap((s) => [s.heading, s.question ?? "", s.answer ?? "", ...s.paragraphs.map((p) => p.text), ...s.sources.flatMap((c) => c.points)]).join("\n");
    for (const point of summary.points.slice(1)) {
      expect(body).toContain(point);
      expect(article.lead.includes(point)).toBe(false);
    }
    expect(new Set(summary.points).size).toBe(summary.points.length);
  });

  it("an unknown name: the closest titles as suggestions", () => {
    const answer = summarize(library, { article: "ゼレンスキー会談に見る停戦" });
    // Both files share the title, so the name cannot pick one.
    expect(answer).toMatchObject({ kind: "unknown-article", query: "ゼレンスキー会談に見る停戦" });
    expect(answer.kind === "unknown-article" && answer.suggestions.length).toBe(2);
  });
});
