/**
 * `npm run serve` as a user runs it, in a child process: configuration errors, then the endpoint on a free
 * port answering Discord's PING and signed commands through the real dispatcher, recording answers in the
 * feedback database as `npm start` does, and a clean exit on SIGTERM.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { distEntry } from "../support/dist.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { ownQa } from "../ask/library.js";
import { FakeDiscord, IDS, interactionPayload, OPTION } from "../e2e/fake-discord.js";
import { send, signedHeaders, testKeys } from "./signed-requests.js";

/** No stack trace: no `    at f (file:line)` lines. */
const STACK = /^\s+at .+[:(]/m;

let fake: FakeDiscord;
/** An empty working directory, so no developer's .env is read. */
let cwd: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = mkdtempSync(path.join(tmpdir(), "kiji-serve-"));
});

afterAll(async () => {
  await fake?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [distEntry("bot/serve")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ARTICLES_DIR: SEEDS_DIR, CACHE_DIR: path.join(cwd, ".cache"), ...env },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    get stderr() {
      return stderr;
    },
    exit,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = stderr.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe("npm run serve", () => {
  it("without a public key or application id: says where to find each, and needs no token; exit 1, no stack", async () => {
    const child = serve({});
    expect(await child.exit).toBe(1);
    expect(child.stderr).toContain("DISCORD_PUBLIC_KEY is not set");
    expect(child.stderr).toContain("DISCORD_CLIENT_ID is not set");
    expect(child.stderr).not.toContain("DISCORD_TOKEN");
    expect(child.stderr).not.toMatch(STACK);
  });

  it("with a port in use: says so and how to choose another; exit 1", async () => {
    const child = serve({ DISCORD_PUBLIC_KEY: testKeys().publicKeyHex, DISCORD_CLIENT_ID: IDS.application, PORT: String(fake.port) });
    expect(await child.exit).toBe(1);
    expect(child.stderr).toContain(`port ${fake.port} is in use`);
    expect(child.stderr).not.toMatch(STACK);
  });

  it("with a health endpoint it cannot serve: says which variable to change; exit 1", async () => {
    const base = { DISCORD_PUBLIC_KEY: testKeys().publicKeyHex, DISCORD_CLIENT_ID: IDS.application, PORT: "0" };
    const busy = serve({ ...base, HEALTH_PORT: String(fake.port) });
    const foreign = serve({ ...base, HEALTH_PORT: "0", HEALTH_HOST: "192.0.2.1" });
    for (const child of [busy, foreign]) {
      expect(await child.exit).toBe(1);
      expect(child.stderr).not.toMatch(STACK);
    }
    expect(busy.stderr).toContain(`health endpoint on 127.0.0.1:${fake.port} (EADDRINUSE). Choose another HEALTH_PORT`);
    expect(foreign.stderr).toContain("health endpoint on 192.0.2.1:0 (EADDRNOTAVAIL). Set HEALTH_HOST to an address of this machine");
  });

  it("answers PING and a signed command, refuses a bad signature, and stops cleanly on SIGTERM", async () => {
    const keys = testKeys();
    const child = serve({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_CLIENT_ID: IDS.application, DISCORD_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "info" });
    try {
      const port = Number((await child.waitFor(/listening for Discord interactions on port (\d+)/))[1]);
      const ping = JSON.stringify({ id: fake.id(), application_id: IDS.application, type: 1, token: "t", version: 1 });
      expect((await send(port, { body: ping, headers: signedHeaders(keys, ping) })).json()).toEqual({ type: 1 });
      expect((await send(port, { body: ping, headers: signedHeaders(testKeys(), ping) })).status).toBe(401);

      await child.waitFor(/index ready: 2 article\(s\)/);
      const { payload } = interactionPayload(fake, { command: "sources" });
      const body = JSON.stringify(payload);
      const answer = await send(port, { body, headers: signedHeaders(keys, body) });
      expect(answer.status).toBe(200);
      const response = answer.json() as { type: number; data: { embeds: Array<{ title?: string }>; allowed_mentions: unknown } };
      expect(response.type).toBe(4);
      expect(response.data.embeds.length).toBeGreaterThan(0);
      expect(response.data.allowed_mentions).toEqual({ parse: [] });

      const question = ownQa.questions[0]!.q;
      // Asked by two members: a past question is suggested (answeredQuestions) only once two have asked it.
      for (const userId of [IDS.user, "222222222222222222"]) {
        const ask = JSON.stringify(interactionPayload(fake, { command: "ask", userId, options: [{ name: "question", type: OPTION.string, value: question }] }).payload);
        expect(((await send(port, { body: ask, headers: signedHeaders(keys, ask) })).json() as { type: number }).type).toBe(4);
      }

      child.kill("SIGTERM");
      expect(await child.exit).toBe(0);
      expect(child.stderr).toContain("SIGTERM: shutting down");
      expect(child.stderr).not.toMatch(STACK);
      // The answer was recorded in FEEDBACK_DB (default under CACHE_DIR), as `npm start` records it.
      const store = openFeedbackStore(path.join(cwd, ".cache", "feedback.sqlite"), (message) => expect.unreachable(message));
      try {
        expect(store.answeredQuestions(10)).toContain(question);
      } finally {
        store.close();
      }
    } finally {
      child.kill("SIGKILL");
    }
  });
});
