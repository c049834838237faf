/**
 * Fits the two models on a Dataset and measures them the way qa-eval does (strict hit: a quoted passage holds an
 * anchor), simulating rank()'s choice, so that the threshold and the figures come from the same procedure:
 *  1. the ranking model: a pairwise logistic regression (a passage holding an anchor against one that does not,
 *     of the same question);
 *  2. the answer model: a logistic regression over the best candidate of every question (answerable or a hard
 *     negative) that passes the passage rules, its features plus the ranking logit, label = answerable.
 */
import { PASSAGE_RULES } from "../../src/search/decision.js";
import type { LinearModel, RankConfig, RankModel } from "../../src/search/rank-config.js";
import { FEATURES, LEARNED_FEATURES } from "../../src/search/rank-features.js";
import type { Dataset, QuestionRows } from "./dataset.js";
import { fitLogistic, solve } from "./logistic.js";

const D = FEATURES.length;

export interface Figures {
  answerable: number;
  unanswerable: number;
  /** Answerable questions with a passage holding an anchor among their candidates. */
  recall: number;
  strictHit1: number;
  strictHit3: number;
  /** Answerable questions declined, and unanswerable ones answered (shares). */
  declined: number;
  answeredNegatives: number;
}

export interface FitOptions {
  l2: number;
  /** Features left out of both models. */
  disabled: ReadonlySet<string>;
  config: RankConfig;
  /** The features the models weigh (default: those FEATURES marks learned). */
  learned?: readonly string[];
  /**
   * The ranking model's objective: `pairwise` (logistic on each answer passage against each other one) or
   * `listwise` (per question, a softmax over its candidates against the answer passages' share).
   */
  objective?: "pairwise" | "listwise";
  /** Pairwise: refit on each answer passage against only the N other candidates the first fit ranks highest. */
  hardNegatives?: number;
}

