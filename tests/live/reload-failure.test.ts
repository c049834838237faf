/**
 * /reload when the folder cannot be reloaded (emptied, or gone): the server manager who asked is told so, and
 * that the articles loaded before are still served; the bot logs why, once, as a warning. Over a live library
 * on a copy of the seeds and the real dispatcher, with a responder that records what would go to Discord.
 */
import { cpSync, readdirSync, renameSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/bot/dispatch.js";
import type { Logger } from "../../src/bot/log.js";
import { botContext } from "../../src/bot/start.js";
import { WORDS } from "../../src/render/i18n.js";
import { liveLibraries } from "../support/live-libraries.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();
const openLive = liveLibraries();

describe("/reload that fails", () => {
  it("says so privately, with how many articles are still served, instead of an apology with an error id", async () => {
    const dir = tempDir("kiji-reload-fails-");
    cpSync("seeds", dir, { recursive: true });
    const logs: string[] = [];
    const logger: Logger = { error: (m) => logs.push(`ERROR ${m}`), warn: (m) => logs.push(`WARN ${m}`), info: (m) => logs.push(`INFO ${m}`), debug: () => {} };
    const live = openLive({ articlesDir: dir, cacheDir: tempDir("kiji-reload-fails-cache-"), watch: false, worker: false, log: logger });
    await live.ready;
    const dispatch = createDispatcher(botContext({ library: live, logger, askCooldownMs: 0 }));
    // Emptied, as a sync job that deletes before it copies leaves it.
    const aside = tempDir("kiji-reload-aside-");
    for (const name of readdirSync(dir)) renameSync(path.join(dir, name), path.join(aside, name));

    for (const locale of ["en-US", "ja"] as const) {
      const sent: unknown[] = [];
      const record = async (body?: unknown) => void sent.push(body);
      await dispatch(
        { id: "1", application_id: "1", type: 2, token: "t", version: 1, locale, guild_id: "1", member: { user: { id: "2" } }, data: { id: "3", name: "reload", type: 1 } } as never,
        { respond: record, editOriginal: record, followUp: record, deleteOriginal: record },
      );
      const words = WORDS[locale === "ja" ? "ja" : "en"];
      expect(sent).toEqual([{ type: 4, data: expect.objectContaining({ flags: 64, embeds: [expect.objectContaining({ description: words.reloadFailed(2) })] }) }]);
    }
    expect(logs.filter((line) => line.startsWith("ERROR"))).toEqual([]);
    expect(logs.filter((line) => line.startsWith("WARN reload of"))).toHaveLength(2);
    expect(logs.filter((line) => line.startsWith("INFO /reload")).every((line) => line.includes("declined"))).toBe(true);
  });
});
