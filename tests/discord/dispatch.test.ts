/**
 * The dispatcher over a recording responder (no network): the 3-second rule (slow work defers, then edits),
 * private apologies after a deferral, and interactions too broken to read. Slowness is made deterministic: a
 * command waits for a gate the test opens after seeing the deferral, never for the clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ask from "../../commands/ask.js";
import type { SlashCommand } from "../../commands/types.js";
import { openLibrary, type Library } from "../../src/answers/library.js";
import { createAnswerStates } from "../../src/bot/answer-states.js";
import { NO_FEEDBACK, type BotContext } from "../../src/bot/context.js";
import { createCooldown } from "../../src/bot/cooldown.js";
import { createDispatcher } from "../../src/bot/dispatch.js";
import { createLogger } from "../../src/bot/log.js";
import type { InteractionResponder } from "../../src/bot/transport.js";
import { createWorkQueue } from "../../src/bot/work-queue.js";
import { SEEDS_DIR } from "./seed-fixtures.js";

let library: Library;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), "kiji-dispatch-"));
  library = await openLibrary({ articlesDir: SEEDS_DIR, cacheDir });
});

afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

interface Call {
  kind: "respond" | "editOriginal" | "followUp" | "deleteOriginal";
  body?: unknown;
}

/** A responder that records each call and lets the test wait for the n-th. */
function recorder(options: { withDelete?: boolean; failRespond?: boolean } = {}) {
  const calls: Call[] = [];
  let waiters: Array<() => void> = [];
  const record = async (call: Call) => {
    calls.push(call);
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
    if (options.failRespond && call.kind === "respond") throw new Error("simulated network failure");
  };
  const responder: InteractionResponder = {
    respond: (body) => record({ kind: "respond", body }),
    editOriginal: (body) => record({ kind: "editOriginal", body }),
    followUp: (body) => record({ kind: "followUp", body }),
    ...(options.withDelete === false ? {} : { deleteOriginal: () => record({ kind: "deleteOriginal" }) }),
  };
  const waitFor = async (count: number) => {
    while (calls.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return calls;
  };
  return { responder, calls, waitFor };
}

/** A gate a command waits behind until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function contextWith(commands: Record<string, SlashCommand>, logs: string[], current: Library | undefined = library): BotContext {
  return {
    library: { current: () => current, ready: current ? Promise.resolve(current) : new Promise<Library>(() => {}) },
    logger: createLogger("info", (line) => logs.push(line)),
    commands: new Map(Object.entries(commands)),
    feedback: NO_FEEDBACK,
    answerStates: createAnswerStates(),
    cooldown: createCooldown(0),
    work: createWorkQueue(),
    // Shorter than in production so the test is quick; the gate, not this, makes the work slow.
    deferAfterMs: 30,
  };
}

const user = { id: "1300000000000000004", username: "reader", discriminator: "0", global_name: null, avatar: null };

function command(name: string, options: Array<{ name: string; type: number; value: unknown }> = []) {
  return { id: "1", application_id: "2", type: 2, token: "tok", version: 1, locale: "en-US", guild_id: "3", member: { user }, data: { id: "4", name, type: 1, options } } as never;
}

function button(customId: string) {
  return { id: "1", application_id: "2", type: 3, token: "tok", version: 1, locale: "en-US", guild_id: "3", member: { user }, data: { custom_id: customId, component_type: 2 } } as never;
}

const QUESTION = { name: "question", type: 3, value: "ゼレンスキー大統領は関係修復に向けてどんな姿勢を示した?" };

/** /ask whose work waits for `slow.opened` first: slow, deterministically. */
function slowAsk(slow: { opened: Promise<void> }): SlashCommand {
  return {
    ...ask,
    execute: async (options, tools) => (await slow.opened, ask.execute(options, tools)),
    component: async (customId, tools) => (await slow.opened, ask.component(customId, tools)),
  };
}

describe("the 3-second rule", () => {
  it("slow work is deferred (type 5), then the answer edits the deferred reply, buttons and all", async () => {
    const slow = gate();
    const logs: string[] = [];
    const { responder, waitFor } = recorder();
    const done = createDispatcher(contextWith({ ask: slowAsk(slow) }, logs))(command("ask", [QUESTION]), responder);
    const [deferral] = await waitFor(1);
    expect(deferral).toEqual({ kind: "respond", body: { type: 5 } });
    slow.open();
    await done;
    const calls = await waitFor(2);
    expect(calls.map((c) => c.kind)).toEqual(["respond", "editOriginal"]);
    const edit = calls[1]!.body as { embeds: unknown[]; components: Array<{ components: unknown[] }>; allowed_mentions: unknown };
    expect(edit.embeds.length).toBeGreaterThan(0);
    expect(edit.components[0]!.components).toHaveLength(3);
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(logs.at(-1)).toMatch(/INFO  \/ask guild=3 \d+ ms answered deferred$/);
  });

  it("a private answer (hide:true) defers privately, with the ephemeral flag only", async () => {
    const slow = gate();
    const { responder, waitFor } = recorder();
    const done = createDispatcher(contextWith({ ask: slowAsk(slow) }, []))(command("ask", [QUESTION, { name: "hide", type: 5, value: true }]), responder);
    expect((await waitFor(1))[0]).toEqual({ kind: "respond", body: { type: 5, data: { flags: 64 } } });
    slow.open();
    await done;
    expect((await waitFor(2))[1]!.kind).toBe("editOriginal");
  });

  it("a slow More defers as an update of its message (type 6), then edits that message", async () => {
    const logs: string[] = [];
    const context = contextWith({ ask: ask as SlashCommand }, logs);
    // The first answer must not be deferred, however busy the machine: give it all the time it needs.
    context.deferAfterMs = 60_000;
    const first = recorder();
    await createDispatcher(context)(command("ask", [QUESTION, { name: "top", type: 4, value: 1 }]), first.responder);
    context.deferAfterMs = 30;
    const more = (first.calls[0]!.body as { data: { components: Array<{ components: Array<{ custom_id: string }> }> } }).data.components[0]!.components[0]!.custom_id;
    const slow = gate();
    context.commands = new Map([["ask", slowAsk(slow)]]);
    const { responder, waitFor } = recorder();
    const done = createDispatcher(context)(button(more), responder);
    expect((await waitFor(1))[0]).toEqual({ kind: "respond", body: { type: 6 } });
    slow.open();
    await done;
    const edit = (await waitFor(2))[1]!;
    expect(edit.kind).toBe("editOriginal");
    expect((edit.body as { embeds: Array<{ footer: { text: string } }> }).embeds[0]!.footer.text).toBe("Passage 2 of 2");
  });
});

describe("a burst of interactions", () => {
  it("whoever would wait past the budget behind others' work defers at once; every answer then arrives", async () => {
    const context = contextWith({ ask: ask as SlashCommand }, []);
    // The queue's clock says each job takes 100 s, so one job ahead is too long a wait; the budget's own
    // timer is far out of the way.
    let clock = 0;
    context.work = createWorkQueue(() => (clock += 100_000));
    await context.work.run(() => "a job to learn from");
    context.deferAfterMs = 60_000;
    const dispatch = createDispatcher(context);
    const first = recorder();
    const second = recorder();
    const both = [dispatch(command("ask", [QUESTION]), first.responder), dispatch(command("ask", [QUESTION]), second.responder)];
    // The second was acknowledged before any search ran.
    expect(second.calls).toEqual([{ kind: "respond", body: { type: 5 } }]);
    expect(first.calls).toEqual([]);
    await Promise.all(both);
    expect(first.calls.map((c) => `${c.kind} ${(c.body as { type?: number }).type ?? ""}`)).toEqual(["respond 4"]);
    expect(second.calls.map((c) => c.kind)).toEqual(["respond", "editOriginal"]);
  });

  it("when the work ahead is short, nobody defers: each answer is the first response", async () => {
    const context = contextWith({ ask: ask as SlashCommand }, []);
    context.work = createWorkQueue(() => 0);
    await context.work.run(() => "a job that took no time");
    context.deferAfterMs = 60_000;
    const dispatch = createDispatcher(context);
    const calls = [recorder(), recorder(), recorder()];
    await Promise.all(calls.map(({ responder }) => dispatch(command("ask", [QUESTION]), responder)));
    for (const { calls: made } of calls) expect(made.map((c) => `${c.kind} ${(c.body as { type?: number }).type}`)).toEqual(["respond 4"]);
  });

  it("the work queue runs one job per turn of the event loop, in order, so I/O gets through between jobs", async () => {
    const queue = createWorkQueue();
    const order: string[] = [];
    const jobs = [
      queue.run(() => {
        order.push("job 1");
        setImmediate(() => order.push("between"));
        return 1;
      }),
      queue.run(() => (order.push("job 2"), 2)),
    ];
    expect(queue.pending).toBe(2);
    expect(queue.expectedWaitMs()).toBe(0);
    expect(await Promise.all(jobs)).toEqual([1, 2]);
    expect(order).toEqual(["job 1", "between", "job 2"]);
    expect(queue.pending).toBe(0);
    await expect(queue.run(() => { throw new Error("bad job"); })).rejects.toThrow("bad job");
    expect(await queue.run(() => "still running")).toBe("still running");
  });
});

describe("errors", () => {
  const failing = (slow: { opened: Promise<void> }): SlashCommand => ({
    definition: { name: "boom", description: "fails" },
    execute: async () => {
      await slow.opened;
      throw new Error("simulated handler failure");
    },
  });

  it("after a public deferral, the 'thinking...' is taken back and the apology follows privately, with its error id", async () => {
    const slow = gate();
    const logs: string[] = [];
    const { responder, waitFor } = recorder();
    const done = createDispatcher(contextWith({ boom: failing(slow) }, logs))(command("boom"), responder);
    await waitFor(1);
    slow.open();
    await done;
    const calls = await waitFor(3);
    expect(calls.map((c) => c.kind)).toEqual(["respond", "deleteOriginal", "followUp"]);
    const apology = calls[2]!.body as { flags: number; embeds: Array<{ description: string }> };
    expect(apology.flags).toBe(64);
    const errorId = /error id: ([0-9a-f]{8})/.exec(apology.embeds[0]!.description)![1]!;
    expect(logs.some((line) => line.includes(`ERROR error ${errorId} in /boom`) && line.includes("simulated handler failure"))).toBe(true);
    expect(logs.at(-1)).toMatch(new RegExp(`INFO  /boom guild=3 \\d+ ms failed error=${errorId}$`));
  });

  it("a transport that cannot delete gets the apology as the edit instead", async () => {
    const slow = gate();
    const { responder, waitFor } = recorder({ withDelete: false });
    const done = createDispatcher(contextWith({ boom: failing(slow) }, []))(command("boom"), responder);
    await waitFor(1);
    slow.open();
    await done;
    expect((await waitFor(2)).map((c) => c.kind)).toEqual(["respond", "editOriginal"]);
  });

  it("never rejects, even when Discord cannot be reached; the failure is logged with an error id", async () => {
    const logs: string[] = [];
    const { responder } = recorder({ failRespond: true });
    await expect(createDispatcher(contextWith({ ask: ask as SlashCommand }, logs))(command("ask", [QUESTION]), responder)).resolves.toBeUndefined();
    expect(logs.some((line) => /ERROR error [0-9a-f]{8} in \/ask/.test(line) && line.includes("simulated network failure"))).toBe(true);
    expect(logs.at(-1)).toMatch(/\/ask guild=3 \d+ ms failed error=[0-9a-f]{8}$/);
  });
});

describe("interactions that are odd or broken", () => {
  it("PING gets PONG; an unknown interaction type is ignored; a payload with no data gets a clear private reply", async () => {
    const dispatch = createDispatcher(contextWith({}, []));
    const ping = recorder();
    await dispatch({ id: "1", application_id: "2", type: 1, token: "t", version: 1 } as never, ping.responder);
    expect(ping.calls).toEqual([{ kind: "respond", body: { type: 1 } }]);
    const odd = recorder();
    await dispatch({ id: "1", type: 99, token: "t" } as never, odd.responder);
    expect(odd.calls).toEqual([]);
    const broken = recorder();
    await dispatch({ id: "1", type: 2, token: "t", data: null, member: { user: null }, locale: 42 } as never, broken.responder);
    expect(broken.calls).toHaveLength(1);
    expect((broken.calls[0]!.body as { type: number; data: { flags: number } }).data.flags).toBe(64);
  });

  it("a question is recorded for feedback as it was understood: no escape codes, NUL or bidi override of its asker's", async () => {
    const recorded: string[] = [];
    const context = contextWith({ ask: ask as SlashCommand }, []);
    context.feedback = { recordAnswer: (record) => (recorded.push(record.question), recorded.length), recordVote: () => false };
    const typed = `\u001b]0;pwned\u0007\u001b[2J\u202E${QUESTION.value}\u0000  `;
    const { responder, calls } = recorder();
    await createDispatcher(context)(command("ask", [{ ...QUESTION, value: typed }]), responder);
    expect((calls[0]!.body as { type: number }).type).toBe(4);
    expect(recorded).toEqual([QUESTION.value]);
  });

  it("an autocomplete while the library is still loading is answered at once with no choices, never deferred", async () => {
    const { responder, calls } = recorder();
    const payload = { id: "1", type: 4, token: "t", member: { user }, data: { name: "ask", options: [{ name: "question", type: 3, value: "ゼレ", focused: true }] } };
    await createDispatcher(contextWith({ ask: ask as SlashCommand }, [], undefined))(payload as never, responder);
    expect(calls).toEqual([{ kind: "respond", body: { type: 8, data: { choices: [] } } }]);
  });
});
