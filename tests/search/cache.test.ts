/**
 * The index cache: reused while the articles match, rebuilt when one changes, rebuilt (never trusted) when the
 * file is truncated, corrupted or foreign, written atomically, and per articles folder.
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { existsSync } from "node:fs";
import { ABANDONED_AFTER_MS, cacheFile, readCache, writeCache } from "../../src/search/cache.js";
import { indexCacheKey } from "../../src/search/index-key.js";
import { ensureDirectory } from "../../src/search/directories.js";
import { SearchEngine } from "../../src/search/engine.js";
import { ownQa } from "../ask/library.js";

let work: string;
let articlesDir: string;
let cacheDir: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kiji-cache-"));
  articlesDir = path.join(work, "articles");
  cacheDir = path.join(work, "cache");
  await cp("seeds", articlesDir, { recursive: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function open(options: { rebuild?: boolean; dir?: string; cache?: string } = {}) {
  const dir = options.dir ?? articlesDir;
  const { articles, key } = await loadArticles(dir);
  return SearchEngine.open({ articles, articlesKey: key, articlesDir: dir, cacheDir: options.cache ?? cacheDir, rebuild: options.rebuild ?? false });
}

const QUESTION = "会談は最初どんな雰囲気だった?";

describe("the index cache", () => {
  it("is built when missing, then reused, answering the same", async () => {
    const first = await open();
    expect(first.report).toMatchObject({ source: "built", reason: "missing" });
    expect(first.report.cacheBytes).toBeGreaterThan(0);
    const second = await open();
    expect(second.report.source).toBe("cache");
    expect(second.search(QUESTION, { top: 3 })).toEqual(first.search(QUESTION, { top: 3 }));
    // Every own test question: the same passages with the same scores, from the file as from the build.
    for (const q of [...ownQa.questions.map((x) => x.q), ...ownQa.negatives, ...ownQa.hard_negatives]) {
      expect(second.explain(q, { top: 3, limit: 20 })).toEqual(first.explain(q, { top: 3, limit: 20 }));
    }
    expect(second.centralSentences("000_3639a94c7d503a1e", 3)).toEqual(first.centralSentences("000_3639a94c7d503a1e", 3));
  });

  it("is rebuilt when an article changes, and the change is searchable", async () => {
    await open();
    const file = path.join(articlesDir, "000_3639a94c7d503a1e.txt");
    await appendFile(file, "\n\n💡 会談の後、両国はカピバラ協定の締結を検討している。\n");
    const changed = await open();
    expect(changed.report).toMatchObject({ source: "built", reason: "stale" });
    expect(changed.search("カピバラ協定", { top: 1 })[0]?.text).toContain("カピバラ協定");
    expect((await open()).report.source).toBe("cache");
  });

  it("is rebuilt from a truncated file", async () => {
    const engine = await open();
    const bytes = await readFile(engine.report.file);
    await writeFile(engine.report.file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const reopened = await open();
    expect(reopened.report).toMatchObject({ source: "built", reason: "corrupt" });
    expect(reopened.report.detail).toMatch(/truncated/);
    expect(reopened.search(QUESTION, { top: 3 })).toEqual(engine.search(QUESTION, { top: 3 }));
    expect((await open()).report.source).toBe("cache");
  });

  it("is rebuilt from a file corrupted in place (same length, one byte changed)", async () => {
    const engine = await open();
    const bytes = await readFile(engine.report.file);
    const at = bytes.length - 100;
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
    await writeFile(engine.report.file, bytes);
    const reopened = await open();
    expect(reopened.report).toMatchObject({ source: "built", reason: "corrupt", detail: "checksum mismatch" });
  });

  it("is rebuilt from a file that is not an index at all", async () => {
    const engine = await open();
    for (const junk of ["", "not json\n", '{"format":"something else"}\n{}\n', "\u0000\u0001\u0002"]) {
      await writeFile(engine.report.file, junk);
      const reopened = await open();
      expect(reopened.report.source).toBe("built");
      expect(reopened.report.reason).toBe("corrupt");
      expect(reopened.search(QUESTION, { top: 1 })).toHaveLength(1);
    }
  });

  it("refuses a file whose parts disagree even when its checksum matches", async () => {
    const engine = await open();
    const key = indexCacheKey((await loadArticles(articlesDir)).key);
    const file = path.join(work, "tampered.bin");
    await writeCache(file, key, engine.index);
    const bytes = await readFile(file);
    const headerEnd = bytes.indexOf(10);
    const tampered = JSON.parse(bytes.subarray(0, headerEnd).toString("utf8")) as { counts: { passages: number } };
    tampered.counts.passages += 1;
    // A header of another length also moves the payload off its 8-byte alignment: read all the same.
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(tampered)}\n`), bytes.subarray(headerEnd + 1)]));
    expect(await readCache(file, key)).toMatchObject({ status: "corrupt", reason: expect.stringMatching(/passages/) });
    tampered.counts.passages -= 1;
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(tampered)}\n`), bytes.subarray(headerEnd + 1)]));
    expect((await readCache(file, key)).status).toBe("hit");
    expect(await readCache(path.join(work, "absent.bin"), key)).toEqual({ status: "missing" });
    expect((await readCache(engine.report.file, "another key")).status).toBe("stale");
  });

  it("opens as typed arrays over the file's one buffer, with no JSON of postings or passages in it", async () => {
    const engine = await open({ rebuild: true });
    const bytes = await readFile(engine.report.file);
    const headerEnd = bytes.indexOf(10);
    expect((headerEnd + 1) % 8).toBe(0);
    const read = await readCache(engine.report.file, indexCacheKey((await loadArticles(articlesDir)).key));
    if (read.status !== "hit") throw new Error(`not read: ${read.status}`);
    const [body, context] = read.index.postings.data.fields;
    expect(body!.documents.buffer).toBe(context!.frequencies.buffer);
    expect(body!.documents.length).toBe(engine.index.postings.data.fields[0]!.documents.length);
    expect(read.index.postings.data).toEqual(engine.index.postings.data);
    // Passage texts are stored as UTF-16 code units, not as JSON strings.
    const text = engine.index.passage(0)!.text;
    expect(bytes.includes(Buffer.from(JSON.stringify(text)))).toBe(false);
    expect(bytes.includes(Buffer.from(text, "utf16le"))).toBe(true);
  });

  it("gives back every passage as built, each read on its own, and each article's passages by range", async () => {
    // Three copies of the seeds: more passages, and articles with the same titles.
    const copies = path.join(work, "copies");
    await ensureDirectory(copies);
    for (const name of await readdir("seeds")) for (const copy of [1, 2, 3]) await cp(path.join("seeds", name), path.join(copies, `${copy}-${name}`));
    const { articles, key } = await loadArticles(copies);
    const built = await open({ dir: copies, cache: path.join(work, "copies-cache"), rebuild: true });
    const read = await readCache(built.report.file, indexCacheKey(key));
    expect(read.status).toBe("hit");
    if (read.status !== "hit") return;
    const count = built.index.passageCount;
    expect(read.index.passageCount).toBe(count);
    // Read from the end first: passages decode independently.
    for (let id = count - 1; id >= 0; id--) expect(read.index.passage(id)).toEqual(built.index.passage(id));
    expect(read.index.passage(count)).toBeUndefined();
    expect(read.index.passage(-1)).toBeUndefined();
    expect(read.index.data.vocabulary).toEqual(built.index.data.vocabulary);
    expect(read.index.data.documentFrequency).toEqual(built.index.data.documentFrequency);
    for (const article of articles) {
      const range = read.index.data.passages.rangeOf(article.id)!;
      expect(range).toEqual(built.index.data.passages.rangeOf(article.id));
      expect(read.index.passage(range.start)!.articleId).toBe(article.id);
      expect(read.index.passage(range.end - 1)!.articleId).toBe(article.id);
    }
  });

  it("is written through a temporary file renamed into place, leaving no temporary file", async () => {
    await open({ rebuild: true });
    const names = await readdir(cacheDir);
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(names.filter((n) => n.endsWith(".bin"))).toHaveLength(1);
    // A temporary file left by a crash mid-write is not the cache and does not disturb it.
    const engine = await open();
    await writeFile(`${engine.report.file}.123.abc.tmp`, "half written");
    expect((await open()).report.source).toBe("cache");
  });

  it("removes what writes killed an hour or more ago left behind, and not the file of a write under way", async () => {
    const file = cacheFile(cacheDir, articlesDir);
    const abandoned = `${file}.77.old.tmp`;
    const underWay = `${file}.78.new.tmp`;
    await writeFile(abandoned, "killed mid-write");
    await writeFile(underWay, "being written");
    const longAgo = new Date(Date.now() - ABANDONED_AFTER_MS - 60_000);
    await utimes(abandoned, longAgo, longAgo);
    await open({ rebuild: true });
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(underWay)).toBe(true);
    await rm(underWay);
  });

  it("removes the JSON-lines cache of earlier versions once it has written its own", async () => {
    const file = cacheFile(cacheDir, articlesDir);
    const legacy = file.replace(/\.bin$/, ".jsonl");
    await writeFile(legacy, '{"format":"kiji-bot search index","version":5}\n');
    await open({ rebuild: true });
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it("keeps a separate file per articles folder", async () => {
    expect(cacheFile(cacheDir, "seeds")).not.toBe(cacheFile(cacheDir, articlesDir));
    expect(cacheFile(cacheDir, "seeds")).toBe(cacheFile(cacheDir, path.resolve("seeds")));
    const seeds = await open({ dir: path.resolve("seeds") });
    expect(seeds.report.file).not.toBe((await open()).report.file);
  });

  it("still answers when the cache cannot be written, and says why", async () => {
    const blocked = path.join(work, "blocked");
    await writeFile(blocked, "a file where the cache folder should be");
    const engine = await open({ cache: blocked });
    expect(engine.report.source).toBe("built");
    expect(engine.report.cacheBytes).toBeNull();
    expect(engine.report.writeError).toBeTruthy();
    expect(engine.search(QUESTION, { top: 1 })).toHaveLength(1);
  });

  it("creates nested cache folders, and fails (never hangs) where no folder can be made", async () => {
    const nested = path.join(work, "a", "b", "c");
    await ensureDirectory(nested);
    await ensureDirectory(nested);
    expect(existsSync(nested)).toBe(true);
    // Node's recursive mkdir spins forever under /proc; ours must give up with the error.
    if (existsSync("/proc/self")) await expect(ensureDirectory("/proc/kiji-bot/cache")).rejects.toThrow();
    await writeFile(path.join(work, "a-file"), "not a folder");
    await expect(ensureDirectory(path.join(work, "a-file", "sub"))).rejects.toThrow();
  });
});
