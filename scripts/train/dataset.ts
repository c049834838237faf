/**
 * Training data for the ranking, from JaQuAD's train split (never dev): `../shared/tools/squad-set.mjs` writes its
 * articles and questions (with held-out articles for questions the corpus cannot answer); the articles are cut
 * into corpora of about the dev-set's size, each indexed as the bot would index it, and every question is asked of
 * its corpus. Each candidate passage gives one row of features, labelled 1 when it holds one of the question's
 * anchors (the answer in its own paragraph).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeDigests } from "./digest.js";
import { leaveOutParagraphs } from "./left-out.js";
import { swappedNegatives } from "./swapped.js";
import { loadArticles } from "../../src/articles/load.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { analyzeQuestion, attributeAsked, type AttributeQuestion } from "../../src/search/question.js";
import { failedRules } from "../../src/search/decision.js";
import { readCandidates } from "../../src/search/rank.js";
import type { RankConfig } from "../../src/search/rank-config.js";
import { FEATURES } from "../../src/search/rank-features.js";
import { SearchIndex } from "../../src/search/search-index.js";

export interface SetOptions {
  /** Where squad-set writes the set. */
  dir: string;
  questions: number;
  heldOut: number;
  hard: number;
  /** Keep only the first N titles (a small slice, for tests). */
  titles?: number;
  seed: number;
  /** Every N-th article is rewritten as a news-digest page (digest.ts); 0: none. */
  digestEvery: number;
  /** How many digest pages make one corpus. */
  digestCorpusSize: number;
  /** Every N-th plain article loses its last paragraph, whose questions are asked as hard negatives (left-out.ts); 0: none. */
  leftOutEvery?: number;
  /** Attribute-swapped hard negatives (swapped.ts) per article of a corpus; 0: none. */
  swapped?: number;
}

/**
 * The squad-set call `npm run train` fits on by default; build-associations.ts leaves its questions out (a fit on
 * other questions, `--questions N`, may meet questions the associations were learned from).
 */
export const TRAINING_SET = { questions: 3000, heldOut: 60, hard: 800, seed: 1 } as const;

export interface QuestionRows {
  q: string;
  /** Whether the corpus holds its answer (false: a hard negative, about a held-out article). */
  answerable: boolean;
  corpus: number;
  /** Candidates as read: features row-major (FEATURES order), label, a bit per passage rule failed. */
  features: Float32Array;
  labels: Uint8Array;
  failed: Uint8Array;
  /** A hash of each candidate's text, to quote each text once (the texts themselves pass V8's string limit). */
  texts: string[];
}

export interface Dataset {
  options: SetOptions & { corpusSize: number };
  corpora: number;
  articles: number;
  questions: QuestionRows[];
}

const squash = (t: string) => t.replace(/\s+/g, "");
const textHash = (t: string) => createHash("sha1").update(t).digest("base64").slice(0, 12);

export function buildSquadSet(options: SetOptions): void {
  const tool = path.resolve("../shared/tools/squad-set.mjs");
  if (!existsSync(tool)) throw new Error(`train: ${tool} not found; it ships in ../shared beside the project`);
  const args = [tool, "--split", "train", "--out", options.dir, "--questions", String(options.questions), "--held-out", String(options.heldOut), "--hard", String(options.hard), "--seed", String(options.seed)];
  if (options.titles) args.push("--titles", String(options.titles));
  execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
}

