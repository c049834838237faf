/**
 * `npm run train`: learns the ranking model from JaQuAD's train split and writes data/rank-weights.json with its
 * provenance (data, date, figures) and JaQuAD's attribution. Deterministic: the same data gives the same weights.
 *   npm run train [-- --questions N] [--hard N] [--out FILE] [--corpus-sizes 90,10,3] [--swapped N] [--features A.json,B.json]
 *                 [--learn NAME,...] [--objective pairwise|listwise] [--hard-negatives N] [--cross-validate [--fit-sets N]]
 *                 [--news DIR] [--news-weight K]
 * The first set's last corpus is held out of fitting and its figures are reported beside the training ones; the
 * threshold is chosen on the training corpora, for at most 2% of answerable questions declined. --cross-validate
 * holds out each corpus in turn and prints the summed held-out figures per corpus size, writing nothing.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_RANK_SETTINGS, type RankConfig } from "../src/search/rank-config.js";
import { WEIGHTS_FORMAT, WEIGHTS_VERSION, defaultWeightsFile } from "../src/search/rank-weights.js";
import { associationsDigest } from "./build-associations.js";
import { buildDataset, readDataset, TRAINING_SET, writeDataset, type Dataset, type QuestionRows } from "./train/dataset.js";
import { chooseThreshold, curve, fitModel, measure, summary } from "./train/fit.js";
import { buildNewsRows, newsSets } from "./train/news.js";
import { Analyzer } from "../src/search/analyzer.js";
import { loadTokenizer } from "../src/search/dictionary.js";

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
    questions: Number(arg("--questions", String(TRAINING_SET.questions))),
    heldOut: Number(arg("--held-out", String(TRAINING_SET.heldOut))),
    hard: Number(arg("--hard", String(TRAINING_SET.hard))),
    seed: TRAINING_SET.seed,
    // --corpus-sizes 90,10,3 asks the same questions of corpora of each size, so that features read against the
    // whole corpus are learned at every size (measured: docs/retrieval.md, "Training").
    corpusSizes: arg("--corpus-sizes", arg("--corpus-size", "90,10,3")).split(",").map(Number),
    digestEvery: Number(arg("--digest-every", "0")),
    digestCorpusSize: Number(arg("--digest-corpus-size", "2")),
    leftOutEvery: Number(arg("--left-out-every", "0")),
    // Attribute-swapped hard negatives per article (scripts/train/swapped.ts): the served folders' hard questions
    // ask for what the articles never say of someone they name (measured: docs/retrieval.md, "Training").
    swapped: Number(arg("--swapped", "1")),
  };
  const l2 = Number(arg("--l2", "1"));
  const out = path.resolve(arg("--out", defaultWeightsFile()));
  const list = (name: string) => new Set(arg(name, "").split(",").filter(Boolean));
  // Features only: the model is what is being learned.
  const config: RankConfig = { ...DEFAULT_RANK_SETTINGS, quoteMargin: Number(arg("--quote-margin", String(DEFAULT_RANK_SETTINGS.quoteMargin))), disabledRules: process.argv.includes("--without-rules") ? list("--without-rules") : DEFAULT_RANK_SETTINGS.disabledRules, model: { rank: { weights: {}, bias: 0 }, answer: { weights: {}, bias: 0 }, threshold: 0.5 } };
  const log = (line: string) => console.error(`train: ${line}`);
  // --features FILE keeps the candidates' features between runs (for trying rules and settings of the fit);
  // --features A,B,... fits on several such sets at once (the same questions asked of corpora of other sizes).
  const cached = arg("--features", "").split(",").filter(Boolean);
  let datasets: Dataset[] = [];
  if (cached.length && cached.every((file) => existsSync(file))) datasets = cached.map(readDataset);
  else {
    for (const corpusSize of options.corpusSizes) datasets.push(await buildDataset({ ...options, corpusSize }, config, log));
    cached.forEach((file, k) => datasets[k] && writeDataset(file, datasets[k]!));
  }
  const dataset = datasets[0]!;
  log(datasets.map(summary).join("; "));
  // --news DIR: questions asked of news pages (scripts/train/news.ts) in every fit, each counted --news-weight
  // times. Off by default: measured, it ranked held-out news no better (docs/retrieval.md, "Training").
  const newsDir = arg("--news", "");
  const sets = newsDir ? newsSets(path.resolve(newsDir)) : [];
  const firstNews = Math.max(...datasets.map((d) => d.corpora));
  const newsRows = sets.length ? await buildNewsRows(sets, new Analyzer(await loadTokenizer()), config, firstNews) : [];
  const newsWeight = Number(arg("--news-weight", "1"));
  const counted = (rows: QuestionRows[]) => Array.from({ length: newsWeight }, () => rows).flat();
  const news = counted(newsRows);
  if (sets.length) log(`news: ${sets.length} sets, ${newsRows.filter((q) => q.answerable).length} questions, ${newsRows.filter((q) => !q.answerable).length} negatives, each counted ${newsWeight} times`);
  const learned = arg("--learn", "").split(",").filter(Boolean);
  const objective = arg("--objective", "pairwise") === "listwise" ? "listwise" : "pairwise";
  const fitOptions = { l2, disabled: list("--without"), config, objective, hardNegatives: Number(arg("--hard-negatives", "0")), ...(learned.length ? { learned } : {}) } as const;
  // --cross-validate: each of the first set's corpora held out in turn (its questions, in every set), the models
  // fitted on the rest; the held-out figures summed over the folds, per set. For choosing features and settings.
  if (process.argv.includes("--cross-validate")) {
    // The news sets are held out in turn too, set k with fold k modulo the folds.
    const newsFold = (q: QuestionRows) => (q.corpus - firstNews) % dataset.corpora;
    const totals = [...datasets, null].map(() => [] as Fold[]);
    for (let fold = 0; fold < dataset.corpora; fold++) {
      const out = new Set(dataset.questions.filter((q) => q.corpus === fold).map((q) => q.q));
      // --fit-sets N: fit on the first N sets only (the others are only measured).
      const fitOn = [...datasets.slice(0, Number(arg("--fit-sets", String(datasets.length)))).flatMap((d) => d.questions.filter((q) => !out.has(q.q))), ...counted(newsRows.filter((q) => newsFold(q) !== fold))];
      const fitted = fitModel(fitOn, fitOptions);
      const threshold = chooseThreshold(fitOn.filter((q) => q.corpus < firstNews), fitted, config, MAX_DECLINED);
      const held = (asked: QuestionRows[]): Fold => ({ figures: measure(asked, { ...fitted, threshold }, config), ranked: measure(asked, { ...fitted, threshold: 0 }, config) });
      datasets.forEach((d, k) => totals[k]!.push(held(d.questions.filter((q) => out.has(q.q)))));
      const newsOut = newsRows.filter((q) => newsFold(q) === fold);
      if (newsOut.length) totals[datasets.length]!.push(held(newsOut));
    }
    datasets.forEach((d, k) => log(`cross-validated, corpora of ~${d.options.corpusSize}: ${foldTotals(totals[k]!)}`));
    if (sets.length) log(`cross-validated, news sets: ${foldTotals(totals[datasets.length]!)}`);
    return;
  }
  // Held out: the first set's last corpus, and the same questions wherever another set asks them.
  const heldOut = new Set(dataset.questions.filter((q) => q.corpus === dataset.corpora - 1).map((q) => q.q));
  const training = [...datasets.flatMap((d) => d.questions.filter((q) => !heldOut.has(q.q))), ...news];
  const held = dataset.questions.filter((q) => heldOut.has(q.q));
  const fitted = fitModel(training, fitOptions);
  const jaquad = training.filter((q) => q.corpus < firstNews);
  // Chosen on JaQuAD's questions alone: the news questions are few, and counted several times.
  const threshold = chooseThreshold(jaquad, fitted, config, MAX_DECLINED);
  const model = { ...fitted, threshold };
  const figures = { training: measure(jaquad, model, config), ...(sets.length ? { news: measure(newsRows, model, config) } : {}), validation: measure(held, model, config) };
  datasets.slice(1).forEach((d) => log(`validation, corpora of ~${d.options.corpusSize}: ${JSON.stringify(measure(d.questions.filter((q) => heldOut.has(q.q)), model, config))}`));
  const thresholds = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
  const tradeOff = curve(jaquad, fitted, config, thresholds);
  log(`rank ${JSON.stringify(model.rank.weights)}; answer ${JSON.stringify(model.answer.weights)} bias ${model.answer.bias}`);
  log(`threshold ${threshold}`);
  if (figures.news) log(`news (fitted on): ${JSON.stringify(figures.news)}`);
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
      data: `JaQuAD train split via ../shared/tools/squad-set.mjs --split train --questions ${options.questions} --held-out ${options.heldOut} --hard ${options.hard} --seed ${options.seed}: ${summary(dataset)}${options.digestEvery > 0 ? `; every ${options.digestEvery}th article rewritten as a news-digest page (scripts/train/digest.ts), in corpora of ${options.digestCorpusSize}` : ""}${options.leftOutEvery > 0 ? `; every ${options.leftOutEvery}th article's last paragraph left out, its questions asked as hard negatives (scripts/train/left-out.ts)` : ""}${options.swapped > 0 ? `; up to ${options.swapped} attribute-swapped hard negative(s) per article, a corpus's subject asked for an attribute it never mentions (scripts/train/swapped.ts)` : ""}; the same questions asked of corpora of ~${options.corpusSizes.join(", ~")} articles; the first set's last corpus (its questions, in every set) held out for validation${sets.length ? `; and ${sets.length} sets of news-digest pages (${newsDir}, scripts/train/news.ts: ${newsRows.filter((q) => q.answerable).length} questions, ${newsRows.filter((q) => !q.answerable).length} negatives), each question counted ${newsWeight === 1 ? "once" : `${newsWeight} times`}` : ""}`,
      model: `two logistic regressions (Newton, L2 ${l2}): rank, ${objective} over the candidates of the answerable questions (label: the passage holds the answer's anchor)${fitOptions.hardNegatives ? `, refitted on each answer passage against the ${fitOptions.hardNegatives} others the first fit ranks highest` : ""}; answer over each question's best candidate passing the passage rules plus rankScore (label: the question is answerable)`,
      // The associations the `associated` feature read (rebuilt with npm run build:associations, then retrain).
      associations: associationsDigest(),
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

interface Fold {
  figures: ReturnType<typeof measure>;
  ranked: ReturnType<typeof measure>;
}

/** Held-out figures summed over the folds, as counts. */
function foldTotals(totals: Fold[]): string {
  const folds = totals.map((t) => t.figures);
  const answerable = folds.reduce((a, f) => a + f.answerable, 0);
  const unanswerable = folds.reduce((a, f) => a + f.unanswerable, 0);
  const sum = (key: "recall" | "strictHit1" | "strictHit3" | "declined") => Math.round(folds.reduce((a, f) => a + f[key] * f.answerable, 0));
  const ranked = (key: "strictHit1" | "strictHit3") => Math.round(totals.reduce((a, t) => a + t.ranked[key] * t.ranked.answerable, 0));
  const answered = Math.round(folds.reduce((a, f) => a + f.answeredNegatives * f.unanswerable, 0));
  return `hit@1 ${sum("strictHit1")}/${answerable}, hit@3 ${sum("strictHit3")}, recall ${sum("recall")}, declined ${sum("declined")}, negatives answered ${answered}/${unanswerable}; none declined: hit@1 ${ranked("strictHit1")}, hit@3 ${ranked("strictHit3")}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
