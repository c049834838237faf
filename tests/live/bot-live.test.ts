/**
 * The live library behind the real bot, against the fake Discord on 127.0.0.1: while /ask keeps arriving,
 * files of a temporary copy of the seeds are edited, added and deleted, and /reload says what changed; the next
 * /ask quotes the new text, and every interaction of the stream is answered.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLiveLibrary, type LiveLibrary } from "../../src/answers/live-library.js";
import { createLogger } from "../../src/bot/log.js";
import { startBot, type RunningBot } from "../../src/bot/start.js";
import { FakeDiscord, IDS, interactionPayload, OPTION } from "../e2e/fake-discord.js";
import { EDITED_SEED, OLD_SENTENCE, NEW_SENTENCE, SUPPORT_QUESTION, NEW_ARTICLE } from "./edits.js";

const TOKEN = "ZmFrZS1ib3Q.fake.token-for-live-tests";

let dir: string;
let cacheDir: string;
let fake: FakeDiscord;
let live: LiveLibrary;
let bot: RunningBot;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kiji-live-bot-"));
  cacheDir = mkdtempSync(path.join(tmpdir(), "kiji-live-bot-cache-"));
  cpSync("seeds", dir, { recursive: true });
  fake = await FakeDiscord.start();
  // No watcher: every rebuild here is the one /reload asks for, so each reply reports exactly one step.
  live = openLiveLibrary({ articlesDir: dir, cacheDir, watch: false });
  bot = await startBot({
    discord: { token: TOKEN, clientId: IDS.application, guildId: undefined, apiUrl: fake.apiUrl },
    library: live,
    logger: createLogger("warn", () => {}),
    askCooldownMs: 0,
  });
  await live.ready;
});

afterAll(async () => {
  await bot?.stop();
  live?.close();
  await fake?.stop();
  for (const folder of [dir, cacheDir]) if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Dispatches an interaction; resolves with everything the bot sent for it once its answer (not a deferral) is there. */
async function send(command: string, question?: string): Promise<string> {
  const options = question === undefined ? [] : [{ name: "question", type: OPTION.string, value: question }];
  const { token, payload } = interactionPayload(fake, { command, options });
  fake.dispatch("INTERACTION_CREATE", payload);
  const answered = () =>
    fake.requestsFor(token).some((r) => {
      const body = r.body as { type?: number; embeds?: unknown[]; data?: { embeds?: unknown[] } };
      return r.path.endsWith("/callback") ? body.type === 4 : Boolean(body.embeds?.length);
    });
  await fake.waitUntil(answered, 20_000, `the answer to /${command}`);
  return JSON.stringify(fake.requestsFor(token).map((r) => r.body));
}

describe("the bot on a live library", () => {
  it("edits, adds and deletes reach /ask through /reload while other questions keep being answered", async () => {
    expect(await send("ask", SUPPORT_QUESTION)).toContain(OLD_SENTENCE);

    // A stream of questions runs through every step below.
    let streaming = true;
    const stream: Promise<string>[] = [];
    const feeding = (async () => {
      while (streaming) {
        stream.push(send("ask", SUPPORT_QUESTION));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();

    const file = path.join(dir, `${EDITED_SEED}.txt`);
    writeFileSync(file, readFileSync(file, "utf8").replace(OLD_SENTENCE, NEW_SENTENCE));
    const edited = await send("reload");
    expect(edited).toContain("Changed (1)");
    expect(edited).toContain(EDITED_SEED.replaceAll("_", "\\\\_"));
    const after = await send("ask", SUPPORT_QUESTION);
    expect(after).toContain(NEW_SENTENCE);
    expect(after).not.toContain(OLD_SENTENCE);

    writeFileSync(path.join(dir, "ramen.txt"), NEW_ARTICLE);
    writeFileSync(path.join(dir, "broken.txt"), Buffer.from([0x41, 0x00, 0x42]));
    const added = await send("reload");
    expect(added).toContain("Added (1)");
    expect(added).toContain("ramen");
    expect(added).not.toContain("broken");
    expect(await send("ask", "札幌の老舗ラーメン店が発売したのは?")).toContain("味噌ラーメン");

    unlinkSync(path.join(dir, "ramen.txt"));
    const removed = await send("reload");
    expect(removed).toContain("Removed (1)");
    expect(await send("ask", "札幌の老舗ラーメン店が発売したのは?")).not.toContain("白味噌");

    streaming = false;
    await feeding;
    const answers = await Promise.all(stream);
    expect(answers.length).toBeGreaterThan(3);
    // Every question of the stream was answered, each from the old text or the new, never from neither.
    for (const answer of answers) expect(answer.includes(OLD_SENTENCE) || answer.includes(NEW_SENTENCE)).toBe(true);
  });
});
