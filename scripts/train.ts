/**
 * `npm run train`: learns the ranking model from JaQuAD's train split and writes data/rank-weights.json with its
 * provenance (data, date, figures) and JaQuAD's attribution. Deterministic: the same data gives the same weights.
 *   npm run train [-- --questions N] [--hard N] [--out FILE]
 * The last corpus is held out of fitting and its figures are reported beside the training ones; the threshold is
 * chosen on the training corpora, for at most 2% of answerable questions declined.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_RANK_SETTINGS, type RankConfig } from "../src/search/rank-config.js";
import { WEIGHTS_FORMAT, WEIGHTS_VERSION, defaultWeightsFile } from "../src/search/rank-weights.js";
import { buildDataset, readDataset, writeDataset } from "./train/dataset.js";
import { chooseThreshold, curve, fitModel, measure, summary } from "./train/fit.js";

export const ATTRIBUTION = "Weights learned from JaQuAD (JaQuAD, Skelter Labs, CC BY-SA 3.0: https://github.com/SkelterLabsInc/JaQuAD); shared under the same licence.";
/** Answerable training questions the threshold may decline. */
const MAX_DECLINED = 0.02;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

async function main(): Promise<void> {
  const started = performance.now();
  const options = {
    dir: path.resolve(arg("--dir", ".cache/train/jaquad")),
    questions: Number(arg("--questions", "3000")),
    heldOut: Number(arg("--held-out", "60")),
    hard: Number(arg("--hard", "800")),
    seed: 1,
    corpusSize: Number(arg("--corpus-size", "90")),
    digestEvery: Number(arg("--digest-every", "0")),
    digestCorpusSize: Number(arg("--digest-corpus-size", "2")),
  };
  const l2 = Number(arg("--l2", "1"));
  const out = path.resolve(arg("--out", defaultWeightsFile()));
  const list = (name: string) => new Set(arg(name, "").split(",").filter(Boolean));
  // Features only: the model is what is being learned.
  const config: RankConfig = { ...DEFAULT_RANK_SETTINGS, quoteMargin: Number(arg("--quote-margin", String(DEFAULT_RANK_SETTINGS.quoteMargin))), disabledRules: process.argv.includes("--without-rules") ? list("--without-rules") : DEFAULT_RANK_SETTINGS.disabledRules, model: { rank: { weights: {}, bias: 0 }, answer: { weights: {}, bias: 0 }, threshold: 0.5 } };
  const log = (line: string) => console.error(`train: ${line}`);
  // --features FILE keeps the candidates' features between runs (for trying rules and settings of the fit).
  const cached = arg("--features", "");
  const dataset = cached && existsSync(cached) ? readDataset(cached) : await buildDataset(options, config, log);
  if (cached && !existsSync(cached)) writeDataset(cached, dataset);
  log(summary(dataset));
  const validation = dataset.corpora - 1;
  const training = dataset.questions.filter((q) => q.corpus !== validation);
  const held = dataset.questions.filter((q) => q.corpus === validation);
  const fitted = fitModel(training, { l2, disabled: list("--without"), config });
  const threshold = chooseThreshold(training, fitted, config, MAX_DECLINED);
  const model = { ...fitted, threshold };
  const figures = { training: measure(training, model, config), validation: measure(held, model, config) };
  const thresholds = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
  const tradeOff = curve(training, fitted, config, thresholds);
  log(`threshold ${threshold}`);
  log(`training:   ${JSON.stringify(figures.training)}`);
  log(`validation: ${JSON.stringify(figures.validation)}`);
  log(`trade-off (threshold, answerable declined, unanswerable answered): ${tradeOff.map((t) => `${t.threshold} ${t.declined.toFixed(3)} ${t.answeredNegatives.toFixed(3)}`).join(" | ")}`);
  const file = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    attribution: ATTRIBUTION,
    provenance: {
      command: "npm run train",
      date: new Date().toISOString().slice(0, 10),
      data: `JaQuAD train split via ../shared/tools/squad-set.mjs --split train --questions ${options.questions} --held-out ${options.heldOut} --hard ${options.hard} --seed ${options.seed}: ${summary(dataset)}${options.digestEvery > 0 ? `; every ${options.digestEvery}th article rewritten as a news-digest page (scripts/train/digest.ts), in corpora of ${options.digestCorpusSize}` : ""}; corpora of ~${options.corpusSize} articles; the last corpus held out for validation`,
      model: `two logistic regressions (Newton, L2 ${l2}): rank over every candidate of the answerable questions (label: the passage holds the answer's anchor); answer over each question's best candidate passing the passage rules plus rankScore (label: the question is answerable)`,
      thresholdRule: `at most ${MAX_DECLINED * 100}% of the training corpora's answerable questions declined`,
      figures,
      tradeOff,
    },
    model,
  };
  if (process.argv.includes("--dry-run")) return;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
  log(`wrote ${out} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
