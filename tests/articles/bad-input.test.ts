import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticlesDirError, loadArticles, MAX_ARTICLE_BYTES } from "../../src/articles/load.js";
import { tempDirs } from "../support/temp-dirs.js";

const SEED = path.resolve("seeds/000_3639a94c7d503a1e.txt");

const tempDir = tempDirs();

/** A fresh folder holding the first seed (so there is always one good article) plus the given files. */
function folder(files: Record<string, string | Buffer>): string {
  const dir = tempDir("kiji-articles-");
  copyFileSync(SEED, path.join(dir, "good.txt"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

async function warningsFor(files: Record<string, string | Buffer>) {
  const result = await loadArticles(folder(files));
  expect(result.articles.map((a) => a.id)).toContain("good");
  return result;
}

describe("loading a folder with bad files: the rest load, each bad file is named with its reason", () => {
  it("an empty file, or one with only white space", async () => {
    const { warnings, articles } = await warningsFor({ "empty.txt": "", "blank.md": " \n\n\t\n" });
    expect(warnings).toEqual([
      { file: "blank.md", message: "skipped: empty file" },
      { file: "empty.txt", message: "skipped: empty file" },
    ]);
    expect(articles).toHaveLength(1);
  });

  it("a binary file", async () => {
    const { warnings } = await warningsFor({ "image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    expect(warnings).toEqual([{ file: "image.txt", message: "skipped: binary file, not text" }]);
  });

  it("a UTF-16 article without a byte-order mark is read; its U+3000 and U+4E00 (a NUL low byte) do not make it binary", async () => {
    const text = "一　記事の題\n\n本文です。三千円の値上げ。\n";
    const { warnings, articles } = await warningsFor({ "utf16.txt": Buffer.from(text, "utf16le") });
    expect(articles.find((a) => a.id === "utf16")?.title).toBe("一　記事の題");
    expect(warnings).toContainEqual({ file: "utf16.txt", message: "read as utf-16le; saving it as UTF-8 is safer" });
  });

  it("invalid UTF-8 that is not Shift_JIS either", async () => {
    const { warnings } = await warningsFor({ "broken.txt": Buffer.from([0xe3, 0x81, 0x82, 0xff, 0xfe, 0x80, 0x80, 0xe3]) });
    expect(warnings).toEqual([{ file: "broken.txt", message: "skipped: not valid UTF-8 (nor UTF-16 or Shift_JIS): save it as UTF-8" }]);
  });

  it("a Shift_JIS file is read, with a note", async () => {
    // 「記事」 and 「本文です。」 in Shift_JIS.
    const sjis = Buffer.from([0x8b, 0x4c, 0x8e, 0x96, 0x0a, 0x96, 0x7b, 0x95, 0xb6, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42, 0x0a]);
    const { warnings, articles } = await warningsFor({ "sjis.txt": sjis });
    expect(articles.find((a) => a.id === "sjis")?.title).toBe("記事");
    expect(warnings).toContainEqual({ file: "sjis.txt", message: "read as shift_jis; saving it as UTF-8 is safer" });
  });

  it("a file with no recognisable structure becomes one article with one section", async () => {
    const { warnings, articles } = await warningsFor({ "plain.txt": "ただのメモ\n今日は雨だった。\n明日は晴れるらしい。\n" });
    const plain = articles.find((a) => a.id === "plain")!;
    expect(plain.title).toBe("ただのメモ");
    expect(plain.sections).toHaveLength(1);
    expect(plain.sections[0]!.paragraphs.map((p) => p.text)).toEqual(["今日は雨だった。", "明日は晴れるらしい。"]);
    expect(warnings).toEqual([
      { file: "plain.txt", message: "no section headings found (a heading line followed by a question ending in ?); read as one section" },
    ]);
  });

  it("a file with only a title loads, with a note that there is nothing else to search", async () => {
    const { warnings, articles } = await warningsFor({ "title-only.txt": "見出しだけの記事\n" });
    expect(articles.find((a) => a.id === "title-only")?.title).toBe("見出しだけの記事");
    expect(warnings).toEqual([{ file: "title-only.txt", message: "has only a title: nothing else to search" }]);
  });

  it("a 10 MB file is refused with its size and the limit", async () => {
    const { warnings } = await warningsFor({ "huge.txt": "あ".repeat((10 * 1024 * 1024) / 3) });
    expect(MAX_ARTICLE_BYTES).toBeLessThan(10 * 1024 * 1024);
    expect(warnings).toEqual([
      { file: "huge.txt", message: "skipped: too large (10.0 MB; the limit is 2.0 MB): split it into several articles" },
    ]);
  });

  it("duplicate ids: both files load, the second under its full file name", async () => {
    const { warnings, articles } = await warningsFor({ "good.md": "# 同じ名前のMarkdown\n\n## 節\n本文。\n" });
    // good.md sorts first and keeps the plain id.
    expect(articles.map((a) => [a.id, path.basename(a.path)])).toEqual([
      ["good", "good.md"],
      ["good.txt", "good.txt"],
    ]);
    expect(warnings).toEqual([{ file: "good.txt", message: 'another file already has the id "good"; this one is "good.txt"' }]);
  });

  it("other files are named as ignored; hidden files are passed over", async () => {
    const { warnings } = await warningsFor({ "notes.pdf": "%PDF", ".DS_Store": "x" });
    expect(warnings).toEqual([{ file: "notes.pdf", message: "ignored: not a .txt or .md article" }]);
  });

  it("reads the folder in the same order every time, mixing both formats", async () => {
    const dir = folder({ "b.md": "# B\n\n## 節\n本文。\n", "a.txt": "A\n本文。\n" });
    mkdirSync(path.join(dir, "sub"));
    const first = await loadArticles(dir);
    expect(first.articles.map((a) => a.id)).toEqual(["a", "b", "good"]);
    expect((await loadArticles(dir)).articles.map((a) => a.id)).toEqual(["a", "b", "good"]);
  });
});

describe("a folder that cannot be read", () => {
  it("a missing folder is one clear error naming it and ARTICLES_DIR", async () => {
    const missing = path.join(tmpdir(), "kiji-no-such-folder");
    await expect(loadArticles(missing)).rejects.toThrow(ArticlesDirError);
    await expect(loadArticles(missing)).rejects.toThrow(
      `kiji-bot: the articles folder ${missing} does not exist. Put .txt or .md articles there, or set ARTICLES_DIR`,
    );
  });

  it("a file given as the folder", async () => {
    await expect(loadArticles(SEED)).rejects.toThrow("is a file, not a folder");
  });

  it("a folder with no usable article says so", async () => {
    const dir = tempDir("kiji-empty-");
    const result = await loadArticles(dir);
    expect(result.articles).toEqual([]);
    expect(result.warnings).toEqual([{ file: dir, message: "no usable .txt or .md article in this folder" }]);
  });
});
