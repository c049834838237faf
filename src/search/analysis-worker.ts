/**
 * A thread that analyses articles for the index (analysis-threads.ts starts them): it loads the dictionary once,
 * then answers each `{ batch, articles }` message with `{ batch, analyzed }` (or `{ batch, error }`).
 */
import { parentPort } from "node:worker_threads";
import type { Article } from "../articles/model.js";
import { analyzeArticle } from "./analyze-article.js";
import { Analyzer } from "./analyzer.js";
import { loadTokenizer } from "./dictionary.js";

export interface AnalysisRequest {
  batch: number;
  articles: Article[];
}

export type AnalysisReply = { batch: number; analyzed: ReturnType<typeof analyzeArticle>[] } | { batch: number; error: string };

if (parentPort) {
  const port = parentPort;
  const analyzer = loadTokenizer().then((tokenizer) => new Analyzer(tokenizer));
  port.on("message", (request: AnalysisRequest) => {
    analyzer.then(
      (a) => port.postMessage({ batch: request.batch, analyzed: request.articles.map((article) => analyzeArticle(article, a)) } satisfies AnalysisReply),
      (error: unknown) => port.postMessage({ batch: request.batch, error: error instanceof Error ? error.message : String(error) } satisfies AnalysisReply),
    );
  });
}
