/**
 * The entry points as a user runs them, in child processes: `npm start` and `node dist/bot/main.js`, and
 * `npm run deploy-commands`, against the fake Discord on 127.0.0.1 or with bad configuration. Starting a
 * bot costs a second or two, so each test here checks several things about one process.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";
import { distEntry } from "../support/dist.js";
import { FakeDiscord, IDS, interactionPayload } from "./fake-discord.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOKEN = "ZmFrZS1ib3Q.fake.token-for-tests";

let fake: FakeDiscord;
/** A fake Discord that refuses every token. */
let refusing: FakeDiscord;
/** An empty working directory, so no developer's .env is read. */
let cwd: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  refusing = await FakeDiscord.start();
  refusing.refuseToken();
  cwd = mkdtempSync(path.join(tmpdir(), "kiji-main-"));
  // The index cache, built once here, so that every bot below starts from it.
  execFileSync(process.execPath, [distEntry("cli/build-index")], { cwd, env: baseEnv(), stdio: "ignore" });
});

afterAll(async () => {
  await Promise.all([fake?.stop(), refusing?.stop()]);
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

/**
 * Every variable set (empty means unset), so that a .env in the working directory, which never overrides the
 * environment, changes nothing: `npm start` runs in the project folder, where a developer may keep one.
 */
function baseEnv(): Record<string, string> {
  const unset = Object.fromEntries(
    ["DISCORD_TOKEN", "DISCORD_CLIENT_ID", "DISCORD_GUILD_ID", "DISCORD_API_URL", "HEALTH_PORT", "HEALTH_HOST", "NO_COLOR"].map((name) => [name, ""]),
  );
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...unset, LOG_LEVEL: "info", ARTICLES_DIR: SEEDS_DIR, CACHE_DIR: path.join(cwd, ".cache") };
}

const botEnv = (api: FakeDiscord = fake) => ({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: IDS.application, DISCORD_API_URL: api.apiUrl });

interface Child {
  process: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Runs a command with only the environment given (plus PATH, HOME and the seeds). */
function run(command: string, args: string[], env: Record<string, string>, options: { cwd?: string } = {}): Child {
  const child = spawn(command, args, { cwd: options.cwd ?? cwd, env: { ...baseEnv(), ...env } });
  const result: Child = {
    process: child,
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
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

/** `node dist/<entry>.js`, as the README says to run the bot in production. */
const node = (entry: string, env: Record<string, string>, nodeArgs: string[] = []) => run(process.execPath, [...nodeArgs, distEntry(entry)], env);

/** No stack trace: no `    at f (file:line)` lines. */
const STACK = /^\s+at .+[:(]/m;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the bot process", () => {
  it("serves /healthz, survives an unhandled rejection, answers, and on SIGTERM answers what is in flight, disconnects and exits 0", async () => {
    // A promise rejected with no handler, 1.5 s into the real bot process, as a bug in a reply path would.
    const reject = `data:text/javascript,setTimeout(() => Promise.reject(new Error("a lost promise")), 1500)`;
    const child = node("bot/main", { ...botEnv(), HEALTH_PORT: "0", LOG_LEVEL: "info" }, ["--import", reject]);
    try {
      await child.waitFor(/health endpoint: http:\/\/127\.0\.0\.1:\d+\/healthz/);
      await child.waitFor(/ready as .* answering from 2 article\(s\)/);
      // The index was ready before the bot logged in.
      expect(child.stderr.indexOf("index ready")).toBeLessThan(child.stderr.indexOf("ready as"));
      const health = await fetch(`${/health endpoint: (\S+)/.exec(child.stderr)![1]}`);
      expect(health.status).toBe(200);
      const status = (await health.json()) as Record<string, unknown>;
      expect(status).toMatchObject({ ready: true, articles: 2 });
      expect(Date.parse(status.lastReload as string)).not.toBeNaN();
      expect(typeof status.uptimeSeconds).toBe("number");

      await child.waitFor(/a promise was rejected and not handled \(the bot keeps running\)\n.*a lost promise/);
      const first = interactionPayload(fake, { command: "sources" });
      fake.dispatch("INTERACTION_CREATE", first.payload);
      const [reply] = await fake.waitForRequests(first.token, 1);
      expect((reply!.body as { type: number }).type).toBe(4);

      // An answer in progress when the signal comes (Discord holds its callback for a second): the bot
      // waits for it before it disconnects.
      const inFlight = interactionPayload(fake, { command: "sources" });
      fake.holdCallbackFor(inFlight.token, 1000);
      fake.dispatch("INTERACTION_CREATE", inFlight.payload);
      await fake.waitForRequests(inFlight.token, 1);
      child.kill("SIGTERM");
      expect(await child.exit).toBe(0);
      expect(fake.callbackDelivered(inFlight.token)).toBe(true);
      expect(child.stderr).toContain("SIGTERM: shutting down");
      expect(child.stderr).toContain("disconnected from Discord");
      expect(child.stderr).not.toContain("without them");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("`npm start` passes SIGINT to the bot, which stops within its deadline however long an answer takes, exits 0 and leaves no process behind", async () => {
    const slow = await FakeDiscord.start();
    const child = run("npm", ["start"], botEnv(slow), { cwd: ROOT });
    try {
      await child.waitFor(/ready as /);
      // An answer that would take 30 s (Discord holds its callback): the bot does not wait past 4.5 s.
      const stuck = interactionPayload(slow, { command: "sources" });
      slow.holdCallbackFor(stuck.token, 30_000);
      slow.dispatch("INTERACTION_CREATE", stuck.payload);
      await slow.waitForRequests(stuck.token, 1);
      // npm starts `sh -c "exec node ..."`: the shell becomes node, npm's only child.
      const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(child.process.pid)], { encoding: "utf8" }).trim().split("\n");
      expect(children).toHaveLength(1);
      expect(children[0]).toMatch(/node .*dist\/bot\/main\.js/);
      const botPid = Number(children[0]!.trim().split(/\s+/)[0]);
      child.kill("SIGINT");
      expect(await child.exit).toBe(0);
      expect(child.stderr).toContain("SIGINT: shutting down");
      expect(child.stderr).toContain("answers still in progress after 4500 ms: disconnecting without them");
      expect(slow.callbackDelivered(stuck.token)).not.toBe(true);
      expect(alive(botPid)).toBe(false);
    } finally {
      child.kill("SIGKILL");
      await slow.stop();
    }
  });

  it("/healthz says 503 while the gateway connection is down, and a stop then still exits 0", async () => {
    const flaky = await FakeDiscord.start();
    const child = node("bot/main", { ...botEnv(flaky), HEALTH_PORT: "0" });
    try {
      await child.waitFor(/ready as /);
      const url = `${/health endpoint: (\S+)/.exec(child.stderr)![1]}`;
      const ready = async () => ((await (await fetch(url)).json()) as { ready: boolean }).ready;
      expect(await ready()).toBe(true);
      flaky.refuseGateway();
      // 4000 (unknown error) is one discord.js resumes after: it tries, and cannot get through.
      flaky.closeGateway(4000);
      await child.waitFor(/shard 0 disconnected \(code 4000\)|shard 0 reconnecting/);
      expect(await ready()).toBe(false);
      expect((await fetch(url)).status).toBe(503);
      child.kill("SIGTERM");
      expect(await child.exit).toBe(0);
    } finally {
      child.kill("SIGKILL");
      await flaky.stop();
    }
  });

  it("a signal while logging in stops at once, exit 0", async () => {
    const silent = await FakeDiscord.start();
    silent.holdGatewayDiscovery();
    const child = node("bot/main", botEnv(silent));
    try {
      await child.waitFor(/index ready/);
      await silent.waitUntil(() => silent.requests.some((r) => r.path === "/gateway/bot"), 30_000, "the bot to ask for the gateway");
      child.kill("SIGTERM");
      expect(await child.exit).toBe(0);
      expect(child.stderr).toContain("SIGTERM: shutting down");
      expect(child.stderr).not.toContain("ready as");
    } finally {
      child.kill("SIGKILL");
      await silent.stop();
    }
  });

  it("fatal gateway closes, while logging in and later, say what happened and how to fix it, and exit 78", async () => {
    const closing = await FakeDiscord.start();
    const later = await FakeDiscord.start();
    try {
      closing.closeOnIdentify(4004);
      const atLogin = node("bot/main", botEnv(closing));
      const running = node("bot/main", botEnv(later));
      await running.waitFor(/ready as /);
      later.closeGateway(4014);
      expect(await atLogin.exit).toBe(78);
      expect(atLogin.stderr).toMatch(/Discord closed the gateway connection with code 4004 \(authentication failed.*\)\. To fix it: reset the token/);
      expect(await running.exit).toBe(78);
      expect(running.stderr).toMatch(/code 4014 \(disallowed intents.*Privileged Gateway Intents/);
      for (const child of [atLogin, running]) expect(child.stderr).not.toMatch(STACK);
    } finally {
      await Promise.all([closing.stop(), later.stop()]);
    }
  });
});

describe("a bot that cannot start says why in one message, exit 1, no stack", () => {
  it("no token, bad values, a missing or empty articles folder, a busy health port, a REST server answering HTML", async () => {
    const empty = path.join(cwd, "empty");
    mkdirSync(empty, { recursive: true });
    const html = await FakeDiscord.start();
    html.answerHtml();
    const busy = await FakeDiscord.start();
    try {
      const children = {
        noToken: node("bot/main", {}),
        badValues: node("bot/main", { DISCORD_TOKEN: "not-a-token", DISCORD_CLIENT_ID: "abc", LOG_LEVEL: "loud" }),
        missing: node("bot/main", { ...botEnv(), ARTICLES_DIR: path.join(cwd, "nowhere") }),
        empty: node("bot/main", { ...botEnv(), ARTICLES_DIR: empty }),
        busyPort: node("bot/main", { ...botEnv(), HEALTH_PORT: String(busy.port) }),
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: EADDRNOTAVAIL, HEALTH_HOST's to fix, not HEALTH_PORT's.
        foreignHost: node("bot/main", { ...botEnv(), HEALTH_PORT: "0", HEALTH_HOST: "192.0.2.1" }),
        html: node("bot/main", botEnv(html)),
        refused: node("bot/main", botEnv(refusing)),
      };
      for (const child of Object.values(children)) {
        expect(await child.exit).toBe(1);
        expect(child.stderr).not.toMatch(STACK);
      }
      expect(children.noToken.stderr).toContain("DISCORD_TOKEN");
      expect(children.noToken.stderr).toContain("npm run ask");
      expect(children.noToken.stderr).toContain("DISCORD_CLIENT_ID");
      for (const name of ["DISCORD_TOKEN", "DISCORD_CLIENT_ID", "LOG_LEVEL"]) expect(children.badValues.stderr).toContain(name);
      expect(children.missing.stderr).toMatch(/nowhere does not exist.*ARTICLES_DIR/);
      expect(children.empty.stderr).toMatch(/empty holds no article kiji-bot can read.*ARTICLES_DIR/);
      expect(children.empty.stderr).not.toContain("ready as");
      expect(children.busyPort.stderr).toContain(`cannot serve the health endpoint on 127.0.0.1:${busy.port} (EADDRINUSE). Choose another HEALTH_PORT`);
      expect(children.foreignHost.stderr).toContain("cannot serve the health endpoint on 192.0.2.1:0 (EADDRNOTAVAIL). Set HEALTH_HOST to an address of this machine");
      expect(children.html.stderr.trim().split("\n").at(-1)).toBe(
        `kiji-bot: DISCORD_API_URL (${html.apiUrl}) answered GET ${html.apiUrl}/v10/gateway/bot with 200 text/html, not Discord's JSON. ` +
          "Set DISCORD_API_URL to a Discord-compatible REST base such as http://127.0.0.1:8080/api, or remove it to use Discord itself.",
      );
      expect(children.html.stderr).not.toContain("reset_after");
      expect(children.refused.stderr).toContain("Discord refused DISCORD_TOKEN");
    } finally {
      await Promise.all([html.stop(), busy.stop()]);
    }
  });
});

describe("npm run deploy-commands", () => {
  it("registers the four commands to the server when DISCORD_GUILD_ID is set, globally without it; without a token it says what to set", async () => {
    const guildFake = await FakeDiscord.start();
    const globalFake = await FakeDiscord.start();
    try {
      const guild = node("bot/deploy-commands", { ...botEnv(guildFake), DISCORD_GUILD_ID: IDS.guild });
      const global = node("bot/deploy-commands", botEnv(globalFake));
      const noToken = node("bot/deploy-commands", {});

      expect(await guild.exit).toBe(0);
      const put = guildFake.requests.filter((r) => r.method === "PUT");
      expect(put.map((r) => r.path)).toEqual([`/applications/${IDS.application}/guilds/${IDS.guild}/commands`]);
      expect(put[0]!.schemaErrors).toEqual([]);
      expect(put[0]!.headers.authorization).toBe(`Bot ${TOKEN}`);
      expect((put[0]!.body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(["ask", "reload", "sources", "summary"]);
      expect(guild.stdout).toMatch(new RegExp(`Registered 4 command\\(s\\) to server ${IDS.guild}.*/ask, /sources, /summary, /reload`));

      expect(await global.exit).toBe(0);
      const globalPut = globalFake.requests.filter((r) => r.method === "PUT");
      expect(globalPut.map((r) => r.path)).toEqual([`/applications/${IDS.application}/commands`]);
      expect(globalPut[0]!.schemaErrors).toEqual([]);
      expect(global.stdout).toContain("globally");

      expect(await noToken.exit).toBe(1);
      expect(noToken.stderr).toContain("DISCORD_TOKEN");
      expect(noToken.stderr).not.toMatch(STACK);
    } finally {
      await Promise.all([guildFake.stop(), globalFake.stop()]);
    }
  });
});
