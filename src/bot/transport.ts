/**
 * The seam between how an interaction arrives and how it is handled. Interactions are handled as raw Discord
 * API payloads (discord-api-types v10), whatever carries them: the gateway (start.ts) and the HTTP endpoint
 * each implement an InteractionResponder; the dispatcher (dispatch.ts) is the same for both.
 */
import type {
  APIInteraction,
  APIInteractionResponse,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from "discord-api-types/v10";

/** How one interaction is answered. The gateway and the HTTP endpoint each implement it; nothing else differs. */
export interface InteractionResponder {
  /** The first response (interaction callback): must be sent within 3 s of receipt. Call once. */
  respond(body: APIInteractionResponse): Promise<void>;
  /** Edits the original response (after a deferral, type 5 or 6), via PATCH /webhooks/{app}/{token}/messages/@original. */
  editOriginal(body: RESTPatchAPIWebhookWithTokenMessageJSONBody): Promise<void>;
  /** Sends a follow-up message, via POST /webhooks/{app}/{token}. */
  followUp(body: RESTPostAPIWebhookWithTokenJSONBody): Promise<void>;
  /**
   * Optional: deletes the original response, via DELETE /webhooks/{app}/{token}/messages/@original. Used only
   * to take back a public "thinking..." before a private apology; without it the apology edits it instead.
   */
  deleteOriginal?(): Promise<void>;
}

/** Handles one interaction end to end (routing, deadline, errors). Never rejects. */
export type InteractionDispatcher = (interaction: APIInteraction, responder: InteractionResponder) => Promise<void>;
