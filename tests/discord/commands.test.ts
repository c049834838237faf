/**
 * The slash command definitions: the names the issue fixes, English and Japanese names and descriptions within
 * Discord's rules, the option constraints, /reload for server managers, and a registration body Discord's own
 * schema accepts.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.js";
import { describeErrors, operationOf, schemaValidator } from "../e2e/discord-schema.js";

const definitions = [...COMMANDS.values()].map((command) => command.definition);
const byName = new Map(definitions.map((d) => [d.name, d]));

/** Discord's rule for CHAT_INPUT command and option names (discord-api-types, from Discord's docs), in every locale. */
const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Every command and each of its options, with the path that names it. */
const named = definitions.flatMap((d) => [{ at: `/${d.name}`, item: d as { name: string; name_localizations?: Record<string, string> | null } }, ...(d.options ?? []).map((o) => ({ at: `/${d.name} ${o.name}`, item: o }))]);

describe("slash command definitions", () => {
  it("are /ask, /reload, /sources and /summary", () => {
    expect([...byName.keys()].sort()).toEqual(["ask", "reload", "sources", "summary"]);
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

  it("have Japanese names (/質問, /出典, /要約 ...) for every command and option, by Discord's name rules", () => {
    const ja = Object.fromEntries(named.map(({ at, item }) => [at, item.name_localizations?.ja]));
    expect(ja).toEqual({
      "/ask": "質問",
      "/ask question": "質問",
      "/ask top": "件数",
      "/ask hide": "非表示",
      "/sources": "出典",
      "/sources article": "記事",
      "/summary": "要約",
      "/summary article": "記事",
      "/reload": "再読み込み",
    });
    for (const { at, item } of named) {
      const name = item.name_localizations!.ja!;
      expect(name, at).toMatch(CHAT_INPUT_NAME);
      expect(name, `${at}: lowercase where it applies`).toBe(name.toLowerCase());
      expect(name.length).toBeLessThanOrEqual(32);
    }
    // Option names stay unique within a command in Japanese too.
    for (const definition of definitions) {
      const names = (definition.options ?? []).map((o) => o.name_localizations?.ja);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("each pass Discord's own schema for a command, localizations included", () => {
    const validate = schemaValidator("ApplicationCommandCreateRequest");
    for (const definition of definitions) expect(validate(definition) ? [] : describeErrors(validate), definition.name).toEqual([]);
    // The schema does hold localized names to its limits: a 33-character name is refused.
    const tooLong = { ...byName.get("ask")!, name_localizations: { ja: "質".repeat(33) } };
    expect(validate(tooLong)).toBe(false);
  });

  it("/ask: question required, at most 300 characters and autocompleted; top 1-5, hide a boolean", () => {
    const options = Object.fromEntries((byName.get("ask")!.options ?? []).map((o) => [o.name, o as unknown as Record<string, unknown>]));
    expect(options.question).toMatchObject({ type: 3, required: true, max_length: 300, autocomplete: true });
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

  it("/reload: for members who may Manage Server by default, in servers only", () => {
    const reload = byName.get("reload")!;
    expect(Number(reload.default_member_permissions)).toBe(1 << 5);
    expect(reload.contexts).toEqual([0]);
    expect(reload.options ?? []).toEqual([]);
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
