/**
 * What kind of answer a question wants (a date, a person, a place, a reason, or something else), as probabilities
 * learned from JaQuAD's `answer_type` labels by `npm run train:answer-types` (data/answer-types.json).
 *
 * A learned model rather than a list of question words: the type is often carried by the noun asked about
 * (`手塚治虫の出身地は?`, `プーチン大統領の年齢は?`) or by a colloquial ending (`起きたのっていつ?`), which no short
 * list covers, and a probability lets a ranking weigh the evidence instead of trusting a rule.
 *
 * The model is a softmax over character n-grams of the normalised question (answerTypeGrams): scoring is one Map
 * lookup per n-gram, a few microseconds a question. The file is read once per process; a missing or malformed one
 * is an error naming the file and the command that rebuilds it, never a silent fallback.
 *
 * The probabilities are those of a question whose five types were equally likely beforehand: the fit balances
 * JaQuAD's classes (half its answers are Object, 1% Cause, an artefact of how its questions were written), so the
 * question's words decide, and a ranking that uses them learns its own weight for each.
 *
 *   answerTypeProbabilities("会談はいつ行われた?")  -> { date: 0.9.., person: .., place: .., reason: .., other: .. }
 */
import { readFileSync } from "node:fs";
import { dataFile } from "./data-files.js";
import { normalizeText } from "./normalize.js";

/** The kinds of answer, in the order of the model's weights. `other`: things, numbers, names of works, manners. */
export const ANSWER_TYPES = ["date", "person", "place", "reason", "other"] as const;
/** One kind of answer. */
export type AnswerType = (typeof ANSWER_TYPES)[number];
/** A probability per kind of answer; they sum to 1. */
export type AnswerTypeProbabilities = Record<AnswerType, number>;

/** What the file's `format` and `version` must say: a file of another shape is refused, not half read. */
export const ANSWER_TYPES_FORMAT = "kiji-bot answer types";
export const ANSWER_TYPES_VERSION = 1;
/**
 * Names how questions become n-grams (answerTypeGrams). A file fitted on other n-grams would score garbage without
 * any error, so the file records this and the loader refuses any other.
 */
export const ANSWER_TYPE_FEATURES = "char 1-4 grams of normalizeText, no spaces, no final punctuation, digits as 0, ^ $ ends; question-word families v1";
/** The longest n-gram. */
const MAX_GRAM = 4;
/**
 * Question words of one meaning, pooled into one feature each (`<why>` for なぜ, どうして, 理由...). JaQuAD's
 * Wikipedia questions hold 10 なぜ and one どうして against 300 理由 and 原因: as n-grams alone the rare spellings,
 * common in news questions, stay unlearned; pooled, they share what the common ones teach. The weights of the
 * families are learned like any n-gram's.
 */
const QUESTION_WORD_FAMILIES: Array<[string, RegExp]> = [
  ["<when>", /いつ|何年|何月|何日|何時|何世紀|何曜/],
  ["<who>", /誰|だれ|何者|どなた/],
  ["<where>", /どこ|何処/],
  ["<why>", /なぜ|何故|なんで|どうして|理由|原因/],
];
/** The command that writes the file, for error messages. */
const REBUILD = "npm run train:answer-types";

/** A fitted model: per n-gram, one weight per type (ANSWER_TYPES order), and a bias per type. */
export interface AnswerTypeModel {
  bias: Float64Array;
  grams: Map<string, Float64Array>;
}

/** A missing or malformed model file; the message names the file, the problem and the command that rebuilds it. */
export class AnswerTypeModelError extends Error {
  constructor(file: string, problem: string) {
    super(`the answer-type model ${file} ${problem}; run \`${REBUILD}\` to write it`);
    this.name = "AnswerTypeModelError";
  }
}

/**
 * The distinct character n-grams (1 to 4) of a question, the model's features. The text is normalised as the
 * search normalises it; spaces and final punctuation go (`誰?`, `誰？` and `誰` end alike); every digit reads as 0
 * (a year quoted in a question says nothing of the answer's type); `^` and `$` mark the ends, since the question
 * word usually sits at the end (`誰$`, `いつ$`). Then one feature per question-word family the text holds.
 */
