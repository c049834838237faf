/**
 * The articles snapshot (src/articles/snapshot.ts): a folder loaded from it gives exactly the articles and
 * warnings that parsing every file gives, and any change to a file, to the set of files or to the parser's
 * fingerprint gives freshly parsed results.
 */
import { copyFileSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles, type LoadedArticles } from "../../src/articles/load.js";
import type { Article } from "../../src/articles/model.js";
import { bodyHash, snapshotFile } from "../../src/articles/snapshot.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();
/** Older than the snapshot's SETTLED_MS, so that the stat alone vouches for a file. */
const LONG_AGO = new Date(Date.now() - 60 * 60 * 1000);

const MARKDOWN = "---\ntitle: 青葉市の図書館\nurl: https://aoba.example/library\npublisher: 青葉新報\n---\n\n初日には約3000人が訪れた。\n\n## 反響\n\n利用者の声が相次いだ。\n";

/** The seeds, a Markdown article, a Shift_JIS-less odd file and a skipped one, all with old mtimes. */
function folder(): { dir: string; cacheDir: string } {
  const dir = tempDir("kiji-snapshot-");
  for (const seed of readdirSync("seeds")) copyFileSync(path.join("seeds", seed), path.join(dir, seed));
  writeFileSync(path.join(dir, "library.md"), MARKDOWN);
  writeFileSync(path.join(dir, "memo.txt"), "ただのメモ\n今日は雨だった。\n");
  // The id "library" is taken by library.md: this one is "library.txt", with a warning in its place.
  writeFileSync(path.join(dir, "library.txt"), "図書館の話\n本の貸し出しが始まった。\n");
  writeFileSync(path.join(dir, "empty.md"), "");
  writeFileSync(path.join(dir, "notes.pdf"), "%PDF");
  for (const name of readdirSync(dir)) age(path.join(dir, name));
  return { dir, cacheDir: tempDir("kiji-snapshot-cache-") };
}

function age(file: string, when = LONG_AGO): void {
  utimesSync(file, when, when);
}

/** Whether an article came from the snapshot (its text read from there when first asked for), not from its file. */
const fromSnapshot = (article: Article) => typeof Object.getOwnPropertyDescriptor(article, "sections")?.get === "function";

const json = (loaded: LoadedArticles) => JSON.stringify({ articles: loaded.articles, warnings: loaded.warnings });

