/**
 * The entry points as a user runs them, in child processes: `npm start` (src/bot/main.ts) and
 * `npm run deploy-commands`, against the fake Discord on 127.0.0.1 or with bad configuration.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";
import { FakeDiscord, IDS, interactionPayload } from "./fake-discord.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");
const TOKEN = "ZmFrZS1ib3Q.fake.token-for-tests";

let fake: FakeDiscord;
/** An empty working directory, so no developer's .env is read. */
let cwd: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = mkdtempSync(path.join(tmpdir(), "kiji-main-"));
});

afterAll(async () => {
  await fake?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

interface Child {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Runs one of our TypeScript entry points with only the environment given (plus PATH and HOME). */
function start(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [TSX, path.join(ROOT, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ARTICLES_DIR: SEEDS_DIR, CACHE_DIR: path.join(cwd, ".cache"), ...env },
  });
  const result: Child = {
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    waitFor: async (pattern, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(result.stdout + result.stderr)) {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}:\n${result.stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${result.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  child.stdout.on("data", (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (result.stderr += chunk.toString()));
  return result;
}

/** No stack trace: no `    at f (file:line)` lines. */
const STACK = /^\s+at .+[:(]/m;

describe("npm start", () => {
  it("without a token: says how to set one and that npm run ask works without Discord; exit 1, no stack", async () => {
    const child = start("src/bot/main.ts", {});
    expect(await child.exit).toBe(1);
    expect(child.stderr).toContain("DISCORD_TOKEN");
    expect(child.stderr).toContain("npm run ask");
    expect(child.stderr).toContain("DISCORD_CLIENT_ID");
    expect(child.stderr).not.toMatch(STACK);
  });

  it("with bad values: one message listing each problem and its fix", async () => {
    const child = start("src/bot/main.ts", { DISCORD_TOKEN: "not-a-token", DISCORD_CLIENT_ID: "abc", LOG_LEVEL: "loud" });
    expect(await child.exit).toBe(1);
    for (const name of ["DISCORD_TOKEN", "DISCORD_CLIENT_ID", "LOG_LEVEL"]) expect(child.stderr).toContain(name);
    expect(child.stderr).not.toMatch(STACK);
  });

  it("with a missing articles folder: says which folder and how to set it", async () => {
    const child = start("src/bot/main.ts", { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, ARTICLES_DIR: path.join(cwd, "nowhere") });
    expect(await child.exit).toBe(1);
    expect(child.stderr).toContain("nowhere");
    expect(child.stderr).toContain("ARTICLES_DIR");
    expect(child.stderr).not.toMatch(STACK);
  });

  it("builds the index, logs in, logs ready with the article count, answers, and stops cleanly on SIGTERM", async () => {
    const child = start("src/bot/main.ts", { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: "info" });
    try {
      await child.waitFor(/ready as .* answering from 2 article\(s\)/);
      // The index was ready before the bot logged in.
      expect(child.stderr.indexOf("index ready")).toBeLessThan(child.stderr.indexOf("ready as"));
      const { token, payload } = interactionPayload(fake, { command: "sources" });
      fake.dispatch("INTERACTION_CREATE", payload);
      const [reply] = await fake.waitForRequests(token, 1);
      expect((reply!.body as { type: number }).type).toBe(4);
      child.kill("SIGTERM");
      expect(await child.exit).toBe(0);
      expect(child.stderr).toContain("SIGTERM: shutting down");
      expect(child.stderr).toContain("disconnected from Discord");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("a token Discord refuses: a short message saying so, exit 1", async () => {
    const refusing = await FakeDiscord.start();
    refusing.refuseToken();
    try {
      const child = start("src/bot/main.ts", { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, DISCORD_API_URL: refusing.apiUrl });
      expect(await child.exit).toBe(1);
      expect(child.stderr).toContain("Discord refused DISCORD_TOKEN");
      expect(child.stderr).not.toMatch(STACK);
    } finally {
      await refusing.stop();
    }
  });
});

describe("npm run deploy-commands", () => {
  it("registers the four commands to the server when DISCORD_GUILD_ID is set, and prints them", async () => {
    const child = start("src/bot/deploy-commands.ts", { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, DISCORD_GUILD_ID: IDS.guild, DISCORD_API_URL: fake.apiUrl });
    expect(await child.exit).toBe(0);
    const put = fake.requests.filter((r) => r.method === "PUT");
    expect(put.map((r) => r.path)).toEqual([`/applications/${IDS.application}/guilds/${IDS.guild}/commands`]);
    expect(put[0]!.schemaErrors).toEqual([]);
    expect(put[0]!.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect((put[0]!.body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(["ask", "reload", "sources", "summary"]);
    expect(child.stdout).toMatch(new RegExp(`Registered 4 command\\(s\\) to server ${IDS.guild}.*/ask, /sources, /summary, /reload`));
  });

  it("registers globally without DISCORD_GUILD_ID", async () => {
    const before = fake.requests.length;
    const child = start("src/bot/deploy-commands.ts", { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, DISCORD_API_URL: fake.apiUrl });
    expect(await child.exit).toBe(0);
    const put = fake.requests.slice(before).filter((r) => r.method === "PUT");
    expect(put.map((r) => r.path)).toEqual([`/applications/${IDS.application}/commands`]);
    expect(put[0]!.schemaErrors).toEqual([]);
    expect(child.stdout).toContain("globally");
  });

  it("without a token: the configuration message, exit 1", async () => {
    const child = start("src/bot/deploy-commands.ts", {});
    expect(await child.exit).toBe(1);
    expect(child.stderr).toContain("DISCORD_TOKEN");
    expect(child.stderr).not.toMatch(STACK);
  });
});
