/**
 * Learns word associations from JaQuAD's train split (never dev) and writes data/associations.tsv: for a word of a
 * question, the words that mark the sentence answering it, beyond the question's own words (`亡くなる` -> `死去`,
 * `名前` -> `命名`). A question's annotator read the paragraph and paraphrased it; across many questions the
 * words the answer sentence holds more often than the paragraph's other sentences are the paraphrases.
 *
 *   npm run build:associations            writes data/associations.tsv
 *   npm run build:associations -- --check exits 1 when the committed file differs from what it would write
 *
 * How (deterministic; about 40 seconds):
 * - Every question of the train split except those `npm run train` asks (the same squad-set call, seed 1): the
 *   ranking is fitted on those, so a pair learned from them would be worth more there than anywhere else.
 * - Question and paragraph are read by the analyzer, as the bot reads them; the paragraph is cut into sentences
 *   (src/search/sentences.ts), the answer sentence being the one the answer starts in.
 * - For a question word q and a word s that is not one of the question's words: a(q, s), the questions with q
 *   whose answer sentence holds s, against o(q, s), the paragraphs' other sentences holding s. A pair is kept
 *   when the answer sentence holds s in at least `minQuestions` questions about at least `minArticles` articles
 *   (a pair of one article's topic is no paraphrase), and at least `minLift` times as often as another sentence
 *   does (smoothed). Its strength is that ratio's logarithm; each q keeps its `maxPerWord` strongest
 *   (LearnOptions, defaults below). Names and numbers are left out on both sides (see `said`).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Analyzer, type Word } from "../src/search/analyzer.js";
import { loadTokenizer } from "../src/search/dictionary.js";
import { dataFile } from "../src/search/data-files.js";
import { analyzeQuestion } from "../src/search/question.js";
import { splitSentences } from "../src/search/sentences.js";
import { buildSquadSet, TRAINING_SET } from "./train/dataset.js";

export interface LearnOptions {
  /** The fewest questions a pair must be seen in. Default 5. */
  minQuestions: number;
  /** The fewest articles those questions must be about (a pair of one article's topic is no paraphrase). Default 5. */
  minArticles: number;
  /** How much more often the answer sentence must hold the word than another sentence of its paragraph. Default 2. */
  minLift: number;
  /** The strongest associations kept per question word. Default 12. */
  maxPerWord: number;
  /** Read only the first N articles (a slice, for tests). Default: all. */
  maxArticles: number;
}

export const DEFAULT_LEARN_OPTIONS: LearnOptions = { minQuestions: 5, minArticles: 5, minLift: 2, maxPerWord: 12, maxArticles: Infinity };

export interface LearnedAssociation {
  q: string;
  s: string;
  /** log(lift). */
  lift: number;
  /** Questions whose answer sentence holds s. */
  questions: number;
}

interface Squad {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ question: string; answers: Array<{ answer_start: number }> }> }> }>;
}

/**
 * The digest of data/associations.tsv that `npm run train` records in the weights' provenance: the weights are
 * fitted to the associations they were trained with, and a test checks that the committed two belong together.
 */
export function associationsDigest(file = dataFile("associations.tsv")): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
}

const key = (q: string, s: string) => `${q}\t${s}`;
const termsOf = (words: readonly Word[]) => words.flatMap((w) => (w.alt ? [w.term, w.alt] : [w.term]));
/**
 * Words that can be said otherwise. Names and numbers are left out on both sides: a name is no paraphrase (the
 * pairs it makes belong to one topic: `フランス` -> `大戦`), and a number is mostly the answer itself, which the
 * answer-type features weigh.
 */
const said = (w: Word) => w.role !== "name" && w.role !== "number";

