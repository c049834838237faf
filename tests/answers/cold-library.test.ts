/**
 * A library opened with a cache (CACHE_DIR): the articles snapshot and the index cache are reused for an
 * unchanged folder, and any change to an article is seen by the next open, even one that leaves the file's size
 * and mtime as they were.
 */
import { copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import { openLibrary } from "../../src/answers/library.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();
const LONG_AGO = new Date(Date.now() - 60 * 60 * 1000);
const SEED = "000_3639a94c7d503a1e.txt";

function seedsCopy(): { articlesDir: string; cacheDir: string } {
  const articlesDir = tempDir("kiji-cold-");
  for (const name of readdirSync("seeds")) {
    copyFileSync(path.join("seeds", name), path.join(articlesDir, name));
    utimesSync(path.join(articlesDir, name), LONG_AGO, LONG_AGO);
  }
  return { articlesDir, cacheDir: tempDir("kiji-cold-cache-") };
}

const quoted = (answer: ReturnType<typeof ask>) => (answer.kind === "answered" ? answer.passages.map((p) => p.text).join("\n") : "");

describe("a library opened from its caches", () => {
  it("answers from the cache the same as when built, and an edit of the same size and mtime is searchable at the next open", async () => {
    const options = seedsCopy();
    const built = await openLibrary(options);
    expect(built.index.source).toBe("built");
    const cached = await openLibrary(options);
    expect(cached.index.source).toBe("cache");
    const question = "トランプ大統領はゼレンスキー大統領に何が足りないと言った?";
    expect(ask(cached, question)).toEqual(ask(built, question));

    const file = path.join(options.articlesDir, SEED);
    const text = readFileSync(file, "utf8");
    // The same number of bytes: one word for another of equal length, then the old mtime back.
    const edited = text.replace("口論が勃発した", "舌戦が勃発した");
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    writeFileSync(file, edited);
    utimesSync(file, LONG_AGO, LONG_AGO);
    const reopened = await openLibrary(options);
    expect(reopened.index).toMatchObject({ source: "built", reason: "stale" });
    expect(quoted(ask(cached, "首脳会談の冒頭で何が勃発した?"))).toContain("口論が勃発した");
    expect(quoted(ask(reopened, "首脳会談の冒頭で何が勃発した?"))).toContain("舌戦が勃発した");
    expect(reopened.articleHashes.get("000_3639a94c7d503a1e")).not.toBe(cached.articleHashes.get("000_3639a94c7d503a1e"));
    expect(reopened.articleHashes.get("002_f48635b7877d06da")).toBe(cached.articleHashes.get("002_f48635b7877d06da"));
  });
});
