/**
 * `npm run train:answer-types`: learns which kind of answer a question wants (src/search/answer-type-model.ts) from
 * the `answer_type` labels of JaQuAD's train split (never dev), and writes data/answer-types.json with its
 * provenance and JaQuAD's attribution.
 *   npm run train:answer-types [-- --data DIR] [--out FILE] [--l2 X] [--min-count N] [--iterations N]
 *                                 [--balance X] [--prune X] [--titles N]
 * Every 10th article (titles sorted) is held out of a first fit, which the reported figures measure; the written
 * model is then fitted on every article. Deterministic: the same data gives the same file (on the same day).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  ANSWER_TYPE_FEATURES,
  ANSWER_TYPES,
  ANSWER_TYPES_FORMAT,
  ANSWER_TYPES_VERSION,
  type AnswerType,
  type AnswerTypeModelJson,
  answerTypeGrams,
  answerTypeModelFromJson,
  defaultAnswerTypesFile,
  scoreAnswerTypes,
} from "../../src/search/answer-type-model.js";
import { fitSoftmax } from "./softmax.js";

/** JaQuAD's licence asks for attribution wherever something derived from it ships. */
export const ATTRIBUTION = "Learned from JaQuAD (JaQuAD, Skelter Labs, CC BY-SA 3.0: https://github.com/SkelterLabsInc/JaQuAD); shared under the same licence.";

/** JaQuAD's answer types as the model's classes; Manner (148 questions, `どのように`) is too rare to learn alone. */
const CLASS_OF: Record<string, AnswerType> = { "Date/Time": "date", Person: "person", Location: "place", Cause: "reason", Object: "other", Manner: "other" };

/** One JaQuAD question and the type of its answer. */
export interface Example {
  title: string;
  question: string;
  type: AnswerType;
}

export interface TrainOptions {
  /** L2 penalty on the summed log-likelihood. */
  l2: number;
  /** N-grams in fewer questions than this are not features. */
  minCount: number;
  iterations: number;
  /**
   * How far the classes are balanced: each question weighs (questions / (types * questions of its type))^balance
   * in the fit. 0: JaQuAD's own mix (half Object, 1% Cause), which is how its annotators wrote questions rather
   * than what the bot is asked; the few なぜ and 理由 questions then cannot outweigh the prior. 1 (the default): every
   * type weighs the same in all, so the question's words decide (held-out accuracy unchanged, recall of the rare
   * types up; measured in the commit that chose it).
   */
  balance: number;
  /** N-grams whose weights (centred over the types) all stay below this are dropped from the file. */
  prune: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 10, minCount: 10, iterations: 200, balance: 1, prune: 0.1 };

/** Every question of the split's files (or of one file), articles in title order (the first N titles with `titles`). */
export function readExamples(dirOrFile: string, titles?: number): Example[] {
  type Squad = { data: Array<{ title: string; paragraphs: Array<{ qas: Array<{ question: string; answers: Array<{ answer_type: string }> }> }> }> };
  const files = statSync(dirOrFile).isDirectory()
    ? readdirSync(dirOrFile)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => path.join(dirOrFile, name))
    : [dirOrFile];
  const articles = files
    .flatMap((file) => (JSON.parse(readFileSync(file, "utf8")) as Squad).data)
    .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, titles);
  return articles.flatMap((article) =>
    article.paragraphs.flatMap((p) =>
      p.qas.map((qa) => {
        const label = qa.answers[0]?.answer_type ?? "";
        const type = CLASS_OF[label];
        if (!type) throw new Error(`train:answer-types: unknown answer_type ${JSON.stringify(label)} in ${article.title}`);
        return { title: article.title, question: qa.question, type };
      }),
    ),
  );
}

/** Splits by article: every 10th title (in title order) is held out. */
export function holdOut(examples: Example[]): { fit: Example[]; heldOut: Example[] } {
  const titles = [...new Set(examples.map((e) => e.title))];
  const held = new Set(titles.filter((_, i) => i % 10 === 9));
  return { fit: examples.filter((e) => !held.has(e.title)), heldOut: examples.filter((e) => held.has(e.title)) };
}

