/**
 * The Discord renderers on answers drawn from the real seed articles: what each reply shows, in which
 * locale's words, inert (escaped, mention-free) and within every limit, valid by Discord's own schema.
 */
import { describe, expect, it } from "vitest";
import type { AskAnswer, SummaryAnswer } from "../../src/answers/model.js";
import { listSources } from "../../src/answers/sources.js";
import type { Article } from "../../src/articles/model.js";
import { renderAskDiscord } from "../../src/render/discord/ask.js";
import { renderArticleChoices } from "../../src/render/discord/choices.js";
import { embedLength, LIMITS } from "../../src/render/discord/limits.js";
import { quoteText } from "../../src/render/discord/markdown.js";
import { renderErrorDiscord, renderUnknownCommandDiscord } from "../../src/render/discord/notices.js";
import { MAX_MESSAGES } from "../../src/render/discord/paging.js";
import { renderSourcesDiscord } from "../../src/render/discord/sources.js";
import { renderSummaryDiscord } from "../../src/render/discord/summary.js";
import type { DiscordEmbed, DiscordMessage } from "../../src/render/discord/types.js";
import { formatDate, WORDS } from "../../src/render/i18n.js";
import { describeErrors, schemaValidator } from "../e2e/discord-schema.js";
import { loadSeedArticles, passageFrom } from "./seed-fixtures.js";

const seeds = await loadSeedArticles();
const [first, second] = seeds as [Article, Article];
const webhookBody = schemaValidator("IncomingWebhookInteractionRequest");

/** Within every limit, and accepted by Discord's schema for a reply body (with allowed_mentions as the bot adds it). */
function expectValid(message: DiscordMessage): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of message.embeds) expectEmbedValid(e);
  const ok = webhookBody({ ...message, allowed_mentions: { parse: [] } });
  expect(ok ? [] : describeErrors(webhookBody)).toEqual([]);
}

function expectEmbedValid(e: DiscordEmbed): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
}

const allText = (m: DiscordMessage) => JSON.stringify(m);

describe("/ask answers", () => {
  const passages = [passageFrom(first, 0, 0), passageFrom(second, 1, 2), passageFrom(first, 2, 1)];
  const answer: AskAnswer = { kind: "answered", query: "何が対立を招いた?", passages };

  it("one embed per passage: article title linked to its source, section, publisher and date, position", () => {
    const message = renderAskDiscord(answer, "en");
    expectValid(message);
    expect(message.embeds).toHaveLength(3);
    message.embeds.forEach((embed, i) => {
      const p = passages[i]!;
      expect(embed.title).toBe(p.articleTitle);
      expect(embed.url).toBe(p.url ?? undefined);
      expect(embed.fields![0]).toMatchObject({ name: "Section", value: p.section });
      if (p.url) expect(embed.fields![1]!.value).toContain(`](${p.url.replaceAll("(", "%28").replaceAll(")", "%29")})`);
      if (p.publishedAt) expect(embed.fields![1]!.value).toContain(formatDate(p.publishedAt, "en"));
      expect(embed.footer!.text).toBe(`Passage ${i + 1} of 3`);
    });
    expect(message.content).toContain("何が対立を招いた?");
  });

  it("marks the best sentence in bold inside the quoted passage", () => {
    const embed = renderAskDiscord(answer, "ja").embeds[0]!;
    const best = passages[0]!.bestSentence;
    expect(embed.description).toContain(`**${best}**`);
    expect(embed.description!.replaceAll("**", "")).toBe(passages[0]!.text);
  });

  it("follows the locale for our own words and never translates the quotes", () => {
    const ja = renderAskDiscord(answer, "ja");
    const en = renderAskDiscord(answer, "en");
    expect(ja.embeds[0]!.fields!.map((f) => f.name)).toEqual(["セクション", "出典"]);
    expect(en.embeds[0]!.fields!.map((f) => f.name)).toEqual(["Section", "Source"]);
    expect(ja.embeds.map((e) => e.description)).toEqual(en.embeds.map((e) => e.description));
    expect(ja.content).not.toBe(en.content);
  });

  it("escapes markdown and neutralises mentions from the article and from the question", () => {
    const hostile = { ...passages[0]!, text: `@everyone **速報** <@123456789012345678> ${passages[0]!.text}`, articleTitle: "# @here _見出し_" };
    const message = renderAskDiscord({ kind: "answered", query: "@everyone 誰が **発言** した?", passages: [hostile] }, "en");
    expectValid(message);
    const text = allText(message);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(message.content).toContain("@\u200beveryone");
    expect(message.embeds[0]!.description).toContain("\\*\\*速報\\*\\*");
    expect(message.embeds[0]!.description).toContain("\\<@123456789012345678\\>");
    expect(message.embeds[0]!.title).toBe("\\# @\u200bhere \\_見出し\\_");
  });

  it("fits a 5,000-character question into the content limit", () => {
    const message = renderAskDiscord({ ...answer, query: "トランプ大統領は何と言った?".repeat(400) }, "ja");
    expectValid(message);
    expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
  });

  it("passages without a link say so instead of linking", () => {
    const message = renderAskDiscord({ ...answer, passages: [{ ...passages[0]!, url: null, publisher: null, publishedAt: null }] }, "en");
    expect(message.embeds[0]!.url).toBeUndefined();
    expect(message.embeds[0]!.fields![1]!.value).toBe("no link");
  });
});

