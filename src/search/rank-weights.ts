/**
 * The learned weights (data/rank-weights.json, written by `npm run train`): read once per process and checked.
 * A missing or malformed file is an error that says how to make it, never a silent fallback to other weights.
 */
import { readFileSync } from "node:fs";
import { dataFile } from "./data-files.js";
import { DEFAULT_RANK_SETTINGS, type LinearModel, type RankConfig, type RankModel } from "./rank-config.js";
import { FEATURES, LEARNED_FEATURES } from "./rank-features.js";

export const WEIGHTS_FORMAT = "kiji-bot rank weights";
export const WEIGHTS_VERSION = 1;

export class RankWeightsError extends Error {
  constructor(file: string, problem: string) {
    super(`the ranking weights ${file} ${problem}; run \`npm run train\` to write them`);
    this.name = "RankWeightsError";
  }
}

/** data/rank-weights.json of this project. */
export function defaultWeightsFile(): string {
  return dataFile("rank-weights.json");
}

/** Reads and checks a weights file: every learned feature weighted, finite numbers, a threshold in (0, 1). */
export function readRankModel(file: string): RankModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new RankWeightsError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RankWeightsError(file, "is not valid JSON");
  }
  const d = data as { format?: unknown; version?: unknown; model?: { rank?: unknown; answer?: unknown; threshold?: unknown } };
  if (d?.format !== WEIGHTS_FORMAT || d.version !== WEIGHTS_VERSION) throw new RankWeightsError(file, `is not format "${WEIGHTS_FORMAT}" version ${WEIGHTS_VERSION}`);
  const model = d.model;
  if (!model) throw new RankWeightsError(file, "has no model");
  // Every feature the training learns by default must have a weight; a file may weigh others the code has too
  // (`npm run train -- --learn ...`), never one it does not.
  const known = FEATURES.map((f) => f.name);
  const rank = linearModel(file, "model.rank", model.rank, LEARNED_FEATURES, known);
  const answer = linearModel(file, "model.answer", model.answer, [...LEARNED_FEATURES, "rankScore"], [...known, "rankScore"]);
  const threshold = model.threshold;
  if (!finite(threshold) || threshold <= 0 || threshold >= 1) throw new RankWeightsError(file, "has no model.threshold between 0 and 1");
  return { rank, answer, threshold };
}

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function linearModel(file: string, where: string, value: unknown, names: readonly string[], allowed: readonly string[]): LinearModel {
  const model = value as { weights?: unknown; bias?: unknown } | undefined;
  if (!model || typeof model.weights !== "object" || model.weights === null) throw new RankWeightsError(file, `has no ${where}.weights`);
  const weights = model.weights as Record<string, unknown>;
  const missing = names.filter((name) => !finite(weights[name]));
  if (missing.length) throw new RankWeightsError(file, `has no number in ${where} for the feature(s) ${missing.join(", ")}`);
  const unknown = Object.keys(weights).filter((name) => !allowed.includes(name));
  if (unknown.length) throw new RankWeightsError(file, `weighs in ${where} feature(s) the code does not have: ${unknown.join(", ")}`);
  if (!finite(model.bias)) throw new RankWeightsError(file, `has no number for ${where}.bias`);
  return { weights: weights as Record<string, number>, bias: model.bias };
}

const loaded = new Map<string, RankModel>();

/** The default config with the model from `file` (read once per process). */
export function loadRankConfig(file = defaultWeightsFile(), overrides: Partial<RankConfig> = {}): RankConfig {
  let model = loaded.get(file);
  if (!model) loaded.set(file, (model = readRankModel(file)));
  return { ...DEFAULT_RANK_SETTINGS, ...overrides, model };
}
