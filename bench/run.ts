/**
 * `npm run bench`: kiji-bot's speed and memory on the seeds and on generated corpora, side by side with Lucene 8
 * (JapaneseAnalyzer + BM25) over the same passages and questions. Not part of `npm test`.
 *
 *   npm run bench                                 seeds, jaquad, 1k and 10k, with Lucene when installed
 *   npm run bench -- --corpora seeds,1k --runs 5  which corpora (seeds, jaquad, 1k, 10k, or any Nk / N articles), runs
 *   npm run bench -- --no-lucene                  kiji-bot only
 *   npm run bench -- --quick                      seeds, jaquad and 1k, one run each, no cache-absent runs for 10k
 *
 * `jaquad` is 671 Wikipedia articles of JaQuAD's training split with 1,065 real questions (bench/corpus/jaquad.ts),
 * built from ../shared at bench time; it is left out, with a note, where ../shared has no JaQuAD.
 *
 * Every measurement runs in its own child process (memory figures belong to one corpus and one job) and is
 * repeated; the table shows the median with min and max. Prints the table and the targets of issues 6, 12 and 15, and writes
 * bench/results.json (gitignored). Generated corpora, their caches, passages and Lucene indexes stay under
 * bench/corpora/ (gitignored) and are reused; a 10k corpus takes minutes to index the first time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadArticles } from "../src/articles/load.js";
import { generateCorpus, isGenerated, questionsFile } from "./corpus/generate.js";
import { jaquadArticles, jaquadMissing, prepareJaquad, readJaquadQuestions, sharedDir } from "./corpus/jaquad.js";
import { hasGnuTime, lastJson, runChild, type ChildRun } from "./lib/children.js";
import { compileBench, findLucene, INSTALL_HINT, type LuceneSetup } from "./lib/lucene.js";
import { benchQuestions, readDevQuestions, readGeneratedQuestions, seedQuestions } from "./lib/questions.js";
import { checkTargets, formatTables, formatTargets, type CorpusResult, type Found, type Row } from "./lib/report.js";
import { summarizeField } from "./lib/stats.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPORA = path.join(ROOT, "bench", "corpora");
const WORK = path.join(CORPORA, "work");
const JAQUAD = path.join(CORPORA, "jaquad");
const SEED = 1;
/** From this size on, index builds and cache-absent starts run once: each takes minutes. */
const LARGE = 5000;

interface Options {
  corpora: string[];
  runs: number | null;
  lucene: boolean;
  quick: boolean;
  out: string;
}

function parseOptions(args: string[]): Options {
  const options: Options = { corpora: ["seeds", "jaquad", "1k", "10k"], runs: null, lucene: true, quick: false, out: path.join(ROOT, "bench", "results.json") };
  let corporaGiven = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.includes("=") ? (args[i]!.split(/=(.*)/s, 2) as [string, string]) : [args[i]!, undefined];
    const value = () => inline ?? args[++i] ?? fail(`${flag} needs a value`);
    if (flag === "--corpora") {
      options.corpora = value().split(",").map((name) => name.trim()).filter(Boolean);
      corporaGiven = true;
    } else if (flag === "--runs") {
      const runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1) fail("--runs must be a whole number >= 1");
      options.runs = runs;
    } else if (flag === "--no-lucene") options.lucene = false;
    else if (flag === "--quick") options.quick = true;
    else if (flag === "--out") options.out = path.resolve(value());
    else if (flag === "--help" || flag === "-h") fail("");
    else fail(`unknown option ${flag}`);
  }
  if (options.quick && !corporaGiven) options.corpora = ["seeds", "jaquad", "1k"];
  return options;
}

function fail(message: string): never {
  if (message) console.error(`bench: ${message}`);
  console.error("usage: npm run bench -- [--corpora seeds,jaquad,1k,10k] [--runs N] [--no-lucene] [--quick] [--out FILE]");
  process.exit(2);
}

