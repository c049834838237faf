/**
 * What a command handler is given and what it gives back. The bot (src/bot) builds these for each
 * interaction, whatever transport carried it, and passes them in: the handlers never reach up into the bot.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Library } from "../src/answers/library.js";
import type { ReloadSummary } from "../src/render/discord/reload.js";
import type { DiscordChoice, DiscordMessage } from "../src/render/discord/types.js";
import type { Locale } from "../src/render/i18n.js";

/** How an interaction ended, for the log line: answered, or declined (not found, refused, cooled down). */
export type Outcome = "answered" | "declined";

/** The one way a handler answers. Every message is fitted to Discord's limits and pings nobody. */
export interface Reply {
  /**
   * Says, before slow work starts, what the answer will be: a private reply, or an update of the message the
   * button is on. The bot uses it if it has to defer (a deferral cannot change ephemerality afterwards).
   */
  expect(how: { ephemeral?: boolean; update?: boolean }): void;
  /** Sends the answer: the first response, or the deferred one's edit, then follow-ups for what does not fit. */
  send(answer: DiscordMessage | DiscordMessage[], options?: { ephemeral?: boolean }): Promise<void>;
  /** Replaces the message a button is on (callback type 7, or an edit after a deferred update). */
  update(message: DiscordMessage): Promise<void>;
}

/** Who is asking, where, in which language. */
export interface Caller {
  userId: string;
  guildId: string | null;
  locale: Locale;
}

/** An answer as shown, for the feedback store (the structural twin of src/feedback's AnswerRecord). */
export interface ShownAnswer {
  question: string;
  answered: boolean;
  passages: Array<{ articleId: string; articleTitle: string; section: string; text: string }>;
  guildId: string | null;
  userId: string;
}

/** Where answers and votes are recorded; `undefined`/false when feedback is off or failing. */
export interface FeedbackSink {
  recordAnswer(record: ShownAnswer): number | undefined;
  recordVote(answerId: number, userId: string, vote: "up" | "down"): boolean;
}

/** What the buttons under one answer need after the message is sent; kept by the bot, in memory, for a while. */
export interface AnswerState {
  question: string;
  /** Passages per page. */
  top: number;
  /** How many passages the message has shown so far (More moves on from here). */
  shown: number;
  askerId: string;
  /** The feedback record the votes refer to, when feedback is on. */
  answerId: number | undefined;
}

/** Answer states under short ids (a custom_id holds at most 100 characters). */
export interface AnswerStates {
  /** Keeps a state and returns its short id. */
  save(state: AnswerState): string;
  /** The state, or undefined once it expired or after a restart. */
  get(id: string): AnswerState | undefined;
  /** Replaces a state (after More), keeping its id and renewing its lifetime. */
  set(id: string, state: AnswerState): void;
}

/** Everything a handler may use, passed in by the bot. */
export interface CommandTools {
  /** The library this interaction started with: a reload in the meantime does not change it. */
  library: Library;
  reply: Reply;
  caller: Caller;
  feedback: FeedbackSink;
  answerStates: AnswerStates;
  /** Rebuilds the library from ARTICLES_DIR (for /reload); undefined when this bot cannot. */
  reload: (() => Promise<ReloadSummary>) | undefined;
  /**
   * Runs CPU work (a search, a rendering): the bot queues it behind other interactions' work, one job per turn
   * of the event loop, and defers this reply at once when others are ahead of it.
   */
  compute<T>(work: () => T): Promise<T>;
}

/** An option's value as Discord sends it, by option name. */
export type OptionValues = ReadonlyMap<string, string | number | boolean>;

/** What an autocomplete handler gets: the option being typed, and suggestions built from memory. */
export interface AutocompleteTools {
  /** The library when it is ready, else undefined (then the choices are empty: autocomplete cannot wait). */
  library: Library | undefined;
  /** Questions to suggest for /ask, when the bot has them. */
  suggest: ((typed: string, limit: number) => string[]) | undefined;
  caller: Caller;
}

export interface SlashCommand {
  /** The definition sent to Discord by deploy-commands (names, localizations, options). */
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Whether the answer will be private, known before the work starts (see Reply.expect). */
  ephemeral?(options: OptionValues): boolean;
  /** Subject to the per-user cooldown (ASK_COOLDOWN_MS). */
  cooldown?: boolean;
  execute(options: OptionValues, tools: CommandTools): Promise<Outcome | void>;
  /** Choices for the option being typed: from memory, at once. */
  autocomplete?(focused: { name: string; value: string }, tools: AutocompleteTools): DiscordChoice[];
  /** A button of one of this command's messages, by the custom_id prefix `<command name>:`. */
  component?(customId: string, tools: CommandTools): Promise<Outcome | void>;
}
