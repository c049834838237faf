/**
 * The per-article analysis cache: each article's AnalyzedArticle, kept in CACHE_DIR under a name made of the
 * article's id, the hash of its parsed text (loadArticles) and how text is analysed (analysis-key.ts). A rebuild after one article
 * changed analyses that one alone and assembles the index from the others' cached analyses; the analysis left
 * to do is shared among worker threads (analysis-threads.ts).
 *
 * Layout: `analysis-<folder>/<key>.json`, one file per article, written through a temporary file renamed into
 * place. Files no article of the folder uses any more are removed after each build. A file that cannot be read
 * or parsed is analysed again, never trusted half-read.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readdir, unlink } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/model.js";
import { analyzeArticle, type AnalyzedArticle } from "./analyze-article.js";
import { analysisThreads, analyzeInThreads } from "./analysis-threads.js";
import { analysisKey } from "./analysis-key.js";
import type { Analyzer } from "./analyzer.js";

/** Fewer articles than this are analysed on the calling thread: starting threads would cost more. */
const THREADS_FROM = 16;

export interface AnalysisOptions {
  /** Analyses here when threads are not worth starting, or cannot be started. */
  analyzer: Analyzer;
  /** Each article's hash by id (loadArticles); articles without one are analysed and not cached. */
  hashes?: ReadonlyMap<string, string>;
  /** Where the cache lives (CACHE_DIR); none: nothing is cached. */
  cacheDir?: string;
  articlesDir: string;
  /** Worker threads to use (default: one per core, capped; 0: none). */
  threads?: number;
  /** How text is analysed, which the cache is keyed by (default analysisKey(); tests change it). */
  analyzerVersion?: number | string;
}

export interface AnalysisReport {
  /** Each article's analysis, in order; iterate once. */
  analyzed: Iterable<AnalyzedArticle>;
  /** Articles whose analysis was found in the cache. */
  reused: number;
}

/** The folder's analysis cache. */
export function analysisDir(cacheDir: string, articlesDir: string): string {
  const folder = createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `analysis-${folder}`);
}

function entryName(version: number | string, id: string, hash: string): string {
  return `${createHash("sha256").update(JSON.stringify([version, id, hash])).digest("hex").slice(0, 32)}.json`;
}

/**
 * Every article analysed, in order, as an iterable read once (by SearchIndex.assemble): from the cache where it
 * holds the article, else analysed now. With a cache, each new analysis is written as soon as it is made and read
 * back when its turn comes, so that a build never holds every article's analysis at once.
 */
export async function analyzeArticles(articles: readonly Article[], options: AnalysisOptions): Promise<AnalysisReport> {
  const dir = options.cacheDir ? analysisDir(options.cacheDir, options.articlesDir) : null;
  const names = articles.map((article) => {
    const hash = options.hashes?.get(article.id);
    return dir && hash ? entryName(options.analyzerVersion ?? analysisKey(), article.id, hash) : null;
  });
  const present = dir ? await listEntries(dir) : new Set<string>();
  const missing = articles.map((_, i) => i).filter((i) => !(names[i] && present.has(names[i]!)));
  let writable = dir !== null && (await mkdir(dir, { recursive: true }).then(() => true, () => false));

  /** Writes article i's analysis to the cache; false when there is none, or it cannot be written. */
  const write = (i: number, analyzed: AnalyzedArticle): boolean => {
    if (!writable || !names[i]) return false;
    try {
      writeEntry(path.join(dir!, names[i]!), analyzed);
      return true;
    } catch {
      writable = false; // a cache that cannot be written only makes the next build slower
      return false;
    }
  };
  // What could not be written waits here for its turn.
  const held = new Map<number, AnalyzedArticle>();
  const keep = (i: number, analyzed: AnalyzedArticle) => {
    if (!write(i, analyzed)) held.set(i, analyzed);
  };
  const threads = options.threads ?? (missing.length >= THREADS_FROM ? analysisThreads(missing.length) : 0);
  const delivered = new Set<number>();
  if (threads > 0) {
    await analyzeInThreads(
      missing.map((i) => articles[i]!),
      threads,
      (k, analyzed) => {
        delivered.add(missing[k]!);
        keep(missing[k]!, analyzed);
      },
    );
  }
  // Without threads, or what a failed thread left: analysed here.
  for (const i of missing) if (!delivered.has(i)) keep(i, analyzeArticle(articles[i]!, options.analyzer));
  if (dir && writable) await prune(dir, new Set(names.filter((name): name is string => name !== null)));

  function* inOrder(): Generator<AnalyzedArticle> {
    for (let i = 0; i < articles.length; i++) {
      const waiting = held.get(i);
      held.delete(i);
      const name = names[i];
      if (waiting) {
        yield waiting;
        continue;
      }
      const read = dir && name ? readEntry(path.join(dir, name), articles[i]!.id) : undefined;
      if (read) {
        yield read;
        continue;
      }
      // An entry gone or damaged since it was listed (another process pruned or rewrote it, or a disk fault) is
      // analysed again and written back, so that the next start finds it whole.
      const analyzed = analyzeArticle(articles[i]!, options.analyzer);
      write(i, analyzed);
      yield analyzed;
    }
  }
  return { analyzed: inOrder(), reused: articles.length - missing.length };
}

async function listEntries(dir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir));
  } catch {
    return new Set();
  }
}

function readEntry(file: string, articleId: string): AnalyzedArticle | undefined {
  try {
    const entry: unknown = JSON.parse(readFileSync(file, "utf8"));
    return isAnalyzedArticle(entry, articleId) ? entry : undefined;
  } catch {
    return undefined;
  }
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isStringOrNull = (value: unknown) => value === null || isString(value);
const isList = <T>(value: unknown, item: (x: unknown) => x is T): value is T[] => Array.isArray(value) && value.every(item);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function isSentence(value: unknown): value is AnalyzedArticle["passages"][number]["sentences"][number] {
  return isObject(value) && isNumber(value.start) && isNumber(value.end) && isNumber(value.features) && isList(value.terms, isString) && (value.subjects === undefined || isList(value.subjects, isString));
}

function isPassage(value: unknown): value is AnalyzedArticle["passages"][number] {
  return (
    isObject(value) &&
    isString(value.kind) &&
    isString(value.articleId) &&
    isString(value.articleTitle) &&
    isString(value.section) &&
    isString(value.text) &&
    isNumber(value.position) &&
    isNumber(value.sectionIndex) &&
    (value.cardIndex === null || isNumber(value.cardIndex)) &&
    isStringOrNull(value.url) &&
    isStringOrNull(value.publisher) &&
    isStringOrNull(value.publishedAt) &&
    isList(value.sentences, isSentence) &&
    isList(value.contextTerms, isString) &&
    isList(value.questionTerms, isString) &&
    (value.card === undefined || isList(value.card, isNumber))
  );
}

/**
 * Whether a cache entry has the analysed article's whole shape: an entry that parses but was damaged or written
 * by other code (`"passages": [null]`) would otherwise fail every start until the cache is cleared. Analysing
 * again costs less than a wrong index.
 */
function isAnalyzedArticle(value: unknown, articleId: string): value is AnalyzedArticle {
  return isObject(value) && value.articleId === articleId && isList(value.passages, isPassage);
}

function writeEntry(file: string, analyzed: AnalyzedArticle): void {
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(analyzed));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes the analyses of articles the folder no longer has (and leftovers of interrupted writes). */
async function prune(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!keep.has(name)) await unlink(path.join(dir, name)).catch(() => undefined);
  }
}
