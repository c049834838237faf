/**
 * The slash command definitions: the names the issue fixes, English and Japanese descriptions within
 * Discord's limits, the option constraints, and a registration body Discord's own schema accepts.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.js";
import { describeErrors, operationOf } from "../e2e/discord-schema.js";

const definitions = [...COMMANDS.values()].map((command) => command.data.toJSON());
const byName = new Map(definitions.map((d) => [d.name, d]));

describe("slash command definitions", () => {
  it("are /ask, /sources and /summary", () => {
    expect([...byName.keys()].sort()).toEqual(["ask", "sources", "summary"]);
  });

  it("have English descriptions and Japanese localizations within 1-100 characters, names within 1-32", () => {
    for (const definition of definitions) {
      for (const item of [definition, ...(definition.options ?? [])]) {
        expect(item.name).toMatch(/^[a-z0-9_-]{1,32}$/);
        expect(item.description.length).toBeGreaterThan(0);
        expect(item.description.length).toBeLessThanOrEqual(100);
        const ja = item.description_localizations?.ja;
        expect(ja, `${item.name} has a ja description`).toBeTruthy();
        expect(ja!.length).toBeLessThanOrEqual(100);
        expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
      }
    }
  });

  it("/ask: question required and at most 300 characters, top 1-5, hide a boolean", () => {
    const options = Object.fromEntries((byName.get("ask")!.options ?? []).map((o) => [o.name, o as unknown as Record<string, unknown>]));
    expect(options.question).toMatchObject({ type: 3, required: true, max_length: 300 });
    expect(options.top).toMatchObject({ type: 4, min_value: 1, max_value: 5 });
    expect(options.top!.required ?? false).toBe(false);
    expect(options.hide).toMatchObject({ type: 5 });
  });

  it("/sources and /summary: an optional article that autocompletes", () => {
    for (const name of ["sources", "summary"]) {
      const [article] = byName.get(name)!.options ?? [];
      expect(article).toMatchObject({ name: "article", type: 3, autocomplete: true });
      expect((article as { required?: boolean }).required ?? false).toBe(false);
    }
  });

  it("as one bulk registration, match Discord's schema for PUT /applications/{id}/commands", () => {
    for (const route of ["/applications/1300000000000000001/commands", "/applications/1300000000000000001/guilds/1300000000000000002/commands"]) {
      const operation = operationOf("PUT", route)!;
      expect(operation.validate).toBeTruthy();
      const ok = operation.validate!(definitions);
      expect(ok ? [] : describeErrors(operation.validate!)).toEqual([]);
    }
  });
});
