/**
 * The HTTP interactions endpoint: Discord POSTs each interaction to /interactions, signed with Ed25519, and
 * takes the HTTP response as the interaction's first response. Everything but the carrying is the dispatcher's
 * (the same one the gateway bot uses): this file verifies, answers PING, and gives the dispatcher a responder
 * whose `respond` writes the HTTP response and whose edits and follow-ups go to Discord's webhook routes.
 *
 * Discord waits 3 s for the response. The dispatcher defers what it cannot answer in time; should it still be
 * silent at `safetyDeferMs`, the transport defers by itself and delivers the late response as an edit or a
 * follow-up, so a slow or stuck handler never shows "The application did not respond".
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { KeyObject } from "node:crypto";
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
} from "discord-api-types/v10";
import type { Logger } from "./log.js";
import { pathOf } from "./request-path.js";
import { checkSignature, ed25519PublicKey } from "./signature.js";
import type { InteractionDispatcher, InteractionResponder } from "./transport.js";
import type { WebhookRest } from "./webhook-rest.js";

/** The path Discord is told to POST to (Interactions Endpoint URL = https://your.host/interactions). */
export const INTERACTIONS_PATH = "/interactions";
/** Discord's interaction payloads are a few KB; anything this big is not one and is refused unread. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this, the transport defers on the dispatcher's behalf: Discord's 3 s less a margin for the network. */
export const SAFETY_DEFER_MS = 2_800;
/** How long `close` waits for deferred answers still being edited in, well within a token's 15 minutes. */
export const DRAIN_MS = 10_000;

/** Edits, follow-ups and deletion for one interaction, through Discord's webhook routes (its token is the credential). */
export type WebhookSender = Pick<InteractionResponder, "editOriginal" | "followUp" | "deleteOriginal">;

/** The webhook senders over the REST helper both transports share. */
export function webhookSenders(rest: WebhookRest): (interaction: APIInteraction) => WebhookSender {
  return (interaction) => ({
    editOriginal: (body) => rest.editOriginal(interaction.token, body),
    followUp: (body) => rest.followUp(interaction.token, body),
    deleteOriginal: () => rest.deleteOriginal(interaction.token),
  });
}

export interface HttpServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default: every interface, as a server behind a reverse proxy or load balancer needs. */
  host?: string;
  /** The application's public key, hex (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  dispatch: InteractionDispatcher;
  webhooks: (interaction: APIInteraction) => WebhookSender;
  logger: Logger;
  /** Default SAFETY_DEFER_MS; tests shorten it. */
  safetyDeferMs?: number;
  /** Default DRAIN_MS. */
  drainMs?: number;
  /** Milliseconds since the epoch, for the signature's freshness. Default Date.now. */
  now?: () => number;
}

