/** listSources and the article-name lookup on the real seed articles. */
import { describe, expect, it } from "vitest";
import { findArticle, rankArticles } from "../../src/answers/article-names.js";
import { listSources } from "../../src/answers/sources.js";
import type { Article } from "../../src/articles/model.js";
import { loadSeedArticles } from "../discord/seed-fixtures.js";

const seeds = await loadSeedArticles();
const [first, second] = seeds as [Article, Article];

describe("listSources", () => {
  it("lists every article with its sections and every source card, in page order", () => {
    const answer = listSources(seeds);
    expect(answer.kind).toBe("listing");
    if (answer.kind !== "listing") return;
    expect(answer.listing.articles.map((a) => a.id)).toEqual(seeds.map((a) => a.id));
    answer.listing.articles.forEach((listed, i) => {
      const article = seeds[i]!;
      expect(listed.title).toBe(article.title);
      expect(listed.sections).toEqual(article.sections.map((s) => s.heading));
      const cards = article.sections.flatMap((s) => s.sources.map((c) => ({ url: c.url, publisher: c.publisher, publishedAt: c.publishedAt, title: c.title, section: s.heading })));
      expect(listed.sources).toEqual(cards);
      expect(listed.sources.length).toBeGreaterThan(0);
    });
  });

  it("lists one article when named by id, by exact title, or by a part of the title only it has", () => {
    for (const name of [second.id, second.title, "ホワイトハウス会談", `  ${second.title.slice(0, 12)}  `]) {
      const answer = listSources(seeds, { article: name });
      expect(answer.kind === "listing" && answer.listing.articles.map((a) => a.id)).toEqual([second.id]);
    }
  });

  it("folds width and case: half-width katakana and full-width digits find the title", () => {
    const answer = listSources(seeds, { article: "ﾎﾜｲﾄﾊｳｽ会談" });
    expect(answer.kind === "listing" && answer.listing.articles[0]!.id).toBe(second.id);
  });

  it("a name both titles share is not guessed: both come back as suggestions", () => {
    const answer = listSources(seeds, { article: "ゼレンスキー" });
    expect(answer).toEqual({ kind: "unknown-article", query: "ゼレンスキー", suggestions: expect.arrayContaining([first.title, second.title]) });
  });

  it("an unrelated name gets no suggestions, and an empty name means every article", () => {
    expect(listSources(seeds, { article: "xyzzy" })).toEqual({ kind: "unknown-article", query: "xyzzy", suggestions: [] });
    const all = listSources(seeds, { article: "   " });
    expect(all.kind === "listing" && all.listing.articles).toHaveLength(2);
  });
});

describe("article names", () => {
  it("finds an id cut to Discord's 100-character autocomplete value", () => {
    const long: Article = { ...first, id: `${"x".repeat(80)}_${"y".repeat(60)}` };
    expect(findArticle([long, second], long.id.slice(0, 100))).toEqual({ kind: "found", article: long });
  });

  it("ranks titles containing the typed text first, then titles sharing character pairs", () => {
    // Only the first title contains it; the second shares 停戦への and comes after.
    expect(rankArticles(seeds, "停戦への道筋").map((a) => a.id)).toEqual([first.id, second.id]);
    expect(rankArticles(seeds, "道筋").map((a) => a.id)).toEqual([first.id]);
    expect(rankArticles(seeds, "").map((a) => a.id)).toEqual(seeds.map((a) => a.id));
    expect(rankArticles(seeds, "激突")[0]!.id).toBe(second.id);
    expect(rankArticles(seeds, "qqq")).toEqual([]);
  });
});
