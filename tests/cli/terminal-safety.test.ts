/**
 * Nothing printed to a terminal carries an escape sequence or control character from a question, an article or
 * a file name. The renderers are checked in-process on seed passages with escapes put in; two commands are
 * spawned to see it end to end, with `--help`.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listSources } from "../../src/answers/sources.js";
import { wantsHelp } from "../../src/cli/run.js";
import { renderAskJson, renderAskText } from "../../src/render/terminal/ask.js";
import { terminalJson } from "../../src/render/terminal/safe.js";
import { renderSourcesText } from "../../src/render/terminal/sources.js";
import { renderSummaryText } from "../../src/render/terminal/summary.js";
import { loadSeedArticles, passageFrom } from "../discord/seed-fixtures.js";

const TSX = path.resolve("node_modules/.bin/tsx");
const work = mkdtempSync(path.join(tmpdir(), "kiji-term-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const seeds = await loadSeedArticles();
/** Clears the screen, sets the window title, recolours, reverses the text, and rings the bell. */
const HOSTILE = "\u001b[2J\u001b]0;pwned\u0007\u001b[31m\u202e\u009b6n\u0007";
/** Any escape or control character but newline and tab, or a bidi override. */
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe("terminal renderers", () => {
  it("an answer's question, passage, title, section and publisher are printed without their escapes", () => {
    const passage = passageFrom(seeds[0]!, 1, 0);
    const dirty = {
      ...passage,
      text: `${HOSTILE}${passage.text}`,
      articleTitle: `${passage.articleTitle}${HOSTILE}`,
      section: `${HOSTILE}${passage.section}`,
      publisher: `${HOSTILE}毎日`,
    };
    for (const color of [false, true]) {
      const text = renderAskText({ kind: "answered", query: `会談${HOSTILE}は?`, passages: [dirty] }, { locale: "ja", color });
      expect(text.replace(/\u001b\[(?:1|22)m/g, "")).not.toMatch(RAW);
      expect(text).toContain("「会談は?」について");
      expect(text).toContain(passage.articleTitle);
      expect(text).toContain(passage.section);
    }
    // The best sentence is still marked.
    expect(renderAskText({ kind: "answered", query: "q", passages: [dirty] }, { locale: "ja" })).toContain(`▶${passage.bestSentence}◀`);
    expect(renderAskText({ kind: "not-found", query: `天気${HOSTILE}` }, { locale: "en" })).not.toMatch(RAW);
  });

  it("JSON keeps the value but escapes what a terminal would act on", () => {
    const value = renderAskJson({ kind: "not-found", query: `天気${HOSTILE}` });
    const line = terminalJson(value);
    expect(line).not.toMatch(RAW);
    expect(JSON.parse(line)).toEqual(value);
  });

  it("sources and summaries of an article with escapes in its title and publisher", () => {
    const article = { ...seeds[0]!, title: `${HOSTILE}${seeds[0]!.title}` };
    article.sections = article.sections.map((s) => ({ ...s, heading: `${s.heading}${HOSTILE}`, sources: s.sources.map((c) => ({ ...c, publisher: `${HOSTILE}${c.publisher}` })) }));
    expect(renderSourcesText(listSources([article]), "ja")).not.toMatch(RAW);
    expect(renderSourcesText(listSources([article], { article: `x${HOSTILE}` }), "ja")).not.toMatch(RAW);
    const summary = renderSummaryText({ kind: "summaries", summaries: [{ articleId: "a", title: article.title, url: null, origin: "conclusions", points: [`${HOSTILE}点`] }] }, "en");
    expect(summary).not.toMatch(RAW);
    expect(summary).toContain(seeds[0]!.title);
  });
});

describe("the commands", () => {
  it("--help (or -h) is a request for the usage, before any `--`", () => {
    expect(wantsHelp(["--help"])).toBe(true);
    expect(wantsHelp(["--json", "-h"])).toBe(true);
    expect(wantsHelp(["--", "--help"])).toBe(false);
    expect(wantsHelp(["質問"])).toBe(false);
  });

  it("ask --help prints the usage on stdout and exits 0", () => {
    const run = spawnSync(TSX, ["src/cli/ask.ts", "--help"], { encoding: "utf8", env: { ...process.env, ARTICLES_DIR: "seeds", CACHE_DIR: path.join(work, "cache") } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run ask/);
  });

  it("npm run articles names files with escape codes in their names, and a link outside, without the escapes", () => {
    const dir = path.join(work, "articles");
    rmSync(dir, { recursive: true, force: true });
    spawnSync("mkdir", [dir]);
    copyFileSync(path.resolve("seeds/000_3639a94c7d503a1e.txt"), path.join(dir, `\u001b[2Jclear\u001b[0m.txt`));
    writeFileSync(path.join(work, ".env"), "DISCORD_TOKEN=secret-token-value\n");
    symlinkSync(path.join(work, ".env"), path.join(dir, `\u001b]0;pwned\u0007token.md`));
    writeFileSync(path.join(dir, `notes\u0007.doc`), "x");
    const run = spawnSync(TSX, ["src/cli/articles.ts"], { encoding: "utf8", env: { ...process.env, ARTICLES_DIR: dir } });
    expect(run.status).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(RAW);
    expect(output).not.toContain("secret-token-value");
    expect(run.stdout).toContain("clear  ウクライナ和平交渉の行方?");
    expect(run.stdout).toMatch(/warning: token\.md: skipped: a link to a file outside the articles folder/);
    expect(run.stdout).toContain("warning: notes.doc: ignored");
  });
});
