/**
 * What the index and analysis caches are keyed by for "analysed the same way": ANALYZER_VERSION (the dictionary),
 * a fingerprint of this folder's source files and one of the word lists in data/words/ (read at run time, so an
 * edited list gives fresh caches in a bundle too). An edit to how text is cut into passages or analysed then
 * always gives fresh caches, with no version number to remember to bump; an edit elsewhere in the folder (the
 * ranking) costs one rebuild, which a cache keyed too loosely would not repay.
 *
 * dist/ bundles carry the fingerprint as a constant (scripts/build.mjs computes it the same way at build time);
 * from source (tsx, vitest) it is computed here, from the files beside this one, as the parser's is.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fingerprintOfFolder } from "../articles/fingerprint.js";
import { ANALYZER_VERSION } from "./analyzer.js";
import { dataFile } from "./data-files.js";

declare const __KIJI_SEARCH_FINGERPRINT__: string | undefined;

let computed: string | undefined;
let words: string | undefined;

/** A hash of the word lists (data/words/*.txt), by name and content. */
export function wordListsFingerprint(dir = dataFile("words")): string {
  return fingerprintOfFolder(dir, ".txt");
}

export function analysisKey(): string {
  const fingerprint = typeof __KIJI_SEARCH_FINGERPRINT__ === "string" ? __KIJI_SEARCH_FINGERPRINT__ : (computed ??= fingerprintOfFolder(path.dirname(fileURLToPath(import.meta.url))));
  return `${ANALYZER_VERSION}/${fingerprint}/${(words ??= wordListsFingerprint())}`;
}
