/**
 * `npm run sources` and `npm run summary` as a user runs them: the same answers the slash commands render
 * (`--json` is the answer model itself), readable text otherwise, and short messages for bad input.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { listSources } from "../../src/answers/sources.js";
import { renderSourcesDiscord } from "../../src/render/discord/sources.js";
import { WORDS } from "../../src/render/i18n.js";
import { loadSeedArticles, SEEDS_DIR } from "../discord/seed-fixtures.js";
import { distEntry } from "../support/dist.js";

const cwd = mkdtempSync(path.join(tmpdir(), "kiji-cli-"));
const seeds = await loadSeedArticles();

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function run(script: string, args: string[], locale: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [distEntry(`cli/${script.replace(/\.ts$/, "")}`), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ARTICLES_DIR: SEEDS_DIR, CACHE_DIR: path.join(cwd, ".cache"), ...locale },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const urlsIn = (text: string) => new Set(text.match(/https?:\/\/[^\s)\]]+/g) ?? []);

describe("npm run sources", () => {
  it("--json prints the answer model the /sources command renders", async () => {
    const { code, stdout } = await run("sources.ts", ["--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(listSources(seeds));
  });

  it("prints the same articles and links as /sources, in the chosen language", async () => {
    const { code, stdout } = await run("sources.ts", ["--lang", "ja"]);
    expect(code).toBe(0);
    for (const article of seeds) expect(stdout).toContain(article.title);
    expect(stdout).toContain(WORDS.ja.sourcesTitle);
    const discord = renderSourcesDiscord(listSources(seeds), "ja").flatMap((m) => m.embeds.map((e) => e.description ?? "")).join("\n");
    expect(urlsIn(stdout)).toEqual(urlsIn(discord));
  });

  it("speaks the system locale's language when --lang is not given", async () => {
    const ja = await run("sources.ts", [], { LC_ALL: "ja_JP.UTF-8", LANG: "ja_JP.UTF-8" });
    expect(ja.stdout).toContain(WORDS.ja.sourcesTitle);
    const en = await run("sources.ts", [], { LC_ALL: "en_US.UTF-8", LANG: "en_US.UTF-8" });
    expect(en.stdout).toContain(WORDS.en.sourcesTitle);
  });

  it("one article by part of its title; an unknown one exits 1 with suggestions", async () => {
    const one = await run("sources.ts", ["ホワイトハウス会談", "--json"]);
    expect(JSON.parse(one.stdout).listing.articles.map((a: { id: string }) => a.id)).toEqual([seeds[1]!.id]);
    const unknown = await run("sources.ts", ["--lang=en", "ゼレンスキー"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(WORDS.en.didYouMean);
    expect(unknown.stdout).toContain("npm run sources");
  });

  it("a bad option gets the usage, exit 1", async () => {
    const { code, stderr } = await run("sources.ts", ["--lang", "fr"]);
    expect(code).toBe(1);
    expect(stderr).toContain("usage: npm run sources");
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe("npm run summary", () => {
  it("prints each article's conclusions, marked 💡, and --json gives the answer model", async () => {
    const text = await run("summary.ts", ["--lang", "en"]);
    expect(text.code).toBe(0);
    for (const article of seeds) for (const point of article.conclusions) expect(text.stdout).toContain(`💡 ${point}`);
    expect(text.stdout).toContain(WORDS.en.conclusionsNote);
    const json = await run("summary.ts", [seeds[0]!.id, "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      kind: "summaries",
      summaries: [{ articleId: seeds[0]!.id, title: seeds[0]!.title, url: seeds[0]!.url, origin: "conclusions", points: seeds[0]!.conclusions }],
    });
  });
});