function learnedColumns(options: FitOptions): Array<readonly [string, number]> {
  const names = options.learned ?? LEARNED_FEATURES;
  return FEATURES.map((f, j) => [f.name, j] as const).filter(([name]) => names.includes(name) && !options.disabled.has(name));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function ruleMask(config: RankConfig): number {
  let mask = 0;
  PASSAGE_RULES.forEach((rule, i) => {
    if (!config.disabledRules.has(rule.name)) mask |= 1 << i;
  });
  return mask;
}

function linear(model: LinearModel, q: QuestionRows, i: number, config: RankConfig, extra: Record<string, number> = {}): number {
  let z = model.bias;
  FEATURES.forEach((f, j) => (z += q.features[i * D + j]! * (model.weights[f.name] ?? 0)));
  for (const [name, value] of Object.entries(extra)) z += value * (model.weights[name] ?? 0);
  return z;
}

function fitOn(rows: Array<{ q: QuestionRows; i: number; extra: number[]; label: number }>, names: string[], options: FitOptions): LinearModel {
  const learned = learnedColumns(options);
  const d = learned.length + names.length;
  const X = new Float32Array(rows.length * d);
  const y = new Uint8Array(rows.length);
  rows.forEach(({ q, i, extra, label }, r) => {
    learned.forEach(([, j], k) => (X[r * d + k] = q.features[i * D + j]!));
    extra.forEach((value, k) => (X[r * d + learned.length + k] = value));
    y[r] = label;
  });
  const fit = fitLogistic(X, y, d, { l2: options.l2 });
  const weights: Record<string, number> = {};
  for (const name of [...(options.learned ?? LEARNED_FEATURES), ...names]) weights[name] = 0;
  learned.forEach(([name], k) => (weights[name] = round(fit.weights[k]!)));
  names.forEach((name, k) => (weights[name] = round(fit.weights[learned.length + k]!)));
  return { weights, bias: round(fit.bias) };
}

/** The best candidate passing the rules, by the ranking model, and the labels of those quoted. */
function order(q: QuestionRows, rank: LinearModel, config: RankConfig): { scores: number[]; quoted: number[]; best: number } {
  const mask = ruleMask(config);
  const scores = Array.from(q.labels, (_, i) => linear(rank, q, i, config));
  const passing = scores.map((score, i) => ({ i, score })).filter(({ i }) => (q.failed[i]! & mask) === 0);
  passing.sort((a, b) => b.score - a.score || a.i - b.i);
  const best = passing[0]?.i ?? -1;
  const seen = new Set<string>();
  const quoted: number[] = [];
  for (const { i, score } of passing) {
    if (seen.has(q.texts[i]!) || score < scores[best]! - config.quoteMargin) continue;
    seen.add(q.texts[i]!);
    quoted.push(i);
    if (quoted.length === 3) break;
  }
  return { scores, quoted, best };
}

/**
 * The ranking model, pairwise: for each answerable question, each passage holding the answer against each that
 * does not, on the difference of their features (both ways round). What is the same for every candidate of a
 * question cancels out, as it should for ordering them.
 */
function fitRanking(questions: QuestionRows[], options: FitOptions): LinearModel {
  if (options.objective === "listwise") return fitListwise(questions, options);
  const first = fitPairs(questions, options, null);
  // Refitted on the passages the first fit ranks near the top: those are the ones the answer is told apart from.
  return options.hardNegatives ? fitPairs(questions, options, { model: first, top: options.hardNegatives }) : first;
}

function fitPairs(questions: QuestionRows[], options: FitOptions, near: { model: LinearModel; top: number } | null): LinearModel {
  const learned = learnedColumns(options);
  const d = learned.length;
  const pairs: Array<[QuestionRows, number, number]> = [];
  for (const q of questions) {
    if (!q.answerable) continue;
    const positives = [...q.labels.keys()].filter((i) => q.labels[i]);
    let negatives = [...q.labels.keys()].filter((i) => !q.labels[i]);
    if (near) {
      const score = (i: number) => linear(near.model, q, i, options.config);
      negatives = negatives.map((i) => ({ i, s: score(i) })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, near.top).map(({ i }) => i);
    }
    for (const p of positives) for (const n of negatives) pairs.push([q, p, n]);
  }
  const X = new Float32Array(pairs.length * 2 * d);
  const y = new Uint8Array(pairs.length * 2);
  pairs.forEach(([q, p, n], r) => {
    learned.forEach(([, j], k) => {
      const diff = q.features[p * D + j]! - q.features[n * D + j]!;
      X[2 * r * d + k] = diff;
      X[(2 * r + 1) * d + k] = -diff;
    });
    y[2 * r] = 1;
  });
  const fit = fitLogistic(X, y, d, { l2: options.l2 });
  const weights: Record<string, number> = {};
  for (const name of options.learned ?? LEARNED_FEATURES) weights[name] = 0;
  learned.forEach(([name], k) => (weights[name] = round(fit.weights[k]!)));
  return { weights, bias: 0 };
}

/**
 * The ranking model, listwise: per answerable question, a softmax over its candidates' scores, fitted (Newton, L2)
 * to put the question's probability mass on the passages holding the answer (shared evenly among them).
 */
function fitListwise(questions: QuestionRows[], options: FitOptions): LinearModel {
  const learned = learnedColumns(options);
  const d = learned.length;
  const lists = questions
    .filter((q) => q.answerable && q.labels.some(Boolean) && q.labels.some((l) => !l))
    .map((q) => {
      const n = q.labels.length;
      const x = new Float64Array(n * d);
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) x[i * d + k] = q.features[i * D + learned[k]![1]]!;
      const positives = q.labels.reduce((a, l) => a + l, 0);
      return { n, x, target: Float64Array.from(q.labels, (l) => (l ? 1 / positives : 0)) };
    });
  // Cross-entropy of the softmax against the target shares, plus the L2 penalty; with gradient and Hessian.
  const evaluate = (beta: Float64Array, derivatives: boolean) => {
    let loss = 0;
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (const { n, x, target } of lists) {
      const z = new Float64Array(n);
      let top = -Infinity;
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < d; k++) z[i]! += beta[k]! * x[i * d + k]!;
        top = Math.max(top, z[i]!);
      }
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.exp(z[i]! - top);
      const logSum = top + Math.log(sum);
      for (let i = 0; i < n; i++) if (target[i]) loss -= target[i]! * (z[i]! - logSum);
      if (!derivatives) continue;
      const mean = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const p = Math.exp(z[i]! - logSum);
        for (let a = 0; a < d; a++) {
          const xa = x[i * d + a]!;
          gradient[a]! += (p - target[i]!) * xa;
          mean[a]! += p * xa;
          for (let b = a; b < d; b++) hessian[a * d + b]! += p * xa * x[i * d + b]!;
        }
      }
      for (let a = 0; a < d; a++) for (let b = a; b < d; b++) hessian[a * d + b]! -= mean[a]! * mean[b]!;
    }
    for (let j = 0; j < d; j++) {
      loss += (options.l2 / 2) * beta[j]! * beta[j]!;
      gradient[j]! += options.l2 * beta[j]!;
      hessian[j * d + j]! += options.l2;
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hessian[a * d + b] = hessian[b * d + a]!;
    return { loss, gradient, hessian };
  };
  let beta = new Float64Array(d);
  for (let iteration = 0; iteration < 50; iteration++) {
    const { loss, gradient, hessian } = evaluate(beta, true);
    const step = solve(hessian, gradient, d);
    // Newton's step, halved until the loss falls (a full step can overshoot where the softmax saturates).
    let scale = 1;
    let next = beta;
    for (; scale > 1e-6; scale /= 2) {
      next = beta.map((b, j) => b - scale * step[j]!);
      if (evaluate(next, false).loss <= loss) break;
    }
    const change = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    if (change < 1e-7) break;
  }
  const weights: Record<string, number> = {};
  for (const name of options.learned ?? LEARNED_FEATURES) weights[name] = 0;
  learned.forEach(([name], k) => (weights[name] = round(beta[k]!)));
  return { weights, bias: 0 };
}

