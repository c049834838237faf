import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configSchema, ConfigError, expandHome, parseConfig, requireDiscordConfig } from "../src/config.js";
import { SEEDS_DIR } from "./discord/seed-fixtures.js";
import { distEntry } from "./support/dist.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

describe("configuration from the environment", () => {
  it("has working defaults with nothing set: the seeds, a .cache folder, info logging", () => {
    const config = parseConfig({}, "/srv/kiji");
    expect(config.articlesDir).toBe(path.resolve("/srv/kiji", "seeds"));
    expect(config.cacheDir).toBe(path.resolve("/srv/kiji", ".cache"));
    expect(config.LOG_LEVEL).toBe("info");
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it("treats empty values (as .env.example leaves them) as unset", () => {
    const config = parseConfig({ DISCORD_TOKEN: "", DISCORD_GUILD_ID: " ", ARTICLES_DIR: "", LOG_LEVEL: "" }, "/srv/kiji");
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.articlesDir).toBe(path.resolve("/srv/kiji", "seeds"));
    expect(config.LOG_LEVEL).toBe("info");
  });

  it("lists every bad value at once, each with its fix", () => {
    let error: unknown;
    try {
      parseConfig({ DISCORD_CLIENT_ID: "my-app", LOG_LEVEL: "loud", DISCORD_API_URL: "not a url", DISCORD_TOKEN: "oops" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/DISCORD_CLIENT_ID: must be a Discord application id/);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL: /);
    expect(problems.join("\n")).toMatch(/DISCORD_API_URL: must be a URL/);
    expect(problems.join("\n")).toMatch(/DISCORD_TOKEN: does not look like a bot token/);
    expect((error as Error).message).toMatch(/^kiji-bot: configuration problems:\n  - /);
  });

  it("requires a token and an application id only for Discord, saying where to find them", () => {
    const config = parseConfig({});
    expect(() => requireDiscordConfig(config)).toThrow(ConfigError);
    try {
      requireDiscordConfig(config);
    } catch (e) {
      const problems = (e as ConfigError).problems;
      expect(problems[0]).toMatch(/^DISCORD_TOKEN is not set: .*Bot tab.*npm run ask/);
      expect(problems[1]).toMatch(/^DISCORD_CLIENT_ID is not set/);
    }
    const discord = requireDiscordConfig(
      parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "123456789012345678", DISCORD_API_URL: "http://127.0.0.1:9/api" }),
    );
    expect(discord).toEqual({ token: TOKEN, clientId: "123456789012345678", guildId: undefined, apiUrl: "http://127.0.0.1:9/api" });
  });
});

describe("variables only the bot reads", () => {
  it("do not stop the terminal commands when bad, but stop the bot with their fix", () => {
    const config = parseConfig({ DISCORD_TOKEN: "xyz", HEALTH_PORT: "http" }, "/srv/kiji");
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.articlesDir).toBe(path.resolve("/srv/kiji", "seeds"));
    let error: unknown;
    try {
      requireDiscordConfig(config);
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems;
    expect(problems[0]).toMatch(/^DISCORD_TOKEN: does not look like a bot token/);
    expect(problems[1]).toMatch(/^HEALTH_PORT: must be a port number from 1 to 65535/);
    // The token is reported once, as bad, not again as missing.
    expect(problems.filter((p) => p.startsWith("DISCORD_TOKEN"))).toHaveLength(1);
    expect(problems[2]).toMatch(/^DISCORD_CLIENT_ID is not set/);
  });

  it("are still reported with the others when a shared variable is bad too", () => {
    expect(() => parseConfig({ DISCORD_TOKEN: "xyz", LOG_LEVEL: "loud" })).toThrow(/DISCORD_TOKEN[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*DISCORD_TOKEN/);
  });

  it("HEALTH_PORT: a port number, unset by default; HEALTH_HOST defaults to 127.0.0.1", () => {
    expect(parseConfig({}).HEALTH_PORT).toBeUndefined();
    expect(parseConfig({ HEALTH_PORT: "" }).HEALTH_PORT).toBeUndefined();
    expect(parseConfig({ HEALTH_PORT: " 8081 " }).HEALTH_PORT).toBe(8081);
    expect(parseConfig({}).HEALTH_HOST).toBe("127.0.0.1");
    expect(parseConfig({ HEALTH_PORT: "0" }).HEALTH_PORT).toBe(0);
    for (const bad of ["65536", "80.5", "-1", "eighty"]) expect(parseConfig({ HEALTH_PORT: bad }).botProblems).toHaveLength(1);
  });
});

describe("~ in paths", () => {
  it("is the home folder in ARTICLES_DIR and CACHE_DIR, as a shell would expand it", () => {
    const config = parseConfig({ ARTICLES_DIR: "~/news", CACHE_DIR: "~" }, "/srv/kiji", "/home/reader");
    expect(config.articlesDir).toBe(path.resolve("/home/reader/news"));
    expect(config.cacheDir).toBe(path.resolve("/home/reader"));
    // Only a leading ~ followed by / (or nothing) is the home folder.
    expect(expandHome("~news", "/home/reader")).toBe("~news");
    expect(expandHome("a/~/b", "/home/reader")).toBe("a/~/b");
  });
});

describe("the terminal commands, with a .env as a user writes it", () => {
  const work = mkdtempSync(path.join(tmpdir(), "kiji-config-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("expand ~ in .env and answer with a token set that they do not use", () => {
    const home = path.join(work, "home");
    mkdirSync(home);
    cpSync(SEEDS_DIR, path.join(home, "news"), { recursive: true });
    writeFileSync(path.join(work, ".env"), "ARTICLES_DIR=~/news\nCACHE_DIR=~/kiji-cache\nDISCORD_TOKEN=xyz\n");
    const run = spawnSync(process.execPath, [distEntry("cli/ask"), "--json", "会談はいつ行われた?"], {
      cwd: work,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: home },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ answered: true });
    expect(existsSync(path.join(home, "kiji-cache"))).toBe(true);
  });
});

describe("a .env that is there but cannot be read", () => {
  const work = mkdtempSync(path.join(tmpdir(), "kiji-config-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // `docker run -v $PWD/.env:/app/.env` with no such file makes .env a folder; a .env owned by root with mode
  // 600 and a service running as another user cannot be read (EACCES). Ignored, every value in it would be
  // missing, and "DISCORD_TOKEN is not set ... into .env" would send the admin to a file that holds it.
  it("stops every command with one message naming the file and why, never running on the defaults", () => {
    mkdirSync(path.join(work, ".env"));
    for (const entry of ["cli/sources", "bot/main"]) {
      const run = spawnSync(process.execPath, [distEntry(entry)], { cwd: work, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: work }, timeout: 60_000 });
      expect(run.stderr).toMatch(/^kiji-bot: configuration problem:\n {2}- \.env: .*cannot be read \(EISDIR\)/);
      expect(run.stderr).not.toMatch(/DISCORD_TOKEN|\n\s+at /);
      expect(run.status).toBe(1);
    }
  });
});

describe("the documentation of the configuration", () => {
  it("names every variable of the schema in .env.example (set or commented out) and in the README's table", () => {
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    for (const name of Object.keys(configSchema.shape)) {
      expect({ name, inExample: new RegExp(`^(# )?${name}=`, "m").test(example) }).toEqual({ name, inExample: true });
      expect({ name, inReadme: readme.includes(`| \`${name}\` |`) }).toEqual({ name, inReadme: true });
    }
  });
});