describe("/ask declines", () => {
  it("a short friendly 'not in these articles' that points to /sources, in each locale", () => {
    for (const locale of ["ja", "en"] as const) {
      const message = renderAskDiscord({ kind: "not-found", query: "明日の天気は?" }, locale);
      expectValid(message);
      expect(message.embeds).toHaveLength(1);
      expect(message.embeds[0]!.title).toBe(WORDS[locale].notFoundTitle);
      expect(message.embeds[0]!.description).toContain("/sources");
    }
  });

  it("says what is wrong with an empty or too long question", () => {
    expect(renderAskDiscord({ kind: "invalid", query: "", reason: "empty" }, "en").embeds[0]!.description).toBe(WORDS.en.emptyQuestion);
    expect(renderAskDiscord({ kind: "invalid", query: "x", reason: "too-long", limit: 1000 }, "ja").embeds[0]!.description).toContain("1000");
  });
});

describe("/sources", () => {
  it("lists every article with its sections and every source with publisher, date and link", () => {
    const messages = renderSourcesDiscord(listSources(seeds), "en");
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expectValid(message);
    expect(message.content).toContain("2 articles, 6 sources");
    expect(message.embeds.map((e) => e.title)).toEqual(seeds.map((a) => a.title));
    seeds.forEach((article, i) => {
      const description = message.embeds[i]!.description!;
      for (const section of article.sections) {
        expect(description).toContain(section.heading);
        for (const card of section.sources) {
          if (card.url) expect(description).toContain(card.url);
          if (card.publishedAt) expect(description).toContain(formatDate(card.publishedAt, "en"));
        }
      }
    });
  });

  /** `count` articles made from the seeds, each citing its sources `times` over. */
  const manyArticles = (count: number, times: number): Article[] =>
    Array.from({ length: count }, (_, i) => {
      const base = seeds[i % 2]!;
      return {
        ...base,
        id: `${base.id}-${i}`,
        title: `${i}: ${base.title}`,
        sections: base.sections.map((s) => ({ ...s, sources: Array.from({ length: times }, () => s.sources).flat() })),
      };
    });

  it("pages into several messages, each within the limits, when the articles do not fit one", () => {
    const many = manyArticles(12, 4);
    const listing = listSources(many);
    const messages = renderSourcesDiscord(listing, "ja");
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expectValid(m);
    messages.forEach((m, i) => expect(m.content).toContain(`(${i + 1}/${messages.length})`));
    // Nothing lost: every article appears, in order, and every source is shown.
    const titles = messages.flatMap((m) => m.embeds.map((e) => e.title!)).filter((t) => !t.endsWith(WORDS.ja.continued));
    expect(titles).toEqual(many.map((a) => a.title));
    const shown = messages.flatMap((m) => m.embeds.map((e) => e.description)).join("\n");
    const sources = listing.kind === "listing" ? listing.listing.articles.flatMap((a) => a.sources) : [];
    expect(shown.split("• ").length - 1).toBe(sources.length);
  });

  it("stops after a few messages for a folder of thousands, with whole articles and a note saying how many", () => {
    const many = manyArticles(2000, 1);
    const messages = renderSourcesDiscord(listSources(many), "en");
    expect(messages).toHaveLength(5);
    for (const m of messages) expectValid(m);
    const titles = messages.flatMap((m) => m.embeds.map((e) => e.title!));
    const whole = titles.filter((t) => !t.endsWith(WORDS.en.continued));
    expect(whole).toEqual(many.slice(0, whole.length).map((a) => a.title));
    // The last article shown is whole: as many embeds as when it is listed alone.
    const last = many[whole.length - 1]!;
    const alone = renderSourcesDiscord(listSources([last]), "en")[0]!.embeds.length;
    expect(titles.filter((t) => t.startsWith(last.title.slice(0, 200))).length).toBe(alone);
    expect(titles.at(-1)!.startsWith(last.title.slice(0, 200))).toBe(true);
    expect(messages.at(-1)!.content).toContain(`Showing ${whole.length} of 2000 articles`);
    const summaries = renderSummaryDiscord(
      { kind: "summaries", summaries: many.map((a) => ({ articleId: a.id, title: a.title, url: null, origin: "conclusions" as const, points: a.conclusions })) },
      "ja",
    );
    expect(summaries).toHaveLength(5);
    for (const m of summaries) expectValid(m);
    expect(summaries.at(-1)!.content).toContain("全2000件のうち");
  });

  it("one article citing more sources than a few messages hold: its first sources, a note, and no more read than shown", () => {
    const [article] = manyArticles(1, 600); // 3,600 sources
    const listing = listSources([article!]);
    if (listing.kind !== "listing") throw new Error("expected a listing");
    const sources = listing.listing.articles[0]!.sources;
    let read = 0;
    // Counts the sources the renderer looks at: what it cannot show, it should not work on (each is escaped and cut).
    const counted = new Proxy(sources, {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) read++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const messages = renderSourcesDiscord({ kind: "listing", listing: { articles: [{ ...listing.listing.articles[0]!, sources: counted }] } }, "en");
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    for (const m of messages) expectValid(m);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds[0]!.title).toBe(quoteText(article!.title, LIMITS.title - WORDS.en.continued.length - 1));
    const shown = embeds.map((e) => e.description).join("\n").split("• ").length - 1;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(sources.length);
    expect(read).toBeLessThan(2 * shown);
    expect(messages.at(-1)!.content).toContain(WORDS.en.articleCut);
  });

  it("an unknown article gets the closest titles and a pointer to /sources", () => {
    const [message] = renderSourcesDiscord(listSources(seeds, { article: "ゼレンスキー会談" }), "ja");
    expectValid(message!);
    expect(message!.embeds[0]!.title).toContain("ゼレンスキー会談");
    expect(message!.embeds[0]!.description).toContain(WORDS.ja.didYouMean);
    expect(message!.embeds[0]!.description).toContain("/sources");
  });
});

