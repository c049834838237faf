/**
 * Deterministic corpus generator for the benchmark:
 *
 *   npx tsx bench/corpus/generate.ts --articles 1000 --seed 1 --out bench/corpora/1k [--questions 1200]
 *
 * writes N articles in the seeds' .txt news-digest format into OUT, and OUT.questions.jsonl: one
 * `{"q": "...", "articleId": "..." | null}` per line, questions made from generated sentences (articleId: the
 * article whose passage answers it) plus about 15% that nothing answers (articleId null: words the corpus never
 * uses). The same seed gives byte-identical files; article i does not depend on N, so the first 1,000
 * articles of a 10,000-article corpus are the 1,000-article corpus of the same seed.
 *
 * OUT/.corpus.json records what was generated (seed, count, generator and dictionary versions): the bench reuses a corpus
 * whose record matches instead of writing it again. Dot files are not articles to loadArticles.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildWordPools, generateArticle, type GeneratedQuestion } from "./article.js";
import { mixSeed, Random } from "./random.js";
import { kuromojiVersion, readVocabulary, VOCABULARY_SIZES } from "./vocabulary.js";

/** Bump when the output for a given seed changes, so that saved corpora are regenerated. */
export const GENERATOR_VERSION = 1;
export const MANIFEST = ".corpus.json";
const ARTICLE_FILE = /^\d{5}_[0-9a-f]{16}\.txt$/;

export interface CorpusOptions {
  articles: number;
  seed: number;
  out: string;
  /** How many questions to write (default 1,200). */
  questions?: number;
}

export interface CorpusManifest {
  generator: number;
  /** The @patdx/kuromoji version whose dictionary the words came from. */
  dictionary: string;
  seed: number;
  articles: number;
  questions: number;
  files: string[];
}

export function questionsFile(out: string): string {
  return `${out.replace(/[\\/]+$/, "")}.questions.jsonl`;
}

/** The articles and questions as strings, without touching the disk. */
export function generateCorpusText(options: Omit<CorpusOptions, "out">): {
  files: { name: string; text: string }[];
  questions: GeneratedQuestion[];
  words: string[];
} {
  const vocabulary = readVocabulary();
  const pools = buildWordPools(vocabulary, options.seed);
  const files: { name: string; text: string }[] = [];
  const candidates: GeneratedQuestion[][] = [];
  const words: string[] = [];
  for (let index = 0; index < options.articles; index++) {
    const article = generateArticle({ pools, random: new Random(mixSeed(options.seed, index)), index });
    files.push({ name: article.fileName, text: article.text });
    candidates.push(article.questions);
    for (const word of article.words) words.push(word);
  }

  const random = new Random(mixSeed(options.seed, 0x9e57));
  const total = options.questions ?? 1200;
  const questions: GeneratedQuestion[] = [];
  // Unused words: the part of each dictionary list past what the corpus draws from.
  const unusedNouns = vocabulary.nouns.slice(VOCABULARY_SIZES.nouns);
  const unusedPlaces = vocabulary.places.slice(VOCABULARY_SIZES.places);
  const unusedVerbalNouns = vocabulary.verbalNouns.slice(VOCABULARY_SIZES.verbalNouns);
  const commonNouns = vocabulary.nouns.slice(0, 200);
  for (let i = 0; i < total; i++) {
    if (random.chance(0.15) || candidates.length === 0) {
      const shapes = [
        () => `${random.pick(unusedNouns)}の${random.pick(unusedNouns)}はどうなった？`,
        () => `${random.pick(unusedPlaces)}の${random.pick(unusedNouns)}について教えて`,
        () => `${random.pick(commonNouns)}の${random.pick(unusedVerbalNouns)}はいつ？`,
        () => `${random.pick(unusedPlaces)}で${random.pick(unusedVerbalNouns)}したのは誰？`,
      ];
      questions.push({ q: random.pick(shapes)(), articleId: null });
      continue;
    }
    const own = candidates[random.int(0, candidates.length - 1)]!;
    if (own.length) questions.push(random.pick(own));
    else i--;
  }
  return { files, questions, words };
}

export async function readManifest(out: string): Promise<CorpusManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(out, MANIFEST), "utf8")) as CorpusManifest;
  } catch {
    return null;
  }
}

/** Whether OUT already holds this corpus (as recorded by its manifest). */
export async function isGenerated(options: CorpusOptions): Promise<boolean> {
  const manifest = await readManifest(options.out);
  return (
    manifest !== null &&
    manifest.generator === GENERATOR_VERSION &&
    manifest.dictionary === kuromojiVersion() &&
    manifest.seed === options.seed &&
    manifest.articles === options.articles &&
    manifest.questions === (options.questions ?? 1200)
  );
}

/** Writes the corpus into OUT (replacing generated articles already there) and its question file. */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusManifest> {
  const { files, questions } = generateCorpusText(options);
  await mkdir(options.out, { recursive: true });
  for (const name of await readdir(options.out)) {
    if (ARTICLE_FILE.test(name) || name === MANIFEST) await rm(path.join(options.out, name));
  }
  for (const file of files) await writeFile(path.join(options.out, file.name), file.text);
  await writeFile(questionsFile(options.out), questions.map((question) => `${JSON.stringify(question)}\n`).join(""));
  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    dictionary: kuromojiVersion(),
    seed: options.seed,
    articles: options.articles,
    questions: questions.length,
    files: files.map((file) => file.name),
  };
  // Written last: a corpus cut off half-way has no manifest and is generated again.
  await writeFile(path.join(options.out, MANIFEST), JSON.stringify(manifest));
  return manifest;
}

function parseArguments(args: string[]): CorpusOptions {
  const options: Partial<CorpusOptions> = { seed: 1 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--articles" || flag === "--seed" || flag === "--questions") {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} must be a whole number (got "${value}")`);
      options[flag.slice(2) as "articles" | "seed" | "questions"] = number;
    } else if (flag === "--out") options.out = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (options.articles === undefined || !options.out) throw new Error("--articles N and --out DIR are required");
  return options as CorpusOptions;
}

async function main(): Promise<void> {
  let options: CorpusOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`generate: ${(error as Error).message}\nusage: npx tsx bench/corpus/generate.ts --articles N [--seed S] --out DIR [--questions Q]`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const manifest = await generateCorpus(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${manifest.articles} articles to ${options.out} and ${manifest.questions} questions to ${questionsFile(options.out)} in ${seconds} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
