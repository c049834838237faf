/**
 * The library: the articles of one folder and their search index, opened once per process (the CLIs at start,
 * the bot at start-up) and then asked any number of questions.
 */
import { loadArticles } from "../articles/load.js";
import type { Article, LoadWarning } from "../articles/model.js";
import { loadTokenizer } from "../search/dictionary.js";
import { SearchEngine, type IndexReport } from "../search/engine.js";

export interface Library {
  /** As loaded by loadArticles(articlesDir). */
  articles: Article[];
  /** Loader warnings, shown by the CLIs and the bot at start. */
  warnings: LoadWarning[];
  /** The article's most central sentences (for /summary of an article with no 💡 conclusions), best first. */
  centralSentences(articleId: string, count: number): string[];
  /** The search engine `ask` uses. */
  engine: SearchEngine;
  /** Where the index came from (cache or build), how long it took, its size. */
  index: IndexReport;
}

export interface OpenLibraryOptions {
  articlesDir: string;
  cacheDir: string;
  /** Rebuild the index even when the cache matches (`npm run index`). */
  rebuildIndex?: boolean;
}

export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  // The dictionary is the slowest part of a cold start: load it while the articles are read and parsed.
  const tokenizer = loadTokenizer();
  tokenizer.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const { articles, warnings } = await loadArticles(options.articlesDir);
  const engine = await SearchEngine.open({
    articles,
    articlesDir: options.articlesDir,
    cacheDir: options.cacheDir,
    rebuild: options.rebuildIndex ?? false,
    tokenizer,
  });
  return {
    articles,
    warnings,
    engine,
    index: engine.report,
    centralSentences: (articleId, count) => engine.centralSentences(articleId, count),
  };
}
