/**
 * An articles folder that changes while the bot is starting: a file saved after the first load has read the
 * folder, but before that load is done (a sync job still copying, an admin saving an edit during a long start),
 * is picked up by itself, as any later change is. Every reload is awaited (its onReload event), never slept on.
 */
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import type { ReloadReport } from "../../src/answers/live-library.js";
import { liveLibraries } from "../support/live-libraries.js";
import { tempDirs } from "../support/temp-dirs.js";
import { NEW_ARTICLE, RAMEN_QUESTION } from "./edits.js";

const tempDir = tempDirs();
const openLive = liveLibraries();

describe("changes while the first load runs", () => {
  // Fails by this timeout, not by an assertion, when the change is never picked up.
  it("an article saved after the folder was read, before the library is ready, is served without another change", { timeout: 30_000 }, async () => {
    const dir = tempDir("kiji-start-up-");
    cpSync("seeds", dir, { recursive: true });
    let reloaded!: (report: ReloadReport) => void;
    const firstReload = new Promise<ReloadReport>((resolve) => (reloaded = resolve));
    // Without the worker, the first load reads the folder before openLiveLibrary returns.
    const live = openLive({ articlesDir: dir, cacheDir: tempDir("kiji-start-up-cache-"), worker: false, debounceMs: 50, onReload: (report) => reloaded(report) });
    writeFileSync(path.join(dir, "ramen.txt"), NEW_ARTICLE);

    const first = await live.ready;
    // The article came after the listing: the first library does not have it.
    expect(first.articles.map((article) => article.id)).not.toContain("ramen");
    expect((await firstReload).added).toEqual(["ramen"]);
    const answer = ask(live.current()!, RAMEN_QUESTION, { top: 1 });
    expect(answer.kind === "answered" ? answer.passages[0]!.articleId : answer.kind).toBe("ramen");
  });
});