export function fitModel(questions: QuestionRows[], options: FitOptions): Omit<RankModel, "threshold"> {
  const rank = fitRanking(questions, options);
  const answerRows = questions.flatMap((q) => {
    const { scores, best } = order(q, rank, options.config);
    return best < 0 ? [] : [{ q, i: best, extra: [scores[best]!], label: q.answerable ? 1 : 0 }];
  });
  const answer = fitOn(answerRows, ["rankScore"], options);
  return { rank, answer };
}

/** What rank() would do with a question: the answer probability of the best passing candidate, quoted labels. */
export function simulate(q: QuestionRows, model: Omit<RankModel, "threshold">, config: RankConfig): { probability: number; quoted: number[]; recall: boolean } {
  const { scores, quoted, best } = order(q, model.rank, config);
  const probability = best < 0 ? 0 : 1 / (1 + Math.exp(-linear(model.answer, q, best, config, { rankScore: scores[best]! })));
  return { probability, quoted: quoted.map((i) => q.labels[i]!), recall: q.labels.some(Boolean) };
}

export function measure(questions: QuestionRows[], model: RankModel, config: RankConfig): Figures {
  let h1 = 0, h3 = 0, declined = 0, answeredNegatives = 0, answerable = 0, unanswerable = 0, recall = 0;
  for (const q of questions) {
    const s = simulate(q, model, config);
    const answered = s.quoted.length > 0 && (config.disabledRules.has("probability") || s.probability >= model.threshold);
    if (q.answerable) {
      answerable++;
      if (s.recall) recall++;
      if (!answered) declined++;
      else {
        if (s.quoted[0]) h1++;
        if (s.quoted.some(Boolean)) h3++;
      }
    } else {
      unanswerable++;
      if (answered) answeredNegatives++;
    }
  }
  const share = (x: number, n: number) => round(n ? x / n : 0);
  return { answerable, unanswerable, recall: share(recall, answerable), strictHit1: share(h1, answerable), strictHit3: share(h3, answerable), declined: share(declined, answerable), answeredNegatives: share(answeredNegatives, unanswerable) };
}

/** The highest threshold that declines at most `share` of the answerable questions. */
export function chooseThreshold(questions: QuestionRows[], model: Omit<RankModel, "threshold">, config: RankConfig, share: number): number {
  const answerable = questions.filter((q) => q.answerable);
  const probabilities = answerable.map((q) => simulate(q, model, config)).filter((s) => s.quoted.length > 0).map((s) => s.probability).sort((a, b) => a - b);
  const allowed = Math.floor(share * answerable.length) - (answerable.length - probabilities.length);
  if (allowed <= 0) return 1e-6;
  // Declining the `allowed` answerable questions with the lowest probability: just above the highest of them.
  const t = (probabilities[allowed - 1]! + probabilities[allowed]!) / 2;
  return round(Math.max(1e-6, t));
}

/** The trade-off: at each threshold, answerable questions declined against unanswerable ones answered. */
export function curve(questions: QuestionRows[], model: Omit<RankModel, "threshold">, config: RankConfig, thresholds: number[]): Array<{ threshold: number; declined: number; answeredNegatives: number }> {
  return thresholds.map((threshold) => {
    const f = measure(questions, { ...model, threshold }, config);
    return { threshold, declined: f.declined, answeredNegatives: f.answeredNegatives };
  });
}

export function summary(dataset: Dataset): string {
  return `${dataset.articles} articles in ${dataset.corpora} corpora, ${dataset.questions.filter((q) => q.answerable).length} questions, ${dataset.questions.filter((q) => !q.answerable).length} hard negatives`;
}
