/**
 * The REST calls that answer an interaction, for both transports: the callback (gateway only; over HTTP the
 * callback is the response body), and the edits and follow-ups through the interaction's webhook. None needs
 * the bot token: the interaction token is the credential. Rate limits (429) are waited out by discord.js's
 * REST client.
 */
import { REST, Routes } from "discord.js";
import type {
  APIInteractionResponse,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from "discord-api-types/v10";
import type { InteractionResponder } from "./transport.js";

export interface WebhookRest {
  callback(interactionId: string, token: string, body: APIInteractionResponse): Promise<void>;
  editOriginal(token: string, body: RESTPatchAPIWebhookWithTokenMessageJSONBody): Promise<void>;
  followUp(token: string, body: RESTPostAPIWebhookWithTokenJSONBody): Promise<void>;
  deleteOriginal(token: string): Promise<void>;
}

/** `apiUrl` as DISCORD_API_URL (e.g. `http://127.0.0.1:8080/api`); undefined for Discord's own. */
export function webhookRest(apiUrl: string | undefined, applicationId: string): WebhookRest {
  const rest = new REST(apiUrl ? { api: apiUrl } : {});
  return {
    async callback(interactionId, token, body) {
      await rest.post(Routes.interactionCallback(interactionId, token), { body, auth: false });
    },
    async editOriginal(token, body) {
      await rest.patch(Routes.webhookMessage(applicationId, token), { body, auth: false });
    },
    async followUp(token, body) {
      await rest.post(Routes.webhook(applicationId, token), { body, auth: false });
    },
    async deleteOriginal(token) {
      await rest.delete(Routes.webhookMessage(applicationId, token), { auth: false });
    },
  };
}

/** The gateway's responder: every response goes over REST, the first to the interaction callback route. */
export function restResponder(rest: WebhookRest, interaction: { id: string; token: string }): InteractionResponder {
  return {
    respond: (body) => rest.callback(interaction.id, interaction.token, body),
    editOriginal: (body) => rest.editOriginal(interaction.token, body),
    followUp: (body) => rest.followUp(interaction.token, body),
    deleteOriginal: () => rest.deleteOriginal(interaction.token),
  };
}
