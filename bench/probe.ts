/**
 * What `npm run bench` runs in a child process per corpus and per measurement, so that memory figures belong to
 * one corpus and one job. It uses kiji-bot's own modules (read-only) and prints one JSON object on its last
 * stdout line.
 *
 *   node --expose-gc --import tsx bench/probe.ts build ARTICLES_DIR CACHE_DIR [PASSAGES_TSV]
 *       forces an index build from nothing (no analysis cache, no articles snapshot) and a cache write; with PASSAGES_TSV also writes the passages kiji-bot indexes,
 *       for Lucene, after the figures are taken
 *   node --expose-gc --import tsx bench/probe.ts warm ARTICLES_DIR CACHE_DIR QUESTIONS_TXT [EXPECTED_TSV]
 *       a start from a built cache, phase by phase, then warm /ask latency over every question (and, with
 *       EXPECTED_TSV, how often a generated question finds the article it was made from)
 *
 *   node --import tsx bench/probe.ts articles ARTICLES_DIR CACHE_DIR
 *       loadArticles alone, as a start does it (from the articles snapshot in CACHE_DIR when there is one)
 *   node --import tsx bench/probe.ts synonyms
 *       the first synonym lookup in a fresh process: reading data/synonyms.tsv (src/search/synonyms.ts)
 *
 * Phases of a start (warm mode): `startup` is process start to this module running (Node, the tsx loader and the
 * import graph); `dictionary` the kuromoji load; `open` openLibrary with the dictionary loaded (the articles, the
 * cache key, the cache read); `index` reading the cache (IndexReport's own figure); `firstQuery` the first ask().
 * The articles mode times loadArticles in its own process, so that the warm run loads them only once.
 */
import { rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { loadArticles } from "../src/articles/load.js";
import { snapshotFile } from "../src/articles/snapshot.js";
import { ask } from "../src/answers/ask.js";
import { openLibrary, type Library } from "../src/answers/library.js";
import { analysisDir } from "../src/search/analysis-cache.js";
import { Analyzer } from "../src/search/analyzer.js";
import { loadTokenizer } from "../src/search/dictionary.js";
import { buildPassages } from "../src/search/passages.js";
import { synonymsOf } from "../src/search/synonyms.js";

const startupMs = performance.now();

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heapUsedBytes: usage.heapUsed, rssBytes: usage.rss, arrayBuffersBytes: usage.arrayBuffers };
}

/** Peak RSS of this process so far, in bytes. */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** How many questions warm up before the timed pass: BENCH_WARMUP (the bench sets it), else all of them. */
function warmupCount(total: number): number {
  const wanted = Number(process.env.BENCH_WARMUP);
  return Number.isInteger(wanted) && wanted >= 0 ? Math.min(wanted, total) : total;
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]!;
}

async function build(articlesDir: string, cacheDir: string, passagesFile: string | undefined) {
  // A build from nothing: without the per-article analyses and the articles snapshot an earlier build left.
  rmSync(analysisDir(cacheDir, articlesDir), { recursive: true, force: true });
  rmSync(snapshotFile(cacheDir, articlesDir), { force: true });
  const [, dictionaryMs] = await timed(() => loadTokenizer());
  const [library, openMs] = await timed(() => openLibrary({ articlesDir, cacheDir, rebuildIndex: true }));
  const figures = {
    mode: "build",
    dictionaryMs,
    openMs,
    buildMs: library.index.milliseconds,
    source: library.index.source,
    passages: library.index.passages,
    terms: library.index.terms,
    cacheBytes: library.index.cacheBytes,
    writeError: library.index.writeError ?? null,
    articles: library.articles.length,
    characters: 0,
    peakRssBytes: peakRss(),
    afterBuild: memory(),
  };
  figures.characters = await writePassages(library, passagesFile);
  return figures;
}

/**
 * The passages kiji-bot indexes (buildPassages with the analyzer's word starts), as `id \t text \t context`
 * lines for Lucene; returns their characters (the passage texts, as counted for characters/s).
 */
async function writePassages(library: Library, file: string | undefined): Promise<number> {
  const analyzer = new Analyzer(await loadTokenizer());
  const wordStarts = (text: string) => analyzer.wordStarts(text);
  const clean = (text: string | null) => (text ?? "").replace(/[\t\r\n]+/g, " ");
  const lines: string[] = [];
  let characters = 0;
  for (const article of library.articles) {
    for (const passage of buildPassages(article, { wordStarts })) {
      characters += passage.text.length;
      if (file) lines.push(`${article.id}#${passage.position}\t${clean(passage.text)}\t${clean(passage.context)}`);
    }
  }
  if (file) await writeFile(file, lines.join("\n") + "\n");
  return characters;
}

