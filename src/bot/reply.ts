/**
 * THE reply helper: every message the bot sends goes through here, whatever the transport, so Discord's rules
 * hold in one place.
 * - Within the limits: each message is fitted (lengths, embed counts, 6,000 per message) and, when it does not
 *   fit one, split into follow-ups (buttons stay on the first).
 * - `allowed_mentions: { parse: [] }` on every message: nothing an article or a user wrote can ping anyone.
 * - Acknowledged in time: `defer()` sends the deferral the handler announced (Reply.expect); what is sent
 *   afterwards becomes the edit of the deferred response, then follow-ups.
 * - Errors are private: the apology is ephemeral, and a public "thinking..." is taken back first.
 */
import type { APIInteractionResponse, RESTPostAPIWebhookWithTokenJSONBody } from "discord-api-types/v10";
import type { Reply } from "../../commands/types.js";
import { splitMessages } from "../render/discord/limits.js";
import { renderErrorDiscord } from "../render/discord/notices.js";
import { MAX_MESSAGES } from "../render/discord/paging.js";
import type { DiscordChoice, DiscordMessage } from "../render/discord/types.js";
import type { Locale } from "../render/i18n.js";
import type { InteractionResponder } from "./transport.js";

const EPHEMERAL = 64;
const NO_MENTIONS = { parse: [] as [] };

/** Where the interaction stands: nothing sent, deferred (as a reply or as an update), or answered. */
type Stage = "fresh" | "deferred-reply" | "deferred-update" | "answered";

export interface InteractionReply extends Reply {
  /** Sends the announced deferral now, unless something was already sent. */
  defer(): Promise<void>;
  /** Whether anything was sent yet (a deferral counts). */
  readonly acknowledged: boolean;
  /** Whether the answer was deferred. */
  readonly deferred: boolean;
  /** The ephemeral apology with the error id, however far the answer got. */
  apologise(errorId: string, locale: Locale): Promise<void>;
  /** Autocomplete choices (callback type 8), at most 25. */
  choices(choices: DiscordChoice[]): Promise<void>;
}

export function createReply(responder: InteractionResponder, initial: { ephemeral?: boolean; update?: boolean } = {}): InteractionReply {
  let stage: Stage = "fresh";
  let plan = { ephemeral: initial.ephemeral ?? false, update: initial.update ?? false };
  let deferred = false;
  let deferredPrivately = false;
  /** The deferral in flight: later messages wait for it, since an edit must not overtake it. */
  let deferral: Promise<void> = Promise.resolve();

  const send = async (answer: DiscordMessage | DiscordMessage[], options: { ephemeral?: boolean } = {}) => {
    const ephemeral = options.ephemeral ?? plan.ephemeral;
    for (const message of fit(answer)) {
      if (stage === "fresh") {
        stage = "answered";
        await responder.respond({ type: 4, data: body(message, ephemeral) });
      } else if (stage === "deferred-reply") {
        await deferral;
        await responder.editOriginal(body(message, false));
        stage = "answered";
      } else {
        await deferral;
        await responder.followUp(body(message, ephemeral));
      }
    }
  };

  return {
    get acknowledged() {
      return stage !== "fresh";
    },
    get deferred() {
      return deferred;
    },
    expect(how) {
      plan = { ephemeral: how.ephemeral ?? plan.ephemeral, update: how.update ?? plan.update };
    },
    async defer() {
      if (stage !== "fresh") return;
      stage = plan.update ? "deferred-update" : "deferred-reply";
      deferred = true;
      deferredPrivately = !plan.update && plan.ephemeral;
      const response: APIInteractionResponse = plan.update ? { type: 6 } : { type: 5, ...(plan.ephemeral ? { data: { flags: EPHEMERAL } } : {}) };
      deferral = responder.respond(response);
      await deferral;
    },
    send,
    async update(message) {
      const [first] = fit(message);
      if (stage === "fresh") {
        stage = "answered";
        await responder.respond({ type: 7, data: body(first!, false) });
      } else {
        await deferral;
        await responder.editOriginal(body(first!, false));
        stage = "answered";
      }
    },
    async apologise(errorId, locale) {
      const apology = fit(renderErrorDiscord(errorId, locale))[0]!;
      if (stage === "fresh") {
        stage = "answered";
        return responder.respond({ type: 4, data: body(apology, true) });
      }
      await deferral.catch(() => {});
      if (stage === "deferred-reply" && deferredPrivately) return responder.editOriginal(body(apology, false));
      if (stage === "deferred-reply") {
        // A public "thinking..." cannot turn private: take it back, then apologise privately.
        if (responder.deleteOriginal) await responder.deleteOriginal().catch(() => {});
        else return responder.editOriginal(body(apology, false));
      }
      stage = "answered";
      await responder.followUp(body(apology, true));
    },
    async choices(choices) {
      if (stage !== "fresh") return;
      stage = "answered";
      await responder.respond({ type: 8, data: { choices: choices.slice(0, 25) } });
    },
  };
}

/**
 * Messages fitted to Discord's limits; a long answer becomes a few (the renderers page long answers, this cap
 * only guards against a renderer bug spamming). Buttons stay with the first message, which they refer to.
 */
function fit(answer: DiscordMessage | DiscordMessage[]): DiscordMessage[] {
  const messages = (Array.isArray(answer) ? answer : [answer]).flatMap((message) => {
    const [first, ...rest] = splitMessages(message);
    return [{ ...first!, ...(message.components ? { components: message.components } : {}) }, ...rest];
  });
  return messages.slice(0, MAX_MESSAGES);
}

/** A message body as Discord takes it; `flags` only where a message can be made ephemeral. */
function body(message: DiscordMessage, ephemeral: boolean): RESTPostAPIWebhookWithTokenJSONBody & { flags?: number } {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  };
}
