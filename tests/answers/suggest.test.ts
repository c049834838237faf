/**
 * /ask's suggested questions on the seed articles: what the user has typed finds the reader questions,
 * headings and past questions containing it, in any width or case, starting matches first, within
 * Discord's 25 choices of at most 100 characters.
 */
import { describe, expect, it } from "vitest";
import { foldName } from "../../src/answers/article-names.js";
import { buildSuggester, MAX_SUGGESTION_LENGTH, MAX_SUGGESTIONS } from "../../src/answers/suggest.js";
import { loadSeedArticles } from "../discord/seed-fixtures.js";

const seeds = await loadSeedArticles();
const readerQuestions = seeds.flatMap((a) => a.sections.map((s) => s.question).filter((q): q is string => q !== null));
const headings = seeds.flatMap((a) => a.sections.map((s) => s.heading));

describe("suggested questions", () => {
  it("the seeds have reader questions and headings to suggest", () => {
    expect(readerQuestions.length).toBeGreaterThanOrEqual(4);
    expect(headings.length).toBeGreaterThanOrEqual(4);
  });

  it("typing part of a reader question, from its start or its middle, finds it", () => {
    const suggester = buildSuggester(seeds, []);
    for (const question of readerQuestions) {
      expect(suggester.suggest(question.slice(0, 4))).toContain(question);
      expect(suggester.suggest(question.slice(5, 11))).toContain(question);
    }
  });

  it("typing part of a heading finds it", () => {
    const suggester = buildSuggester(seeds, []);
    for (const heading of headings) expect(suggester.suggest(heading.slice(3, 9))).toContain(heading);
  });

  it("folds width and case: half-width katakana and full-width punctuation find the same questions", () => {
    const suggester = buildSuggester(seeds, []);
    const full = suggester.suggest("ゼレンスキー大統領");
    expect(full.length).toBeGreaterThan(0);
    expect(suggester.suggest("ｾﾞﾚﾝｽｷｰ大統領")).toEqual(full);
    const withMark = readerQuestions.find((q) => q.endsWith("?"))!;
    expect(suggester.suggest(withMark.replace(/\?$/, "？"))).toContain(withMark);
  });

  it("every word typed must appear, in any order", () => {
    const suggester = buildSuggester(seeds, []);
    const both = suggester.suggest("支援 トランプ");
    expect(both.length).toBeGreaterThan(0);
    for (const s of both) expect(foldName(s)).toMatch(/(?=.*支援)(?=.*トランプ)/);
    const all = [...readerQuestions, ...headings].filter((t) => t.includes("支援") && t.includes("トランプ"));
    for (const t of all) expect(both).toContain(t);
  });

  it("puts what starts with the typed text before what only contains it", () => {
    const suggester = buildSuggester(seeds, []);
    const typed = "ゼレンスキー";
    const results = suggester.suggest(typed);
    const starts = results.map((r) => r.startsWith(typed));
    expect(starts).toContain(true);
    expect(starts).toContain(false);
    expect(starts.indexOf(false)).toBeGreaterThan(starts.lastIndexOf(true));
  });

  it("with nothing typed, offers the articles' reader questions first", () => {
    const results = buildSuggester(seeds, ["停戦の条件は?"]).suggest("");
    expect(results.slice(0, readerQuestions.length)).toEqual(readerQuestions);
    expect(results).toContain("停戦の条件は?");
  });

  it("offers past answered questions, once each even when they repeat a reader question in another width", () => {
    const past = ["鉱物資源協定の中身は?", readerQuestions[0]!.replace("?", "？")];
    const suggester = buildSuggester(seeds, past);
    expect(suggester.suggest("鉱物資源協定")).toContain("鉱物資源協定の中身は?");
    const same = suggester.suggest(readerQuestions[0]!.slice(0, 6)).filter((s) => foldName(s) === foldName(readerQuestions[0]!));
    expect(same).toEqual([readerQuestions[0]]);
  });

  it("gives at most 25, or the limit asked for, each at most 100 characters", () => {
    const past = Array.from({ length: 40 }, (_, i) => `ゼレンスキー大統領の${i + 1}番目の発言は何を意味する?`);
    past.push(`ゼレンスキー大統領について${"とても長い質問".repeat(30)}?`);
    const suggester = buildSuggester(seeds, past);
    const many = suggester.suggest("ゼレンスキー");
    expect(many).toHaveLength(MAX_SUGGESTIONS);
    expect(suggester.suggest("ゼレンスキー", 5)).toHaveLength(5);
    expect(suggester.suggest("ゼレンスキー", 100)).toHaveLength(MAX_SUGGESTIONS);
    const everything = suggester.suggest("");
    for (const s of [...many, ...everything, ...suggester.suggest("とても長い")]) expect(s.length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
    const long = suggester.suggest("とても長い");
    expect(long).toHaveLength(1);
    expect(long[0]).toMatch(/^ゼレンスキー大統領について(とても長い質問)+.*…$/);
  });

  it("cuts a long suggestion without splitting a character outside the BMP", () => {
    const emoji = `𠮷野家の牛丼${"😀".repeat(60)}`;
    const [cut] = buildSuggester([], [emoji]).suggest("𠮷野家");
    expect(cut!.length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
    expect(cut).toMatch(/^𠮷野家の牛丼(😀)+…$/u);
  });

  it("offers a past question without the escape codes, control characters or bidi overrides its asker typed", () => {
    // A question is stored as asked; a suggestion is shown to everyone, so it must be plain text.
    const past = ["\u202Eトランプ大統領の狙いは?", "\u001b[2J\u001b[31m停戦の条件は?\u0000"];
    const offered = buildSuggester(seeds, past).suggest("");
    expect(offered).toContain("トランプ大統領の狙いは?");
    expect(offered).toContain("停戦の条件は?");
    for (const text of offered) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  });

  it("finds nothing for text no candidate contains", () => {
    expect(buildSuggester(seeds, []).suggest("量子コンピュータ")).toEqual([]);
  });
});
