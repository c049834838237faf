/** The bot's own settings in the configuration: the /ask cooldown and where feedback is kept. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, requireDiscordConfig, requireInteractionsEndpointConfig } from "../../src/config.js";

describe("ASK_COOLDOWN_MS and FEEDBACK_DB", () => {
  it("default to 3 s and feedback.sqlite in the cache folder", () => {
    const config = parseConfig({ CACHE_DIR: "var/cache" }, "/srv/kiji");
    expect(config.ASK_COOLDOWN_MS).toBe(3000);
    expect(config.feedbackDb).toBe(path.resolve("/srv/kiji", "var/cache", "feedback.sqlite"));
  });

  it("an empty value is the default; 0 turns the cooldown off; FEEDBACK_DB is resolved from the working directory", () => {
    expect(parseConfig({ ASK_COOLDOWN_MS: "" }).ASK_COOLDOWN_MS).toBe(3000);
    expect(parseConfig({ ASK_COOLDOWN_MS: " 0 " }).ASK_COOLDOWN_MS).toBe(0);
    expect(parseConfig({ FEEDBACK_DB: "data/votes.db" }, "/srv/kiji").feedbackDb).toBe(path.resolve("/srv/kiji", "data/votes.db"));
  });

  it("refuses a cooldown that is not a whole number of milliseconds, saying what to write, in both transports", () => {
    // ASK_COOLDOWN_MS is read by the bot only: the terminal commands ignore a bad value, the bot and serve refuse it.
    const discord = { DISCORD_TOKEN: "a.b.c", DISCORD_CLIENT_ID: "12345678901234567", DISCORD_PUBLIC_KEY: "ab".repeat(32) };
    for (const bad of ["3s", "-1", "1.5", "99999999"]) {
      const config = parseConfig({ ...discord, ASK_COOLDOWN_MS: bad });
      for (const require of [requireDiscordConfig, requireInteractionsEndpointConfig]) {
        let error: unknown;
        try {
          require(config);
        } catch (e) {
          error = e;
        }
        expect(error, bad).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join("\n")).toMatch(/^ASK_COOLDOWN_MS: must be/);
      }
    }
  });
});