describe("/summary", () => {
  const conclusions: SummaryAnswer = {
    kind: "summaries",
    summaries: seeds.map((a) => ({ articleId: a.id, title: a.title, url: a.url, origin: "conclusions" as const, points: a.conclusions })),
  };

  it("shows each article's 💡 conclusions as the article's own", () => {
    const [message] = renderSummaryDiscord(conclusions, "en");
    expectValid(message!);
    expect(message!.embeds).toHaveLength(2);
    message!.embeds.forEach((embed, i) => {
      for (const point of seeds[i]!.conclusions) expect(embed.description).toContain(`💡 ${point}`);
      expect(embed.footer!.text).toBe(WORDS.en.conclusionsNote);
    });
  });

  it("says when the points are drawn from the text", () => {
    const extracted: SummaryAnswer = {
      kind: "summaries",
      summaries: [{ articleId: first.id, title: first.title, url: "https://example.com/kiji", origin: "extracted", points: [first.lead] }],
    };
    const [message] = renderSummaryDiscord(extracted, "ja");
    expectValid(message!);
    expect(message!.embeds[0]!.footer!.text).toBe(WORDS.ja.extractedNote);
    expect(message!.embeds[0]!.url).toBe("https://example.com/kiji");
    expect(message!.embeds[0]!.description).not.toContain("💡");
  });
});

describe("autocomplete choices", () => {
  it("at most 25, names and values at most 100 characters, values the ids the commands accept", () => {
    const long = Array.from({ length: 30 }, (_, i) => ({ id: `${i}_${"記".repeat(120)}`, title: `${i} ${seeds[0]!.title}${seeds[1]!.title}` }));
    const choices = renderArticleChoices(long);
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(renderArticleChoices(seeds)).toEqual(seeds.map((a) => ({ name: a.title, value: a.id })));
  });
});

describe("notices", () => {
  it("an apology carries the error id; an unknown command names the ones there are", () => {
    expect(renderErrorDiscord("a1b2c3d4", "ja").embeds[0]!.description).toContain("a1b2c3d4");
    expect(renderErrorDiscord("a1b2c3d4", "en").embeds[0]!.description).toMatch(/^Sorry.*a1b2c3d4/);
    const unknown = renderUnknownCommandDiscord("frobnicate", "en").embeds[0]!.description!;
    expect(unknown).toContain("/frobnicate");
    expect(unknown).toContain("/ask");
  });
});
