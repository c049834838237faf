/**
 * The word lists the analyzer and the ranking read from data/words/: each says where it comes from, and each
 * is read into the sets the analysis uses (a list that failed to load would silently weaken every answer).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AMBIGUOUS_COUNTRY_FORMS, anyOf, COUNTRY_FORMS, FRAME_FAMILIES, FRAME_NOUNS, questionCues, REFERS_BACK_WORDS, sentenceCues, SOURCE_CUES, STOP_WORDS, TITLES } from "../../src/search/lexicon.js";
import { readWordLines } from "../../src/search/word-lists.js";

const WORDS = path.resolve("data/words");

describe("data/words", () => {
  const files = readdirSync(WORDS).filter((name) => name.endsWith(".txt"));

  it("every list opens with a comment saying what it is for and where its words come from, then has words", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) {
      const text = readFileSync(path.join(WORDS, name), "utf8");
      expect(text, name).toMatch(/^# \S/);
      expect(text, name).toMatch(/Lucene|this project/);
      expect(readWordLines(name.replace(/\.txt$/, "")).flat().length, name).toBeGreaterThan(0);
    }
  });

  it("is what the analysis uses: stop words, frames, titles and country forms", () => {
    expect(STOP_WORDS.has("する")).toBe(true);
    expect(STOP_WORDS.has("いくら")).toBe(true);
    expect(FRAME_NOUNS.has("理由")).toBe(true);
    expect(TITLES.has("大統領")).toBe(true);
    expect(FRAME_FAMILIES.find((family) => family.includes("態度"))).toContain("姿勢");
    expect(COUNTRY_FORMS["米"]).toBe("アメリカ");
    expect(COUNTRY_FORMS["欧州"]).toBe("ヨーロッパ");
    for (const form of AMBIGUOUS_COUNTRY_FORMS) expect(COUNTRY_FORMS[form], form).toBeDefined();
  });

  it("holds the cue words of sentences and questions, each kind on its line, matched as plain text", () => {
    expect(sentenceCues("stance")).toContain("感謝");
    expect(sentenceCues("reason")).toContain("ため、");
    expect(questionCues("date")).toContain("いつ");
    expect(SOURCE_CUES).toContain("公開日");
    expect(REFERS_BACK_WORDS).toContain("同社");
    // `.` and other signs in a word are text, not patterns.
    expect(anyOf(["a.b", "nato"]).test("axb")).toBe(false);
    expect(anyOf(["a.b", "nato"]).test("a.b")).toBe(true);
    expect(() => questionCues("colour")).toThrow(/data\/words\/question-cues\.txt has no line for "colour"/);
  });

  it("a missing list is an error naming the file", () => {
    expect(() => readWordLines("no-such-list")).toThrow(/data\/words\/no-such-list\.txt cannot be read \(ENOENT\)/);
  });
});