interface Corpus {
  name: string;
  dir: string;
  /** Articles to generate; null for the seeds and JaQuAD. */
  generate: number | null;
  /** JaQuAD's articles and questions (built by ../shared/tools/squad-set.mjs), not generated ones. */
  jaquad: boolean;
  work: string;
}

function corpusOf(name: string): Corpus {
  const work = path.join(WORK, name);
  if (name === "seeds") return { name, dir: path.join(ROOT, "seeds"), generate: null, jaquad: false, work };
  if (name === "jaquad") return { name, dir: jaquadArticles(JAQUAD), generate: null, jaquad: true, work };
  const match = /^(\d+)(k?)$/i.exec(name);
  if (!match) fail(`unknown corpus "${name}" (seeds, jaquad, 1k, 10k, or a number of articles)`);
  const count = Number(match[1]) * (match[2] ? 1000 : 1);
  return { name, dir: path.join(CORPORA, name), generate: count, jaquad: false, work };
}

/** Runs per measurement: more for small corpora, where runs are cheap and noise is large. */
function runsFor(options: Options, articles: number): { repeat: number; heavy: number; warm: number } {
  const repeat = options.runs ?? (options.quick ? 1 : articles < 100 ? 5 : 3);
  // At 10k a warm run (cache load, then every question) takes minutes: one, unless --runs says otherwise.
  return { repeat, heavy: articles >= LARGE ? 1 : repeat, warm: articles >= LARGE ? (options.runs ?? 1) : repeat };
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function repeat<T>(times: number, what: string, work: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < times; run++) {
    progress(`${what} (${run + 1}/${times})`);
    results.push(await work(run));
  }
  return results;
}

interface BuildProbe {
  buildMs: number;
  passages: number;
  terms: number;
  cacheBytes: number | null;
  writeError: string | null;
  articles: number;
  characters: number;
  peakRssBytes: number;
  afterBuild: { heapUsedBytes: number; rssBytes: number };
}

interface WarmProbe {
  source: "cache" | "built";
  startupMs: number;
  dictionaryMs: number;
  openMs: number;
  indexMs: number;
  firstQueryMs: number;
  readyMs: number;
  passages: number;
  questions: number;
  answered: number;
  found: Found;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time per question (absent from probes older than this field). */
  cpuP50?: number;
  cpuP99?: number;
  afterLoad: { heapUsedBytes: number; rssBytes: number };
  peakRssBytes: number;
}

interface LuceneBuild {
  buildMs: number;
  passages: number;
  characters: number;
  indexBytes: number;
  peakRssKb: number | null;
}

interface LuceneWarm {
  questions: number;
  answered: number;
  found: Found;
  openMs: number;
  firstQueryMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuP50?: number;
  cpuP99?: number;
  heapAfterLoadBytes: number;
  peakRssKb: number | null;
}

/** Questions answered before the timed pass of a warm run, on both sides. */
const WARMUP = 300;
/**
 * The heap limit docs/retrieval.md advises for a bot serving a large archive: without one, V8 lets garbage pile
 * up far past the live heap before a full collection. Large corpora get one more warm run with it.
 */
const SERVING_HEAP_LIMIT = "--max-old-space-size=2048";

const probe = (args: string[], nodeOptions = process.env.NODE_OPTIONS ?? "") =>
  runChild(process.execPath, ["--expose-gc", "--import", "tsx", path.join(ROOT, "bench", "probe.ts"), ...args], {
    cwd: ROOT,
    env: { BENCH_WARMUP: String(WARMUP), NODE_OPTIONS: nodeOptions },
  });

/** `npm run ask -- "<question>"` as a user starts it (--silent only drops npm's banner from stdout). */
function askCold(corpus: Corpus, cacheDir: string, question: string): Promise<ChildRun> {
  return runChild("npm", ["run", "--silent", "ask", "--", question], { cwd: ROOT, env: { ARTICLES_DIR: corpus.dir, CACHE_DIR: cacheDir } });
}

