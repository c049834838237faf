import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, requireDiscordConfig } from "../src/config.js";

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