const round = (x: number) => Math.round(x * 1000) / 1000 || 0;

/** Fits the model on the examples and returns it in the file's JSON form (pruned, weights to 3 decimals). */
export function trainAnswerTypes(examples: Example[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): { model: AnswerTypeModelJson; features: number; iterations: number } {
  const gramsOf = examples.map((e) => answerTypeGrams(e.question));
  const counts = new Map<string, number>();
  for (const grams of gramsOf) for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, c]) => c >= options.minCount).map(([gram]) => gram).sort();
  const index = new Map(vocabulary.map((gram, i) => [gram, i]));
  const offsets = new Int32Array(examples.length + 1);
  const indices: number[] = [];
  gramsOf.forEach((grams, i) => {
    for (const gram of grams) {
      const f = index.get(gram);
      if (f !== undefined) indices.push(f);
    }
    offsets[i + 1] = indices.length;
  });
  const labels = Uint8Array.from(examples, (e) => ANSWER_TYPES.indexOf(e.type));
  const K = ANSWER_TYPES.length;
  const perType = ANSWER_TYPES.map((_, k) => labels.filter((y) => y === k).length);
  const classWeights = perType.map((n) => (n ? (labels.length / (K * n)) ** options.balance : 1));
  const fit = fitSoftmax({ offsets, indices: Int32Array.from(indices) }, labels, vocabulary.length, K, { l2: options.l2, iterations: options.iterations, classWeights });
  // Adding one number to all of a feature's weights changes no probability: centred, a weight near 0 for every type
  // means the feature does nothing, and it is dropped.
  const grams: Record<string, number[]> = {};
  vocabulary.forEach((gram, f) => {
    const w = Array.from(fit.weights.subarray(f * K, f * K + K));
    const mean = w.reduce((a, b) => a + b, 0) / K;
    const centred = w.map((x) => round(x - mean));
    if (centred.some((x) => Math.abs(x) >= options.prune)) grams[gram] = centred;
  });
  const biasMean = fit.bias.reduce((a, b) => a + b, 0) / K;
  const model: AnswerTypeModelJson = { types: [...ANSWER_TYPES], features: ANSWER_TYPE_FEATURES, bias: Array.from(fit.bias, (b) => round(b - biasMean)), grams };
  return { model, features: vocabulary.length, iterations: fit.iterations };
}

export interface Figures {
  questions: number;
  accuracy: number;
  /** Mean negative log-probability of the true type: how good the probabilities are, not only the top one. */
  logLoss: number;
  perType: Record<AnswerType, { precision: number; recall: number; support: number }>;
  /** confusion[truth][predicted], counts. */
  confusion: Record<AnswerType, Record<AnswerType, number>>;
}

