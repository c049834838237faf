/**
 * The learned weights file: the committed one loads and weighs every learned feature; a missing, malformed or
 * incomplete one is an error that names the file and the fix (`npm run train`), never a silent fallback.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { associationsDigest } from "../../scripts/build-associations.js";
import { LEARNED_FEATURES } from "../../src/search/rank-features.js";
import { defaultWeightsFile, RankWeightsError, readRankModel } from "../../src/search/rank-weights.js";

const work = mkdtempSync(path.join(tmpdir(), "kiji-weights-"));
const committed = JSON.parse(readFileSync(defaultWeightsFile(), "utf8")) as { attribution: string; model: { rank: { weights: Record<string, number> } } };

function writeWeights(name: string, content: string): string {
  const file = path.join(work, name);
  writeFileSync(file, content);
  return file;
}

describe("data/rank-weights.json", () => {
  it("is the project's data/rank-weights.json, loads, and weighs every learned feature", () => {
    expect(defaultWeightsFile()).toBe(path.resolve("data/rank-weights.json"));
    const model = readRankModel(defaultWeightsFile());
    expect(Object.keys(model.rank.weights).sort()).toEqual([...LEARNED_FEATURES].sort());
    expect(Object.keys(model.answer.weights).sort()).toEqual([...LEARNED_FEATURES, "rankScore"].sort());
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it("was trained with the committed word associations (npm run build:associations, then npm run train)", () => {
    expect((committed as unknown as { provenance: { associations: string } }).provenance.associations).toBe(associationsDigest());
  });

  it("carries JaQuAD's attribution", () => {
    expect(committed.attribution).toContain("JaQuAD, Skelter Labs, CC BY-SA 3.0");
  });

  it("missing: an error naming the file and npm run train", () => {
    const file = path.join(work, "absent.json");
    expect(() => readRankModel(file)).toThrow(RankWeightsError);
    expect(() => readRankModel(file)).toThrow(/absent\.json cannot be read \(ENOENT\); run `npm run train`/);
  });

  it("corrupt or incomplete: an error saying what is wrong", () => {
    expect(() => readRankModel(writeWeights("cut.json", '{"format": "kiji-bot rank'))).toThrow(/is not valid JSON; run `npm run train`/);
    expect(() => readRankModel(writeWeights("other.json", "{}"))).toThrow(/is not format/);
    const incomplete = structuredClone(committed);
    delete incomplete.model.rank.weights[LEARNED_FEATURES[0]!];
    expect(() => readRankModel(writeWeights("incomplete.json", JSON.stringify(incomplete)))).toThrow(new RegExp(`no number in model.rank for the feature\\(s\\) ${LEARNED_FEATURES[0]}`));
    const extra = structuredClone(committed);
    extra.model.rank.weights.retired = 1;
    expect(() => readRankModel(writeWeights("extra.json", JSON.stringify(extra)))).toThrow(/feature\(s\) the code does not have: retired/);
  });

  it("may weigh a feature the code has beyond the default ones (train --learn)", () => {
    const more = structuredClone(committed);
    more.model.rank.weights.passageBm25 = 0.5;
    expect(readRankModel(writeWeights("more.json", JSON.stringify(more))).rank.weights.passageBm25).toBe(0.5);
  });
});