export async function buildDataset(options: SetOptions & { corpusSize: number }, config: RankConfig, log: (line: string) => void = () => {}): Promise<Dataset> {
  buildSquadSet(options);
  const digested = writeDigests(options.dir, options.digestEvery);
  const leftOut = leaveOutParagraphs(options.dir, options.leftOutEvery ?? 0);
  const qa = JSON.parse(readFileSync(path.join(options.dir, "qa.json"), "utf8")) as {
    questions: Array<{ q: string; anchors: string[]; title: string }>;
    hard_negatives: string[];
  };
  const { articles } = await loadArticles(path.join(options.dir, "articles"));
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const corpora: (typeof articles)[] = [];
  // Digest pages in corpora of digestCorpusSize (the served digests come a few pages at a time, which moves
  // features read against the whole corpus, such as unknownShare); the rest in even corpora of about corpusSize,
  // last, so that the held-out corpus is one of these.
  const digests = articles.filter((a) => a.path.endsWith(".txt"));
  const plain = articles.filter((a) => !a.path.endsWith(".txt"));
  for (let i = 0; i < digests.length; i += options.digestCorpusSize) corpora.push(digests.slice(i, i + options.digestCorpusSize));
  const digestCorpora = corpora.length;
  const count = Math.max(1, Math.round(plain.length / options.corpusSize));
  for (let c = 0; c < count; c++) corpora.push(plain.slice(Math.floor((c * plain.length) / count), Math.floor(((c + 1) * plain.length) / count)));
  const corpusOf = new Map<string, number>();
  corpora.forEach((list, c) => list.forEach((a) => corpusOf.set(a.title, c)));

  const pool = qa.questions.map((q) => attributeAsked(q.q)).filter((x): x is AttributeQuestion => x !== null);
  const analyzer = new Analyzer(await loadTokenizer());
  const questions: QuestionRows[] = [];
  for (let c = 0; c < corpora.length; c++) {
    const started = performance.now();
    const index = SearchIndex.build(corpora[c]!, analyzer);
    const asked: Array<{ q: string; anchors: string[] | null }> = [
      ...qa.questions
        .filter((q) => corpusOf.get(q.title) === c && !digested.used.has(`${q.title}\t${q.q}`) && !leftOut.used.has(`${q.title}\t${q.q}`))
        .map((q) => ({ q: q.q, anchors: q.anchors })),
      // Questions about a paragraph left out of its own article: same subject, answer absent.
      ...corpora[c]!.flatMap((a) => (c < digestCorpora ? [] : (leftOut.negatives.get(a.title) ?? []))).map((q) => ({ q, anchors: null })),
      // A subject of the corpus asked for an attribute it never mentions.
      ...(c < digestCorpora || !options.swapped
        ? []
        : swappedNegatives(
            qa.questions.filter((q) => corpusOf.get(q.title) === c).map((q) => q.q),
            pool,
            corpora[c]!.map((a) => readFileSync(a.path, "utf8")).join("\n"),
            Math.ceil(options.swapped * corpora[c]!.length),
            c * 7,
          )
      ).map((q) => ({ q, anchors: null })),
      // Digest corpora: questions about their pages' left-out paragraphs; the others share squad-set's.
      ...(c < digestCorpora
        ? corpora[c]!.flatMap((a) => digested.negatives.get(a.title) ?? [])
        : qa.hard_negatives.filter((_, i) => i % (corpora.length - digestCorpora) === c - digestCorpora)
      ).map((q) => ({ q, anchors: null })),
    ];
    for (const { q, anchors } of asked) questions.push(questionRows(index, analyzer, config, q, anchors, c));
    if (corpora[c]!.length > options.digestCorpusSize || c === corpora.length - 1) log(`corpus ${c + 1}/${corpora.length}: ${corpora[c]!.length} articles, ${index.passageCount} passages, ${asked.length} questions (${Math.round(performance.now() - started)} ms)`);
  }
  return { options, corpora: corpora.length, articles: articles.length, questions };
}

/**
 * One question asked of a corpus's index: its candidates' features, each labelled 1 when its text holds one of
 * `anchors` (null: the corpus cannot answer it), white space ignored on both sides.
 */
export function questionRows(index: SearchIndex, analyzer: Analyzer, config: RankConfig, q: string, anchors: string[] | null, corpus: number): QuestionRows {
  const d = FEATURES.length;
  const candidates = readCandidates(index, analyzeQuestion(analyzer, q), config, { everyFeature: true });
  const squashed = anchors?.map(squash);
  const features = new Float32Array(candidates.length * d);
  const labels = new Uint8Array(candidates.length);
  const failed = new Uint8Array(candidates.length);
  candidates.forEach((candidate, r) => {
    FEATURES.forEach((f, j) => (features[r * d + j] = candidate.features[f.name]!));
    const text = squash(candidate.passage.text);
    labels[r] = squashed?.some((a) => text.includes(a)) ? 1 : 0;
    failed[r] = failedRules(candidate.facts, config);
  });
  return { q, answerable: anchors !== null, corpus, features, labels, failed, texts: candidates.map((x) => textHash(x.passage.text)) };
}

/** Saves a dataset's candidates (JSON), to refit without reading every question again. */
export function writeDataset(file: string, dataset: Dataset): void {
  // Features as base64 of their float32 bytes: as JSON numbers a 90-article set passes V8's string limit (512 MB).
  const plain = { ...dataset, questions: dataset.questions.map((q) => ({ ...q, features: Buffer.from(q.features.buffer, q.features.byteOffset, q.features.byteLength).toString("base64"), labels: Array.from(q.labels), failed: Array.from(q.failed) })) };
  writeFileSync(file, JSON.stringify(plain));
}

export function readDataset(file: string): Dataset {
  const plain = JSON.parse(readFileSync(file, "utf8")) as Omit<Dataset, "questions"> & { questions: Array<Omit<QuestionRows, "features" | "labels" | "failed"> & { features: string | number[]; labels: number[]; failed: number[] }> };
  const floats = (features: string | number[]) => {
    if (typeof features !== "string") return Float32Array.from(features);
    const bytes = Buffer.from(features, "base64");
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  return { ...plain, questions: plain.questions.map((q) => ({ ...q, features: floats(q.features), labels: Uint8Array.from(q.labels), failed: Uint8Array.from(q.failed) })) };
}
