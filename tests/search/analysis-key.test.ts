/**
 * The caches' analysis key: ANALYZER_VERSION and a hash of src/search's files, so that an edit to how text is
 * cut into passages or analysed gives fresh caches without a version bump.
 */
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintOfFolder } from "../../src/articles/fingerprint.js";
import { analysisKey } from "../../src/search/analysis-key.js";
import { ANALYZER_VERSION } from "../../src/search/analyzer.js";

describe("the analysis key", () => {
  it("is the analyzer's version and the fingerprint of the search code", () => {
    expect(analysisKey()).toBe(`${ANALYZER_VERSION}/${fingerprintOfFolder(path.resolve("src/search"))}`);
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