export function answerTypeGrams(text: string): string[] {
  const body = normalizeText(text)
    .replace(/\s+/g, "")
    .replace(/[?!。.、,…]+$/u, "")
    .replace(/\d/g, "0");
  const chars = Array.from(`^${body}$`);
  const grams = new Set<string>();
  for (let n = 1; n <= MAX_GRAM; n++) for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(""));
  for (const [family, words] of QUESTION_WORD_FAMILIES) if (words.test(body)) grams.add(family);
  return [...grams];
}

/** The probability of each answer type for a question under `model` (they sum to 1). */
export function scoreAnswerTypes(model: AnswerTypeModel, text: string): AnswerTypeProbabilities {
  const z = Float64Array.from(model.bias);
  for (const gram of answerTypeGrams(text)) {
    const w = model.grams.get(gram);
    if (w) for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  const max = Math.max(...z);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k]! - max);
  const out = {} as AnswerTypeProbabilities;
  ANSWER_TYPES.forEach((type, k) => (out[type] = z[k]! / sum));
  return out;
}

/** The JSON form of the model, as data/answer-types.json holds it under `model`. */
export interface AnswerTypeModelJson {
  types: string[];
  features: string;
  bias: number[];
  grams: Record<string, number[]>;
}

/** Checks the `model` part of a file (types and features as the code has them, finite weights) and builds the Map. */
export function answerTypeModelFromJson(value: unknown, file: string): AnswerTypeModel {
  const m = value as Partial<AnswerTypeModelJson> | undefined;
  if (!m || typeof m !== "object") throw new AnswerTypeModelError(file, "has no model");
  if (!Array.isArray(m.types) || m.types.join() !== ANSWER_TYPES.join()) throw new AnswerTypeModelError(file, `has types ${JSON.stringify(m.types)}, not ${ANSWER_TYPES.join(",")}`);
  if (m.features !== ANSWER_TYPE_FEATURES) throw new AnswerTypeModelError(file, `was fitted on other features (${JSON.stringify(m.features)})`);
  const weights = (w: unknown) => Array.isArray(w) && w.length === ANSWER_TYPES.length && w.every((x) => typeof x === "number" && Number.isFinite(x));
  if (!weights(m.bias)) throw new AnswerTypeModelError(file, `has no ${ANSWER_TYPES.length} finite numbers in model.bias`);
  if (!m.grams || typeof m.grams !== "object") throw new AnswerTypeModelError(file, "has no model.grams");
  const grams = new Map<string, Float64Array>();
  for (const [gram, w] of Object.entries(m.grams)) {
    if (!weights(w)) throw new AnswerTypeModelError(file, `has no ${ANSWER_TYPES.length} finite numbers for the n-gram ${JSON.stringify(gram)}`);
    grams.set(gram, Float64Array.from(w as number[]));
  }
  if (grams.size === 0) throw new AnswerTypeModelError(file, "has no n-grams");
  return { bias: Float64Array.from(m.bias!), grams };
}

/** Reads and checks a model file (format, version, model). */
export function readAnswerTypeModel(file: string): AnswerTypeModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AnswerTypeModelError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: { format?: unknown; version?: unknown; model?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new AnswerTypeModelError(file, "is not valid JSON");
  }
  if (data?.format !== ANSWER_TYPES_FORMAT || data.version !== ANSWER_TYPES_VERSION) throw new AnswerTypeModelError(file, `is not format "${ANSWER_TYPES_FORMAT}" version ${ANSWER_TYPES_VERSION}`);
  return answerTypeModelFromJson(data.model, file);
}

/** data/answer-types.json of this project. */
export function defaultAnswerTypesFile(): string {
  return dataFile("answer-types.json");
}

let loaded: AnswerTypeModel | undefined;

/** The process's model, read from data/answer-types.json on the first call. */
export function answerTypeModel(): AnswerTypeModel {
  return (loaded ??= readAnswerTypeModel(defaultAnswerTypesFile()));
}

/**
 * The probability of each kind of answer the question wants (date, person, place, reason, other; they sum to 1),
 * from the committed model. Meant as a ranking feature: P(type) times whether a passage holds an entity of it.
 */
export function answerTypeProbabilities(text: string): AnswerTypeProbabilities {
  return scoreAnswerTypes(answerTypeModel(), text);
}
