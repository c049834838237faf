/** Our own words per locale, and the bot's log filtering. */
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/bot/log.js";
import { localeOf, WORDS, type Words } from "../../src/render/i18n.js";

describe("locale", () => {
  it("Japanese for ja (any region), English for every other locale or none", () => {
    expect(localeOf("ja")).toBe("ja");
    expect(localeOf("ja-JP")).toBe("ja");
    for (const other of ["en-US", "en-GB", "zh-CN", "ko", "jam", "", null, undefined]) expect(localeOf(other)).toBe("en");
  });

  it("both languages say every phrase, and the Japanese ones are in Japanese", () => {
    const sample = (words: Words) =>
      Object.entries(words).map(([key, value]) => [key, typeof value === "function" ? (value as (...a: unknown[]) => string)("X", 2) : value] as const);
    const ja = sample(WORDS.ja);
    const en = sample(WORDS.en);
    expect(ja.map(([k]) => k)).toEqual(en.map(([k]) => k));
    for (const [key, text] of ja) {
      expect(text.length, key).toBeGreaterThan(0);
      if (!["page"].includes(key)) expect(text, key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    }
    for (const [key, text] of en) if (!["page"].includes(key)) expect(text, key).not.toMatch(/[\u3040-\u30ff]/u);
  });
});

describe("log", () => {
  it("writes only what LOG_LEVEL lets through; errors carry their stack", () => {
    const lines: string[] = [];
    const log = createLogger("warn", (line) => lines.push(line));
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e", new Error("boom"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* WARN  w$/);
    expect(lines[1]).toMatch(/ERROR e\nError: boom\n\s+at /);
    const all: string[] = [];
    const debug = createLogger("debug", (line) => all.push(line));
    debug.debug("d");
    expect(all).toHaveLength(1);
  });
});