/** Accuracy, per-type precision and recall and the confusion matrix of the most probable type. */
export function measure(model: AnswerTypeModelJson, examples: Example[]): Figures {
  const scorer = answerTypeModelFromJson(model, "(fitted)");
  const zero = () => Object.fromEntries(ANSWER_TYPES.map((t) => [t, 0])) as Record<AnswerType, number>;
  const confusion = Object.fromEntries(ANSWER_TYPES.map((t) => [t, zero()])) as Figures["confusion"];
  let right = 0;
  let logLoss = 0;
  for (const e of examples) {
    const p = scoreAnswerTypes(scorer, e.question);
    logLoss -= Math.log(p[e.type]);
    const predicted = ANSWER_TYPES.reduce((best, t) => (p[t] > p[best] ? t : best));
    confusion[e.type][predicted]++;
    if (predicted === e.type) right++;
  }
  const figure = (x: number) => Math.round(x * 1000) / 1000;
  const perType = Object.fromEntries(
    ANSWER_TYPES.map((t) => {
      const support = ANSWER_TYPES.reduce((s, u) => s + confusion[t][u], 0);
      const predicted = ANSWER_TYPES.reduce((s, u) => s + confusion[u][t], 0);
      return [t, { precision: figure(predicted ? confusion[t][t] / predicted : 0), recall: figure(support ? confusion[t][t] / support : 0), support }];
    }),
  ) as Figures["perType"];
  return { questions: examples.length, accuracy: figure(right / examples.length), logLoss: figure(logLoss / examples.length), perType, confusion };
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

function main(): void {
  const started = performance.now();
  const data = arg("--data", "../shared/jaquad/train");
  if (/[\\/]dev(-set)?([\\/]|$)/.test(path.resolve(data))) throw new Error("train:answer-types: learn only from JaQuAD's train split");
  const out = path.resolve(arg("--out", defaultAnswerTypesFile()));
  const titles = arg("--titles", "") ? Number(arg("--titles", "")) : undefined;
  const options: TrainOptions = {
    l2: Number(arg("--l2", String(DEFAULT_TRAIN_OPTIONS.l2))),
    minCount: Number(arg("--min-count", String(DEFAULT_TRAIN_OPTIONS.minCount))),
    iterations: Number(arg("--iterations", String(DEFAULT_TRAIN_OPTIONS.iterations))),
    balance: Number(arg("--balance", String(DEFAULT_TRAIN_OPTIONS.balance))),
    prune: Number(arg("--prune", String(DEFAULT_TRAIN_OPTIONS.prune))),
  };
  const log = (line: string) => console.error(`train:answer-types: ${line}`);
  const examples = readExamples(data, titles);
  const { fit, heldOut } = holdOut(examples);
  log(`${examples.length} questions over ${new Set(examples.map((e) => e.title)).size} articles; ${heldOut.length} held out`);
  const first = trainAnswerTypes(fit, options);
  const held = measure(first.model, heldOut);
  const training = measure(first.model, fit);
  log(`held out: accuracy ${held.accuracy}, log loss ${held.logLoss} (training ${training.accuracy}, ${training.logLoss}); ${first.features} n-grams, ${Object.keys(first.model.grams).length} kept, ${first.iterations} iterations`);
  for (const t of ANSWER_TYPES) log(`  ${t.padEnd(6)} precision ${held.perType[t].precision} recall ${held.perType[t].recall} (${held.perType[t].support})`);
  const final = trainAnswerTypes(examples, options);
  const file = {
    format: ANSWER_TYPES_FORMAT,
    version: ANSWER_TYPES_VERSION,
    attribution: ATTRIBUTION,
    provenance: {
      command: `npm run train:answer-types${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      date: new Date().toISOString().slice(0, 10),
      data: `JaQuAD train split (${path.basename(path.resolve(data))}/: ${examples.length} questions, ${new Set(examples.map((e) => e.title)).size} articles); classes from answer_type: ${Object.entries(CLASS_OF).map(([k, v]) => `${k}=${v}`).join(", ")}`,
      options,
      heldOut: { how: "every 10th article by title, fitted without them", articles: new Set(heldOut.map((e) => e.title)).size, ...held },
      fitted: { questions: examples.length, features: final.features, kept: Object.keys(final.model.grams).length, iterations: final.iterations },
    },
    model: final.model,
  };
  writeFileSync(out, serialise(file));
  log(`wrote ${out} (${Object.keys(final.model.grams).length} n-grams) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** JSON with one n-gram a line, so that a refit's diff reads as the n-grams that changed. */
export function serialise(file: { model: AnswerTypeModelJson }): string {
  const { grams, ...model } = file.model;
  const head = JSON.stringify({ ...file, model: { ...model, grams: "GRAMS" } }, null, 2);
  const lines = Object.entries(grams).map(([gram, w]) => `      ${JSON.stringify(gram)}: ${JSON.stringify(w)}`);
  return `${head.replace('"GRAMS"', `{\n${lines.join(",\n")}\n    }`)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
