/**
 * A test-only Discord on 127.0.0.1: the REST routes a bot uses (gateway discovery, interaction callbacks,
 * webhook edits and follow-ups, command registration) and a gateway WebSocket speaking v10 JSON (HELLO,
 * IDENTIFY, heartbeat/ACK, READY, GUILD_CREATE, then INTERACTION_CREATE on demand). Every request is recorded,
 * and every JSON body is checked against Discord's OpenAPI schema for its route.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { describeErrors, operationOf } from "./discord-schema.js";

export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** The OpenAPI path template it matched, or null for a route Discord does not have. */
  route: string | null;
  /** Why the body does not match Discord's schema for the route; empty when it does. */
  schemaErrors: string[];
  /** performance.now() when the whole request had arrived (the deadline bench measures time to callback). */
  receivedAt?: number;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export const IDS = {
  application: "1300000000000000001",
  bot: "1300000000000000001",
  guild: "1300000000000000002",
  channel: "1300000000000000003",
  user: "1300000000000000004",
} as const;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Frames the bot sent on the gateway (IDENTIFY, heartbeats, ...). */
  readonly received: GatewayFrame[] = [];
  /** Called with each request as it is recorded (the deadline bench times callbacks without polling). */
  onRecorded: ((request: RecordedRequest) => void) | undefined;
  /** The query string of each gateway connection. */
  readonly connections: URLSearchParams[] = [];
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private sequence = 0;
  private nextId = 1n;
  private waiters: Array<() => void> = [];
  private readonly rejectedEdits = new Set<string>();
  private tokenRefused = false;
  /** A close code to end the gateway session with, in answer to the next IDENTIFY; null to accept it. */
  private identifyCloseCode: number | null = null;
  /** Interaction tokens whose callback is answered only after a delay, and whether each answer reached the bot. */
  private readonly held = new Map<string, { ms: number; delivered: boolean | null }>();
  /** Every REST route answers an HTML page, as a proxy or a wrong DISCORD_API_URL does. */
  private htmlOnly = false;
  /** GET /gateway/bot is never answered, so that a bot stays in the middle of logging in. */
  private discoveryHeld = false;
  /** Gateway connections are refused, as when Discord cannot be reached. */
  private gatewayRefused = false;

  private constructor() {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname !== "/gateway" || this.gatewayRefused) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
    });
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    fake.http.listen(0, "127.0.0.1");
    await once(fake.http, "listening");
    return fake;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL is set to: discord.js adds `/v10/...`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** A new snowflake-shaped id. */
  id(): string {
    return (1400000000000000000n + this.nextId++).toString();
  }

  /** Sends a gateway dispatch (op 0) to the connected bot. */
  dispatch(event: string, data: unknown): void {
    if (!this.socket) throw new Error("no bot connected to the fake gateway");
    this.send({ op: 0, t: event, s: ++this.sequence, d: data });
  }

  /** Every authenticated request gets 401, as for a reset token. */
  refuseToken(): void {
    this.tokenRefused = true;
  }

  /** Answers the next IDENTIFY by closing the gateway with this code (4004 a reset token, 4014 disallowed intents, ...). */
  closeOnIdentify(code: number): void {
    this.identifyCloseCode = code;
  }

  /** Closes the open gateway connection with this code, as Discord does to a session it ends. */
  closeGateway(code: number, reason = ""): void {
    if (!this.socket) throw new Error("no bot connected to the fake gateway");
    this.socket.close(code, reason);
  }

  /** From now on (or until `refuseGateway(false)`) every new gateway connection is dropped at once. */
  refuseGateway(refused = true): void {
    this.gatewayRefused = refused;
  }

  /** From now on GET /gateway/bot gets no answer (until stop): a bot logging in waits there. */
  holdGatewayDiscovery(): void {
    this.discoveryHeld = true;
  }

  /** From now on every REST request gets a 200 HTML page instead of JSON. */
  answerHtml(): void {
    this.htmlOnly = true;
  }

  /**
   * The callback of this interaction is answered only `ms` after it arrives, so that its answer is in progress
   * for that long; `callbackDelivered(token)` then says whether the bot was still there to receive it.
   */
  holdCallbackFor(token: string, ms: number): void {
    this.held.set(token, { ms, delivered: null });
  }

  /** null while a held callback is still held (or never came); then whether its answer reached the bot. */
  callbackDelivered(token: string): boolean | null {
    return this.held.get(token)?.delivered ?? null;
  }

  /** Edits of this interaction's reply fail with 404 Unknown Message, as when a user dismissed it. */
  rejectEditsFor(token: string): void {
    this.rejectedEdits.add(token);
  }

  /** Requests whose path carries the interaction token. */
  requestsFor(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.split("/").includes(token));
  }

  /**
   * Waits until `count` requests for the token have arrived, then a little longer, so that a request the bot
   * should not have made is caught too.
   */
  async waitForRequests(token: string, count: number, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    await this.waitUntil(() => this.requestsFor(token).length >= count, timeoutMs, `${count} request(s) for interaction ${token}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return this.requestsFor(token);
  }

  async waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private send(frame: GatewayFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private onConnection(ws: WebSocket, query: URLSearchParams): void {
    this.socket = ws;
    this.connections.push(query);
    this.send({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      this.received.push(frame);
      if (frame.op === 1) this.send({ op: 11, d: null, s: null, t: null });
      if (frame.op === 2 && this.identifyCloseCode !== null) ws.close(this.identifyCloseCode, "fake Discord: closed as asked");
      else if (frame.op === 2) this.onIdentify();
      this.notify();
    });
    this.notify();
  }

  private onIdentify(): void {
    const user = { id: IDS.bot, username: "kiji-bot", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 };
    this.dispatch("READY", {
      v: 10,
      user,
      guilds: [{ id: IDS.guild, unavailable: true }],
      session_id: "fake-session",
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard: [0, 1],
      application: { id: IDS.application, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      geo_ordered_rtc_regions: [],
    });
    this.dispatch("GUILD_CREATE", fakeGuild());
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const receivedAt = performance.now();
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    // discord.js encodes `@original` as `%40original`.
    const apiPath = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const operation = url.pathname.startsWith("/api/v10/") ? operationOf(method, apiPath) : null;
    const schemaErrors: string[] = [];
    if (operation?.validate && body !== undefined && !operation.validate(body)) schemaErrors.push(...describeErrors(operation.validate));
    if (raw && typeof body === "string") schemaErrors.push(`body is not JSON (${req.headers["content-type"]})`);
    this.requests.push({ method, path: apiPath, query: url.searchParams, headers: req.headers, body, route: operation?.template ?? null, schemaErrors, receivedAt });
    this.onRecorded?.(this.requests.at(-1)!);
    this.notify();

    const reply = (status: number, json?: unknown) => {
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const route = `${method} ${operation?.template ?? apiPath}`;
    if (this.htmlOnly) {
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end("<!doctype html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n");
    }
    if (this.tokenRefused && req.headers.authorization) return reply(401, { message: "401: Unauthorized", code: 0 });
    switch (route) {
      case "GET /gateway/bot":
        if (this.discoveryHeld) return;
        return reply(200, {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        });
      case "POST /interactions/{interaction_id}/{interaction_token}/callback": {
        const hold = [...this.held].find(([token]) => apiPath.includes(`/${token}/`))?.[1];
        if (!hold) return reply(204);
        await new Promise((resolve) => setTimeout(resolve, hold.ms));
        hold.delivered = !res.destroyed && !req.socket.destroyed;
        reply(204);
        return this.notify();
      }
      case "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":
        if ([...this.rejectedEdits].some((token) => apiPath.includes(`/${token}/`))) return reply(404, { message: "Unknown Message", code: 10008 });
        return reply(200, this.message(body));
      case "POST /webhooks/{webhook_id}/{webhook_token}":
        return reply(200, this.message(body));
      case "DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original":
        return reply(204);
      case "PUT /applications/{application_id}/commands":
      case "PUT /applications/{application_id}/guilds/{guild_id}/commands":
        return reply(
          200,
          (Array.isArray(body) ? body : []).map((command: Record<string, unknown>) => ({
            ...command,
            id: this.id(),
            application_id: IDS.application,
            version: this.id(),
            type: command.type ?? 1,
          })),
        );
      default:
        return reply(404, { message: "404: Not Found", code: 0 });
    }
  }

  /** The message Discord would return for a webhook body (the bot's message a button press carries, too). */
  message(body: unknown): Record<string, unknown> {
    const data = (body ?? {}) as { content?: string; embeds?: unknown[]; flags?: number };
    return {
      id: this.id(),
      type: 20,
      channel_id: IDS.channel,
      author: { id: IDS.bot, username: "kiji-bot", discriminator: "0", global_name: null, avatar: null, bot: true },
      content: data.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: data.embeds ?? [],
      pinned: false,
      flags: data.flags ?? 0,
      components: [],
      application_id: IDS.application,
      webhook_id: IDS.application,
    };
  }
}

function fakeGuild(): Record<string, unknown> {
  return {
    id: IDS.guild,
    name: "kiji test server",
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.user,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: IDS.guild, name: "@everyone", permissions: "2248473465835073", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "ja",
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [{ id: IDS.channel, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: IDS.guild, nsfw: false }],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface CommandOption {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** OPTION types used by our commands. */
export const OPTION = { string: 3, integer: 4, boolean: 5 } as const;

/** What every interaction from a server channel carries: its ids, token, locale, channel and member. */
function guildInteraction(fake: FakeDiscord, type: number, options: { userId?: string; locale?: string }) {
  const token = `tok-${fake.id()}`;
  const user = { id: options.userId ?? IDS.user, username: "reader", discriminator: "0", global_name: "Reader", avatar: null };
  return {
    token,
    envelope: {
      id: fake.id(),
      application_id: IDS.application,
      type,
      token,
      version: 1,
      locale: options.locale ?? "en-US",
      guild_locale: "ja",
      guild_id: IDS.guild,
      channel_id: IDS.channel,
      channel: { id: IDS.channel, type: 0, name: "general", guild_id: IDS.guild, position: 0, permission_overwrites: [], nsfw: false },
      member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: "2248473465835073" },
      app_permissions: "2248473465835073",
      entitlements: [],
      authorizing_integration_owners: { "0": IDS.guild },
      context: 0,
      attachment_size_limit: 8_388_608,
    },
  };
}

/**
 * An INTERACTION_CREATE payload as Discord sends it from a server channel: a slash command (type 2) or an
 * autocomplete (type 4).
 */
export function interactionPayload(
  fake: FakeDiscord,
  options: { command: string; options?: CommandOption[]; locale?: string; autocomplete?: boolean; userId?: string },
) {
  const { token, envelope } = guildInteraction(fake, options.autocomplete ? 4 : 2, options);
  return {
    token,
    payload: { ...envelope, data: { id: fake.id(), name: options.command, type: 1, guild_id: IDS.guild, options: options.options ?? [] } },
  };
}

/** A button press (interaction type 3, component type 2) on a message the bot sent, by `userId`. */
export function componentPayload(fake: FakeDiscord, options: { customId: string; userId?: string; locale?: string }) {
  const { token, envelope } = guildInteraction(fake, 3, options);
  return {
    token,
    payload: {
      ...envelope,
      message: fake.message({}),
      data: { custom_id: options.customId, component_type: 2 },
    },
  };
}
