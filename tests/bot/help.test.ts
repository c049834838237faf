/**
 * `--help` on the bot's entry points prints the usage and succeeds, and does nothing else: with a configured
 * .env, `npm run deploy-commands -- --help` used to register the commands and `npm start -- --help` to log in.
 * The three are spawned from dist/ at once, with a configuration that would reach a local server if they ran.
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { distEntry } from "../support/dist.js";

describe("--help on npm start, npm run serve and npm run deploy-commands", () => {
  it("prints the usage on stdout, exits 0, and contacts nothing", async () => {
    let requests = 0;
    const server = createServer((_req, res) => (requests++, res.end("{}")));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: tmpdir(),
      DISCORD_TOKEN: "ZmFrZS1ib3Q.fake.token-for-tests",
      DISCORD_CLIENT_ID: "1300000000000000001",
      DISCORD_PUBLIC_KEY: "ab".repeat(32),
      DISCORD_API_URL: api,
      PORT: "0",
    };
    try {
      const runs = await Promise.all(
        ["bot/main", "bot/serve", "bot/deploy-commands"].map((entry) =>
          promisify(execFile)(process.execPath, [distEntry(entry), "--help"], { cwd: tmpdir(), env, timeout: 20_000 }),
        ),
      );
      for (const { stdout } of runs) expect(stdout).toMatch(/^usage: npm (start|run serve|run deploy-commands)/);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});
