/**
 * /ask over HTTP with the real seed library, through the same dispatcher, handlers and renderers as the
 * gateway bot: the HTTP response body is the very callback the gateway bot sends for the same interaction.
 * A command that arrives while the index is still loading is deferred ({type: 5}) and its answer edited in
 * through the fake Discord's webhook route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../src/answers/library.js";
import { createDispatcher } from "../../src/bot/dispatch.js";
import { startHttpServer, webhookSenders, type RunningHttpServer } from "../../src/bot/http-server.js";
import { createLogger } from "../../src/bot/log.js";
import { botContext, startBot, type RunningBot } from "../../src/bot/start.js";
import { webhookRest } from "../../src/bot/webhook-rest.js";
import { openSeedLibrary, ownQa } from "../ask/library.js";
import { componentPayload, FakeDiscord, IDS, interactionPayload, OPTION } from "../e2e/fake-discord.js";
import { send, signedHeaders, testKeys } from "./signed-requests.js";

const TOKEN = "ZmFrZS1ib3Q.fake.token-for-tests";
const keys = testKeys();
const logs: string[] = [];
const logger = createLogger("debug", (line) => logs.push(line));

let fake: FakeDiscord;
let library: Library;
let http: RunningHttpServer;
let gateway: RunningBot;

/**
 * Deferral timings for the comparison: on a busy machine one transport might defer and the other not, which
 * is not what is compared. The deferral itself is tested below, with the real timings.
 */
const NO_DEFERRAL = { deferAfterMs: 60_000, safetyDeferMs: 60_000 };

/** The HTTP endpoint over a library (or its promise), as `npm run serve` starts it. */
function serveHttp(over: Library | Promise<Library>, timing: { deferAfterMs?: number; safetyDeferMs?: number } = {}): Promise<RunningHttpServer> {
  const { deferAfterMs, safetyDeferMs } = timing;
  return startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey: keys.publicKeyHex,
    dispatch: createDispatcher(botContext({ library: over, logger, askCooldownMs: 0, ...(deferAfterMs ? { deferAfterMs } : {}) })),
    webhooks: webhookSenders(webhookRest(fake.apiUrl, IDS.application)),
    logger,
    ...(safetyDeferMs ? { safetyDeferMs } : {}),
  });
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  library = await openSeedLibrary();
  http = await serveHttp(library, NO_DEFERRAL);
  const discord = { token: TOKEN, clientId: IDS.application, guildId: undefined, apiUrl: fake.apiUrl };
  gateway = await startBot({ discord, library, logger, askCooldownMs: 0, deferAfterMs: NO_DEFERRAL.deferAfterMs });
});

afterAll(async () => {
  await http?.close();
  await gateway?.stop();
  await fake?.stop();
});

interface Message {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
}

function askPayload(question: string, locale = "ja") {
  return interactionPayload(fake, { command: "ask", locale, options: [{ name: "question", type: OPTION.string, value: question }] });
}

/** Button ids carry a random state id per answer: equal answers differ only there. */
function withoutStateIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === "custom_id" && typeof v === "string" ? v.replace(/[A-Za-z0-9_-]{6,}/g, "<id>") : v));
}

