/**
 * The HTTP interactions endpoint as Discord meets it: signed requests with a key pair made here, the PING it
 * sends when the URL is saved, the bad signatures it sends on purpose, oversized bodies, and the 3-second rule
 * (a deferral, then the answer as an edit through the webhook routes of a fake Discord on 127.0.0.1).
 * The dispatcher here is a scripted one, so each transport rule is tested alone.
 */
import { once } from "node:events";
import { connect } from "node:net";
import { InteractionResponseType, MessageFlags, type APIInteraction } from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, MAX_BODY_BYTES, webhookSenders, type RunningHttpServer } from "../../src/bot/http-server.js";
import type { Logger } from "../../src/bot/log.js";
import type { InteractionDispatcher, InteractionResponder } from "../../src/bot/transport.js";
import { webhookRest } from "../../src/bot/webhook-rest.js";
import { FakeDiscord, IDS, interactionPayload, OPTION } from "../e2e/fake-discord.js";
import { send, signedHeaders, testKeys } from "./signed-requests.js";

const keys = testKeys();
let fake: FakeDiscord;
let server: RunningHttpServer | undefined;
const logged: string[] = [];
const logger: Logger = {
  error: (m) => logged.push(`error ${m}`),
  warn: (m) => logged.push(`warn ${m}`),
  info: (m) => logged.push(`info ${m}`),
  debug: (m) => logged.push(`debug ${m}`),
};

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.stop();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  logged.length = 0;
});

/** Starts the endpoint with a dispatcher; records what reaches it. */
async function serve(dispatch: InteractionDispatcher = async () => {}, timing: { safetyDeferMs?: number; drainMs?: number } = {}) {
  const seen: APIInteraction[] = [];
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey: keys.publicKeyHex,
    dispatch: (interaction, responder) => {
      seen.push(interaction);
      return dispatch(interaction, responder);
    },
    webhooks: webhookSenders(webhookRest(fake.apiUrl, IDS.application)),
    logger,
    ...timing,
  });
  return { port: server.port, seen };
}

const ping = JSON.stringify({ id: "1400000000000000001", application_id: "1300000000000000001", type: 1, token: "ping-token", version: 1 });

function askCommand(question = "何が対立を招いた?") {
  return interactionPayload(fake, { command: "ask", options: [{ name: "question", type: OPTION.string, value: question }] });
}

