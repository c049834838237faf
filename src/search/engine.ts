/**
 * The search layer's face to the rest of the program: open (from the cache, or by building), search, and the
 * central sentences of an article. Results are plain data; nothing here knows how answers are shown.
 */
import type { Article } from "../articles/model.js";
import { Analyzer } from "./analyzer.js";
import { cacheFile, readCache, writeCache, type CacheRead } from "./cache.js";
import { analyzeArticles } from "./analysis-cache.js";
import { centralSentences } from "./central.js";
import { indexCacheKey } from "./index-key.js";
import { loadTokenizer, type Tokenizer } from "./dictionary.js";
import { analyzeQuestion } from "./question.js";
import { rank, type RankedPassage } from "./rank.js";
import type { RankConfig } from "./rank-config.js";
import { loadRankConfig } from "./rank-weights.js";
import { SearchIndex } from "./search-index.js";

export { MAX_PASSAGE_LENGTH } from "./passages.js";

/** One passage found for a question, best sentence included. */
export interface SearchHit {
  text: string;
  bestSentence: string;
  articleId: string;
  articleTitle: string;
  section: string;
  url: string | null;
  publisher: string | null;
  publishedAt: string | null;
  /** The ranking model's score (a logit: higher is better; comparable within one question). */
  score: number;
}

/** How the index was obtained, for `npm run index` and start-up logs. */
export interface IndexReport {
  file: string;
  /** `cache`: loaded from a matching file; `built`: (re)built, and why. */
  source: "cache" | "built";
  reason?: "missing" | "stale" | "corrupt" | "forced";
  /** Why the cache was not usable, when corrupt. */
  detail?: string;
  /** The cache write failed (read-only folder, full disk): the index works, but will be rebuilt next time. */
  writeError?: string;
  /** Time to read and check the cache, or to build the index (not counting the dictionary load). */
  milliseconds: number;
  cacheBytes: number | null;
  passages: number;
  terms: number;
}

export interface OpenOptions {
  articles: Article[];
  articlesDir: string;
  cacheDir: string;
  /** loadArticles' key for these articles (their ids, paths and content hashes): what the index cache is keyed by. */
  articlesKey: string;
  /** loadArticles' hash of each article, by id: keys the per-article analysis cache (analysis-cache.ts). */
  articleHashes?: ReadonlyMap<string, string>;
  /** Rebuild even when the cache matches. */
  rebuild?: boolean;
  /** A tokenizer already loading (start it early: it is the slowest part of a cold start). */
  tokenizer?: Promise<Tokenizer>;
  /** The ranking's settings and model (default: data/rank-weights.json; a missing file is an error). */
  rankConfig?: RankConfig;
}

/** Why each candidate was quoted or not (`npm run ask -- --explain`). */
export interface CandidateExplanation {
  text: string;
  articleTitle: string;
  features: Record<string, number>;
  /** The ranking model's logit, and the answer model's probability that the passage answers. */
  score: number;
  probability: number;
  quoted: boolean;
  /** The rule that kept or declined it, and why. */
  rule: string;
  detail: string;
}

export class SearchEngine {
  private constructor(
    private readonly analyzer: Analyzer,
    readonly index: SearchIndex,
    readonly report: IndexReport,
    readonly rankConfig: RankConfig,
  ) {}

  static async open(options: OpenOptions): Promise<SearchEngine> {
    const tokenizing = options.tokenizer ?? loadTokenizer();
    // First: a missing weights file must stop the start before any slow work.
    const rankConfig = options.rankConfig ?? loadRankConfig();
    const file = cacheFile(options.cacheDir, options.articlesDir);
    const key = indexCacheKey(options.articlesKey);
    const reading = performance.now();
    const cached: CacheRead = options.rebuild ? { status: "stale" } : await readCache(file, key);
    const readMilliseconds = performance.now() - reading;
    const analyzer = new Analyzer(await tokenizing);

    if (cached.status === "hit") {
      const report: IndexReport = { file, source: "cache", milliseconds: readMilliseconds, cacheBytes: cached.bytes, ...counts(cached.index) };
      return new SearchEngine(analyzer, cached.index, report, rankConfig);
    }
    const building = performance.now();
    // Each article's analysis from the per-article cache, or analysed now in worker threads; then one assembly.
    const { analyzed } = await analyzeArticles(options.articles, { analyzer, hashes: options.articleHashes, cacheDir: options.cacheDir, articlesDir: options.articlesDir });
    const index = SearchIndex.assemble(analyzed);
    const report: IndexReport = {
      file,
      source: "built",
      reason: options.rebuild ? "forced" : cached.status,
      ...(cached.status === "corrupt" ? { detail: cached.reason } : {}),
      milliseconds: performance.now() - building,
      cacheBytes: null,
      ...counts(index),
    };
    try {
      report.cacheBytes = await writeCache(file, key, index);
    } catch (error) {
      report.writeError = error instanceof Error ? error.message : String(error);
    }
    return new SearchEngine(analyzer, index, report, rankConfig);
  }

  /** The same index ranked with other settings (ablation, tuning). */
  withRankConfig(rankConfig: RankConfig): SearchEngine {
    return new SearchEngine(this.analyzer, this.index, this.report, rankConfig);
  }

  /** The passages that answer the question, best first; empty when the articles do not say. */
  search(question: string, options: { top: number }): SearchHit[] {
    return rank(this.index, analyzeQuestion(this.analyzer, question), this.rankConfig, options).map(({ passage, bestSentence, score }) => {
      const sentence = passage.sentences[bestSentence]!;
      return {
        text: passage.text,
        bestSentence: passage.text.slice(sentence.start, sentence.end),
        articleId: passage.articleId,
        articleTitle: passage.articleTitle,
        section: passage.section,
        url: passage.url,
        publisher: passage.publisher,
        publishedAt: passage.publishedAt,
        score: Math.round(score * 1000) / 1000,
      };
    });
  }

  /** Every candidate for the question with its features, score, probability and verdict, best first. */
  explain(question: string, options: { top: number; limit?: number }): CandidateExplanation[] {
    const ranked = rank(this.index, analyzeQuestion(this.analyzer, question), this.rankConfig, { top: options.top, includeRejected: true });
    return ranked.slice(0, options.limit ?? 10).map((r: RankedPassage) => ({
      text: r.passage.text,
      articleTitle: r.passage.articleTitle,
      features: Object.fromEntries(Object.entries(r.features).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
      score: Math.round(r.score * 1000) / 1000,
      probability: Math.round(r.probability * 1000) / 1000,
      quoted: r.answers,
      rule: r.verdict.rule,
      detail: r.verdict.detail,
    }));
  }

  /** The article's most central sentences, best first (empty for an unknown id). */
  centralSentences(articleId: string, count: number): string[] {
    return centralSentences(this.index, articleId, count);
  }
}

function counts(index: SearchIndex): { passages: number; terms: number } {
  return { passages: index.passageCount, terms: index.data.vocabulary.length };
}
