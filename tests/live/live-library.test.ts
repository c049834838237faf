/**
 * The live library over a temporary copy of the seeds: files are edited, added, broken and deleted while
 * questions keep being answered, and every reload is awaited (its promise or its onReload event), never slept on.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import type { Library } from "../../src/answers/library.js";
import { openLiveLibrary, type LiveLibrary, type ReloadReport } from "../../src/answers/live-library.js";
import { EDITED_SEED, OLD_SENTENCE, NEW_SENTENCE, SUPPORT_QUESTION, NEW_ARTICLE, RAMEN_QUESTION } from "./edits.js";

const SEED_A = "000_3639a94c7d503a1e";

let dir: string;
let cacheDir: string;
let live: LiveLibrary;
const logs: string[] = [];
let waiters: Array<{ wanted: (report: ReloadReport) => boolean; resolve: (report: ReloadReport) => void }> = [];

const quoted = (library: Library, question: string) => {
  const answer = ask(library, question, { top: 5 });
  return answer.kind === "answered" ? answer.passages : [];
};
const quotedText = (library: Library, question: string) => quoted(library, question).map((p) => p.text).join("\n");
/** The next reload (the watcher starts them by itself) that reports what `wanted` looks for. */
const reloadWhere = (wanted: (report: ReloadReport) => boolean) => new Promise<ReloadReport>((resolve) => waiters.push({ wanted, resolve }));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kiji-live-"));
  cacheDir = mkdtempSync(path.join(tmpdir(), "kiji-live-cache-"));
  cpSync("seeds", dir, { recursive: true });
  live = openLiveLibrary({
    articlesDir: dir,
    cacheDir,
    debounceMs: 100,
    log: { info: (m) => logs.push(`INFO ${m}`), warn: (m) => logs.push(`WARN ${m}`) },
    onReload: (report) => {
      for (const waiter of waiters.filter((w) => w.wanted(report))) waiter.resolve(report);
      waiters = waiters.filter((w) => !w.wanted(report));
    },
  });
  await live.ready;
});

