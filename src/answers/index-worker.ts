/**
 * Worker thread of the live library: reads the articles folder and brings the index cache up to date (builds
 * and saves it when stale), so that the CPU-heavy analysis never runs on the bot's event loop. The bot then
 * opens the library from the fresh cache. Posts `{ ok, ms }` or `{ ok: false, error }` once and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ArticlesDirError, loadArticles } from "../articles/load.js";
import { cacheFile, cacheHeaderMatches } from "../search/cache.js";
import { indexCacheKey } from "../search/index-key.js";
import { SearchEngine } from "../search/engine.js";

export interface IndexJob {
  articlesDir: string;
  cacheDir: string;
}

export type IndexJobResult = { ok: true; source: "cache" | "built"; writeError?: string } | { ok: false; error: string };

async function run(job: IndexJob): Promise<IndexJobResult> {
  // Also brings the articles snapshot up to date, so that the bot's thread then reads only that.
  const { articles, key, hashes } = await loadArticles(job.articlesDir, { cacheDir: job.cacheDir });
  if (!articles.length) return { ok: true, source: "cache" };
  // A cache made for these very articles is left to the bot's thread to read (and check): decoding it here
  // too would only take a core from the bot.
  if (await cacheHeaderMatches(cacheFile(job.cacheDir, job.articlesDir), indexCacheKey(key))) return { ok: true, source: "cache" };
  const engine = await SearchEngine.open({ articles, articlesKey: key, articleHashes: hashes, articlesDir: job.articlesDir, cacheDir: job.cacheDir });
  return { ok: true, source: engine.report.source, ...(engine.report.writeError ? { writeError: engine.report.writeError } : {}) };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as IndexJob).then(
    (result) => port.postMessage(result),
    // A missing folder is the main thread's to report (its own load fails the same way, with the same message).
    (error: unknown) =>
      error instanceof ArticlesDirError ? port.postMessage({ ok: true, source: "cache" } satisfies IndexJobResult) : port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies IndexJobResult),
  );
}