/** The associations of JaQuAD's train files in `trainDir`, leaving out the `excluded` questions. */
export async function learnAssociations(trainDir: string, excluded: ReadonlySet<string>, options: Partial<LearnOptions> = {}, log: (line: string) => void = () => {}): Promise<LearnedAssociation[]> {
  const { minQuestions, minArticles, minLift, maxPerWord, maxArticles } = { ...DEFAULT_LEARN_OPTIONS, ...options };
  const analyzer = new Analyzer(await loadTokenizer());
  const files = readdirSync(trainDir).filter((f) => f.endsWith(".json")).sort();
  const a = new Map<string, number>();
  const articlesOf = new Map<string, Set<number>>();
  const o = new Map<string, number>();
  const answered = new Map<string, number>();
  const others = new Map<string, number>();
  let asked = 0;
  let article = 0;
  // Two passes would read the paragraphs twice; instead the other sentences' counts are kept for every pair and
  // pruned at the end (a few million keys).
  for (const file of files) {
    if (article >= maxArticles) break;
    const squad = JSON.parse(readFileSync(path.join(trainDir, file), "utf8")) as Squad;
    for (const entry of squad.data) {
      if (++article > maxArticles) break;
      for (const paragraph of entry.paragraphs) {
        const spans = splitSentences(paragraph.context);
        const sentences = spans.map((span) => new Set(termsOf(analyzer.analyze(paragraph.context.slice(span.start, span.end)).words.filter(said))));
        for (const qa of paragraph.qas) {
          if (excluded.has(qa.question)) continue;
          const start = qa.answers[0]?.answer_start ?? -1;
          const at = spans.findIndex((span) => start >= span.start && start < span.end);
          if (at < 0) continue;
          asked++;
          const questionWords = analyzeQuestion(analyzer, qa.question).words;
          const words = new Set(termsOf(questionWords));
          for (const q of termsOf(questionWords.filter(said))) {
            answered.set(q, (answered.get(q) ?? 0) + 1);
            others.set(q, (others.get(q) ?? 0) + sentences.length - 1);
            for (const s of sentences[at]!) {
              if (words.has(s)) continue;
              const k = key(q, s);
              a.set(k, (a.get(k) ?? 0) + 1);
              let seen = articlesOf.get(k);
              if (!seen) articlesOf.set(k, (seen = new Set()));
              seen.add(article);
            }
            sentences.forEach((sentence, i) => {
              if (i === at) return;
              for (const s of sentence) if (!words.has(s)) o.set(key(q, s), (o.get(key(q, s)) ?? 0) + 1);
            });
          }
        }
      }
    }
    log(`${file}: ${asked} questions, ${a.size} pairs`);
  }
  const kept: LearnedAssociation[] = [];
  for (const [k, count] of a) {
    if (count < minQuestions || articlesOf.get(k)!.size < minArticles) continue;
    const [q, s] = k.split("\t") as [string, string];
    const inAnswer = (count + 0.5) / (answered.get(q)! + 1);
    const inOthers = ((o.get(k) ?? 0) + 0.5) / (others.get(q)! + 1);
    const lift = inAnswer / inOthers;
    if (lift >= minLift) kept.push({ q, s, lift: Math.log(lift), questions: count });
  }
  kept.sort((x, y) => (x.q < y.q ? -1 : x.q > y.q ? 1 : y.lift - x.lift || (x.s < y.s ? -1 : 1)));
  const out: typeof kept = [];
  let last = "";
  let n = 0;
  for (const pair of kept) {
    n = pair.q === last ? n + 1 : 0;
    last = pair.q;
    if (n < maxPerWord) out.push(pair);
  }
  return out;
}

async function main(): Promise<void> {
  const trainDir = path.resolve("../shared/jaquad/train");
  if (!existsSync(trainDir)) throw new Error(`${trainDir} not found; it ships in ../shared beside the project`);
  const setDir = path.resolve(".cache/train/jaquad");
  // The questions `npm run train` fits on (its defaults): left out here.
  buildSquadSet({ dir: setDir, ...TRAINING_SET, digestEvery: 0, digestCorpusSize: 2 });
  const trained = JSON.parse(readFileSync(path.join(setDir, "qa.json"), "utf8")) as { questions: Array<{ q: string }> };
  const pairs = await learnAssociations(trainDir, new Set(trained.questions.map((q) => q.q)), {}, (line) => console.error(`associations: ${line}`));
  const { minQuestions, minArticles, minLift, maxPerWord } = DEFAULT_LEARN_OPTIONS;
  const text = [
    "# Word associations learned from JaQuAD's train split by `npm run build:associations` (scripts/build-associations.ts).",
    "# Learned from JaQuAD (JaQuAD, Skelter Labs, CC BY-SA 3.0: https://github.com/SkelterLabsInc/JaQuAD); shared under the same licence.",
    `# Format: question word, tab, a word marking the sentence that answers it, tab, strength (log of how much more often the answer sentence holds it than the paragraph's other sentences), tab, questions seen in. At least ${minQuestions} questions about ${minArticles} articles, lift ${minLift}, ${maxPerWord} per word.`,
    ...pairs.map((p) => `${p.q}\t${p.s}\t${p.lift.toFixed(3)}\t${p.questions}`),
  ].join("\n") + "\n";
  const file = dataFile("associations.tsv");
  if (process.argv.includes("--check")) {
    const same = existsSync(file) && readFileSync(file, "utf8") === text;
    console.error(same ? `${file} is up to date` : `${file} differs from what npm run build:associations writes`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(file, text);
  console.error(`associations: wrote ${pairs.length} pairs to ${file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