/** The `ask` script of package.json run without npm (sh -c, with node_modules/.bin on PATH, as npm does). */
function askDirect(corpus: Corpus, cacheDir: string, question: string): Promise<ChildRun> {
  const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.ask;
  if (!script) throw new Error("package.json has no ask script");
  const quoted = `'${question.replaceAll("'", "'\\''")}'`;
  const binPath = `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`;
  return runChild("sh", ["-c", `${script} ${quoted}`], { cwd: ROOT, env: { ARTICLES_DIR: corpus.dir, CACHE_DIR: cacheDir, PATH: binPath } });
}

function coldFigure(run: ChildRun, what: string): ChildRun {
  if (run.code !== 0 || run.firstOutputMs === null) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.trim().split("\n").slice(-4).join(" / ")}`);
  return run;
}

async function prepareCorpus(corpus: Corpus): Promise<void> {
  if (corpus.jaquad) {
    progress(`building the JaQuAD corpus into ${path.relative(ROOT, JAQUAD)} (reused when built from the same inputs)`);
    prepareJaquad(sharedDir(ROOT), JAQUAD);
    return;
  }
  if (corpus.generate === null) return;
  const options = { articles: corpus.generate, seed: SEED, out: corpus.dir };
  if (await isGenerated(options)) return;
  progress(`generating ${corpus.generate} articles into ${path.relative(ROOT, corpus.dir)}`);
  await generateCorpus(options);
}

async function benchCorpus(corpus: Corpus, options: Options, lucene: { setup: LuceneSetup; classpath: string } | null): Promise<CorpusResult> {
  await prepareCorpus(corpus);
  await mkdir(corpus.work, { recursive: true });
  const { articles } = await loadArticles(corpus.dir);
  // Questions with the article that answers them: generated ones, or JaQuAD's (alone: the dev questions are
  // about news, which Wikipedia articles do not hold).
  const generatedQuestions = corpus.jaquad ? readJaquadQuestions(JAQUAD, articles) : corpus.generate === null ? [] : readGeneratedQuestions(questionsFile(corpus.dir));
  const questions = benchQuestions({
    dev: corpus.jaquad ? [] : readDevQuestions(),
    seeds: corpus.name === "seeds" ? seedQuestions(articles) : [],
    generated: generatedQuestions,
  });

  const questionsPath = path.join(corpus.work, "questions.txt");
  await writeFile(questionsPath, questions.join("\n") + "\n");
  const expectedPath = path.join(corpus.work, "expected.tsv");
  const expected = generatedQuestions.length ? [expectedPath] : [];
  if (generatedQuestions.length) await writeFile(expectedPath, generatedQuestions.map((g) => `${g.q}\t${g.articleId ?? ""}`).join("\n") + "\n");
  const coldQuestion = questions[0]!;
  const cacheDir = path.join(corpus.work, "cache");
  const passagesPath = path.join(corpus.work, "passages.tsv");
  const { repeat: runs, heavy, warm: warmRuns } = runsFor(options, articles.length);
  const errors: string[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      const message = `${corpus.name}: ${what}: ${(error as Error).message}`;
      progress(message);
      errors.push(message);
      return null;
    }
  };

  // kiji-bot: build (the last build leaves the cache the other runs read), then warm runs, then cold starts.
  const builds =
    (await attempt("index build", () =>
      repeat(heavy, `${corpus.name}: kiji-bot index build`, async (run) =>
        lastJson<BuildProbe>(await probe(["build", corpus.dir, cacheDir, ...(run === 0 ? [passagesPath] : [])]), "probe build"),
      ),
    )) ?? [];
  const warms = (await attempt("warm runs", () => repeat(warmRuns, `${corpus.name}: kiji-bot warm /ask over ${questions.length} questions`, async () => lastJson<WarmProbe>(await probe(["warm", corpus.dir, cacheDir, questionsPath, ...expected]), "probe warm")))) ?? [];
  const limitedWarms =
    articles.length >= LARGE
      ? ((await attempt("warm run with a heap limit", () =>
          repeat(1, `${corpus.name}: kiji-bot warm /ask with NODE_OPTIONS=${SERVING_HEAP_LIMIT}`, async () =>
            lastJson<WarmProbe>(await probe(["warm", corpus.dir, cacheDir, questionsPath], `${process.env.NODE_OPTIONS ?? ""} ${SERVING_HEAP_LIMIT}`.trim()), "probe warm"),
          ),
        )) ?? [])
      : [];
  const articleLoads = (await attempt("article loads", () => repeat(warmRuns, `${corpus.name}: loadArticles alone`, async () => lastJson<{ articlesMs: number }>(await probe(["articles", corpus.dir, cacheDir]), "probe articles")))) ?? [];
  const coldCached = (await attempt("cold start (cache built)", () => repeat(runs, `${corpus.name}: kiji-bot cold start, cache built`, async () => coldFigure(await askCold(corpus, cacheDir, coldQuestion), "npm run ask")))) ?? [];
  const coldDirect = (await attempt("cold start without npm", () => repeat(runs, `${corpus.name}: kiji-bot cold start without npm`, async () => coldFigure(await askDirect(corpus, cacheDir, coldQuestion), "the ask script")))) ?? [];
  // Corpus-independent: measured with the seeds only.
  const synonymLoads =
    corpus.name === "seeds"
      ? ((await attempt("synonyms load", () => repeat(runs, `${corpus.name}: first synonym lookup (data/synonyms.tsv)`, async () => lastJson<{ firstLookupMs: number; heapBytes: number }>(await probe(["synonyms"]), "probe synonyms")))) ?? [])
      : [];
  const nodeStart = (await attempt("node start", () => repeat(runs, `${corpus.name}: node -e 0`, () => runChild(process.execPath, ["-e", "process.stdout.write('.')"], { cwd: ROOT })))) ?? [];
  const skipUncached = options.quick && articles.length >= LARGE;
  const coldUncached = skipUncached
    ? []
    : ((await attempt("cold start (no cache)", () =>
        repeat(heavy, `${corpus.name}: kiji-bot cold start, no cache`, async (run) => {
          const fresh = path.join(corpus.work, `cold-cache-${run}`);
          await rm(fresh, { recursive: true, force: true });
          try {
            return coldFigure(await askCold(corpus, fresh, coldQuestion), "npm run ask");
          } finally {
            await rm(fresh, { recursive: true, force: true });
          }
        }),
      )) ?? []);

  // Lucene over the passages the first build wrote.
  let lBuilds: LuceneBuild[] = [];
  let lWarms: LuceneWarm[] = [];
  let lCold: ChildRun[] = [];
  let lColdBuild: ChildRun[] = [];
  if (lucene && existsSync(passagesPath)) {
    const java = (args: string[]) => runChild("java", ["-cp", lucene.classpath, "Bench", ...args], { cwd: ROOT, env: { BENCH_WARMUP: String(WARMUP) } });
    const indexDir = path.join(corpus.work, "lucene-index");
    lBuilds = (await attempt("Lucene build", () => repeat(heavy, `${corpus.name}: Lucene index build`, async () => lastJson<LuceneBuild>(await java(["build", passagesPath, indexDir]), "Lucene build")))) ?? [];
    lWarms = (await attempt("Lucene warm", () => repeat(warmRuns, `${corpus.name}: Lucene warm queries`, async () => lastJson<LuceneWarm>(await java(["warm", indexDir, questionsPath, ...expected]), "Lucene warm")))) ?? [];
    lCold = (await attempt("Lucene cold start", () => repeat(runs, `${corpus.name}: Lucene cold start, index built`, async () => coldFigure(await java(["query", indexDir, coldQuestion]), "Lucene query")))) ?? [];
    if (!skipUncached) {
      const scratchIndex = path.join(corpus.work, "lucene-cold-index");
      lColdBuild =
        (await attempt("Lucene cold start (no index)", () =>
          repeat(heavy, `${corpus.name}: Lucene cold start, no index`, async () => {
            try {
              return coldFigure(await java(["coldbuild", passagesPath, scratchIndex, coldQuestion]), "Lucene coldbuild");
            } finally {
              await rm(scratchIndex, { recursive: true, force: true });
            }
          }),
        )) ?? [];
    }
  }

  const lastBuild = builds.at(-1);
  // A warm run that found no usable cache (the code changed during the bench) rebuilt it: not a cache load.
  const rebuilt = warms.filter((w) => w.source !== "cache").length;
  if (rebuilt) errors.push(`${corpus.name}: ${rebuilt} warm run(s) found the cache unusable and rebuilt it (src/ changed during the bench?): cache-load figures leave them out`);
  const rows: Row[] = [
    { key: "cold.cached", label: "cold start to first answer, index cache built", unit: "ms", kiji: summarizeField(coldCached, (r) => r.firstOutputMs), lucene: summarizeField(lCold, (r) => r.firstOutputMs) },
    { key: "cold.uncached", label: "cold start to first answer, no cache (builds it)", unit: "ms", kiji: summarizeField(coldUncached, (r) => r.firstOutputMs), lucene: summarizeField(lColdBuild, (r) => r.firstOutputMs) },
    { key: "cold.direct", label: "  the same without npm (the ask script via sh -c)", unit: "ms", kiji: summarizeField(coldDirect, (r) => r.firstOutputMs), lucene: null },
    { key: "phase.node", label: "  where: Node itself (node -e, to first output)", unit: "ms", kiji: summarizeField(nodeStart, (r) => r.firstOutputMs), lucene: null },
    { key: "phase.startup", label: "  where: Node + tsx loader + imports (probe)", unit: "ms", kiji: summarizeField(warms, (r) => r.startupMs), lucene: null },
    { key: "phase.dictionary", label: "  where: kuromoji dictionary load", unit: "ms", kiji: summarizeField(warms, (r) => r.dictionaryMs), lucene: null },
    { key: "phase.articles", label: "  where: loading the articles", unit: "ms", kiji: summarizeField(articleLoads, (r) => r.articlesMs), lucene: null },
    { key: "index.load", label: "  where: index cache load", unit: "ms", kiji: summarizeField(warms, (r) => (r.source === "cache" ? r.indexMs : null)), lucene: summarizeField(lWarms, (r) => r.openMs), note: "Lucene: open the index" },
    { key: "phase.openRest", label: "  where: rest of opening (cache key, checks, setup)", unit: "ms", kiji: summarizeField(
        warms.filter((r) => r.source === "cache"),
        (r) => Math.max(0, r.openMs - (summarizeField(articleLoads, (a) => a.articlesMs)?.median ?? 0) - r.indexMs),
      ),
      lucene: null,
    },
    { key: "phase.firstQuery", label: "  where: first query", unit: "ms", kiji: summarizeField(warms, (r) => r.firstQueryMs), lucene: summarizeField(lWarms, (r) => r.firstQueryMs) },
    ...(synonymLoads.length
      ? [
          { key: "synonyms.load", label: "first synonym lookup (reads data/synonyms.tsv)", unit: "ms" as const, kiji: summarizeField(synonymLoads, (r) => r.firstLookupMs), lucene: null },
          { key: "synonyms.heap", label: "  heap it takes (after GC)", unit: "bytes" as const, kiji: summarizeField(synonymLoads, (r) => r.heapBytes), lucene: null },
        ]
      : []),
    { key: "warm.p50", label: "warm /ask p50", unit: "ms", kiji: summarizeField(warms, (r) => r.p50), lucene: summarizeField(lWarms, (r) => r.p50) },
    { key: "warm.p95", label: "warm /ask p95", unit: "ms", kiji: summarizeField(warms, (r) => r.p95), lucene: summarizeField(lWarms, (r) => r.p95) },
    { key: "warm.p99", label: "warm /ask p99", unit: "ms", kiji: summarizeField(warms, (r) => r.p99), lucene: summarizeField(lWarms, (r) => r.p99) },
    { key: "warm.cpu.p50", label: "warm /ask p50, CPU time", unit: "ms", kiji: summarizeField(warms, (r) => r.cpuP50 ?? null), lucene: summarizeField(lWarms, (r) => r.cpuP50 ?? null), note: "Lucene: the searching thread only" },
    { key: "warm.cpu.p99", label: "warm /ask p99, CPU time", unit: "ms", kiji: summarizeField(warms, (r) => r.cpuP99 ?? null), lucene: summarizeField(lWarms, (r) => r.cpuP99 ?? null) },
    { key: "warm.max", label: "warm /ask slowest", unit: "ms", kiji: summarizeField(warms, (r) => r.max), lucene: summarizeField(lWarms, (r) => r.max) },
    { key: "build.time", label: "index build", unit: "ms", kiji: summarizeField(builds, (r) => r.buildMs), lucene: summarizeField(lBuilds, (r) => r.buildMs) },
    { key: "build.passages", label: "index build passages/s", unit: "per-second", kiji: summarizeField(builds, (r) => r.passages / (r.buildMs / 1000)), lucene: summarizeField(lBuilds, (r) => r.passages / (r.buildMs / 1000)) },
    { key: "build.chars", label: "index build characters/s", unit: "per-second", kiji: summarizeField(builds, (r) => r.characters / (r.buildMs / 1000)), lucene: summarizeField(lBuilds, (r) => r.characters / (r.buildMs / 1000)) },
    { key: "index.bytes", label: "index on disk", unit: "bytes", kiji: summarizeField(builds, (r) => r.cacheBytes), lucene: summarizeField(lBuilds, (r) => r.indexBytes) },
    { key: "rss.cold", label: "peak RSS, cold start from the cache", unit: "bytes", kiji: summarizeField(coldCached, (r) => r.peakRssBytes), lucene: summarizeField(lCold, (r) => r.peakRssBytes) },
    { key: "rss.warm", label: "peak RSS, warm run", unit: "bytes", kiji: summarizeField(warms, (r) => r.peakRssBytes), lucene: summarizeField(lWarms, (r) => (r.peakRssKb === null ? null : r.peakRssKb * 1024)) },
    ...(limitedWarms.length
      ? [
          { key: "rss.warm.limited", label: `peak RSS, warm run, ${SERVING_HEAP_LIMIT}`, unit: "bytes" as const, kiji: summarizeField(limitedWarms, (r) => r.peakRssBytes), lucene: null },
          { key: "warm.p99.limited", label: `warm /ask p99, ${SERVING_HEAP_LIMIT}`, unit: "ms" as const, kiji: summarizeField(limitedWarms, (r) => r.p99), lucene: null },
        ]
      : []),
    { key: "rss.build", label: "peak RSS, index build", unit: "bytes", kiji: summarizeField(builds, (r) => r.peakRssBytes), lucene: summarizeField(lBuilds, (r) => (r.peakRssKb === null ? null : r.peakRssKb * 1024)) },
    { key: "heap.afterLoad", label: "heap after load (after GC)", unit: "bytes", kiji: summarizeField(warms, (r) => r.afterLoad.heapUsedBytes), lucene: summarizeField(lWarms, (r) => r.heapAfterLoadBytes), note: "Lucene: JVM heap in use" },
    { key: "rss.afterLoad", label: "RSS after load (after GC)", unit: "bytes", kiji: summarizeField(warms, (r) => r.afterLoad.rssBytes), lucene: null },
  ];
  return {
    name: corpus.name,
    articles: articles.length,
    passages: lastBuild?.passages ?? warms[0]?.passages ?? null,
    characters: lastBuild?.characters ?? null,
    questions: questions.length,
    rows,
    answered: { kiji: warms[0]?.answered ?? null, lucene: lWarms[0]?.answered ?? null },
    found: generatedQuestions.length ? { kiji: warms[0]?.found ?? null, lucene: lWarms[0]?.found ?? null } : null,
    savedAndLoaded: Boolean(lastBuild && !lastBuild.writeError && warms.length > 0 && warms.every((w) => w.source === "cache")),
    errors,
  };
}

function gitState(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "src", "scripts", "package.json"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

function machine(lucene: LuceneSetup | null) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    java: lucene?.javaVersion ?? null,
    lucene: lucene?.version ?? null,
    peakRssTool: hasGnuTime ? "GNU time %M (children's rusage)" : null,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const notes: string[] = [];
  const jaquadAbsent = options.corpora.includes("jaquad") ? jaquadMissing(sharedDir(ROOT)) : null;
  if (jaquadAbsent) {
    notes.push(`JaQuAD corpus skipped: ${jaquadAbsent}.`);
    progress(notes.at(-1)!);
  }
  const corpora = options.corpora.filter((name) => !(name === "jaquad" && jaquadAbsent)).map(corpusOf);
  let lucene: { setup: LuceneSetup; classpath: string } | null = null;
  let luceneNote: string | null = options.lucene ? null : "Lucene side turned off (--no-lucene).";
  if (options.lucene) {
    const found = findLucene();
    if ("missing" in found) {
      luceneNote = `${INSTALL_HINT} (${found.missing})`;
      progress(luceneNote);
    } else {
      try {
        const classpath = await compileBench(found, { source: path.join(ROOT, "bench", "lucene", "Bench.java"), outDir: path.join(WORK, "lucene-classes") });
        lucene = { setup: found, classpath };
      } catch (error) {
        luceneNote = `Lucene side skipped: compiling bench/lucene/Bench.java failed (${(error as Error).message}).`;
        progress(luceneNote);
      }
    }
  }
  if (!hasGnuTime) progress("no /usr/bin/time: cold-start peak RSS is not measured (apt-get install time)");

  const started = new Date();
  // Other work on the machine skews every figure: the load average before and after says how quiet it was.
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > os.cpus().length / 2) progress(`the machine is busy (load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores): figures will be slower and noisier`);
  const results: CorpusResult[] = [];
  for (const corpus of corpora) results.push(await benchCorpus(corpus, options, lucene));
  const loadAverage = { before: Number(loadBefore.toFixed(2)), after: Number(os.loadavg()[0]!.toFixed(2)) };
  const targets = checkTargets(results);
  const info = { date: started.toISOString(), durationSeconds: Math.round((Date.now() - started.getTime()) / 1000), machine: { ...machine(lucene?.setup ?? null), loadAverage }, git: gitState() };

  const tables = formatTables(results, { lucene: lucene !== null });
  const m = info.machine;
  console.log(`\nkiji-bot benchmark, ${info.date} (${info.durationSeconds} s), git ${info.git.commit ?? "?"}${info.git.dirty ? " + uncommitted changes" : ""}`);
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${(m.totalMemoryBytes / 1024 ** 3).toFixed(1)} GB, Node ${m.node}${m.lucene ? `, Lucene ${m.lucene} on ${m.java}` : ""}`);
  console.log(`load average (1 min): ${loadAverage.before} before, ${loadAverage.after} after\n`);
  console.log(tables);
  if (luceneNote) console.log(`${luceneNote}\n`);
  for (const note of notes) console.log(`${note}\n`);
  console.log("Targets (issues 6, 12 and 15), medians:\n");
  console.log(formatTargets(targets));

  await mkdir(path.dirname(options.out), { recursive: true });
  await writeFile(options.out, JSON.stringify({ ...info, options: { ...options, out: undefined }, luceneNote, notes, corpora: results, targets }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), options.out)}`);
}

await main();

