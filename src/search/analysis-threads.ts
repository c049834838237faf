/**
 * Analyses articles in worker threads (analysis-worker.ts), one per core the machine offers, capped: kuromoji's
 * tokenizing is most of an index build, and each article is analysed on its own (analyzeArticle).
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Article } from "../articles/model.js";
import type { AnalyzedArticle } from "./analyze-article.js";
import type { AnalysisReply, AnalysisRequest } from "./analysis-worker.js";
import { startWorker, workerEntry } from "./worker-file.js";

/** More threads than this gain little (each loads its own dictionary) and cost memory. */
export const MAX_ANALYSIS_THREADS = 4;
/** Articles sent to a thread at a time: small enough to share the work out evenly. */
const BATCH = 8;

const ANALYSIS_WORKER = ["./analysis-worker.ts", "./analysis-worker.js", "../search/analysis-worker.js", "./search/analysis-worker.js"];

/** The threads to use: one per core, capped, and no more than there are batches. */
export function analysisThreads(articles: number): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_ANALYSIS_THREADS, Math.ceil(articles / BATCH)));
}

/**
 * The articles analysed, in their order, by `threads` workers; null when no worker can be started or one
 * fails (the caller then analyses on its own thread).
 */
export async function analyzeInThreads(articles: readonly Article[], threads: number): Promise<AnalyzedArticle[] | null> {
  const entry = workerEntry(import.meta.url, ANALYSIS_WORKER);
  if (!entry || !articles.length) return null;
  const results: AnalyzedArticle[] = new Array(articles.length);
  const batches = Math.ceil(articles.length / BATCH);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    return await new Promise<AnalyzedArticle[] | null>((resolve) => {
      let settled = false;
      const finish = (value: AnalyzedArticle[] | null) => {
        if (!settled) resolve(value);
        settled = true;
      };
      const send = (worker: Worker) => {
        if (next >= batches) return;
        const batch = next++;
        // Plain objects: an article read lazily from the snapshot becomes its fields here.
        const slice = articles.slice(batch * BATCH, (batch + 1) * BATCH).map((article) => ({ ...article }));
        worker.postMessage({ batch, articles: slice } satisfies AnalysisRequest);
      };
      for (let i = 0; i < threads; i++) {
        const worker = startWorker(entry);
        workers.push(worker);
        worker.on("message", (reply: AnalysisReply) => {
          if ("error" in reply) return finish(null);
          reply.analyzed.forEach((analyzed, k) => (results[reply.batch * BATCH + k] = analyzed));
          if (++done === batches) return finish(results);
          send(worker);
        });
        worker.once("error", () => finish(null));
        worker.once("exit", () => finish(null));
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
