/** The HTTP endpoint's configuration: DISCORD_PUBLIC_KEY and PORT, and what `npm run serve` requires. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, requireDiscordConfig, requireInteractionsEndpointConfig } from "../../src/config.js";

const KEY = "a".repeat(32) + "0123456789abcdef0123456789ABCDEF";

describe("the HTTP endpoint's configuration", () => {
  it("listens on 8787 unless PORT says otherwise", () => {
    expect(parseConfig({}).PORT).toBe(8787);
    expect(parseConfig({ PORT: "" }).PORT).toBe(8787);
    expect(parseConfig({ PORT: " 3000 " }).PORT).toBe(3000);
  });

  it("refuses a PORT that is not a port, and a public key that is not 64 hex characters, saying what each must be; the terminal commands ignore both", () => {
    const endpoint = { DISCORD_PUBLIC_KEY: KEY, DISCORD_CLIENT_ID: "123456789012345678" };
    for (const PORT of ["http", "80.5", "65536", "-1"]) {
      expect(parseConfig({ PORT }).articlesDir).toMatch(/seeds$/);
      expect(() => requireInteractionsEndpointConfig(parseConfig({ ...endpoint, PORT }))).toThrow(/PORT: must be/);
    }
    for (const DISCORD_PUBLIC_KEY of ["abc", `${KEY}0`, KEY.replace("a", "g")]) {
      expect(() => requireInteractionsEndpointConfig(parseConfig({ ...endpoint, DISCORD_PUBLIC_KEY }))).toThrow(
        /DISCORD_PUBLIC_KEY: must be the Public Key from the General Information tab: 64 hex characters/,
      );
    }
  });

  it("is not stopped by a bad token, which only the gateway reads, nor the gateway by a bad PORT", () => {
    const endpoint = requireInteractionsEndpointConfig(parseConfig({ DISCORD_PUBLIC_KEY: KEY, DISCORD_CLIENT_ID: "123456789012345678", DISCORD_TOKEN: "xyz" }));
    expect(endpoint.publicKey).toBe(KEY);
    const gateway = requireDiscordConfig(parseConfig({ DISCORD_TOKEN: "a.b.c", DISCORD_CLIENT_ID: "123456789012345678", PORT: "http" }));
    expect(gateway.token).toBe("a.b.c");
  });

  it("requires the public key and the application id, but no token", () => {
    try {
      requireInteractionsEndpointConfig(parseConfig({}));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^DISCORD_PUBLIC_KEY is not set: .*General Information/);
      expect(problems[1]).toMatch(/^DISCORD_CLIENT_ID is not set/);
    }
    const endpoint = requireInteractionsEndpointConfig(parseConfig({ DISCORD_PUBLIC_KEY: KEY, DISCORD_CLIENT_ID: "123456789012345678", PORT: "9000" }));
    expect(endpoint).toEqual({ publicKey: KEY, clientId: "123456789012345678", apiUrl: undefined, port: 9000 });
  });
});
