/**
 * The per-article analysis cache: each article's AnalyzedArticle, kept in CACHE_DIR under a name made of the
 * article's id, the hash of its parsed text (loadArticles) and ANALYZER_VERSION. A rebuild after one article
 * changed analyses that one alone and assembles the index from the others' cached analyses; the analysis left
 * to do is shared among worker threads (analysis-threads.ts).
 *
 * Layout: `analysis-<folder>/<key>.json`, one file per article, written through a temporary file renamed into
 * place. Files no article of the folder uses any more are removed after each build. A file that cannot be read
 * or parsed is analysed again, never trusted half-read.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/model.js";
import { analyzeArticle, type AnalyzedArticle } from "./analyze-article.js";
import { analysisThreads, analyzeInThreads } from "./analysis-threads.js";
import { ANALYZER_VERSION, type Analyzer } from "./analyzer.js";

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
  /** The analyzer's version the cache is keyed by (default ANALYZER_VERSION; tests change it). */
  analyzerVersion?: number;
}

export interface AnalysisReport {
  analyzed: AnalyzedArticle[];
  /** Articles whose analysis came from the cache. */
  reused: number;
}

/** The folder's analysis cache. */
export function analysisDir(cacheDir: string, articlesDir: string): string {
  const folder = createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `analysis-${folder}`);
}

function entryName(version: number, id: string, hash: string): string {
  return `${createHash("sha256").update(JSON.stringify([version, id, hash])).digest("hex").slice(0, 32)}.json`;
}

/** Every article analysed, in order: from the cache where it holds the article, else analysed now (and cached). */
export async function analyzeArticles(articles: readonly Article[], options: AnalysisOptions): Promise<AnalysisReport> {
  const dir = options.cacheDir ? analysisDir(options.cacheDir, options.articlesDir) : null;
  const names = articles.map((article) => {
    const hash = options.hashes?.get(article.id);
    return dir && hash ? entryName(options.analyzerVersion ?? ANALYZER_VERSION, article.id, hash) : null;
  });
  const analyzed: Array<AnalyzedArticle | undefined> = await Promise.all(names.map((name, i) => (dir && name ? readEntry(path.join(dir, name), articles[i]!.id) : undefined)));
  const missing = articles.map((_, i) => i).filter((i) => !analyzed[i]);
  const reused = articles.length - missing.length;

  const todo = missing.map((i) => articles[i]!);
  const threads = options.threads ?? (todo.length >= THREADS_FROM ? analysisThreads(todo.length) : 0);
  const fresh = (threads > 0 ? await analyzeInThreads(todo, threads) : null) ?? todo.map((article) => analyzeArticle(article, options.analyzer));
  missing.forEach((i, k) => (analyzed[i] = fresh[k]));

  if (dir) {
    try {
      await mkdir(dir, { recursive: true });
      for (const [k, i] of missing.entries()) if (names[i]) await writeEntry(path.join(dir, names[i]!), fresh[k]!);
      await prune(dir, new Set(names.filter((name): name is string => name !== null)));
    } catch {
      // A cache that cannot be written only makes the next build slower.
    }
  }
  return { analyzed: analyzed as AnalyzedArticle[], reused };
}

async function readEntry(file: string, articleId: string): Promise<AnalyzedArticle | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as AnalyzedArticle;
    return entry && entry.articleId === articleId && Array.isArray(entry.passages) ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(file: string, analyzed: AnalyzedArticle): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(analyzed));
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Removes the analyses of articles the folder no longer has (and leftovers of interrupted writes). */
async function prune(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!keep.has(name)) await unlink(path.join(dir, name)).catch(() => undefined);
  }
}
