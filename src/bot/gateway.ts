/**
 * The gateway transport: discord.js keeps the connection (identify, heartbeats, resumes, the guild cache), but
 * interactions are taken from the raw INTERACTION_CREATE packets and answered over REST by the dispatcher.
 * discord.js itself never builds Interaction objects: one malformed payload (a null in data.resolved.users)
 * threw inside that code and took the process down. Any other gateway event whose handling throws is logged
 * with an error id and dropped, and the connection carries on.
 */
import { randomBytes } from "node:crypto";
import { GatewayDispatchEvents, type Client } from "discord.js";
import type { APIInteraction } from "discord-api-types/v10";
import type { Logger } from "./log.js";

/** The private discord.js internals this relies on; checked at start, so an upgrade that moves them fails loudly. */
interface ClientInternals {
  actions?: { InteractionCreate?: { handle?: unknown } };
  ws: { handlePacket?: (packet?: { t?: unknown }, shard?: unknown) => boolean };
}

export class GatewayInternalsError extends Error {}

/** Routes every raw INTERACTION_CREATE to `onInteraction`, and keeps discord.js from parsing it (or crashing on it). */
export function takeOverInteractions(client: Client, onInteraction: (interaction: APIInteraction) => void, logger: Logger): void {
  const internals = client as unknown as ClientInternals;
  const action = internals.actions?.InteractionCreate;
  const handlePacket = internals.ws.handlePacket;
  if (!action || typeof action.handle !== "function" || typeof handlePacket !== "function")
    throw new GatewayInternalsError("kiji-bot: this discord.js version is not supported (its interaction handling moved); install the version in package-lock.json");

  // discord.js's own handler would build an Interaction (and emit interactionCreate): nothing of it is used.
  action.handle = () => {};
  internals.ws.handlePacket = function guardedHandlePacket(packet, shard) {
    try {
      return handlePacket.call(this, packet, shard);
    } catch (error) {
      logger.error(`error ${randomBytes(4).toString("hex")} while handling gateway event ${String(packet?.t ?? "?")}: dropped`, error);
      return true;
    }
  };
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => {
    try {
      if (typeof data === "object" && data !== null) onInteraction(data as APIInteraction);
      else logger.warn("dropped an INTERACTION_CREATE without a payload");
    } catch (error) {
      logger.error(`error ${randomBytes(4).toString("hex")} while receiving an interaction: dropped`, error);
    }
  });
}
