/**
 * Worker thread of the live library: reads the articles folder and brings the index cache up to date (builds
 * and saves it when stale), so that the CPU-heavy analysis never runs on the bot's event loop. The bot then
 * opens the library from the fresh cache. Posts `{ ok, ms }` or `{ ok: false, error }` once and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ArticlesDirError, loadArticles } from "../articles/load.js";
import { open } from "node:fs/promises";
import { CACHE_FORMAT, CACHE_VERSION, cacheFile } from "../search/cache.js";
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
  if (await cacheMatches(cacheFile(job.cacheDir, job.articlesDir), indexCacheKey(key))) return { ok: true, source: "cache" };
  const engine = await SearchEngine.open({ articles, articlesKey: key, articleHashes: hashes, articlesDir: job.articlesDir, cacheDir: job.cacheDir });
  return { ok: true, source: engine.report.source, ...(engine.report.writeError ? { writeError: engine.report.writeError } : {}) };
}

/** Whether the cache file's header line names these articles (the payload's checksum is the reader's to check). */
async function cacheMatches(file: string, key: string): Promise<boolean> {
  try {
    const handle = await open(file, "r");
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      const end = buffer.subarray(0, bytesRead).indexOf(10);
      if (end < 0) return false;
      const header = JSON.parse(buffer.subarray(0, end).toString("utf8")) as { format?: unknown; version?: unknown; key?: unknown };
      return header.format === CACHE_FORMAT && header.version === CACHE_VERSION && header.key === key;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
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
