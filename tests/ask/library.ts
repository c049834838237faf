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