describe("loading a folder through its snapshot", () => {
  it("gives the same articles, warnings, hashes and key as parsing every file, the second time without reading their text", async () => {
    const { dir, cacheDir } = folder();
    const parsed = await loadArticles(dir);
    const first = await loadArticles(dir, { cacheDir });
    const second = await loadArticles(dir, { cacheDir });
    expect(second.articles.every(fromSnapshot)).toBe(true);
    expect(json(first)).toBe(json(parsed));
    expect(json(second)).toBe(json(parsed));
    expect([...second.hashes]).toEqual([...parsed.hashes]);
    expect(second.key).toBe(parsed.key);
    expect(parsed.warnings.map((w) => w.file)).toEqual(["empty.md", "library.txt", "library.txt", "memo.txt", "notes.pdf"]);
    expect(parsed.warnings[2]!.message).toBe('another file already has the id "library"; this one is "library.txt"');
  });

  it("an edited file is parsed again, even at the same size with its mtime put back", async () => {
    const { dir, cacheDir } = folder();
    const before = await loadArticles(dir, { cacheDir });
    const file = path.join(dir, "library.md");
    const edited = MARKDOWN.replace("3000人", "4000人");
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(MARKDOWN));
    writeFileSync(file, edited);
    age(file); // the same size and mtime as before: only its ctime tells
    const after = await loadArticles(dir, { cacheDir });
    const library = after.articles.find((a) => a.id === "library")!;
    expect(library.lead).toContain("4000人");
    expect(after.key).not.toBe(before.key);
    expect(after.hashes.get("library")).not.toBe(before.hashes.get("library"));
    expect(json(after)).toBe(json(await loadArticles(dir)));
  });

  it("a touched file with the same bytes keeps its article and the key", async () => {
    const { dir, cacheDir } = folder();
    const before = await loadArticles(dir, { cacheDir });
    age(path.join(dir, "library.md"), new Date(Date.now() - 30 * 60 * 1000));
    const after = await loadArticles(dir, { cacheDir });
    expect(after.key).toBe(before.key);
    expect(json(after)).toBe(json(before));
  });

  it("added, removed and renamed files are seen", async () => {
    const { dir, cacheDir } = folder();
    await loadArticles(dir, { cacheDir });
    writeFileSync(path.join(dir, "new.md"), "# 新しい記事\n\n本文です。\n");
    unlinkSync(path.join(dir, "memo.txt"));
    renameSync(path.join(dir, "library.md"), path.join(dir, "aoba.md"));
    const after = await loadArticles(dir, { cacheDir });
    expect(after.articles.map((a) => a.id)).toEqual(["000_3639a94c7d503a1e", "002_f48635b7877d06da", "aoba", "library", "new"]);
    expect(after.warnings.map((w) => w.file)).toEqual(["empty.md", "library.txt", "notes.pdf"]);
    expect(after.articles.find((a) => a.id === "aoba")!.title).toBe("青葉市の図書館");
    expect(json(after)).toBe(json(await loadArticles(dir)));
    // And the snapshot saved after those changes serves the next start alike.
    const again = await loadArticles(dir, { cacheDir });
    expect(again.articles.every(fromSnapshot)).toBe(true);
    expect(json(again)).toBe(json(after));
  });

  it("is used only by the parser that wrote it: another fingerprint means every file is parsed again", async () => {
    const { dir, cacheDir } = folder();
    await loadArticles(dir, { cacheDir });
    const file = snapshotFile(cacheDir, dir);
    // A snapshot whose library.md says something else, with a matching hash: trusted as long as the parser is the same...
    const bytes = readFileSync(file, "utf8");
    const [header, ...bodies] = bytes.split("\n");
    const head = JSON.parse(header!) as { fingerprint: string; entries: Array<{ name: string; article?: { hash: string; offset: number; length: number } }> };
    const entry = head.entries.find((e) => e.name === "library.md")!.article!;
    const index = bodies.findIndex((line) => line.includes("3000人"));
    bodies[index] = bodies[index]!.replace("3000人", "5000人");
    entry.hash = bodyHash(bodies[index]!);
    writeFileSync(file, [JSON.stringify(head), ...bodies].join("\n"));
    const trusted = await loadArticles(dir, { cacheDir });
    expect(trusted.articles.find((a) => a.id === "library")!.lead).toContain("5000人");
    // ...and not once the fingerprint differs (the parser's files changed).
    head.fingerprint = "another parser";
    writeFileSync(file, [JSON.stringify(head), ...bodies].join("\n"));
    const fresh = await loadArticles(dir, { cacheDir });
    expect(fresh.articles.find((a) => a.id === "library")!.lead).toContain("3000人");
    expect(json(fresh)).toBe(json(await loadArticles(dir)));
  });

  it("an article whose text in the snapshot no longer checks out is read from its file", async () => {
    const { dir, cacheDir } = folder();
    await loadArticles(dir, { cacheDir });
    const lazy = await loadArticles(dir, { cacheDir });
    const file = snapshotFile(cacheDir, dir);
    const size = statSync(file).size;
    writeFileSync(file, Buffer.alloc(size, 0x20)); // the same length, nothing of it left
    expect(json(lazy)).toBe(json(await loadArticles(dir)));
    // A snapshot that cannot be read is no snapshot: the next load parses and saves a good one.
    const next = await loadArticles(dir, { cacheDir });
    expect(json(next)).toBe(json(await loadArticles(dir)));
  });

  // Valid JSON with the right fingerprint, but entries that are not entries: an older or hand-edited file.
  it.each([
    ["an entry that is null", (entries: unknown[]) => (entries[0] = null)],
    ["warnings that are not a list", (entries: Array<Record<string, unknown>>) => (entries[0]!.warnings = null)],
    ["a name that is not a string", (entries: Array<Record<string, unknown>>) => (entries[1]!.name = 5)],
    ["an article without its hash", (entries: Array<{ article?: Record<string, unknown> }>) => delete entries.find((e) => e.article)!.article!.hash],
  ])("a snapshot whose header parses but holds %s is not used: every file is parsed, and a good one saved", async (_, damage) => {
    const { dir, cacheDir } = folder();
    const parsed = await loadArticles(dir);
    await loadArticles(dir, { cacheDir });
    const file = snapshotFile(cacheDir, dir);
    const [header, ...bodies] = readFileSync(file, "utf8").split("\n");
    const head = JSON.parse(header!) as { entries: never[] };
    damage(head.entries);
    writeFileSync(file, [JSON.stringify(head), ...bodies].join("\n"));
    expect(json(await loadArticles(dir, { cacheDir }))).toBe(json(parsed));
    const next = await loadArticles(dir, { cacheDir });
    expect(next.articles.every(fromSnapshot)).toBe(true);
    expect(json(next)).toBe(json(parsed));
  });
});