export interface RunningHttpServer {
  port: number;
  /** Stops accepting requests, finishes those in flight (and deferred answers, for a few seconds at most). */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const key = ed25519PublicKey(options.publicKey);
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    // One bad interaction never takes the endpoint down: whatever escapes is logged, not an unhandled rejection.
    void work.catch((error: unknown) => options.logger.error("an interaction failed outside the dispatcher", error)).finally(() => inFlight.delete(work));
  };
  const server = createServer((req, res) => track(handleRequest(req, res, key, options, track)));
  // A request must arrive whole within a bounded time, however slowly a client sends it.
  server.requestTimeout = 10_000;
  // Longer than the idle timeout of common load balancers and proxies (60 s), so that they, not this server,
  // close an idle connection: otherwise a request sent as it closes is lost (502 at the proxy).
  server.keepAliveTimeout = 65_000;
  server.listen(options.port, options.host);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  options.logger.info(`listening for Discord interactions on port ${port} at POST ${INTERACTIONS_PATH}`);

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight.size) options.logger.info(`waiting for ${inFlight.size} interaction(s) in progress`);
        const drained = Promise.allSettled([...inFlight]).then(() => server.closeIdleConnections());
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, options.drainMs ?? DRAIN_MS).unref())]);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  key: KeyObject,
  options: HttpServerOptions,
  track: (work: Promise<void>) => void,
): Promise<void> {
  const { logger } = options;
  try {
    if (pathOf(req.url) !== INTERACTIONS_PATH) return sendJson(res, 404, { error: "not found: Discord interactions go to POST /interactions" });
    if (req.method !== "POST") return sendJson(res, 405, { error: "method not allowed: use POST" }, { allow: "POST" });

    const signature = header(req, "x-signature-ed25519");
    const timestamp = header(req, "x-signature-timestamp");
    // Not worth reading a body that cannot be Discord's.
    if (!signature || !timestamp) return refuse(res, logger, "missing");
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "too large") return tooLarge(req, res, logger);
    // Routine (a proxy's or Discord's timeout, a scanner), and anyone can cause it: no error, no stack.
    if (body === "aborted") return logger.debug(`a request to ${INTERACTIONS_PATH} ended before its body did: the client went away`);

    const check = checkSignature(key, signature, timestamp, body, (options.now ?? Date.now)());
    if (!check.ok) return refuse(res, logger, check.reason);

    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
    } catch {
      return sendJson(res, 400, { error: "the body is not JSON" });
    }
    if (typeof interaction !== "object" || interaction === null || Array.isArray(interaction))
      return sendJson(res, 400, { error: "the body is not an interaction" });
    if (interaction.type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong });
    track(answer(interaction, res, options));
  } catch (error) {
    logger.error(`HTTP ${req.method} ${req.url} failed`, error);
    if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
    else res.destroy();
  }
}

/** Runs the dispatcher with a responder bound to this HTTP response, and the safety net that defers for it. */
async function answer(interaction: APIInteraction, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const { logger } = options;
  const webhook = options.webhooks(interaction);
  /** What the HTTP response said, once sent: the dispatcher's own response, or the transport's deferral. */
  let sent: { by: "dispatcher" | "transport"; type: InteractionResponseType } | undefined;

  const safetyNet = setTimeout(() => {
    if (sent) return;
    const deferral = deferralFor(interaction);
    sent = { by: "transport", type: deferral.type };
    logger.warn(`interaction ${interaction.id} (${describe(interaction)}) not answered in ${options.safetyDeferMs ?? SAFETY_DEFER_MS} ms: deferred by the transport`);
    writeResponse(res, deferral).catch((error: unknown) => logger.warn(`interaction ${interaction.id}: the deferral could not be sent`, error));
  }, options.safetyDeferMs ?? SAFETY_DEFER_MS);

  const responder: InteractionResponder = {
    async respond(body) {
      if (!sent) {
        sent = { by: "dispatcher", type: body.type };
        clearTimeout(safetyNet);
        return writeResponse(res, body);
      }
      if (sent.by === "dispatcher") throw new Error(`interaction ${interaction.id} was already responded to`);
      return deliverLate(body, sent.type, webhook, interaction, logger);
    },
    editOriginal: (body) => webhook.editOriginal(body),
    followUp: (body) => webhook.followUp(body),
    ...(webhook.deleteOriginal ? { deleteOriginal: () => webhook.deleteOriginal!() } : {}),
  };

  try {
    await options.dispatch(interaction, responder);
  } catch (error) {
    // The dispatcher promises never to reject; should it, the user sees Discord's own failure notice.
    logger.error(`interaction ${interaction.id} (${describe(interaction)}): the dispatcher failed`, error);
  } finally {
    clearTimeout(safetyNet);
  }
  if (!sent) {
    logger.error(`interaction ${interaction.id} (${describe(interaction)}): the dispatcher finished without responding`);
    sendJson(res, 500, { error: "the interaction was not answered" });
  }
}

/** What the transport sends when the dispatcher is silent too long. */
function deferralFor(interaction: APIInteraction): APIInteractionResponse {
  switch (interaction.type) {
    // Autocomplete cannot be deferred: no suggestions beat an error under the user's cursor.
    case InteractionType.ApplicationCommandAutocomplete:
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
    // A button's answer usually updates its message: defer that, and send anything else as a follow-up.
    case InteractionType.MessageComponent:
      return { type: InteractionResponseType.DeferredMessageUpdate };
    default:
      return { type: InteractionResponseType.DeferredChannelMessageWithSource };
  }
}

