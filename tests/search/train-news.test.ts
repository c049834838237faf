/**
 * Training questions asked of news pages (scripts/train/news.ts): a set's questions become rows labelled by
 * their `expect` substrings, its negatives rows the corpus cannot answer. Shown on the seeds, as a set would hold them.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildNewsRows, newsSets } from "../../scripts/train/news.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { DEFAULT_RANK_SETTINGS, type RankConfig } from "../../src/search/rank-config.js";

const config: RankConfig = { ...DEFAULT_RANK_SETTINGS, model: { rank: { weights: {}, bias: 0 }, answer: { weights: {}, bias: 0 }, threshold: 0.5 } };

describe("news training sets", () => {
  it("labels a question's candidates by its expect substrings and reads negatives as unanswerable", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "kiji-news-"));
    const set = path.join(root, "tn-seeds");
    mkdirSync(set);
    cpSync("seeds", path.join(set, "articles"), { recursive: true });
    const qa = { questions: [{ q: "トランプ大統領はゼレンスキー大統領に何が足りないと言った?", expect: ["感謝が足りない"] }], negatives: ["明日の大阪の天気を教えて"], hard_negatives: ["トランプ大統領の誕生日はいつ?"] };
    writeFileSync(path.join(set, "qa.json"), JSON.stringify(qa));
    mkdirSync(path.join(root, "not-a-set"));

    expect(newsSets(root)).toEqual([set]);
    const rows = await buildNewsRows(newsSets(root), new Analyzer(await loadTokenizer()), config, 40);
    expect(rows.map((r) => [r.q, r.answerable, r.corpus])).toEqual([
      [qa.questions[0]!.q, true, 40],
      ["明日の大阪の天気を教えて", false, 40],
      ["トランプ大統領の誕生日はいつ?", false, 40],
    ]);
    const [answerable, , hard] = rows;
    // Some candidates hold the quote, not all: the label tells passages apart.
    expect(answerable!.labels.some(Boolean)).toBe(true);
    expect(answerable!.labels.every(Boolean)).toBe(false);
    expect(hard!.labels.some(Boolean)).toBe(false);
    expect(hard!.texts.length).toBeGreaterThan(0);
  }, 30_000);

  it("finds no sets where the folder is absent", () => {
    expect(newsSets(path.join(tmpdir(), "kiji-no-such-folder"))).toEqual([]);
  });

  it("refuses eval/ and its sets: what measures is never trained on", () => {
    expect(() => newsSets("eval")).toThrow(/eval\/, which measures answer quality/);
    expect(() => newsSets("eval/set-i")).toThrow(/never on what you measure with/);
  });
});
