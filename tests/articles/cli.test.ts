import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { distEntry } from "../support/dist.js";


function articlesCommand(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [distEntry("cli/articles"), ...args], { encoding: "utf8", env: { ...process.env, ...env } });
}

describe("npm run articles", () => {
  it("prints each article with its sections, questions and sources, then the totals", () => {
    const run = articlesCommand([], { ARTICLES_DIR: "seeds" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("000_3639a94c7d503a1e  ウクライナ和平交渉の行方?");
    expect(run.stdout).toContain("Q: トランプ政権、ウクライナ支援再開の条件は?  A: 鉱物資源権益署名、領土譲渡の意思確認。");
    expect(run.stdout).toContain("公式サイト(フォーブスジャパン)  https://forbesjapan.com/articles/detail/77508");
    expect(run.stdout).toContain("2 articles, 6 sections, 66 paragraphs, 6 sources, 0 warnings");
    expect(run.stdout).toContain("9 paragraphs, 1 source\n");
  });

  it("prints the model as JSON with --json", () => {
    const run = articlesCommand(["--json"], { ARTICLES_DIR: "seeds" });
    const parsed = JSON.parse(run.stdout) as { articles: Array<{ id: string; conclusions: string[] }>; warnings: unknown[] };
    expect(parsed.articles.map((a) => [a.id, a.conclusions.length])).toEqual([
      ["000_3639a94c7d503a1e", 3],
      ["002_f48635b7877d06da", 3],
    ]);
  });

  it("names a missing folder and how to set ARTICLES_DIR, with no stack trace", () => {
    const run = articlesCommand([], { ARTICLES_DIR: "no-such-folder" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `kiji-bot: the articles folder ${path.resolve("no-such-folder")} does not exist. Put .txt or .md articles there, or set ARTICLES_DIR (in .env or the environment) to the folder that holds them; the default is seeds/.`,
    );
  });
});
