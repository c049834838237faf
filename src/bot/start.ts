/**
 * The bot over the gateway: a discord.js client keeps the connection, raw interactions go to the dispatcher,
 * answers go back over REST. `npm start` (main.ts) and the end-to-end test both start it through `startBot`,
 * so the test exercises exactly what runs in production.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits } from "discord.js";
import type { FeedbackSink } from "../../commands/types.js";
import type { Library } from "../answers/library.js";
import { buildSuggester } from "../answers/suggest.js";
import type { DiscordConfig } from "../config.js";
import { openFeedbackStore } from "../feedback/store.js";
import { createAnswerStates } from "./answer-states.js";
import { COMMANDS } from "./commands.js";
import { libraryHandle, NO_FEEDBACK, type BotContext, type LibraryHandle, type Suggester } from "./context.js";
import { createCooldown } from "./cooldown.js";
import { createDispatcher } from "./dispatch.js";
import { takeOverInteractions } from "./gateway.js";
import type { Logger } from "./log.js";
import { createWorkQueue } from "./work-queue.js";
import { restResponder, webhookRest } from "./webhook-rest.js";

export interface StartBotOptions {
  discord: DiscordConfig;
  /** The library, its promise, or a live library: interactions that arrive before it is ready are deferred until it is. */
  library: Library | Promise<Library> | LibraryHandle;
  logger: Logger;
  /**
   * Where answers and votes are recorded: a store, or the path of the SQLite file to open (FEEDBACK_DB, closed
   * on stop). Default: nowhere, and votes say so.
   */
  feedback?: FeedbackSink | string;
  /**
   * Builds the /ask autocomplete's suggester for a library (once per library). Default: the articles' reader
   * questions and headings, and the questions answered before (from the feedback store).
   */
  suggester?: (library: Library) => Suggester;
  /** ASK_COOLDOWN_MS: one /ask per user per this many ms (0: no cooldown). Default 3,000. */
  askCooldownMs?: number;
  /** Defer answers not sent this long after receipt (tests shorten it). Default DEFER_AFTER_MS. */
  deferAfterMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  /** Waits (a few seconds at most) for interactions being answered, then disconnects. */
  stop(): Promise<void>;
}

/** How long `stop` waits for answers in progress: well within the 15 minutes an interaction token lives. */
const DRAIN_MS = 5_000;
/** Past answered questions offered by autocomplete (most asked first), besides the articles' own. */
const PAST_QUESTIONS = 500;

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { discord, logger } = options;
  const client = new Client({
    // Slash commands need no privileged intent: Guilds alone, no message content.
    intents: [GatewayIntentBits.Guilds],
    // The reply helper sets this on every message; the client default is a second guard.
    allowedMentions: { parse: [] },
    rest: discord.apiUrl ? { api: discord.apiUrl } : {},
  });
  const { context, close } = openBotContext(options);
  const dispatch = createDispatcher(context);
  const rest = webhookRest(discord.apiUrl, discord.clientId);
  const inFlight = new Set<Promise<void>>();

  takeOverInteractions(
    client,
    (interaction) => {
      const handled = dispatch(interaction, restResponder(rest, interaction));
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    },
    logger,
  );
  client.on(Events.Error, (error) => logger.error("discord client error", error));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.Debug, (message) => logger.debug(message));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn(`shard ${shard} disconnected (code ${event.code})`));
  client.on(Events.ShardReconnecting, (shard) => logger.info(`shard ${shard} reconnecting`));

  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  const [readyClient] = await client
    .login(discord.token)
    .then(() => ready)
    .catch((error: unknown) => {
      close();
      throw error;
    });
  const loaded = context.library.current();
  logger.info(
    `ready as ${readyClient.user.tag} in ${readyClient.guilds.cache.size} server(s), answering from ${loaded ? `${loaded.articles.length} article(s)` : "articles still loading"}`,
  );

  return {
    client: readyClient,
    async stop() {
      if (inFlight.size) {
        logger.info(`waiting for ${inFlight.size} answer(s) in progress`);
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      }
      await client.destroy();
      close();
      logger.info("disconnected from Discord");
    },
  };
}

/**
 * Everything the dispatcher needs, for any transport (the HTTP endpoint opens its own the same way). Opens the
 * feedback store when given its path; `close` closes it.
 */
export function openBotContext(options: Omit<StartBotOptions, "discord">): { context: BotContext; close(): void } {
  const store = typeof options.feedback === "string" ? openFeedbackStore(options.feedback, (message) => options.logger.warn(message)) : undefined;
  const context = contextOf({
    ...options,
    feedback: store ?? (typeof options.feedback === "string" ? undefined : options.feedback),
    suggester: options.suggester ?? ((loaded) => buildSuggester(loaded.articles, store?.answeredQuestions(PAST_QUESTIONS) ?? [])),
  });
  return { context, close: () => store?.close() };
}

/** openBotContext's context alone, for a caller that keeps no store open to close (or passes its own). */
export function botContext(options: Omit<StartBotOptions, "discord">): BotContext {
  return openBotContext(options).context;
}

function contextOf(options: Omit<StartBotOptions, "discord" | "feedback"> & { feedback?: FeedbackSink }): BotContext {
  const { library, logger } = options;
  const suggesters = new WeakMap<Library, Suggester>();
  const build = options.suggester;
  const handle = isHandle(library) ? library : libraryHandle(library);
  const context: BotContext = {
    library: handle,
    logger,
    commands: COMMANDS,
    feedback: options.feedback ?? NO_FEEDBACK,
    answerStates: createAnswerStates(),
    cooldown: createCooldown(options.askCooldownMs ?? 3_000),
    work: createWorkQueue(),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    suggesterFor: build
      ? (loaded) => {
          const suggester = suggesters.get(loaded);
          if (suggester) return (latest = suggester);
          // A reloaded library: its suggestions are built after this answer; until then the last ones serve.
          if (!building.has(loaded)) {
            building.add(loaded);
            setImmediate(() => buildFor(loaded));
          }
          return latest;
        }
      : undefined,
  };
  let latest: Suggester | undefined;
  const building = new WeakSet<Library>();
  const buildFor = (loaded: Library) => {
    try {
      if (!suggesters.has(loaded)) suggesters.set(loaded, (latest = build!(loaded)));
    } catch (error) {
      logger.warn("could not build the question suggestions", error);
    }
  };
  // Built as soon as the library is ready, so autocomplete answers from memory from the first keystroke.
  if (build) handle.ready.then(buildFor, () => {});
  return context;
}

function isHandle(library: StartBotOptions["library"]): library is LibraryHandle {
  return !(library instanceof Promise) && typeof (library as LibraryHandle).current === "function";
}