describe("/ask over HTTP", () => {
  const [first, second] = ownQa.questions;

  it("answers from the seed articles in the HTTP response, quoting the passage that answers", async () => {
    for (const { q, expect: expected } of [first!, second!]) {
      const { payload } = askPayload(q);
      const body = JSON.stringify(payload);
      const answer = await send(http.port, { body, headers: signedHeaders(keys, body) });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toBe("application/json");
      const response = answer.json() as { type: number; data: Message };
      expect(response.type).toBe(4);
      expect(response.data.allowed_mentions).toEqual({ parse: [] });
      expect(expected.some((phrase) => JSON.stringify(response.data.embeds).includes(phrase)), `${q} -> ${expected.join(" | ")}`).toBe(true);
    }
  });

  it("sends exactly what the gateway bot sends for the same interaction (one code path, two transports)", async () => {
    for (const locale of ["ja", "en-US"]) {
      const { payload } = askPayload(first!.q, locale);
      const body = JSON.stringify(payload);
      const overHttp = (await send(http.port, { body, headers: signedHeaders(keys, body) })).json();

      const { token, payload: same } = askPayload(first!.q, locale);
      fake.dispatch("INTERACTION_CREATE", same);
      const [callback] = await fake.waitForRequests(token, 1);
      expect(callback!.path).toMatch(/\/callback$/);
      expect(callback!.schemaErrors).toEqual([]);
      expect(withoutStateIds(overHttp)).toEqual(withoutStateIds(callback!.body));
    }
  });

  it("defers a command that arrives while the index is loading, then edits the answer in through the webhook route", async () => {
    let release!: (loaded: Library) => void;
    const loading = new Promise<Library>((resolve) => (release = resolve));
    const slow = await serveHttp(loading);
    try {
      const { token, payload } = askPayload(first!.q);
      const body = JSON.stringify(payload);
      const answer = await send(slow.port, { body, headers: signedHeaders(keys, body) });
      expect(answer.json()).toEqual({ type: 5 });
      release(library);
      const [edit] = await fake.waitForRequests(token, 1);
      expect(edit).toMatchObject({ method: "PATCH", route: "/webhooks/{webhook_id}/{webhook_token}/messages/@original" });
      expect(edit!.path).toBe(`/webhooks/${IDS.application}/${token}/messages/@original`);
      expect(edit!.schemaErrors).toEqual([]);
      expect(edit!.headers.authorization).toBeUndefined();
      const message = edit!.body as Message;
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(first!.expect.some((phrase) => JSON.stringify(message.embeds).includes(phrase))).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it("carries buttons and autocomplete too: More updates the message (type 7), 👍 thanks privately, autocomplete suggests", async () => {
    const asker = fake.id();
    const { payload } = interactionPayload(fake, {
      command: "ask",
      userId: asker,
      options: [
        { name: "question", type: OPTION.string, value: first!.q },
        { name: "top", type: OPTION.integer, value: 1 },
      ],
    });
    const body = JSON.stringify(payload);
    const asked = (await send(http.port, { body, headers: signedHeaders(keys, body) })).json() as { data: Message };
    const buttons = Object.fromEntries(
      (asked.data.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((row) => row.components).map((b) => [b.custom_id.split(":")[1], b.custom_id]),
    );
    expect(Object.keys(buttons).sort()).toEqual(["down", "more", "up"]);

    const press = async (customId: string, userId: string) => {
      const click = JSON.stringify(componentPayload(fake, { customId, userId }).payload);
      return (await send(http.port, { body: click, headers: signedHeaders(keys, click) })).json() as { type: number; data: Message };
    };
    const more = await press(buttons.more!, asker);
    expect(more.type).toBe(7);
    expect(more.data.embeds).toHaveLength(1);
    expect(JSON.stringify(more.data.embeds)).not.toBe(JSON.stringify(asked.data.embeds));
    const vote = await press(buttons.up!, fake.id());
    expect(vote.type).toBe(4);
    expect(vote.data.flags! & 64).toBe(64);

    // Typing the start of a section heading suggests it (the suggester over the articles, as `npm start` builds it).
    const heading = library.articles[0]!.sections[0]!.heading;
    const autocomplete = JSON.stringify(
      interactionPayload(fake, { command: "ask", autocomplete: true, options: [{ name: "question", type: OPTION.string, value: heading.slice(0, 4), focused: true }] }).payload,
    );
    const choices = (await send(http.port, { body: autocomplete, headers: signedHeaders(keys, autocomplete) })).json() as { type: number; data: { choices: Array<{ name: string }> } };
    expect(choices.type).toBe(8);
    expect(choices.data.choices.length).toBeLessThanOrEqual(25);
    expect(choices.data.choices.map((c) => c.name)).toContain(heading.slice(0, 100));
  });
});
