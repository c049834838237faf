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
 * Analyses the articles in `threads` workers, handing each result to `onResult` (with the article's position) as
 * it comes. Resolves true once every article is done; false when no worker can be started or one fails (the
 * caller then analyses what was not handed over on its own thread).
 */
export async function analyzeInThreads(articles: readonly Article[], threads: number, onResult: (position: number, analyzed: AnalyzedArticle) => void): Promise<boolean> {
  const entry = workerEntry(import.meta.url, ANALYSIS_WORKER);
  if (!entry || !articles.length) return false;
  const batches = Math.ceil(articles.length / BATCH);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    return await new Promise<boolean>((resolve) => {
      let settled = false;
      const finish = (value: boolean) => {
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
          if (settled) return;
          if ("error" in reply) return finish(false);
          reply.analyzed.forEach((analyzed, k) => onResult(reply.batch * BATCH + k, analyzed));
          if (++done === batches) return finish(true);
          send(worker);
        });
        worker.once("error", () => finish(false));
        worker.once("exit", () => finish(false));
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