/** A promise and the function that settles it: lets a test decide when a scripted handler goes on. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const opened = new Promise<T>((resolve) => (open = resolve));
  return { open, opened };
}

describe("signature checks", () => {
  it("answers a correctly signed PING with {type: 1} as JSON, without calling the dispatcher", async () => {
    const { port, seen } = await serve();
    const answer = await send(port, { body: ping, headers: signedHeaders(keys, ping) });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.json()).toEqual({ type: 1 });
    expect(seen).toEqual([]);
  });

  it("refuses Discord's deliberate probe: a valid-looking PING signed with another key", async () => {
    const { port } = await serve();
    const answer = await send(port, { body: ping, headers: signedHeaders(testKeys(), ping) });
    expect(answer.status).toBe(401);
  });

  it("refuses a body changed after signing, and a signature that is not hex", async () => {
    const { port, seen } = await serve();
    const command = JSON.stringify(askCommand().payload);
    const tampered = command.replace("何が", "誰が");
    expect(tampered).not.toBe(command);
    expect((await send(port, { body: tampered, headers: signedHeaders(keys, command) })).status).toBe(401);
    const headers = { ...signedHeaders(keys, ping), "x-signature-ed25519": "not-a-signature" };
    expect((await send(port, { body: ping, headers })).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("refuses a correctly signed request whose timestamp is stale or far in the future (a replay)", async () => {
    const { port } = await serve();
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 10 * 60, now + 10 * 60]) {
      const answer = await send(port, { body: ping, headers: signedHeaders(keys, ping, String(timestamp)) });
      expect(answer.status).toBe(401);
    }
    // One within the window still passes: the check is about age, not the clock being exact.
    expect((await send(port, { body: ping, headers: signedHeaders(keys, ping, String(now - 30)) })).status).toBe(200);
  });

  it("refuses a request without the signature or the timestamp header", async () => {
    const { port } = await serve();
    const { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp } = signedHeaders(keys, ping);
    expect((await send(port, { body: ping, headers: { "x-signature-timestamp": timestamp! } })).status).toBe(401);
    expect((await send(port, { body: ping, headers: { "x-signature-ed25519": signature! } })).status).toBe(401);
    expect((await send(port, { body: ping })).status).toBe(401);
  });

  it("says 400 for a signed body that is not JSON, or not a JSON object", async () => {
    const { port, seen } = await serve();
    for (const body of ["{not json", "null", "[1]", "42"]) {
      expect((await send(port, { body, headers: signedHeaders(keys, body) })).status).toBe(400);
    }
    expect(seen).toEqual([]);
  });
});

describe("what is not an interaction", () => {
  it("refuses a body over 1 MB with 413, whether announced by Content-Length or streamed, and keeps serving", async () => {
    const { port, seen } = await serve();
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, "a");
    const announced = await send(port, { body: big, headers: signedHeaders(keys, big) });
    expect(announced.status).toBe(413);
    // Chunked: no length up front, so the limit is found while reading; the rest (3 MB more) is never needed.
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(64 * 1024, "b"));
    const streamed = await send(port, { chunks, headers: { ...signedHeaders(keys, "x"), "transfer-encoding": "chunked" } });
    expect(streamed.status).toBe(413);
    expect(seen).toEqual([]);
    expect((await send(port, { body: ping, headers: signedHeaders(keys, ping) })).json()).toEqual({ type: 1 });
  });

  it("a client that hangs up halfway through its body is a debug line, not an error with a stack, and the next request is answered", async () => {
    const { port, seen } = await serve();
    const headers = signedHeaders(keys, ping);
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    // Anyone can do this (the signature is checked only once the body is in), any number of times.
    socket.write(
      `POST /interactions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${ping.length + 100}\r\n` +
        `x-signature-ed25519: ${headers["x-signature-ed25519"]}\r\nx-signature-timestamp: ${headers["x-signature-timestamp"]}\r\n\r\n${ping.slice(0, 10)}`,
    );
    await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket.destroy();
    while (!logged.some((line) => !line.startsWith("info listening"))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logged.filter((line) => !line.startsWith("info listening"))).toEqual([expect.stringMatching(/^debug .*went away/)]);
    expect(seen).toEqual([]);
    expect((await send(port, { body: ping, headers: signedHeaders(keys, ping) })).json()).toEqual({ type: 1 });
  });

  it("answers 404 for other paths and 405 for other methods on /interactions", async () => {
    const { port } = await serve();
    expect((await send(port, { path: "/", body: ping, headers: signedHeaders(keys, ping) })).status).toBe(404);
    expect((await send(port, { path: "/healthz", method: "GET" })).status).toBe(404);
    const get = await send(port, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    // A target that is no URL path (new URL throws on it): a 404 like any other, not the server's own failure.
    expect((await send(port, { path: "//", body: ping, headers: signedHeaders(keys, ping) })).status).toBe(404);
    expect(logged.filter((line) => line.startsWith("error"))).toEqual([]);
  });
});

describe("answering through the dispatcher", () => {
  it("hands a signed command to the dispatcher and writes its response as the HTTP body", async () => {
    const { port, seen } = await serve(async (interaction, responder) => {
      const data = interaction.data as { options: Array<{ value: string }> };
      await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: `Q: ${data.options[0]!.value}`, allowed_mentions: { parse: [] } } });
    });
    const { payload } = askCommand("誰が勝った?");
    const body = JSON.stringify(payload);
    const answer = await send(port, { body, headers: signedHeaders(keys, body) });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.json()).toEqual({ type: 4, data: { content: "Q: 誰が勝った?", allowed_mentions: { parse: [] } } });
    expect(seen.map((i) => i.id)).toEqual([payload.id]);
  });

  it("lets a slow handler defer ({type: 5}) and finish with an edit that reaches Discord's webhook route", async () => {
    const handlerGoesOn = gate();
    const { port } = await serve(async (_interaction, responder) => {
      await responder.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource });
      await handlerGoesOn.opened;
      await responder.editOriginal({ content: "遅い答え", allowed_mentions: { parse: [] } });
    });
    const { token, payload } = askCommand();
    const body = JSON.stringify(payload);
    const answer = await send(port, { body, headers: signedHeaders(keys, body) });
    expect(answer.json()).toEqual({ type: 5 });
    expect(fake.requestsFor(token)).toEqual([]);
    handlerGoesOn.open();
    const [edit] = await fake.waitForRequests(token, 1);
    expect(edit).toMatchObject({ method: "PATCH", route: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", body: { content: "遅い答え" } });
    expect(edit!.path).toBe(`/webhooks/${payload.application_id}/${token}/messages/@original`);
    expect(edit!.schemaErrors).toEqual([]);
  });

  it("defers by itself when the dispatcher is silent too long, and turns its late answer into the edit", async () => {
    const deferralSeen = gate();
    const { port } = await serve(async (_interaction, responder) => {
      await deferralSeen.opened;
      await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: "やっと", allowed_mentions: { parse: [] } } });
    }, { safetyDeferMs: 200 });
    const { token, payload } = askCommand();
    const body = JSON.stringify(payload);
    const answer = await send(port, { body, headers: signedHeaders(keys, body) });
    expect(answer.json()).toEqual({ type: 5 });
    expect(logged.some((line) => line.startsWith("warn") && line.includes("deferred by the transport"))).toBe(true);
    deferralSeen.open();
    const requests = await fake.waitForRequests(token, 1);
    expect(requests.map((r) => [r.method, r.route, r.body])).toEqual([
      ["PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", { content: "やっと", allowed_mentions: { parse: [] } }],
    ]);
  });

  it("keeps a late private answer private: an ephemeral follow-up, and the public placeholder removed", async () => {
    const deferralSeen = gate();
    const { port } = await serve(async (_interaction, responder) => {
      await deferralSeen.opened;
      await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: "内緒", flags: MessageFlags.Ephemeral } });
    }, { safetyDeferMs: 200 });
    const { token, payload } = askCommand();
    const body = JSON.stringify(payload);
    expect((await send(port, { body, headers: signedHeaders(keys, body) })).json()).toEqual({ type: 5 });
    deferralSeen.open();
    const requests = await fake.waitForRequests(token, 2);
    expect(requests.map((r) => [r.method, r.route])).toEqual([
      ["POST", "/webhooks/{webhook_id}/{webhook_token}"],
      ["DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"],
    ]);
    expect(requests[0]!.body).toMatchObject({ content: "内緒", flags: MessageFlags.Ephemeral });
  });

  it("defers a silent button as a message update, and answers a silent autocomplete with no choices", async () => {
    const { port } = await serve(() => new Promise(() => {}), { safetyDeferMs: 100, drainMs: 100 });
    const { payload } = askCommand();
    const button = JSON.stringify({ ...payload, type: 3, data: { custom_id: "more:abc", component_type: 2 } });
    expect((await send(port, { body: button, headers: signedHeaders(keys, button) })).json()).toEqual({ type: 6 });
    const autocomplete = JSON.stringify({ ...payload, id: fake.id(), type: 4 });
    expect((await send(port, { body: autocomplete, headers: signedHeaders(keys, autocomplete) })).json()).toEqual({ type: 8, data: { choices: [] } });
  });

  it("answers 500 (Discord then shows its own failure notice) when the dispatcher finishes without responding", async () => {
    const { port } = await serve(async () => {});
    const body = JSON.stringify(askCommand().payload);
    const answer = await send(port, { body, headers: signedHeaders(keys, body) });
    expect(answer.status).toBe(500);
    expect(answer.text).not.toMatch(/at .*\.ts/);
    expect(logged.some((line) => line.startsWith("error") && line.includes("without responding"))).toBe(true);
  });

  it("survives a dispatcher that breaks its promise and throws: 500 for that one, the next is answered", async () => {
    let calls = 0;
    const { port } = await serve(async (_interaction, responder) => {
      if (++calls === 1) throw new Error("a bug in the dispatcher");
      await responder.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    });
    const body = JSON.stringify(askCommand().payload);
    const failed = await send(port, { body, headers: signedHeaders(keys, body) });
    expect(failed.status).toBe(500);
    expect(failed.text).not.toContain("a bug in the dispatcher");
    expect(logged.some((line) => line.startsWith("error") && line.includes("the dispatcher failed"))).toBe(true);
    expect((await send(port, { body, headers: signedHeaders(keys, body) })).json()).toEqual({ type: 5 });
  });

  it("refuses a second response from the dispatcher", async () => {
    let second: unknown;
    const { port } = await serve(async (_interaction, responder: InteractionResponder) => {
      await responder.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource });
      second = await responder.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource }).catch((error: unknown) => error);
    });
    const body = JSON.stringify(askCommand().payload);
    expect((await send(port, { body, headers: signedHeaders(keys, body) })).json()).toEqual({ type: 5 });
    await fake.waitUntil(() => second !== undefined, 5_000, "the second respond");
    expect(second).toBeInstanceOf(Error);
  });
});

describe("shutdown", () => {
  it("finishes the interaction in flight before close() resolves, and then refuses connections", async () => {
    const handlerGoesOn = gate();
    const events: string[] = [];
    const { port, seen } = await serve(async (_interaction, responder) => {
      await handlerGoesOn.opened;
      await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: "最後の答え" } });
      events.push("responded");
    });
    const body = JSON.stringify(askCommand().payload);
    const answering = send(port, { body, headers: signedHeaders(keys, body) });
    await fake.waitUntil(() => seen.length === 1, 5_000, "the interaction to reach the dispatcher");
    const closing = server!.close().then(() => events.push("closed"));
    handlerGoesOn.open();
    const answer = await answering;
    await closing;
    expect(answer.json()).toMatchObject({ type: 4, data: { content: "最後の答え" } });
    expect(events).toEqual(["responded", "closed"]);
    await expect(send(port, { body: ping, headers: signedHeaders(keys, ping) })).rejects.toThrow(/ECONNREFUSED/);
  });
});
