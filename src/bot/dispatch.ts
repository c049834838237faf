/**
 * The dispatcher: one raw interaction (discord-api-types v10) in, its answer out through the transport's
 * responder. Slash commands go to their handler, autocompletes to their completer (answered at once, from
 * memory), buttons to the command whose name prefixes their custom_id.
 *
 * It guarantees, for every interaction and whatever a handler does:
 * - the 3-second acknowledgement: an answer not sent DEFER_AFTER_MS after receipt is deferred (type 5, or 6
 *   for a button that updates its message) and the answer then edits it;
 * - no crash: an error is logged with a short error id and the user gets a private apology quoting it;
 * - one info line in the log: command, guild, latency, answered/declined/failed, error id. The question
 *   itself is logged only at LOG_LEVEL=debug.
 */
import { randomBytes } from "node:crypto";
import type { APIInteraction } from "discord-api-types/v10";
import type { Caller, CommandTools, OptionValues, Outcome, SlashCommand } from "../../commands/types.js";
import type { Library } from "../answers/library.js";
import { renderNoticeDiscord, renderUnknownCommandDiscord } from "../render/discord/notices.js";
import { localeOf, wordsFor } from "../render/i18n.js";
import type { BotContext } from "./context.js";
import { createReply, type InteractionReply } from "./reply.js";
import type { InteractionDispatcher, InteractionResponder } from "./transport.js";

/**
 * Well inside Discord's 3 s: the deferral itself is a REST call, which may queue behind others or cross an
 * ocean, and the event loop may be busy when the timer is due.
 */
export const DEFER_AFTER_MS = 1_200;

/** Discord's interaction types (discord-api-types' InteractionType), as numbers so no enum is needed at run time. */
const PING = 1;
const APPLICATION_COMMAND = 2;
const MESSAGE_COMPONENT = 3;
const AUTOCOMPLETE = 4;

interface RawOption {
  name?: unknown;
  value?: unknown;
  focused?: unknown;
  options?: unknown;
}

/** The fields of an interaction the dispatcher reads, read defensively: a payload may be malformed. */
interface Envelope {
  type: number;
  name: string;
  options: RawOption[];
  customId: string;
  caller: Caller;
}

export function createDispatcher(context: BotContext): InteractionDispatcher {
  return async (interaction, responder) => {
    const receivedAt = Date.now();
    let label = "interaction";
    let guildId: string | null = null;
    let outcome: Outcome | "failed" | "ignored" = "answered";
    let errorId: string | undefined;
    let note = "";
    try {
      const envelope = read(interaction);
      guildId = envelope.caller.guildId;
      label = labelOf(envelope);
      if (envelope.type === PING) await responder.respond({ type: 1 });
      else if (envelope.type === AUTOCOMPLETE) await complete(envelope, responder, context);
      else if (envelope.type === APPLICATION_COMMAND || envelope.type === MESSAGE_COMPONENT) {
        const result = await answer(envelope, responder, context, receivedAt);
        ({ outcome, errorId, note } = result);
      } else {
        outcome = "ignored";
      }
    } catch (error) {
      // Only a transport failure or a payload too broken to read gets here; the handlers' errors are caught below.
      errorId = newErrorId();
      outcome = "failed";
      context.logger.error(`error ${errorId} in ${label}`, error);
    }
    const parts = [label, `guild=${guildId ?? "-"}`, `${Date.now() - receivedAt} ms`, outcome];
    if (note) parts.push(note);
    if (errorId) parts.push(`error=${errorId}`);
    context.logger.info(parts.join(" "));
  };
}

/** A slash command or a button: routed, cooled down, deferred when slow, apologised for when it fails. */
async function answer(
  envelope: Envelope,
  responder: InteractionResponder,
  context: BotContext,
  receivedAt: number,
): Promise<{ outcome: Outcome | "failed"; errorId?: string; note: string }> {
  const { caller } = envelope;
  const isButton = envelope.type === MESSAGE_COMPONENT;
  const commandName = isButton ? envelope.customId.split(":", 1)[0]! : envelope.name;
  const command = context.commands.get(commandName);
  const options = optionValues(envelope.options);
  const reply = createReply(responder, isButton ? { update: true } : { ephemeral: command?.ephemeral?.(options) ?? false });
  if (!command || (isButton && !command.component)) {
    if (isButton) await reply.send(renderNoticeDiscord(wordsFor(caller.locale).buttonExpired, "declined"), { ephemeral: true });
    else {
      context.logger.warn(`unknown command /${commandName} (commands out of date? run npm run deploy-commands)`);
      await reply.send(renderUnknownCommandDiscord(commandName, caller.locale), { ephemeral: true });
    }
    return { outcome: "declined", note: "unknown" };
  }
  if (!isButton && command.cooldown) {
    const wait = context.cooldown.take(caller.userId);
    if (wait > 0) {
      await reply.send(renderNoticeDiscord(wordsFor(caller.locale).askCooldown(Math.ceil(wait / 1000)), "declined"), { ephemeral: true });
      return { outcome: "declined", note: "cooldown" };
    }
  }
  if (!isButton) context.logger.debug(`/${commandName} options ${JSON.stringify(Object.fromEntries(options))}`);

  const deferLate = deferral(reply, context, receivedAt);
  try {
    let library = context.library.current();
    if (!library) {
      context.logger.debug(`deferring ${labelOf(envelope)}: the library is still loading`);
      void reply.defer().catch((error: unknown) => context.logger.warn(`could not defer ${labelOf(envelope)}`, error));
      library = await context.library.ready;
    }
    const tools = toolsFor(library, reply, caller, context, receivedAt);
    const outcome = (isButton ? await command.component!(envelope.customId, tools) : await command.execute(options, tools)) ?? "answered";
    return { outcome, note: reply.deferred ? "deferred" : "" };
  } catch (error) {
    const errorId = newErrorId();
    context.logger.error(`error ${errorId} in ${labelOf(envelope)}`, error);
    await reply.apologise(errorId, caller.locale).catch((failure: unknown) => context.logger.error(`error ${errorId}: the apology could not be sent either`, failure));
    return { outcome: "failed", errorId, note: "" };
  } finally {
    clearTimeout(deferLate);
  }
}

