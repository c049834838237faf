/**
 * Per-request work does not grow with an article's size or the folder's: what is per article is worked out
 * once per library, and Discord cuts look at the start of a text only. (Speed itself is measured by
 * `npm run bench:deadline`, never asserted here.)
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prepareAnswers, type Library } from "../../src/answers/library.js";
import { listSources } from "../../src/answers/sources.js";
import { summarize } from "../../src/answers/summary.js";
import { findArticle, rankArticles } from "../../src/answers/article-names.js";
import { cutToLength, truncate } from "../../src/render/discord/limits.js";
import { openSeedLibrary } from "../ask/library.js";

let library: Library;

beforeAll(async () => {
  library = await openSeedLibrary();
  await prepareAnswers(library);
});

/** The longest start of whole grapheme clusters within `max`, segmenting the whole text. */
function wholeGraphemes(text: string, max: number): string {
  let end = 0;
  for (const { segment, index } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

describe("bounded per-request work", () => {
  it("summaries and source listings are the same objects on every request of one library", () => {
    const first = summarize(library);
    const again = summarize(library);
    expect(first.kind === "summaries" && again.kind === "summaries").toBe(true);
    if (first.kind !== "summaries" || again.kind !== "summaries") return;
    expect(first.summaries.length).toBe(library.articles.length);
    first.summaries.forEach((summary, i) => expect(again.summaries[i]).toBe(summary));
    const listing = listSources(library.articles);
    const relisted = listSources(library.articles);
    if (listing.kind !== "listing" || relisted.kind !== "listing") throw new Error("expected listings");
    listing.listing.articles.forEach((article, i) => expect(relisted.listing.articles[i]).toBe(article));
    expect(listing.listing.articles[0]!.sources.length).toBeGreaterThan(0);
  });

  it("autocomplete ranks titles as before: the seed whose title holds the typed name first", () => {
    const [a, b] = library.articles;
    expect(rankArticles(library.articles, "ホワイトハウス会談")[0]).toBe(b);
    expect(rankArticles(library.articles, "ｳｸﾗｲﾅ和平交渉")[0]).toBe(a);
    expect(rankArticles(library.articles, "")).toEqual(library.articles);
  });

  it("cutting a long text keeps whole grapheme clusters, as segmenting the whole text would", () => {
    const family = "👨‍👩‍👧‍👦"; // one cluster of 11 code units
    for (const lead of [240, 245, 250, 255]) {
      const huge = `${"あ".repeat(lead)}${family.repeat(5_000)}`;
      expect(cutToLength(huge, 256)).toBe(wholeGraphemes(huge, 256));
      const cut = truncate(huge, 256);
      expect(cut.endsWith("…")).toBe(true);
      expect(cut.slice(0, -1)).toBe(wholeGraphemes(huge, 255));
    }
  });

  // /summary's and /sources' article option has no length limit (Discord allows 6,000 characters) and no
  // cooldown, and autocomplete runs at once: a 6,000-character name compared pair by pair with every title
  // stalled a 10,000-article bot for a second per request.
  it("matching a name to titles looks at no more character pairs than the titles have, however long the name", () => {
    let typed = "";
    for (let i = 0; i < 6_000; i++) typed += String.fromCharCode(0x4e00 + ((i * 7919) % 20_000));
    const named = `${library.articles[0]!.title}${typed}`;
    const titlePairs = library.articles.reduce((n, a) => n + a.title.length, 0);
    const has = vi.spyOn(Set.prototype, "has");
    try {
      rankArticles(library.articles, typed);
      findArticle(library.articles, named);
      expect(has.mock.calls.length).toBeLessThanOrEqual(2 * titlePairs);
    } finally {
      has.mockRestore();
    }
    expect(rankArticles(library.articles, typed)).toEqual([]);
    expect(findArticle(library.articles, named)).toEqual({ kind: "unknown", suggestions: [] });
  });
});
