/**
 * The bench's corpus of real text and real questions: 671 Wikipedia articles of JaQuAD's training split
 * (SkelterLabsInc/JaQuAD, CC BY-SA 3.0) with questions that annotators wrote about them, built at bench time
 * by the shared tool `squad-set.mjs` into bench/corpora/jaquad/ (gitignored, never committed):
 *
 *   node ../shared/tools/squad-set.mjs --out bench/corpora/jaquad --split train --held-out 20 --questions 1000
 *
 * 20 titles are held out of the corpus; their questions whose answers occur nowhere in it (`hard_negatives`)
 * are questions the articles cannot answer, as are a few off-topic ones (`negatives`). A stamp file records the
 * arguments and the tool's and data's sizes and times, so a built corpus is reused until one of them changes.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Article } from "../../src/articles/model.js";

/** ../shared next to the checkout (/work/shared for /work/main and every worktree beside it). */
export function sharedDir(root: string): string {
  return path.resolve(root, "..", "shared");
}

const ARGUMENTS = ["--split", "train", "--held-out", "20", "--questions", "1000"];
const STAMP = ".squad-set.json";

interface QaFile {
  questions: { q: string; title: string }[];
  negatives: string[];
  hard_negatives: string[];
}

function inputs(shared: string): { tool: string; data: string } {
  return { tool: path.join(shared, "tools", "squad-set.mjs"), data: path.join(shared, "jaquad", "train") };
}

/** Why the corpus cannot be built here, or null when it can. */
export function jaquadMissing(shared: string): string | null {
  const { tool, data } = inputs(shared);
  if (!existsSync(tool)) return `${tool} is missing`;
  if (!existsSync(data) || !readdirSync(data).some((name) => name.endsWith(".json"))) return `no JaQuAD training split in ${data}`;
  return null;
}

function stampOf(shared: string): string {
  const { tool, data } = inputs(shared);
  const print = (file: string) => {
    const { size, mtimeMs } = statSync(file);
    return [path.basename(file), size, Math.round(mtimeMs)];
  };
  const files = [tool, ...readdirSync(data).filter((name) => name.endsWith(".json")).sort().map((name) => path.join(data, name))];
  return JSON.stringify({ arguments: ARGUMENTS, files: files.map(print) });
}

/** Builds the corpus into `out` (out/articles, out/qa.json) unless the one there was built from the same inputs. */
export function prepareJaquad(shared: string, out: string): void {
  const stamp = stampOf(shared);
  const stampFile = path.join(out, STAMP);
  if (existsSync(stampFile) && existsSync(path.join(out, "qa.json")) && readFileSync(stampFile, "utf8") === stamp) return;
  execFileSync(process.execPath, [inputs(shared).tool, "--out", out, ...ARGUMENTS], { stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stampFile, stamp);
}

export function jaquadArticles(out: string): string {
  return path.join(out, "articles");
}

/**
 * The questions, each with the article it was written about (by title), then the held-out and off-topic ones
 * (articleId null: nothing in the corpus answers them).
 */
export function readJaquadQuestions(out: string, articles: readonly Article[]): { q: string; articleId: string | null }[] {
  const qa = JSON.parse(readFileSync(path.join(out, "qa.json"), "utf8")) as QaFile;
  const idByTitle = new Map(articles.map((article) => [article.title, article.id]));
  const answerable = qa.questions.map(({ q, title }) => {
    const articleId = idByTitle.get(title);
    if (!articleId) throw new Error(`no article titled ${JSON.stringify(title)} in ${jaquadArticles(out)}`);
    return { q, articleId };
  });
  return [...answerable, ...[...qa.hard_negatives, ...qa.negatives].map((q) => ({ q, articleId: null }))];
}
