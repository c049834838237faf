/**
 * Questions asked of news (`npm run train -- --news DIR`): DIR holds sets in eval/'s shape, each two news-digest
 * pages (`articles/`) and `qa.json` (questions with the substrings a right passage holds, off-topic negatives,
 * hard negatives). JaQuAD teaches what questions over Wikipedia look like; such sets would teach the served
 * layout (reader questions, source cards, the editor's previews) and a reader's colloquial questions. Measured
 * with sixteen sets written for it, the fit ranked held-out news no better, so the committed weights do not use
 * it (docs/retrieval.md, "Training"); those sets now measure, in eval/, which newsSets refuses.
 *
 * Each set is one corpus, indexed as the bot indexes a folder; a candidate is labelled 1 when its text holds one
 * of the question's `expect` substrings (qa-eval's test of a hit).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadArticles } from "../../src/articles/load.js";
import type { Analyzer } from "../../src/search/analyzer.js";
import type { RankConfig } from "../../src/search/rank-config.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { questionRows, type QuestionRows } from "./dataset.js";

interface NewsQa {
  questions: Array<{ q: string; expect: string[] }>;
  negatives?: string[];
  hard_negatives?: string[];
}

/** What measures answer quality: never trained on. */
const MEASURING = path.resolve("eval");

/** The sets under `dir` (folders holding qa.json and articles/), in name order; none when `dir` is absent. */
export function newsSets(dir: string): string[] {
  const resolved = path.resolve(dir);
  if (resolved === MEASURING || resolved.startsWith(MEASURING + path.sep)) {
    throw new Error(`train: ${dir} is eval/, which measures answer quality; train on sets of your own (never on what you measure with)`);
  }
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "qa.json")))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/** Every set's questions as training rows, corpus numbers from `firstCorpus` on (one per set). */
export async function buildNewsRows(sets: readonly string[], analyzer: Analyzer, config: RankConfig, firstCorpus: number): Promise<QuestionRows[]> {
  const rows: QuestionRows[] = [];
  for (const [k, set] of sets.entries()) {
    const qa = JSON.parse(readFileSync(path.join(set, "qa.json"), "utf8")) as NewsQa;
    const { articles } = await loadArticles(path.join(set, "articles"));
    const index = SearchIndex.build(articles, analyzer);
    for (const { q, expect } of qa.questions) rows.push(questionRows(index, analyzer, config, q, expect, firstCorpus + k));
    for (const q of [...(qa.negatives ?? []), ...(qa.hard_negatives ?? [])]) rows.push(questionRows(index, analyzer, config, q, null, firstCorpus + k));
  }
  return rows;
}