afterAll(() => {
  live?.close();
  for (const folder of [dir, cacheDir]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("live library", () => {
  it("serves the seeds once ready, and records when it loaded them", async () => {
    const library = live.current()!;
    expect(library.articles.map((a) => a.id).sort()).toEqual([SEED_A, EDITED_SEED]);
    expect(live.lastLoadedAt()).toBeInstanceOf(Date);
    expect(quotedText(library, SUPPORT_QUESTION)).toContain(OLD_SENTENCE);
    // The index was built off the event loop: the worker thread started and did its job.
    expect(logs.filter((l) => l.includes("index worker"))).toEqual([]);
  });

  it("an edit is seen by the next ask, while an ask holding the old library still answers from the old text", async () => {
    const inFlight = live.current()!;
    const before = live.lastLoadedAt()!;
    const file = path.join(dir, `${EDITED_SEED}.txt`);
    writeFileSync(file, readFileSync(file, "utf8").replace(OLD_SENTENCE, NEW_SENTENCE));
    const report = await live.reload();

    expect(report).toMatchObject({ added: [], changed: [EDITED_SEED], removed: [], articleCount: 2 });
    expect(live.current()).not.toBe(inFlight);
    expect(live.lastLoadedAt()!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const now = quotedText(live.current()!, SUPPORT_QUESTION);
    expect(now).toContain(NEW_SENTENCE);
    expect(now).not.toContain(OLD_SENTENCE);
    // The interaction that started before the swap finishes on what it started with.
    expect(quotedText(inFlight, SUPPORT_QUESTION)).toContain(OLD_SENTENCE);
    expect(logs.some((l) => l.includes(`changed 1 (${EDITED_SEED})`))).toBe(true);
  });

  it("concurrent reloads share one rebuild", async () => {
    const first = live.reload();
    const second = live.reload();
    expect(second).toBe(first);
    expect(await first).toMatchObject({ added: [], changed: [], removed: [] });
  });

  it("a broken new file is skipped with a warning; a good new file is added; the rest stays served", async () => {
    writeFileSync(path.join(dir, "broken.txt"), Buffer.from([0x41, 0x00, 0x42, 0x00, 0xff, 0xfe]));
    writeFileSync(path.join(dir, "ramen.txt"), NEW_ARTICLE);
    const report = await live.reload();

    expect(report.added).toEqual(["ramen"]);
    expect(report.removed).toEqual([]);
    expect(report.warnings.some((w) => w.file === "broken.txt" && /skipped/.test(w.message))).toBe(true);
    expect(report.articleCount).toBe(3);
    const library = live.current()!;
    expect(quoted(library, RAMEN_QUESTION).map((p) => p.articleId)).toContain("ramen");
    expect(quotedText(library, SUPPORT_QUESTION)).toContain(NEW_SENTENCE);
    expect(logs.some((l) => l.startsWith("WARN broken.txt: skipped"))).toBe(true);
  });

  it("files with the same warning are one log line with a count and the first names", async () => {
    const memos = ["memo1.txt", "memo2.txt", "memo3.txt", "memo4.txt"];
    for (const memo of memos) writeFileSync(path.join(dir, memo), "ただのメモ\n今日は雨だった。\n");
    logs.length = 0;
    const report = await live.reload();
    expect(report.warnings.filter((w) => memos.includes(w.file))).toHaveLength(4);
    const memoLines = logs.filter((line) => line.startsWith("WARN") && line.includes("memo"));
    expect(memoLines).toEqual([
      "WARN 4 files: no section headings found (a heading line followed by a question ending in ?); read as one section (memo1.txt, memo2.txt, memo3.txt and 1 more; npm run articles lists each)",
    ]);
    for (const memo of memos) unlinkSync(path.join(dir, memo));
    await live.reload();
  });

  it("a deleted article is gone from the next answer", async () => {
    const held = live.current()!;
    unlinkSync(path.join(dir, "ramen.txt"));
    const report = await live.reload();

    expect(report).toMatchObject({ added: [], changed: [], removed: ["ramen"], articleCount: 2 });
    expect(live.current()!.articles.map((a) => a.id)).not.toContain("ramen");
    expect(quoted(live.current()!, RAMEN_QUESTION).map((p) => p.articleId)).not.toContain("ramen");
    expect(quoted(held, RAMEN_QUESTION).map((p) => p.articleId)).toContain("ramen");
  });

  it("the watcher reloads by itself when a file is added, changed or removed", async () => {
    const added = reloadWhere((r) => r.added.includes("ramen"));
    writeFileSync(path.join(dir, "ramen.md.tmp"), NEW_ARTICLE); // not an article file: ignored
    renameSync(path.join(dir, "ramen.md.tmp"), path.join(dir, "ramen.txt"));
    expect(await added).toMatchObject({ added: ["ramen"], removed: [] });
    expect(quoted(live.current()!, RAMEN_QUESTION).map((p) => p.articleId)).toContain("ramen");

    const changed = reloadWhere((r) => r.changed.includes("ramen"));
    writeFileSync(path.join(dir, "ramen.txt"), NEW_ARTICLE.replace("白味噌", "赤味噌"));
    expect(await changed).toMatchObject({ added: [], removed: [] });
    expect(quotedText(live.current()!, RAMEN_QUESTION)).toContain("赤味噌");

    const removed = reloadWhere((r) => r.removed.includes("ramen"));
    unlinkSync(path.join(dir, "ramen.txt"));
    expect(await removed).toMatchObject({ added: [], removed: ["ramen"] });
  });

  it("when the folder vanishes, reload fails and the articles loaded before stay served", async () => {
    const served = live.current()!;
    const moved = `${dir}-away`;
    renameSync(dir, moved);
    try {
      await expect(live.reload()).rejects.toThrow(/does not exist/);
      expect(live.current()).toBe(served);
      expect(quotedText(live.current()!, SUPPORT_QUESTION)).toContain(NEW_SENTENCE);
      expect(logs.some((l) => l.startsWith("WARN reload of") && l.includes("still serving"))).toBe(true);
    } finally {
      renameSync(moved, dir);
    }
    // Back again: a reload serves it.
    expect((await live.reload()).articleCount).toBe(2);
  });

  it("an emptied folder does not replace the articles being served", async () => {
    const served = live.current()!;
    const aside = mkdtempSync(path.join(tmpdir(), "kiji-live-aside-"));
    for (const id of [SEED_A, EDITED_SEED]) renameSync(path.join(dir, `${id}.txt`), path.join(aside, `${id}.txt`));
    try {
      await expect(live.reload()).rejects.toThrow(/no usable article/);
      expect(live.current()).toBe(served);
    } finally {
      for (const id of [SEED_A, EDITED_SEED]) renameSync(path.join(aside, `${id}.txt`), path.join(dir, `${id}.txt`));
      rmSync(aside, { recursive: true, force: true });
    }
  });
});

describe("a CACHE_DIR that cannot be written", () => {
  it("builds the cache in a temporary folder instead, with a warning naming both, and answers", async () => {
    const blocked = path.join(mkdtempSync(path.join(tmpdir(), "kiji-live-blocked-")), "not-a-folder");
    writeFileSync(blocked, "a file where the cache folder should be\n");
    const warnings: string[] = [];
    const library = openLiveLibrary({ articlesDir: "seeds", cacheDir: blocked, watch: false, log: { info: () => {}, warn: (m) => warnings.push(m) } });
    try {
      const loaded = await library.ready;
      expect(warnings[0]).toMatch(new RegExp(`^cannot write the index cache in ${blocked.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: using .*kiji-bot-cache-[0-9a-f]{12} instead; set CACHE_DIR`));
      expect(quotedText(loaded, SUPPORT_QUESTION)).toContain("一時停止");
      expect(readFileSync(blocked, "utf8")).toBe("a file where the cache folder should be\n");
    } finally {
      library.close();
      rmSync(path.dirname(blocked), { recursive: true, force: true });
    }
  });
});
