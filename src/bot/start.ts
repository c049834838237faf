/**
 * The bot: a discord.js client that routes interactions to the commands. `npm start` (main.ts) and the
 * end-to-end test both start it through `startBot`, so the test exercises exactly what runs in production.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Library } from "../answers/library.js";
import type { DiscordConfig } from "../config.js";
import { libraryHandle, type CommandContext, type LibraryHandle } from "./context.js";
import { handleInteraction } from "./interactions.js";
import type { Logger } from "./log.js";

export interface StartBotOptions {
  discord: DiscordConfig;
  /**
   * The library, its promise, or a live library: interactions that arrive before it is ready are deferred
   * until it is; each interaction answers from the library current when it starts.
   */
  library: Library | Promise<Library> | LibraryHandle;
  logger: Logger;
}

export interface RunningBot {
  client: Client<true>;
  /** Waits (a few seconds at most) for interactions being answered, then disconnects. */
  stop(): Promise<void>;
}

/** How long `stop` waits for answers in progress: well within the 15 minutes an interaction token lives. */
const DRAIN_MS = 5_000;

export async function startBot({ discord, library, logger }: StartBotOptions): Promise<RunningBot> {
  const client = new Client({
    // Slash commands need no privileged intent: Guilds alone, no message content.
    intents: [GatewayIntentBits.Guilds],
    // The reply helper sets this on every message; the client default is a second guard.
    allowedMentions: { parse: [] },
    rest: discord.apiUrl ? { api: discord.apiUrl } : {},
  });
  const context: CommandContext = { library: libraryHandle(library), logger };
  const inFlight = new Set<Promise<void>>();

  client.on(Events.InteractionCreate, (interaction) => {
    const handled = handleInteraction(interaction, context).catch((error: unknown) => logger.error("interaction handler failed", error));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  client.on(Events.Error, (error) => logger.error("discord client error", error));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.Debug, (message) => logger.debug(message));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn(`shard ${shard} disconnected (code ${event.code})`));
  client.on(Events.ShardReconnecting, (shard) => logger.info(`shard ${shard} reconnecting`));

  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  await client.login(discord.token);
  const [readyClient] = await ready;
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
      logger.info("disconnected from Discord");
    },
  };
}
