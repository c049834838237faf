/**
 * Training is reproducible: the same small slice of JaQuAD's train split, read and fitted twice from scratch,
 * gives the same weights and threshold. (Needs ../shared/jaquad beside the project, as `npm run train` does.)
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDataset } from "../../scripts/train/dataset.js";
import { chooseThreshold, fitModel } from "../../scripts/train/fit.js";
import { DEFAULT_RANK_SETTINGS, type RankConfig } from "../../src/search/rank-config.js";

const config: RankConfig = { ...DEFAULT_RANK_SETTINGS, model: { rank: { weights: {}, bias: 0 }, answer: { weights: {}, bias: 0 }, threshold: 0.5 } };

async function trainSlice() {
  const dir = mkdtempSync(path.join(tmpdir(), "kiji-train-"));
  const dataset = await buildDataset({ dir, questions: 80, heldOut: 3, hard: 20, titles: 6, seed: 1, corpusSize: 3, digestEvery: 2, digestCorpusSize: 2, swapped: 1 }, config);
  const model = fitModel(dataset.questions, { l2: 1, disabled: new Set(), config });
  return { dataset, model: { ...model, threshold: chooseThreshold(dataset.questions, model, config, 0.02) } };
}

describe.skipIf(!existsSync("../shared/jaquad/train"))("npm run train on a fixed slice", () => {
  it("gives the same weights twice, from answerable questions and hard negatives", async () => {
    const first = await trainSlice();
    const second = await trainSlice();
    expect(first.dataset.questions.filter((q) => q.answerable).length).toBeGreaterThan(20);
    expect(first.dataset.questions.some((q) => !q.answerable)).toBe(true);
    expect(first.dataset.questions.some((q) => q.labels.some(Boolean))).toBe(true);
    expect(second.model).toEqual(first.model);
    expect(Object.values(first.model.rank.weights).some((w) => w !== 0)).toBe(true);
  }, 120_000);
});
