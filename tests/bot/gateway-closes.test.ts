/**
 * Gateway closes no reconnect can fix: explained, logged, and the process told to exit with 78. The real
 * process and the fake Discord's closes are in tests/e2e/main.test.ts; these check every code.
 */
import { Client, Events } from "discord.js";
import { describe, expect, it } from "vitest";
import { explainFatalClose, FATAL_CLOSE_EXIT_CODE, watchGatewayCloses } from "../../src/bot/gateway-closes.js";
import { createLogger } from "../../src/bot/log.js";

describe("fatal gateway closes", () => {
  it("explain 4004 and 4010-4014: the code, what happened and how to fix it", () => {
    for (const code of [4004, 4010, 4011, 4012, 4013, 4014]) {
      const message = explainFatalClose(code);
      expect(message).toMatch(new RegExp(`^kiji-bot: Discord closed the gateway connection with code ${code} \\(.+\\)\\. To fix it: .+\\.$`));
    }
    expect(explainFatalClose(4004)).toContain("DISCORD_TOKEN");
    expect(explainFatalClose(4014)).toContain("Privileged Gateway Intents");
  });

  it("leave alone the closes discord.js recovers from by resuming or reconnecting", () => {
    for (const code of [1000, 1001, 1006, 4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009]) expect(explainFatalClose(code)).toBeUndefined();
  });

  it("log the explanation and exit with 78 when the client reports one, and only then", () => {
    const client = new Client({ intents: [] });
    const lines: string[] = [];
    const exits: number[] = [];
    watchGatewayCloses(client, createLogger("info", (line) => lines.push(line)), (code) => exits.push(code));
    client.emit(Events.ShardDisconnect, { code: 4000 } as never, 0);
    expect(exits).toEqual([]);
    client.emit(Events.ShardDisconnect, { code: 4004 } as never, 0);
    expect(exits).toEqual([FATAL_CLOSE_EXIT_CODE]);
    expect(FATAL_CLOSE_EXIT_CODE).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR kiji-bot: Discord closed the gateway connection with code 4004/);
    void client.destroy();
  });
});