/** Defers the reply if nothing was sent DEFER_AFTER_MS after receipt. */
function deferral(reply: InteractionReply, context: BotContext, receivedAt: number): NodeJS.Timeout {
  const budget = context.deferAfterMs ?? DEFER_AFTER_MS;
  return setTimeout(
    () => {
      if (reply.acknowledged) return;
      reply.defer().catch((error: unknown) => context.logger.warn("could not defer a slow answer", error));
    },
    Math.max(0, budget - (Date.now() - receivedAt)),
  );
}

/** Autocomplete: choices from memory at once (never deferred: Discord gives it no second chance). */
async function complete(envelope: Envelope, responder: InteractionResponder, context: BotContext): Promise<void> {
  const reply = createReply(responder);
  const command = context.commands.get(envelope.name);
  const focused = envelope.options.find((option) => option.focused === true);
  let choices: ReturnType<NonNullable<SlashCommand["autocomplete"]>> = [];
  try {
    if (command?.autocomplete && focused && typeof focused.name === "string") {
      const library = context.library.current();
      const suggester = library && context.suggesterFor?.(library);
      choices = command.autocomplete(
        { name: focused.name, value: String(focused.value ?? "") },
        { library, suggest: suggester ? (typed, limit) => suggester.suggest(typed, limit) : undefined, caller: envelope.caller },
      );
    }
  } catch (error) {
    context.logger.error(`error ${newErrorId()} in autocomplete of /${envelope.name}`, error);
    choices = [];
  }
  await reply.choices(choices);
}

function toolsFor(library: Library, reply: InteractionReply, caller: Caller, context: BotContext, receivedAt: number): CommandTools {
  const reload = context.library.reload?.bind(context.library);
  const budget = context.deferAfterMs ?? DEFER_AFTER_MS;
  const compute = <T>(work: () => T): Promise<T> => {
    // The others' work ahead would take this answer past the budget: acknowledge it now, not after the wait.
    if (Date.now() - receivedAt + context.work.expectedWaitMs() > budget)
      void reply.defer().catch((error: unknown) => context.logger.warn("could not defer a queued answer", error));
    return context.work.run(work);
  };
  return { library, reply, caller, feedback: context.feedback, answerStates: context.answerStates, reload, compute };
}

/** The parts of a raw interaction we use; anything missing or of the wrong type reads as absent. */
function read(interaction: APIInteraction): Envelope {
  const raw = interaction as unknown as Record<string, unknown>;
  const data = (isObject(raw.data) ? raw.data : {}) as Record<string, unknown>;
  const member = isObject(raw.member) ? raw.member : undefined;
  const user = (isObject(member?.user) ? member.user : isObject(raw.user) ? raw.user : {}) as Record<string, unknown>;
  return {
    type: typeof raw.type === "number" ? raw.type : 0,
    name: typeof data.name === "string" ? data.name : "",
    options: Array.isArray(data.options) ? data.options.filter(isObject) : [],
    customId: typeof data.custom_id === "string" ? data.custom_id : "",
    caller: {
      userId: typeof user.id === "string" ? user.id : "",
      guildId: typeof raw.guild_id === "string" ? raw.guild_id : null,
      locale: localeOf(typeof raw.locale === "string" ? raw.locale : undefined),
    },
  };
}

function optionValues(options: RawOption[]): OptionValues {
  const values = new Map<string, string | number | boolean>();
  for (const option of options)
    if (typeof option.name === "string" && ["string", "number", "boolean"].includes(typeof option.value)) values.set(option.name, option.value as string | number | boolean);
  return values;
}

function labelOf(envelope: Envelope): string {
  if (envelope.type === PING) return "ping";
  if (envelope.type === MESSAGE_COMPONENT) return `button ${envelope.customId.split(":").slice(0, 2).join(":")}`;
  if (envelope.type === AUTOCOMPLETE) return `autocomplete /${envelope.name}`;
  if (envelope.type === APPLICATION_COMMAND) return `/${envelope.name}`;
  return `interaction type ${envelope.type}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Short enough for a user to read out, random enough to find in a day's log. */
function newErrorId(): string {
  return randomBytes(4).toString("hex");
}
