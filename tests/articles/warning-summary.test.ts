import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { summarizeWarnings } from "../../src/articles/warnings.js";
import { distEntry } from "../support/dist.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();
const NO_STRUCTURE = "no section headings found (a heading line followed by a question ending in ?); read as one section";

/** The first seed plus five digest pages without structure (each a warning with the same message) and one odd file. */
function folder(): string {
  const dir = tempDir("kiji-warnings-");
  copyFileSync(path.resolve("seeds/000_3639a94c7d503a1e.txt"), path.join(dir, "good.txt"));
  for (let i = 1; i <= 5; i++) writeFileSync(path.join(dir, `memo${i}.txt`), `メモ${i}\n今日は雨だった。\n明日は晴れるらしい。\n`);
  writeFileSync(path.join(dir, "notes.pdf"), "%PDF");
  // Plain prose Markdown (no `## `): a legitimate article, so no warning at all.
  writeFileSync(path.join(dir, "prose.md"), "---\ntitle: 散文\n---\n\n段落だけの記事です。\n\n二段落目。\n");
  return dir;
}

function run(entry: string, args: string[], dir: string) {
  const env = { ...process.env, ARTICLES_DIR: dir, CACHE_DIR: path.join(dir, ".cache"), NO_COLOR: "1" };
  return spawnSync(process.execPath, [distEntry(entry), ...args], { encoding: "utf8", env, timeout: 60_000 });
}

describe("loader warnings: one line per message in summaries, every file in npm run articles", () => {
  it("groups files with the same message into one line with a count and the first names", async () => {
    const { warnings, articles } = await loadArticles(folder());
    expect(articles.map((a) => a.id)).toContain("prose");
    expect(warnings.filter((w) => w.message === NO_STRUCTURE)).toHaveLength(5);
    expect(summarizeWarnings(warnings)).toEqual([
      `5 files: ${NO_STRUCTURE} (memo1.txt, memo2.txt, memo3.txt and 2 more; npm run articles lists each)`,
      "notes.pdf: ignored: not a .txt or .md article",
    ]);
  });

  it("names every file when there are few to name", () => {
    const warnings = [
      { file: "a.txt", message: "read as shift_jis; saving it as UTF-8 is safer" },
      { file: "b.txt", message: "read as shift_jis; saving it as UTF-8 is safer" },
    ];
    expect(summarizeWarnings(warnings)).toEqual(["2 files: read as shift_jis; saving it as UTF-8 is safer (a.txt, b.txt)"]);
  });

  it("npm run ask prints the grouped lines on stderr; npm run articles lists each file", () => {
    const dir = folder();
    const ask = run("cli/ask", ["今日の天気は?"], dir);
    expect(ask.status).toBe(0);
    const warningLines = ask.stderr.split("\n").filter((line) => line.startsWith("kiji-bot: warning:"));
    expect(warningLines).toEqual([
      `kiji-bot: warning: 5 files: ${NO_STRUCTURE} (memo1.txt, memo2.txt, memo3.txt and 2 more; npm run articles lists each)`,
      "kiji-bot: warning: notes.pdf: ignored: not a .txt or .md article",
    ]);
    const articles = run("cli/articles", [], dir);
    for (let i = 1; i <= 5; i++) expect(articles.stdout).toContain(`  warning: memo${i}.txt: ${NO_STRUCTURE}`);
    expect(articles.stdout).toContain("7 articles");
    expect(articles.stdout).toContain("6 warnings");
  });
});
