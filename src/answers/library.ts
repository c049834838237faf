/**
 * The library: the articles of one folder and their search index, opened once per process (the CLIs at start,
 * the bot at start-up) and then asked any number of questions.
 */
import { loadArticles } from "../articles/load.js";
import { prepareArticleNames } from "./article-names.js";
import { describe } from "./sources.js";
import { summarizeArticle } from "./summary.js";
import type { Article, LoadWarning } from "../articles/model.js";
import { loadTokenizer } from "../search/dictionary.js";
import { SearchEngine, type IndexReport } from "../search/engine.js";

export interface Library {
  /** As loaded by loadArticles(articlesDir). */
  articles: Article[];
  /** Loader warnings, shown by the CLIs and the bot at start. */
  warnings: LoadWarning[];
  /** Each article's hash (of its parsed text), by id: what a reload compares to say what changed. */
  articleHashes: ReadonlyMap<string, string>;
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
  const { articles, warnings, key, hashes } = await loadArticles(options.articlesDir, { cacheDir: options.cacheDir });
  const engine = await SearchEngine.open({
    articles,
    articlesKey: key,
    articleHashes: hashes,
    articlesDir: options.articlesDir,
    cacheDir: options.cacheDir,
    rebuild: options.rebuildIndex ?? false,
    tokenizer,
  });
  return {
    articles,
    warnings,
    articleHashes: hashes,
    engine,
    index: engine.report,
    centralSentences: (articleId, count) => engine.centralSentences(articleId, count),
  };
}

/** Articles prepared between two yields to the event loop. */
const PREPARE_BATCH = 32;

/**
 * Works out ahead what every request would otherwise redo per article (folded names for autocomplete, each
 * summary and source listing), in small batches between which the bot keeps answering. The answers stay
 * memoised on the articles for the library's life; a request that comes first works out its own part.
 */
export async function prepareAnswers(library: Library): Promise<void> {
  const { articles } = library;
  for (let i = 0; i < articles.length; i += PREPARE_BATCH) {
    const batch = articles.slice(i, i + PREPARE_BATCH);
    prepareArticleNames(batch);
    for (const article of batch) {
      summarizeArticle(library, article);
      describe(article);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
