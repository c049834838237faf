/**
 * The articles folder is not trusted: nothing outside it, and nothing hidden in it, is ever read, and escape
 * codes inside articles do not survive loading.
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { tempDirs } from "../support/temp-dirs.js";

const SEED = path.resolve("seeds/000_3639a94c7d503a1e.txt");
const SECRET = "DISCORD_TOKEN=MTIzNDU2Nzg5.secret-token-value";

const tempDir = tempDirs();

/** A bot folder with its own `.env`, and the articles folder inside it holding one seed. */
function botFolder(): { root: string; articles: string; env: string } {
  const root = tempDir("kiji-bot-root-");
  const articles = path.join(root, "articles");
  mkdirSync(articles);
  copyFileSync(SEED, path.join(articles, "good.txt"));
  const env = path.join(root, ".env");
  writeFileSync(env, `${SECRET}\n今日の記事です。\n`);
  return { root, articles, env };
}

const everything = (value: unknown) => JSON.stringify(value);

describe("an articles folder that cannot leak", () => {
  it("a symlink to a file outside the folder (the bot's .env) is not read, and the warning names it", async () => {
    const { articles, env } = botFolder();
    symlinkSync(env, path.join(articles, "token.md"));
    symlinkSync(env, path.join(articles, "token.txt"));
    const result = await loadArticles(articles);
    expect(result.articles.map((a) => a.id)).toEqual(["good"]);
    expect(everything(result)).not.toContain("secret-token-value");
    const warned = result.warnings.filter((w) => /outside the articles folder/.test(w.message)).map((w) => w.file);
    expect(warned).toEqual(["token.md", "token.txt"]);
  });

  it("a relative symlink that climbs out of the folder is refused too; one to an article inside is followed", async () => {
    const { articles } = botFolder();
    symlinkSync("../.env", path.join(articles, "climb.md"));
    mkdirSync(path.join(articles, "more"));
    copyFileSync(SEED, path.join(articles, "more", "seed.txt"));
    symlinkSync("more/seed.txt", path.join(articles, "linked.txt"));
    const result = await loadArticles(articles);
    expect(result.articles.map((a) => a.id)).toEqual(["good", "linked"]);
    expect(result.articles[1]!.title).toBe(result.articles[0]!.title);
    expect(result.warnings.map((w) => w.file)).toEqual(["climb.md"]);
  });

  it("dotfiles are neither read nor listed, even with an article's extension, and nor is a link to one", async () => {
    const { articles } = botFolder();
    writeFileSync(path.join(articles, ".env"), SECRET);
    writeFileSync(path.join(articles, ".secret.md"), `# 秘密\n\n${SECRET}\n`);
    writeFileSync(path.join(articles, ".notes.txt"), `メモ\n${SECRET}\n`);
    mkdirSync(path.join(articles, ".git"));
    writeFileSync(path.join(articles, ".git", "config.md"), `# 設定\n\n${SECRET}\n`);
    symlinkSync(".git/config.md", path.join(articles, "config.md"));
    const result = await loadArticles(articles);
    expect(result.articles.map((a) => a.id)).toEqual(["good"]);
    expect(everything(result)).not.toContain("secret-token-value");
    expect(result.warnings.map((w) => w.file)).toEqual(["config.md"]);
  });

  it("escape sequences and control characters in an article are dropped, the text around them kept", async () => {
    const { articles } = botFolder();
    writeFileSync(
      path.join(articles, "escapes.md"),
      // (Real text around them: a file that is mostly control characters is refused as not text at all.)
      `# 見出し\u001b[2J\u001b]0;pwned\u0007です\n\n## 節\u001b[31m赤\u001b[0m\n\n本文\u0007に\u009b制御\u202e文字があります。\n\n${"長い本文が続きます。".repeat(80)}\n`,
    );
    const { articles: loaded } = await loadArticles(articles);
    const article = loaded.find((a) => a.id === "escapes")!;
    expect(article.title).toBe("見出しです");
    expect(article.sections[0]!.heading).toBe("節赤");
    expect(article.sections[0]!.paragraphs[0]!.text).toBe("本文に制御文字があります。");
    expect(everything(loaded)).not.toMatch(/\\u001b|\\u0007|\u009b|\u202e/);
  });

  it("a file name's escape codes reach neither the article's id nor a warning", async () => {
    const { articles } = botFolder();
    copyFileSync(SEED, path.join(articles, "\u001b[2Jcleared\u0007.txt"));
    writeFileSync(path.join(articles, "\u001b]0;title\u0007notes.doc"), "x");
    const result = await loadArticles(articles);
    expect(result.articles.map((a) => a.id)).toEqual(["cleared", "good"]);
    expect(result.articles[0]!.path).toBe(path.join(articles, "\u001b[2Jcleared\u0007.txt"));
    expect(result.warnings).toEqual([{ file: "notes.doc", message: "ignored: not a .txt or .md article" }]);
  });

  it("a UTF-16 article with a byte-order mark is read, little- or big-endian", async () => {
    const { articles } = botFolder();
    const text = "# 記事の題\n\n## 節\n\n本文です。\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(path.join(articles, "le.md"), le);
    writeFileSync(path.join(articles, "be.md"), be);
    const result = await loadArticles(articles);
    expect(result.articles.filter((a) => a.id !== "good").map((a) => [a.id, a.title])).toEqual([["be", "記事の題"], ["le", "記事の題"]]);
    expect(result.warnings).toContainEqual({ file: "le.md", message: "read as utf-16le; saving it as UTF-8 is safer" });
  });
});
