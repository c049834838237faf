/**
 * A system out of file watchers (inotify's max_user_watches or max_user_instances reached: ENOSPC or EMFILE
 * from fs.watch, common on hosts running editors or many containers) while the articles folder is there. The
 * kernel limit cannot be reached from a test, so fs.watch is made to fail as it then does; the retries run on
 * fake interval timers, never on the clock.
 */
import { cpSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { liveLibraries } from "../support/live-libraries.js";
import { tempDirs } from "../support/temp-dirs.js";

const limit = vi.hoisted(() => ({ reached: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const watch = ((...args: Parameters<typeof fs.watch>) => {
    if (limit.reached) throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached, watch"), { code: "ENOSPC" });
    return fs.watch(...args);
  }) as typeof fs.watch;
  return { ...fs, default: { ...fs, watch }, watch };
});

const tempDir = tempDirs();
const openLive = liveLibraries();

afterEach(() => {
  limit.reached = false;
  vi.useRealTimers();
});

describe("no file watcher to be had", () => {
  it("is one warning, not one every retry; when a watcher can be had again, that is logged once and watching resumes", async () => {
    const dir = tempDir("kiji-watch-limit-");
    cpSync("seeds", dir, { recursive: true });
    const logs: string[] = [];
    limit.reached = true;
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const live = openLive({ articlesDir: dir, cacheDir: tempDir("kiji-watch-limit-cache-"), worker: false, log: { info: (m) => logs.push(`INFO ${m}`), warn: (m) => logs.push(`WARN ${m}`) } });
    await live.ready;
    // An hour of retries, every 2 s.
    for (let i = 0; i < 1800; i++) vi.advanceTimersByTime(2_000);
    expect(logs.filter((line) => line.startsWith("WARN"))).toEqual([expect.stringMatching(/^WARN cannot watch .* \(ENOSPC\)/)]);
    limit.reached = false;
    vi.advanceTimersByTime(2_000);
    expect(logs.filter((line) => line.includes("watching"))).toEqual([expect.stringMatching(/^INFO watching .* again$/)]);
    for (let i = 0; i < 10; i++) vi.advanceTimersByTime(2_000);
    expect(logs.filter((line) => line.includes("watch"))).toHaveLength(2);
  });
});
