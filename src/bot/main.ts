/**
 * `npm start`: read the configuration, load or build the search index, then log in and answer until SIGINT
 * or SIGTERM. Known problems (configuration, articles folder, a refused token) print one short message and
 * exit 1; a stack trace appears only in the log at LOG_LEVEL=debug.
 */
import { openLiveLibrary } from "../answers/live-library.js";
import { ArticlesDirError } from "../articles/load.js";
import { ConfigError, loadConfig, requireDiscordConfig } from "../config.js";
import { createLogger, type Logger } from "./log.js";
import { startBot, type RunningBot } from "./start.js";

/** Set once the configuration is read: whether unexpected errors show their stack. */
let debug = false;

async function main(): Promise<void> {
  const config = loadConfig();
  debug = config.LOG_LEVEL === "debug";
  const discord = requireDiscordConfig(config);
  const logger = createLogger(config.LOG_LEVEL);

  logger.info(`loading articles from ${config.articlesDir}`);
  const started = Date.now();
  // Watches ARTICLES_DIR and swaps in a rebuilt library on change; it logs each load's warnings itself.
  const live = openLiveLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir, log: logger });
  const library = await live.ready;
  logger.info(`index ready: ${library.articles.length} article(s) in ${Date.now() - started} ms`);

  const bot = await startBot({ discord, library: live, logger, askCooldownMs: config.ASK_COOLDOWN_MS, feedback: config.feedbackDb }).catch((error: unknown) => {
    throw explainLoginFailure(error);
  });
  stopOnSignals(bot, logger);
}

/** A second signal while stopping exits at once. */
function stopOnSignals(bot: RunningBot, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info(`${signal}: shutting down`);
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

class StartError extends Error {}

function explainLoginFailure(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === "TokenInvalid" || (error as { status?: unknown }).status === 401)
    return new StartError(
      "kiji-bot: Discord refused DISCORD_TOKEN. Reset the token in https://discord.com/developers/applications (your app, Bot tab), " +
        "copy it into .env, and start again.",
    );
  if (code === "DisallowedIntents")
    return new StartError("kiji-bot: Discord refused the requested gateway intents; kiji-bot needs only the default Guilds intent.");
  if (typeof code === "string" && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET)$/.test(code))
    return new StartError(`kiji-bot: cannot reach Discord (${code}). Check the network, or DISCORD_API_URL if you set one.`);
  return error instanceof Error ? error : new Error(String(error));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ArticlesDirError || error instanceof StartError) console.error(error.message);
  else {
    console.error(`kiji-bot: the bot stopped: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}`);
  }
  process.exit(1);
});
