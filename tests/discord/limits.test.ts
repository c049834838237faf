/** Discord's limits (FIELD-NOTES.md), enforced by the pure helpers every Discord reply passes through. */
import { describe, expect, it } from "vitest";
import { ELLIPSIS, embedLength, fitEmbed, fitMessage, LIMITS, safeUrl, splitMessages, truncate } from "../../src/render/discord/limits.js";
import type { DiscordEmbed, DiscordMessage } from "../../src/render/discord/types.js";
import { loadSeedArticles } from "./seed-fixtures.js";

const seeds = await loadSeedArticles();
/** Real article text, repeated until it overflows every limit (the seeds hold ~2,900 characters of paragraphs). */
const seedText = seeds.flatMap((a) => a.sections.flatMap((s) => s.paragraphs.map((p) => p.text))).join("").repeat(5);

/** No lone surrogate anywhere: the text round-trips through UTF-8 unchanged. */
function wellFormed(text: string): boolean {
  return Buffer.from(text, "utf8").toString("utf8") === text;
}

describe("truncate", () => {
  it("leaves text that fits alone", () => {
    expect(truncate("短い文。", 10)).toBe("短い文。");
    expect(truncate("x".repeat(256), 256)).toBe("x".repeat(256));
  });

  it("cuts article text on a sentence end, within the limit, with an ellipsis", () => {
    for (const max of [100, 256, 1024, 4096]) {
      const cut = truncate(seedText, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith(ELLIPSIS)).toBe(true);
      expect(cut.at(-2)).toMatch(/[。！？!?」』）)]/u);
      expect(seedText.startsWith(cut.slice(0, -1))).toBe(true);
      // A sentence boundary is used only when it keeps at least half of the budget.
      expect(cut.length).toBeGreaterThan(max / 2);
    }
  });

  it("cuts mid-sentence rather than losing most of the budget when no sentence ends near", () => {
    const text = `${"あ".repeat(10)}。${"い".repeat(500)}`;
    const cut = truncate(text, 100);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith(`い${ELLIPSIS}`)).toBe(true);
  });

  it("never splits a surrogate pair or an emoji sequence", () => {
    const emoji = "👨‍👩‍👧‍👦"; // one grapheme, 11 code units
    for (let max = 2; max < 40; max++) {
      for (const text of ["😀".repeat(30), `a${emoji.repeat(5)}`, "𠮷野家".repeat(15)]) {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(wellFormed(cut)).toBe(true);
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }
    }
    expect(truncate(`a${emoji}`, 6)).toBe(`a${ELLIPSIS}`);
  });

  it("does not leave a backslash that would escape the ellipsis", () => {
    const cut = truncate(`${"a".repeat(8)}\\*${"b".repeat(20)}`, 10);
    expect(cut).toBe(`${"a".repeat(8)}${ELLIPSIS}`);
  });

  it("handles tiny limits", () => {
    expect(truncate("abc", 0)).toBe("");
    expect(truncate("abc", 1)).toBe(ELLIPSIS);
  });
});

describe("fitEmbed: every per-embed limit", () => {
  const huge = (n: number) => seedText.repeat(Math.ceil(n / seedText.length)).slice(0, n);
  const embed: DiscordEmbed = {
    title: huge(1000),
    description: huge(10_000),
    url: "javascript:alert(1)",
    author: { name: huge(500), url: "https://example.com/a" },
    footer: { text: huge(5000) },
    fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${huge(400)}`, value: huge(3000) })),
  };
  const fitted = fitEmbed(embed);

  it("title 256, description 4096, author 256, footer 2048", () => {
    expect(fitted.title!.length).toBeLessThanOrEqual(LIMITS.title);
    expect(fitted.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(fitted.author!.name.length).toBeLessThanOrEqual(LIMITS.author);
    expect(fitted.footer!.text.length).toBeLessThanOrEqual(LIMITS.footer);
  });

  it("25 fields, names 256, values 1024", () => {
    expect(fitted.fields).toHaveLength(LIMITS.fields);
    for (const field of fitted.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  });

  it("keeps only http(s) links", () => {
    expect(fitted.url).toBeUndefined();
    expect(fitted.author!.url).toBe("https://example.com/a");
    expect(safeUrl("https://mainichi.jp/articles/1")).toBe("https://mainichi.jp/articles/1");
    expect(safeUrl("ftp://x")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl(`https://x.jp/${"a".repeat(3000)}`)).toBeUndefined();
  });

  it("fields never become empty (Discord rejects empty names and values)", () => {
    const out = fitEmbed({ fields: [{ name: "", value: "" }] });
    expect(out.fields![0]!.name.length).toBeGreaterThan(0);
    expect(out.fields![0]!.value.length).toBeGreaterThan(0);
  });
});

describe("messages: 2000 content, 10 embeds, 6000 across embeds", () => {
  const bigEmbeds: DiscordEmbed[] = Array.from({ length: 23 }, (_, i) => ({ title: `記事 ${i}`, description: seedText.slice(i * 100, i * 100 + 3000) }));

  it("fitMessage shortens content and the longest texts until the embeds total at most 6000", () => {
    const message = fitMessage({ content: seedText, embeds: bigEmbeds.slice(0, 10) });
    expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(message.embeds).toHaveLength(10);
    for (const e of message.embeds) expect(e.title).toMatch(/^記事 \d+$/);
  });

  it("fitMessage counts footers and fields towards the 6000 too", () => {
    const message = fitMessage({ embeds: Array.from({ length: 5 }, () => ({ footer: { text: seedText.slice(0, 2048) }, fields: [{ name: "n", value: seedText.slice(0, 1024) }] })) });
    expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it("splitMessages keeps every embed, in order, in messages that each fit", () => {
    const messages = splitMessages({ content: "見出し", embeds: bigEmbeds });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]!.content).toBe("見出し");
    expect(messages.slice(1).every((m) => m.content === undefined)).toBe(true);
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(bigEmbeds.map((e) => e.title));
    for (const m of messages) assertFits(m);
  });

  it("splitMessages moves the 11th embed to a second message even when all are short", () => {
    const messages = splitMessages({ embeds: Array.from({ length: 11 }, (_, i) => ({ description: `${i}` })) });
    expect(messages.map((m) => m.embeds.length)).toEqual([10, 1]);
  });
});

function assertFits(message: DiscordMessage): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
}
