/**
 * Word associations learned from real questions (src/search/associations.ts, scripts/build-associations.ts): the
 * committed data/associations.tsv holds paraphrases learned from JaQuAD's train split and names its source; a
 * malformed file is rejected with the line at fault; learning on a fixed slice is reproducible.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { learnAssociations } from "../../scripts/build-associations.js";
import { associationsOf, parseAssociations } from "../../src/search/associations.js";
import { dataFile } from "../../src/search/data-files.js";

const terms = (word: string) => associationsOf(word).map((a) => a.term);

describe("data/associations.tsv", () => {
  it("holds paraphrases learned from real questions, strongest first", () => {
    // A question's 亡くなる is answered by a sentence saying 死去 or 死亡; its 名前 by one saying 命名.
    expect(terms("亡くなる")).toEqual(expect.arrayContaining(["死去", "死亡"]));
    expect(terms("名前")).toContain("命名");
    const strengths = associationsOf("亡くなる").map((a) => a.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    expect(Math.min(...strengths)).toBeGreaterThanOrEqual(Math.log(2) - 0.001);
  });

  it("gives nothing for a word it has not learned, and never the word itself", () => {
    expect(terms("ゼレンスキー")).toEqual([]);
    expect(terms("亡くなる")).not.toContain("亡くなる");
  });

  it("names JaQuAD and its licence", () => {
    const header = readFileSync(dataFile("associations.tsv"), "utf8").split("\n").filter((l) => l.startsWith("#")).join("\n");
    expect(header).toContain("JaQuAD");
    expect(header).toContain("CC BY-SA 3.0");
  });

  it("rejects a malformed file with the line at fault and the command that rebuilds it", () => {
    expect(() => parseAssociations("# header\n亡くなる\t死去\t2.5\t45\n亡くなる\t死亡\n", "bad.tsv")).toThrow("bad.tsv:3: expected word, associated word and a positive strength, tab-separated; run npm run build:associations");
    expect(() => parseAssociations("亡くなる\t死去\tmany\t45\n", "bad.tsv")).toThrow("bad.tsv:1:");
    expect(() => parseAssociations("# only a header\n", "bad.tsv")).toThrow("bad.tsv: no associations; run npm run build:associations");
  });
});

describe.skipIf(!existsSync("../shared/jaquad/train"))("npm run build:associations on a fixed slice", () => {
  it("learns the same pairs twice, none of them a word with itself", async () => {
    const slice = { maxArticles: 12, minQuestions: 2, minArticles: 2 };
    const first = await learnAssociations("../shared/jaquad/train", new Set(), slice);
    const second = await learnAssociations("../shared/jaquad/train", new Set(), slice);
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
    expect(first.every((p) => p.q !== p.s && p.lift >= Math.log(2) && p.questions >= 2)).toBe(true);
  }, 60_000);
});
