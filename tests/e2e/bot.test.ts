/**
 * End to end against a fake Discord on 127.0.0.1: the real discord.js client, started by `startBot` exactly
 * as `npm start` starts it, connects through DISCORD_API_URL, receives slash commands over the gateway and
 * answers over REST. Every body it sends must match Discord's OpenAPI schema and every limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLibrary, type Library } from "../../src/answers/library.js";
import { createLogger } from "../../src/bot/log.js";
import { startBot, type RunningBot } from "../../src/bot/start.js";
import { embedLength, LIMITS } from "../../src/render/discord/limits.js";
import type { DiscordEmbed } from "../../src/render/discord/types.js";
import { WORDS } from "../../src/render/i18n.js";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";
import { describeErrors, schemaValidator } from "./discord-schema.js";
import { FakeDiscord, IDS, interactionPayload, OPTION, type CommandOption, type RecordedRequest } from "./fake-discord.js";

const EPHEMERAL = 64;
const TOKEN = "ZmFrZS1ib3Q.fake.token-for-tests";

let fake: FakeDiscord;
let bot: RunningBot;
let library: Library;
let cacheDir: string;
let releaseLibrary: (library: Library) => void;
/** Set by the error-path test: the library then throws on use, as a bug in a handler would. */
let failOnUse = false;
const logs: string[] = [];

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), "kiji-e2e-"));
  fake = await FakeDiscord.start();
  library = await openLibrary({ articlesDir: SEEDS_DIR, cacheDir });
  // The bot starts while "the index is still loading": the first test releases it.
  const loading = new Promise<Library>((resolve) => (releaseLibrary = resolve));
  bot = await startBot({
    discord: { token: TOKEN, clientId: IDS.application, guildId: undefined, apiUrl: fake.apiUrl },
    library: loading,
    logger: createLogger("debug", (line) => logs.push(line)),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

/** Dispatches a slash command (or autocomplete) and returns what the bot sent for it. */
async function run(command: string, options: { options?: CommandOption[]; locale?: string; autocomplete?: boolean; expect?: number } = {}) {
  const { token, payload } = interactionPayload(fake, { command, ...options });
  fake.dispatch("INTERACTION_CREATE", payload);
  return fake.waitForRequests(token, options.expect ?? 1);
}

const str = (name: string, value: string, focused?: boolean): CommandOption => ({ name, type: OPTION.string, value, ...(focused ? { focused } : {}) });

interface MessageBody {
  content?: string;
  embeds?: DiscordEmbed[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
}

/** The message a request carries: a callback's `data`, or a webhook body. */
function messageOf(request: RecordedRequest): MessageBody {
  const body = request.body as { type?: number; data?: MessageBody } & MessageBody;
  return request.path.endsWith("/callback") ? (body.data ?? {}) : body;
}

function callback(requests: RecordedRequest[]): { type: number; data?: MessageBody } {
  const request = requests.find((r) => r.path.endsWith("/callback"));
  expect(request, "an interaction callback").toBeTruthy();
  return request!.body as { type: number; data?: MessageBody };
}

function expectWithinLimits(message: MessageBody): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.author);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

/** What every message the bot sends must be: schema-valid, within limits, pinging nobody. */
function expectWellFormed(requests: RecordedRequest[]): void {
  for (const request of requests) {
    expect(request.route, `${request.method} ${request.path} is a Discord route`).not.toBeNull();
    expect(request.schemaErrors, `${request.method} ${request.route}`).toEqual([]);
    if (request.method === "DELETE" || (request.path.endsWith("/callback") && [5, 8].includes((request.body as { type: number }).type))) continue;
    const message = messageOf(request);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expectWithinLimits(message);
  }
}

describe("connecting", () => {
  it("asks REST for the gateway, connects with v=10&encoding=json (no zlib), identifies with the Guilds intent only", () => {
    const gateway = fake.requests.find((r) => r.path === "/gateway/bot");
    expect(gateway?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(Object.fromEntries(fake.connections[0]!)).toEqual({ v: "10", encoding: "json" });
    const identify = fake.received.find((f) => f.op === 2)!.d as { token: string; intents: number };
    expect(identify.token).toBe(TOKEN);
    expect(identify.intents).toBe(1);
    expect(bot.client.guilds.cache.has(IDS.guild)).toBe(true);
  });
});

describe("slash commands", () => {
  it("defers while the library is still loading, then edits the reply with the answer (or apologises privately)", async () => {
    const answered = interactionPayload(fake, { command: "ask", options: [str("question", "トランプ大統領はゼレンスキー大統領に何が足りないと言った?")] });
    const failing = interactionPayload(fake, { command: "sources" });
    // The second reply cannot be edited (Discord answers 404): an error after a public deferral.
    fake.rejectEditsFor(failing.token);
    fake.dispatch("INTERACTION_CREATE", answered.payload);
    fake.dispatch("INTERACTION_CREATE", failing.payload);
    for (const { token } of [answered, failing]) {
      const [deferral] = await fake.waitForRequests(token, 1);
      expect(deferral!.body).toEqual({ type: 5, data: { flags: 0 } });
    }
    releaseLibrary(
      new Proxy(library, {
        get(target, property, receiver) {
          if (failOnUse) throw new Error("simulated handler failure");
          return Reflect.get(target, property, receiver);
        },
      }),
    );
    const requests = await fake.waitForRequests(answered.token, 2);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /interactions/${answered.payload.id}/${answered.token}/callback`,
      `PATCH /webhooks/${IDS.application}/${answered.token}/messages/@original`,
    ]);
    expect(messageOf(requests[1]!).embeds!.length).toBeGreaterThan(0);
    expectWellFormed(requests);

    // The public "thinking..." is removed and the apology follows up, visible to the user only.
    const failed = await fake.waitForRequests(failing.token, 4);
    expect(failed.map((r) => `${r.method} ${r.route}`)).toEqual([
      "POST /interactions/{interaction_id}/{interaction_token}/callback",
      "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original",
      "DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original",
      "POST /webhooks/{webhook_id}/{webhook_token}",
    ]);
    const apology = messageOf(failed[3]!);
    expect(apology.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(apology.embeds![0]!.description).toMatch(/error id: [0-9a-f]{8}/);
    expectWellFormed(failed);
  });

  it("/ask answers at once with quoted passages, each titled and linked to its source", async () => {
    const requests = await run("ask", { options: [str("question", "ゼレンスキー大統領は関係修復に向けてどんな姿勢を示した?")] });
    expect(requests).toHaveLength(1);
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect((data!.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data!.content).toContain("ゼレンスキー大統領は関係修復に向けてどんな姿勢を示した?");
    const titles = new Set(library.articles.map((a) => a.title));
    const links = new Set(library.articles.flatMap((a) => a.sections.flatMap((s) => s.sources.map((c) => c.url))));
    expect(data!.embeds!.length).toBeGreaterThanOrEqual(1);
    expect(data!.embeds!.length).toBeLessThanOrEqual(3);
    for (const embed of data!.embeds!) {
      expect(titles.has(embed.title!)).toBe(true);
      // A passage from a part of the article with no source card (e.g. its conclusions) has no link.
      if (embed.url !== undefined) expect(links.has(embed.url)).toBe(true);
      expect(embed.description).toMatch(/\*\*.+\*\*/su);
    }
    expectWellFormed(requests);
  });

  it("/ask top:1 quotes one passage; hide:true makes the reply ephemeral", async () => {
    const requests = await run("ask", {
      options: [str("question", "トランプ政権がウクライナ支援を再開する条件は?"), { name: "top", type: OPTION.integer, value: 1 }, { name: "hide", type: OPTION.boolean, value: true }],
    });
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(data!.embeds).toHaveLength(1);
    expectWellFormed(requests);
  });

  it("/ask declines a question the articles do not answer, in the user's language, pointing to /sources", async () => {
    const requests = await run("ask", { options: [str("question", "美味しいラーメンの作り方を教えてください")], locale: "ja" });
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.embeds).toHaveLength(1);
    expect(data!.embeds![0]!.title).toBe(WORDS.ja.notFoundTitle);
    expect(data!.embeds![0]!.description).toContain("/sources");
    expectWellFormed(requests);
  });

  it("/ask with @everyone in the question pings nobody and shows no live mention", async () => {
    const requests = await run("ask", { options: [str("question", "@everyone トランプ大統領はゼレンスキー大統領に何が足りないと言った?")] });
    const { data } = callback(requests);
    expect(data!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(data)).not.toMatch(/@everyone/u);
    expect(data!.content).toContain("@\u200beveryone");
    // A user mention and @here, whatever the answer: allowed_mentions off and the syntax escaped.
    const more = await run("ask", { options: [str("question", "<@1300000000000000004> @here ゼレンスキー大統領の決意は?")] });
    expect(JSON.stringify(callback(more).data)).not.toMatch(/@here|(?<!\\)<@\d/u);
    expectWellFormed([...requests, ...more]);
  });

  it("/ask with a question far beyond any limit (5,000 characters) gets a short message, not an error", async () => {
    const requests = await run("ask", { options: [str("question", "トランプ".repeat(1250))], locale: "en-GB" });
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.embeds![0]!.description).toMatch(/too long/);
    expectWellFormed(requests);
  });

  it("/sources lists every article, its sections and its sources", async () => {
    const requests = await run("sources", { locale: "ja" });
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.embeds!.map((e) => e.title)).toEqual(library.articles.map((a) => a.title));
    const shown = data!.embeds!.map((e) => e.description).join("\n");
    for (const card of library.articles.flatMap((a) => a.sections.flatMap((s) => s.sources))) if (card.url) expect(shown).toContain(card.url);
    expect(data!.content).toContain(WORDS.ja.sourcesTitle);
    expectWellFormed(requests);
  });

  it("/summary gives each article's conclusions; /summary article:<id> just that one", async () => {
    const all = await run("summary");
    expect(callback(all).data!.embeds!.map((e) => e.title)).toEqual(library.articles.map((a) => a.title));
    const [, second] = library.articles;
    const one = await run("summary", { options: [str("article", second!.id)] });
    const { data } = callback(one);
    expect(data!.embeds).toHaveLength(1);
    for (const point of second!.conclusions) expect(data!.embeds![0]!.description).toContain(point);
    expectWellFormed([...all, ...one]);
  });

  it("/summary with an article that no longer exists (a stale autocomplete value) says so and suggests titles", async () => {
    const requests = await run("summary", { options: [str("article", "999_removed-article ホワイトハウス会談")] });
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.embeds![0]!.description).toContain(library.articles[1]!.title.slice(0, 50));
    expectWellFormed(requests);
  });
});

describe("autocomplete", () => {
  it("/summary article: answers type 8 with matching titles first, within 25 choices of 100 characters", async () => {
    const requests = await run("summary", { options: [str("article", "ホワイトハウス", true)], autocomplete: true });
    const { type, data } = callback(requests) as unknown as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(type).toBe(8);
    expect(schemaValidator("ApplicationCommandAutocompleteCallbackRequest")({ type, data })).toBe(true);
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.length).toBeLessThanOrEqual(25);
    expect(data.choices[0]!.value).toBe(library.articles[1]!.id);
    for (const choice of data.choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expectWellFormed(requests);
  });

  it("an empty search offers every article", async () => {
    const requests = await run("summary", { options: [str("article", "", true)], autocomplete: true });
    const { data } = callback(requests) as unknown as { data: { choices: Array<{ value: string }> } };
    expect(data.choices.map((c) => c.value)).toEqual(library.articles.map((a) => a.id));
  });

  it("an autocomplete for a command the bot does not know gets an empty list", async () => {
    const requests = await run("retired", { options: [str("thing", "x", true)], autocomplete: true });
    expect(callback(requests)).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe("failures", () => {
  it("an unknown command gets a clear ephemeral reply naming the commands there are", async () => {
    const requests = await run("frobnicate");
    const { type, data } = callback(requests);
    expect(type).toBe(4);
    expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(data!.embeds![0]!.description).toContain("/ask");
    expectWellFormed(requests);
  });

  it("a handler error becomes an ephemeral apology with an error id, logged with the command and the stack", async () => {
    failOnUse = true;
    try {
      const requests = await run("sources", { locale: "ja" });
      const { type, data } = callback(requests);
      expect(type).toBe(4);
      expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
      const errorId = /([0-9a-f]{8})/.exec(data!.embeds![0]!.description!)?.[1];
      expect(errorId).toBeTruthy();
      expect(data!.embeds![0]!.description).toContain("申し訳ありません");
      const logged = logs.find((line) => line.includes(`error ${errorId}`));
      expect(logged).toContain("/sources");
      expect(logged).toContain("simulated handler failure");
      expect(logged).toMatch(/\n\s+at /);
      expectWellFormed(requests);
    } finally {
      failOnUse = false;
    }
    // And the bot carries on.
    const after = await run("sources");
    expect(callback(after).data!.embeds!.length).toBe(library.articles.length);
  });
});

describe("everything the bot sent", () => {
  it("went to Discord routes, matched Discord's schemas, carried allowed_mentions {parse: []} and kept the limits", () => {
    const sent = fake.requests.filter((r) => r.path !== "/gateway/bot");
    expect(sent.length).toBeGreaterThan(15);
    expectWellFormed(sent);
    for (const request of sent.filter((r) => r.path.endsWith("/callback"))) {
      const body = request.body as { type: number; data?: Record<string, unknown> };
      expect(body.data && "ephemeral" in body.data).toBe(false);
    }
  });

  it("never failed a schema check on the callback's specific body shape", () => {
    const create = schemaValidator("CreateMessageInteractionCallbackRequest");
    for (const request of fake.requests.filter((r) => r.path.endsWith("/callback") && [4, 5].includes((r.body as { type: number }).type)))
      expect(create(request.body) ? [] : describeErrors(create)).toEqual([]);
  });
});
