/**
 * End to end against a fake Discord on 127.0.0.1: the real discord.js client, started by `startBot` exactly
 * as `npm start` starts it, connects through DISCORD_API_URL, receives slash commands, buttons and
 * autocompletes over the gateway and answers over REST. Every body it sends must match Discord's OpenAPI
 * schema and every limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLibrary, type Library } from "../../src/answers/library.js";
import { openFeedbackStore, type FeedbackStore } from "../../src/feedback/store.js";
import type { ShownAnswer } from "../../commands/types.js";
import type { LibraryHandle } from "../../src/bot/context.js";
import { createLogger } from "../../src/bot/log.js";
import { startBot, type RunningBot } from "../../src/bot/start.js";
import type { ReloadSummary } from "../../src/render/discord/reload.js";
import { embedLength, LIMITS } from "../../src/render/discord/limits.js";
import type { DiscordEmbed } from "../../src/render/discord/types.js";
import { WORDS } from "../../src/render/i18n.js";
import { SEEDS_DIR } from "../discord/seed-fixtures.js";
import { describeErrors, schemaValidator } from "./discord-schema.js";
import { componentPayload, FakeDiscord, IDS, interactionPayload, OPTION, type CommandOption, type RecordedRequest } from "./fake-discord.js";

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
/** The rebuild a /reload is waiting for: the test finishes it when it chooses. */
let finishReload: ((report: ReloadSummary) => void) | undefined;
/** The real feedback store (SQLite in a temporary folder), and what the bot asked it to record. */
let store: FeedbackStore;
const recordedAnswers: Array<ShownAnswer & { id: number | undefined }> = [];
const recordedVotes: Array<{ answerId: number; userId: string; vote: "up" | "down"; recorded: boolean }> = [];
const COOLDOWN_MS = 60_000;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), "kiji-e2e-"));
  fake = await FakeDiscord.start();
  library = await openLibrary({ articlesDir: SEEDS_DIR, cacheDir });
  store = openFeedbackStore(path.join(cacheDir, "feedback.sqlite"), (message) => logs.push(`feedback warning: ${message}`));
  // The bot starts while "the index is still loading": the first test releases it.
  let current: Library | undefined;
  const ready = new Promise<Library>((resolve) => (releaseLibrary = (loaded) => resolve((current = loaded))));
  const handle: LibraryHandle = { current: () => current, ready, reload: () => new Promise<ReloadSummary>((resolve) => (finishReload = resolve)) };
  bot = await startBot({
    discord: { token: TOKEN, clientId: IDS.application, guildId: undefined, apiUrl: fake.apiUrl },
    library: handle,
    logger: createLogger("debug", (line) => logs.push(line)),
    askCooldownMs: COOLDOWN_MS,
    feedback: {
      recordAnswer: (record) => {
        const id = store.recordAnswer(record);
        recordedAnswers.push({ ...record, id });
        return id;
      },
      recordVote: (answerId, userId, vote) => {
        const recorded = store.recordVote(answerId, userId, vote);
        recordedVotes.push({ answerId, userId, vote, recorded });
        return recorded;
      },
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  store?.close();
  await fake?.stop();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

/**
 * Dispatches a slash command (or autocomplete) and returns what the bot sent for it. Each comes from a new
 * user unless `userId` says otherwise, so /ask's cooldown only meets the tests that look for it.
 */
async function run(command: string, options: { options?: CommandOption[]; locale?: string; autocomplete?: boolean; expect?: number; userId?: string } = {}) {
  const { token, payload } = interactionPayload(fake, { command, userId: fake.id(), ...options });
  fake.dispatch("INTERACTION_CREATE", payload);
  return fake.waitForRequests(token, options.expect ?? 1);
}

/** Presses a button as `userId` and returns what the bot sent for it. */
async function press(customId: string, userId: string, expect = 1) {
  const { token, payload } = componentPayload(fake, { customId, userId });
  fake.dispatch("INTERACTION_CREATE", payload);
  return fake.waitForRequests(token, expect);
}

const str = (name: string, value: string, focused?: boolean): CommandOption => ({ name, type: OPTION.string, value, ...(focused ? { focused } : {}) });

interface MessageBody {
  content?: string;
  embeds?: DiscordEmbed[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
  components?: Array<{ type: number; components: Array<{ type: number; custom_id: string; label?: string; disabled?: boolean; emoji?: { name: string } }> }>;
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
    if (request.method === "DELETE" || (request.path.endsWith("/callback") && [5, 6, 8].includes((request.body as { type: number }).type))) continue;
    const message = messageOf(request);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expectWithinLimits(message);
    expect(message.components?.length ?? 0).toBeLessThanOrEqual(5);
    for (const row of message.components ?? []) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const button of row.components) {
        expect(button.custom_id.length).toBeLessThanOrEqual(100);
        expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
      }
    }
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
      expect(deferral!.body).toEqual({ type: 5 });
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

/** The custom_ids of the buttons under a message, by action (more, up, down). */
function buttonsOf(message: MessageBody): Record<string, { custom_id: string; disabled?: boolean }> {
  const buttons = (message.components ?? []).flatMap((row) => row.components);
  return Object.fromEntries(buttons.map((b) => [b.custom_id.split(":")[1]!, b]));
}

const ANSWERED = "ゼレンスキー大統領は関係修復に向けてどんな姿勢を示した?";

describe("buttons under an answer", () => {
  it("an answered /ask carries More, 👍 and 👎; a declined one carries none", async () => {
    const { data } = callback(await run("ask", { options: [str("question", ANSWERED)] }));
    const buttons = buttonsOf(data!);
    expect(Object.keys(buttons).sort()).toEqual(["down", "more", "up"]);
    expect(buttons.more!.disabled).toBe(false);
    // One short state id shared by the three buttons, well within custom_id's 100 characters.
    const ids = new Set(Object.values(buttons).map((b) => b.custom_id.split(":")[2]));
    expect(ids.size).toBe(1);
    expect([...ids][0]!.length).toBeLessThanOrEqual(16);
    const declined = callback(await run("ask", { options: [str("question", "美味しいラーメンの作り方を教えてください")] }));
    expect(declined.data!.components ?? []).toEqual([]);
  });

  it("More, pressed by the asker, updates the message (type 7) with the next passages, until there are no more", async () => {
    const asker = fake.id();
    const first = callback(await run("ask", { userId: asker, options: [str("question", ANSWERED), { name: "top", type: OPTION.integer, value: 1 }] })).data!;
    expect(first.embeds).toHaveLength(1);
    const seen = [first.embeds![0]!.description];
    let more = buttonsOf(first).more!;
    for (let page = 2; !more.disabled; page++) {
      const requests = await press(more.custom_id, asker);
      const { type, data } = callback(requests);
      expect(type).toBe(7);
      expect(data!.flags).toBeUndefined();
      expect(data!.embeds).toHaveLength(1);
      expect(data!.embeds![0]!.footer!.text).toBe(`Passage ${page} of ${page}`);
      expect(seen).not.toContain(data!.embeds![0]!.description);
      seen.push(data!.embeds![0]!.description);
      expectWellFormed(requests);
      more = buttonsOf(data!).more!;
      expect(page).toBeLessThanOrEqual(10);
    }
    expect(seen.length).toBeGreaterThan(1);
    // Each page shown was recorded for feedback with the passages it showed.
    const recorded = recordedAnswers.filter((r) => r.userId === asker);
    expect(recorded).toHaveLength(seen.length);
    expect(recorded.every((r) => r.question === ANSWERED && r.answered && r.passages.length === 1)).toBe(true);
  });

  it("More, pressed by someone else, gets a private note and changes nothing", async () => {
    const { data } = callback(await run("ask", { options: [str("question", ANSWERED)] }));
    const requests = await press(buttonsOf(data!).more!.custom_id, fake.id());
    const reply = callback(requests);
    expect(reply.type).toBe(4);
    expect(reply.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.data!.embeds![0]!.description).toBe(WORDS.en.notYourAnswer);
    expect(requests).toHaveLength(1);
    expectWellFormed(requests);
  });

  it("👍 and 👎 record a vote on the answer shown, from anyone, with a private thanks; a second vote is recorded again", async () => {
    const asker = fake.id();
    const { data } = callback(await run("ask", { userId: asker, options: [str("question", ANSWERED)] }));
    const shown = recordedAnswers.findLast((r) => r.userId === asker)!;
    expect(shown.passages.map((p) => p.articleTitle)).toEqual(data!.embeds!.map((e) => e.title));
    const answerId = shown.id!;
    expect(answerId).toBeGreaterThan(0);
    const voter = fake.id();
    for (const vote of ["up", "down"] as const) {
      const requests = await press(buttonsOf(data!)[vote]!.custom_id, voter);
      const reply = callback(requests);
      expect(reply.type).toBe(4);
      expect(reply.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.data!.embeds![0]!.description).toBe(WORDS.en.voteThanks);
      expectWellFormed(requests);
    }
    expect(recordedVotes.filter((v) => v.userId === voter)).toEqual([
      { answerId, userId: voter, vote: "up", recorded: true },
      { answerId, userId: voter, vote: "down", recorded: true },
    ]);
    expect(logs.filter((line) => line.startsWith("feedback warning"))).toEqual([]);
    // In the database, the second vote replaced the first.
    const db = new Database(path.join(cacheDir, "feedback.sqlite"), { readonly: true });
    try {
      expect(db.prepare("SELECT vote FROM votes WHERE answer_id = ?").all(answerId)).toEqual([{ vote: "down" }]);
    } finally {
      db.close();
    }
  });

  it("a button whose state is gone (a restart, or expired) or that the bot does not know gets a polite private 'ask again'", async () => {
    for (const customId of ["ask:more:AAAAAAAAAAAA", "ask:up:AAAAAAAAAAAA", "retired:thing"]) {
      const requests = await press(customId, fake.id());
      const { type, data } = callback(requests);
      expect(type).toBe(4);
      expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
      expect(data!.embeds![0]!.description).toBe(WORDS.en.buttonExpired);
      expectWellFormed(requests);
    }
  });
});

describe("/ask cooldown", () => {
  it("a second /ask by the same user within ASK_COOLDOWN_MS gets a private 'wait', while another user is answered", async () => {
    const user = fake.id();
    expect(callback(await run("ask", { userId: user, options: [str("question", ANSWERED)] })).data!.embeds!.length).toBeGreaterThan(0);
    const again = await run("ask", { userId: user, options: [str("question", ANSWERED)], locale: "ja" });
    const { type, data } = callback(again);
    expect(type).toBe(4);
    expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(data!.embeds![0]!.description).toMatch(/^少し待ってから質問してください/);
    expect(data!.embeds![0]!.description).toContain(String(COOLDOWN_MS / 1000));
    expectWellFormed(again);
    const other = callback(await run("ask", { options: [str("question", ANSWERED)] }));
    expect(other.data!.flags ?? 0).toBe(0);
    expect(logs.some((line) => / INFO  \/ask guild=\d+ \d+ ms declined cooldown$/.test(line))).toBe(true);
  });
});

describe("/reload", () => {
  it("defers privately while the library rebuilds, then says what was added, changed and removed", async () => {
    const { token, payload } = interactionPayload(fake, { command: "reload" });
    fake.dispatch("INTERACTION_CREATE", payload);
    const [deferral] = await fake.waitForRequests(token, 1);
    expect(deferral!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    finishReload!({ added: ["010_new-article"], changed: [library.articles[0]!.id], removed: ["009_old-article"], warnings: [], articleCount: 3, ms: 812 });
    const requests = await fake.waitForRequests(token, 2);
    expect(requests[1]!.method).toBe("PATCH");
    const embed = messageOf(requests[1]!).embeds![0]!;
    expect(embed.description).toContain("3 articles");
    expect(embed.fields!.map((f) => [f.name, f.value])).toEqual([
      ["Added (1)", "• 010\\_new-article"],
      ["Changed (1)", `• ${library.articles[0]!.id.replaceAll("_", "\\_")}`],
      ["Removed (1)", "• 009\\_old-article"],
    ]);
    expectWellFormed(requests);
  });
});

describe("/ask autocomplete", () => {
  it("answers type 8 at once with suggested questions that match what was typed, at most 25", async () => {
    const typed = "ゼレンスキー";
    const requests = await run("ask", { options: [str("question", typed, true)], autocomplete: true });
    const { type, data } = callback(requests) as unknown as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(type).toBe(8);
    expect(schemaValidator("ApplicationCommandAutocompleteCallbackRequest")({ type, data })).toBe(true);
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.length).toBeLessThanOrEqual(25);
    for (const choice of data.choices) {
      expect(choice.value).toBe(choice.name);
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(choice.value).toContain(typed);
    }
  });
});

describe("bad gateway input", () => {
  it("a malformed INTERACTION_CREATE (a null in data.resolved.users) does not reach discord.js: it is answered, and so is the next", async () => {
    const { token, payload } = interactionPayload(fake, { command: "sources", userId: fake.id() });
    fake.dispatch("INTERACTION_CREATE", { ...payload, data: { ...payload.data, resolved: { users: { [IDS.user]: null } } } });
    const requests = await fake.waitForRequests(token, 1);
    expect(callback(requests).type).toBe(4);
    expect(callback(await run("sources")).data!.embeds!.length).toBe(library.articles.length);
    // discord.js never tried to build an Interaction from it (that threw, and took the process down).
    expect(logs.filter((line) => line.includes("gateway event INTERACTION_CREATE"))).toEqual([]);
  });

  it("an INTERACTION_CREATE with no data gets a clear private reply", async () => {
    const { token, payload } = interactionPayload(fake, { command: "sources" });
    fake.dispatch("INTERACTION_CREATE", { ...payload, data: null, member: null });
    const { type, data } = callback(await fake.waitForRequests(token, 1));
    expect(type).toBe(4);
    expect(data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("a gateway event that throws inside discord.js is logged with an error id and dropped; the bot keeps answering", async () => {
    fake.dispatch("CHANNEL_CREATE", null);
    await fake.waitUntil(() => logs.some((line) => /error [0-9a-f]{8} while handling gateway event CHANNEL_CREATE: dropped/.test(line)), 5_000, "the logged error");
    expect(callback(await run("summary")).data!.embeds!.length).toBe(library.articles.length);
  });
});

describe("the log", () => {
  it("has one info line per interaction: command, guild, latency, outcome; the question only at debug", () => {
    const infos = logs.filter((line) => / INFO  (\/|button |autocomplete )/.test(line));
    expect(infos.length).toBeGreaterThan(20);
    for (const line of infos) expect(line).toMatch(/ INFO  (\/\w*|button [\w:-]+|autocomplete \/\w+) guild=(\d+|-) \d+ ms (answered|declined|failed)( \w+)?( error=[0-9a-f]{8})?$/);
    expect(infos.some((line) => / failed error=[0-9a-f]{8}$/.test(line))).toBe(true);
    expect(infos.join("\n")).not.toContain(ANSWERED);
    expect(logs.some((line) => line.includes(" DEBUG ") && line.includes(ANSWERED))).toBe(true);
  });
});

describe("everything the bot sent", () => {
  it("went to Discord routes, matched Discord's schemas, carried allowed_mentions {parse: []} and kept the limits", () => {
    const sent = fake.requests.filter((r) => r.path !== "/gateway/bot");
    expect(sent.length).toBeGreaterThan(40);
    expectWellFormed(sent);
    for (const request of sent.filter((r) => r.path.endsWith("/callback"))) {
      const body = request.body as { type: number; data?: Record<string, unknown> };
      expect(body.data !== undefined && "ephemeral" in body.data).toBe(false);
    }
  });

  it("never failed a schema check on the callback's specific body shape", () => {
    const create = schemaValidator("CreateMessageInteractionCallbackRequest");
    for (const request of fake.requests.filter((r) => r.path.endsWith("/callback") && [4, 5].includes((r.body as { type: number }).type)))
      expect(create(request.body) ? [] : describeErrors(create)).toEqual([]);
  });
});