/** A response the dispatcher gives after the transport deferred: carried by the webhook routes instead. */
async function deliverLate(
  body: APIInteractionResponse,
  deferredAs: InteractionResponseType,
  webhook: WebhookSender,
  interaction: APIInteraction,
  logger: Logger,
): Promise<void> {
  switch (body.type) {
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.DeferredMessageUpdate:
      return;
    case InteractionResponseType.UpdateMessage:
      return webhook.editOriginal(messageBody(body.data ?? {}));
    case InteractionResponseType.ChannelMessageWithSource: {
      const data = body.data ?? {};
      const ephemeral = ((Number(data.flags ?? 0) & MessageFlags.Ephemeral) !== 0);
      if (deferredAs === InteractionResponseType.DeferredChannelMessageWithSource && !ephemeral) return webhook.editOriginal(messageBody(data));
      // A private answer must not land in the public "thinking..." message: it follows up privately instead.
      await webhook.followUp({ ...messageBody(data), ...(data.flags !== undefined ? { flags: data.flags } : {}) });
      if (deferredAs === InteractionResponseType.DeferredChannelMessageWithSource) await webhook.deleteOriginal?.();
      return;
    }
    default:
      logger.warn(`interaction ${interaction.id}: a response of type ${body.type} came after the transport deferred and cannot be delivered`);
  }
}

/** The message fields of a callback's data, as the webhook routes take them. */
function messageBody(data: APIInteractionResponseCallbackData) {
  const { content, embeds, allowed_mentions, components, attachments } = data;
  return {
    ...(content !== undefined ? { content } : {}),
    ...(embeds !== undefined ? { embeds } : {}),
    allowed_mentions: allowed_mentions ?? { parse: [] },
    ...(components !== undefined ? { components } : {}),
    ...(attachments !== undefined ? { attachments } : {}),
  };
}

function writeResponse(res: ServerResponse, body: APIInteractionResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.writableEnded || res.destroyed) return reject(new Error("Discord closed the connection before the response"));
    res.once("close", () => (res.writableFinished ? resolve() : reject(new Error("Discord closed the connection before the response"))));
    sendJson(res, 200, body);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

function refuse(res: ServerResponse, logger: Logger, reason: string): void {
  // Discord probes with bad signatures on purpose: routine, not a warning.
  logger.debug(`refused a request to ${INTERACTIONS_PATH}: signature ${reason}`);
  sendJson(res, 401, { error: "invalid request signature" });
}

/** Answers 413 and drops the connection rather than read the rest of an oversized body. */
function tooLarge(req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  logger.warn(`refused a request to ${INTERACTIONS_PATH}: body over ${MAX_BODY_BYTES} bytes`);
  sendJson(res, 413, { error: `the body is over ${MAX_BODY_BYTES} bytes` }, { connection: "close" });
  // Closing at once could reset the connection before the client reads the 413; what arrives meanwhile is discarded.
  res.once("finish", () => setTimeout(() => req.socket.destroy(), 1_000).unref());
  req.resume();
}

/**
 * The raw body (the signature covers its exact bytes), "too large" as soon as it is known to be, or "aborted"
 * when the client hangs up (or the request times out) before the end of it.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large" | "aborted"> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve("too large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Stop collecting, but leave the stream open: the 413 still has to go out on this connection.
      req.off("data", onData).off("end", onEnd).off("error", onAbort).off("close", onAbort);
      resolve("too large");
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    // Once settled, a later call is a no-op: "close" follows "end" on every request.
    const onAbort = () => resolve("aborted");
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("close", onAbort);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describe(interaction: APIInteraction): string {
  const data = (interaction as { data?: { name?: string; custom_id?: string } }).data;
  return data?.name ? `/${data.name}` : data?.custom_id ? `component ${data.custom_id}` : `type ${interaction.type}`;
}
