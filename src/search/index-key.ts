/**
 * The index cache's key from the articles' key (loadArticles: a hash of every article's id, path and parsed
 * content), the cache layout and how text is analysed (analysis-key.ts): the index is reused only for the same articles, parsed
 * the same way, analysed the same way. Hashing one short string, not the JSON of every article.
 */
import { createHash } from "node:crypto";
import { analysisKey } from "./analysis-key.js";
import { CACHE_FORMAT, CACHE_VERSION } from "./cache.js";

export function indexCacheKey(articlesKey: string): string {
  return createHash("sha256").update(JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION, analyzer: analysisKey(), articles: articlesKey })).digest("hex");
}
