/**
 * Edits and follow-ups for the tests, sent with fetch to the fake Discord's webhook routes, as any REST helper
 * would (the webhook token is the credential: no bot token).
 */
import type { APIInteraction } from "discord-api-types/v10";
import type { WebhookSender } from "../../src/bot/http-server.js";

export function testWebhooks(apiUrl: string): (interaction: APIInteraction) => WebhookSender {
  return (interaction) => {
    const base = `${apiUrl}/v10/webhooks/${interaction.application_id}/${interaction.token}`;
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status}`);
    };
    return {
      editOriginal: (body) => call("PATCH", `${base}/messages/@original`, body),
      followUp: (body) => call("POST", base, body),
      deleteOriginal: () => call("DELETE", `${base}/messages/@original`),
    };
  };
}