/** `question \t articleId` lines (articleId empty: nothing answers it), for generated corpora. */
async function readExpected(file: string | undefined): Promise<Map<string, string | null>> {
  const expected = new Map<string, string | null>();
  if (!file) return expected;
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const [question, articleId] = line.split("\t");
    if (question) expected.set(question, articleId || null);
  }
  return expected;
}

async function warm(articlesDir: string, cacheDir: string, questionsFile: string, expectedFile: string | undefined) {
  const questions = (await readFile(questionsFile, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const expected = await readExpected(expectedFile);
  const [, dictionaryMs] = await timed(() => loadTokenizer());
  // The articles' own load is timed by the `articles` mode, in another process: loading them twice here would
  // add a second copy to this process's peak memory.
  const [library, openMs] = await timed(() => openLibrary({ articlesDir, cacheDir }));
  const [, firstQueryMs] = await timed(() => ask(library, questions[0]!));
  const readyMs = performance.now();
  const afterLoad = memory();

  // Warm-up: the first BENCH_WARMUP questions (all of them when unset), then the timed pass over all.
  let answered = 0;
  for (const question of questions.slice(0, warmupCount(questions.length))) ask(library, question);
  const times: number[] = [];
  // CPU time of the process per question (user + system, every thread: GC helpers too): on a busy machine it
  // leaves out the time the question waited for a core, which wall-clock latency counts.
  const cpuTimes: number[] = [];
  // For generated questions: whether the article they were made from is among the quoted passages, and
  // whether those nothing answers are declined. A sanity check across corpus sizes, not qa-eval.
  const found = { answerable: 0, hits: 0, unanswerable: 0, declined: 0 };
  for (const question of questions) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const answer = ask(library, question);
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (answer.kind === "answered") answered++;
    if (!expected.has(question)) continue;
    const articleId = expected.get(question);
    if (articleId) {
      found.answerable++;
      if (answer.kind === "answered" && answer.passages.some((passage) => passage.articleId === articleId)) found.hits++;
    } else {
      found.unanswerable++;
      if (answer.kind === "not-found") found.declined++;
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    mode: "warm",
    source: library.index.source,
    startupMs,
    dictionaryMs,
    openMs,
    indexMs: library.index.milliseconds,
    firstQueryMs,
    readyMs,
    cacheBytes: library.index.cacheBytes,
    passages: library.index.passages,
    questions: times.length,
    answered,
    found,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? 0,
    cpuP50: percentile(cpuTimes, 50),
    cpuP99: percentile(cpuTimes, 99),
    afterLoad,
    peakRssBytes: peakRss(),
  };
}

/** loadArticles alone, as the first step of a start: its time and the memory it takes. */
async function articles(articlesDir: string, cacheDir: string) {
  const [result, articlesMs] = await timed(() => loadArticles(articlesDir, { cacheDir }));
  return { mode: "articles", articlesMs, articles: result.articles.length, warnings: result.warnings.length, peakRssBytes: peakRss() };
}

/** The first lookup reads and indexes data/synonyms.tsv; the second is a lookup alone. */
async function synonyms() {
  const heapBefore = memory().heapUsedBytes;
  const [found, firstLookupMs] = await timed(() => synonymsOf("価格"));
  const [, lookupMs] = await timed(() => synonymsOf("従業"));
  return { mode: "synonyms", firstLookupMs, lookupMs, found: found.length, heapBytes: memory().heapUsedBytes - heapBefore };
}

async function main() {
  const [mode, articlesDir, cacheDir, extra, expectedFile] = process.argv.slice(2);
  if (mode === "synonyms") {
    process.stdout.write(`${JSON.stringify(await synonyms())}\n`);
    return;
  }
  if (!articlesDir || !cacheDir) throw new Error("usage: probe.ts build|warm|articles ARTICLES_DIR CACHE_DIR [FILE] [EXPECTED_TSV]");
  let result: object;
  if (mode === "build") result = await build(articlesDir, cacheDir, extra);
  else if (mode === "articles") result = await articles(articlesDir, cacheDir);
  else if (mode === "warm" && extra) result = await warm(articlesDir, cacheDir, extra, expectedFile);
  else throw new Error(`unknown probe mode ${mode}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
