/**
 * The caches' analysis key: ANALYZER_VERSION, a hash of src/search's files and one of data/words/, so that an edit
 * to how text is cut into passages or analysed, or to a word list, gives fresh caches without a version bump.
 */
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintOfFolder } from "../../src/articles/fingerprint.js";
import { analysisKey, wordListsFingerprint } from "../../src/search/analysis-key.js";
import { ANALYZER_VERSION } from "../../src/search/analyzer.js";

describe("the analysis key", () => {
  it("is the analyzer's version, the fingerprint of the search code and that of the word lists", () => {
    expect(analysisKey()).toBe(`${ANALYZER_VERSION}/${fingerprintOfFolder(path.resolve("src/search"))}/${wordListsFingerprint(path.resolve("data/words"))}`);
  });

  // Each: a copy of the folder, its fingerprint equal to the original's until one file is edited.
  it.each([
    { what: "a word list", folder: "data/words", file: "refers-back.txt", edit: "同行\n", fingerprint: wordListsFingerprint },
    { what: "a file of src/search", folder: "src/search", file: "passages.ts", edit: "\n// grouped otherwise\n", fingerprint: (dir: string) => fingerprintOfFolder(dir) },
  ])("changes when $what changes ($file here)", ({ folder, file, edit, fingerprint }) => {
    const copy = mkdtempSync(path.join(tmpdir(), "kiji-key-"));
    cpSync(folder, copy, { recursive: true });
    const before = fingerprint(copy);
    expect(before).toBe(fingerprint(path.resolve(folder)));
    appendFileSync(path.join(copy, file), edit);
    expect(fingerprint(copy)).not.toBe(before);
  });
});
