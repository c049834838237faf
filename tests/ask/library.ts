/** Shared by the ranking tests: one library over the seed articles per test file, and our own test questions. */
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openLibrary, type Library } from "../../src/answers/library.js";

/** A library over the seed articles, with its own throw-away cache folder. */
export async function openSeedLibrary(): Promise<Library> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), "kiji-ask-"));
  return openLibrary({ articlesDir: path.resolve("seeds"), cacheDir });
}

/** tests/ask/own-qa.json: questions written for these tests (not the dev set), each with substrings of its answer. */
export interface OwnQa {
  questions: Array<{ q: string; expect: string[] }>;
  negatives: string[];
  hard_negatives: string[];
}

export const ownQa = JSON.parse(readFileSync("tests/ask/own-qa.json", "utf8")) as OwnQa;

/**
 * Own questions the learned decision declines although the seeds answer them (docs/retrieval.md, "What got
 * worse"): `対象` appears nowhere in the seeds, and a question asking for an attribute the articles never mention
 * (`attributeUnknown`) is taken for a hard negative. Kept out of the checks that every own question is answered,
 * and pinned as skipped tests of their own, so that a change that answers them again shows.
 */
export const DECLINED_OWN_QUESTIONS: ReadonlySet<string> = new Set(["部分停戦の対象は?"]);

/** The own questions the tests expect answered. */
export const answeredOwnQuestions = ownQa.questions.filter((q) => !DECLINED_OWN_QUESTIONS.has(q.q));
