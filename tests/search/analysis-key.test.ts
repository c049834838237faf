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

  it("changes when a word list changes (refers-back.txt here)", () => {
    const copy = mkdtempSync(path.join(tmpdir(), "kiji-words-"));
    cpSync("data/words", copy, { recursive: true });
    const before = wordListsFingerprint(copy);
    expect(before).toBe(wordListsFingerprint(path.resolve("data/words")));
    appendFileSync(path.join(copy, "refers-back.txt"), "同行\n");
    expect(wordListsFingerprint(copy)).not.toBe(before);
  });

  it("changes when a file of src/search changes (passages.ts here)", () => {
    const copy = mkdtempSync(path.join(tmpdir(), "kiji-search-"));
    cpSync("src/search", copy, { recursive: true });
    const before = fingerprintOfFolder(copy);
    expect(before).toBe(fingerprintOfFolder(path.resolve("src/search")));
    appendFileSync(path.join(copy, "passages.ts"), "\n// grouped otherwise\n");
    expect(fingerprintOfFolder(copy)).not.toBe(before);
  });
});
