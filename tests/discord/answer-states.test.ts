/** The buttons' server-side state and the /ask cooldown, on an injected clock (no waiting). */
import { describe, expect, it } from "vitest";
import type { AnswerState } from "../../commands/types.js";
import { createAnswerStates } from "../../src/bot/answer-states.js";
import { createCooldown } from "../../src/bot/cooldown.js";
import { answerButtonId, parseAnswerButtonId, renderAnswerButtons } from "../../src/render/discord/buttons.js";

const state = (question: string): AnswerState => ({ question, top: 3, shown: 3, askerId: "1300000000000000004", answerId: 7 });

describe("answer states", () => {
  it("are kept under short url-safe ids that fit a custom_id with room to spare", () => {
    const states = createAnswerStates();
    const ids = new Set(Array.from({ length: 200 }, (_, i) => states.save(state(`q${i}`))));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[\w-]{12}$/);
      expect(answerButtonId("more", id).length).toBeLessThanOrEqual(100);
      expect(parseAnswerButtonId(answerButtonId("down", id))).toEqual({ action: "down", stateId: id });
    }
  });

  it("expire after their time, and `set` (a More) renews it", () => {
    let now = 1_000_000;
    const states = createAnswerStates({ ttlMs: 60_000, now: () => now });
    const a = states.save(state("a"));
    const b = states.save(state("b"));
    now += 50_000;
    states.set(b, { ...state("b"), shown: 6 });
    now += 20_000;
    expect(states.get(a)).toBeUndefined();
    expect(states.get(b)).toMatchObject({ question: "b", shown: 6 });
    now += 60_000;
    expect(states.get(b)).toBeUndefined();
    expect(states.get("never-saved")).toBeUndefined();
  });

  it("are capped: past the maximum the oldest go first", () => {
    const states = createAnswerStates({ max: 3 });
    const ids = ["a", "b", "c", "d"].map((q) => states.save(state(q)));
    expect(ids.map((id) => states.get(id)?.question)).toEqual([undefined, "b", "c", "d"]);
  });
});

describe("answer buttons", () => {
  it("are one row of More, 👍, 👎 with More greyed out when there is nothing more, labelled in the reader's language", () => {
    const [row] = renderAnswerButtons("abc", { more: false }, "ja");
    expect(row!.components.map((b) => [b.custom_id, b.label ?? b.emoji?.name, b.disabled ?? false])).toEqual([
      ["ask:more:abc", "ほかの箇所", true],
      ["ask:up:abc", "👍", false],
      ["ask:down:abc", "👎", false],
    ]);
  });

  it("reject custom_ids that are not ours", () => {
    for (const id of ["ask:more:", "ask:delete:abc", "sources:more:abc", "ask:more:a b", `ask:up:${"x".repeat(81)}`]) expect(parseAnswerButtonId(id), id).toBeUndefined();
  });
});

describe("the /ask cooldown", () => {
  it("lets a user ask once per period, counts per user, and is off at 0", () => {
    let now = 0;
    const cooldown = createCooldown(3_000, () => now);
    expect(cooldown.take("u1")).toBe(0);
    now = 1_000;
    expect(cooldown.take("u1")).toBe(2_000);
    expect(cooldown.take("u2")).toBe(0);
    now = 3_000;
    expect(cooldown.take("u1")).toBe(0);
    const off = createCooldown(0, () => now);
    expect([off.take("u1"), off.take("u1")]).toEqual([0, 0]);
  });
});
