/**
 * `npm start` (in production: `node dist/bot/main.js`): read the configuration, load or build the search
 * index, then log in and answer until SIGINT or SIGTERM, which answer the interactions in progress,
 * disconnect and exit 0 within 5 s. Known problems (configuration, an empty or missing articles folder, a
 * refused token, a fatal gateway close, a REST server that is not Discord) print one short message and exit
 * non-zero; a stack trace appears only in the log at LOG_LEVEL=debug. A promise rejected and never handled
 * is logged, not fatal: one lost reply must not take the bot down.
 */
import { Status } from "discord.js";
import { openLiveLibrary, type LiveLibrary } from "../answers/live-library.js";
import { ArticlesDirError } from "../articles/load.js";
import { ConfigError, loadConfig, requireDiscordConfig } from "../config.js";
import { startHealthServer, type HealthServer, type HealthStatus } from "./health.js";
import { createLogger, type Logger } from "./log.js";
import { explainLoginFailure, StartError } from "./login-failures.js";
import { healthListenProblem, libraryHealth, logUnhandledRejections, stopOnSignals } from "./service.js";
import { startBot, type RunningBot } from "./start.js";
import { helpAsked, USAGE } from "./usage.js";

/** Set once the configuration is read: whether unexpected errors show their stack. */
let debug = false;

/** A stop must be over by then (docker stop and systemd wait 10 s or more before SIGKILL). */
const STOP_DEADLINE_MS = 4_500;

/** What the bot is doing, for signals and /healthz. */
const state: { library?: LiveLibrary; bot?: RunningBot; health?: HealthServer; stopping: boolean } = { stopping: false };

async function main(): Promise<void> {
  const config = loadConfig();
  debug = config.LOG_LEVEL === "debug";
  if (debug) process.setSourceMapsEnabled(true);
  const discord = requireDiscordConfig(config);
  const logger = createLogger(config.LOG_LEVEL);
  logUnhandledRejections(logger, "the bot");
  stopOnSignals(async () => {
    state.stopping = true;
    await stop(logger);
  }, logger);

  if (config.HEALTH_PORT !== undefined) {
    state.health = await startHealthServer(config.HEALTH_PORT, healthStatus, config.HEALTH_HOST).catch((error: unknown) => {
      throw new StartError(healthListenProblem(config.HEALTH_HOST, config.HEALTH_PORT!, error));
    });
    logger.info(`health endpoint: http://${config.HEALTH_HOST}:${state.health.port}/healthz`);
  }

  logger.info(`loading articles from ${config.articlesDir}`);
  const started = Date.now();
  // Watches ARTICLES_DIR and swaps in a rebuilt library on change; it logs each load's warnings itself.
  const live = openLiveLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir, log: logger });
  state.library = live;
  const library = await live.ready;
  // As the terminal commands do: a bot that answers every question with "not found" helps no one.
  if (library.articles.length === 0) throw new ArticlesDirError(config.articlesDir, "holds no article kiji-bot can read");
  logger.info(`index ready: ${library.articles.length} article(s) in ${Date.now() - started} ms`);

  const bot = await startBot({ discord, library: live, logger, askCooldownMs: config.ASK_COOLDOWN_MS, feedback: config.feedbackDb }).catch(async (error: unknown) => {
    throw await explainLoginFailure(error, discord);
  });
  state.bot = bot;
}

/** Ready: articles loaded and every gateway shard connected (not while discord.js reconnects, nor when it cannot). */
function healthStatus(): HealthStatus {
  const shards = state.bot ? [...state.bot.client.ws.shards.values()] : [];
  const connected = shards.length > 0 && shards.every((shard) => shard.status === Status.Ready);
  return libraryHealth(state.library, !state.stopping && connected);
}

/** Answers the interactions in progress (as long as the deadline allows), disconnects, closes /healthz. */
async function stop(logger: Logger): Promise<void> {
  const deadline = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), STOP_DEADLINE_MS).unref());
  const stopped = state.bot ? state.bot.stop().then(() => "done" as const) : Promise.resolve("done" as const);
  const outcome = await Promise.race([stopped, deadline]).catch((error: unknown) => {
    logger.error("shutdown failed", error);
    return "failed" as const;
  });
  if (outcome !== "done" && state.bot) {
    if (outcome === "late") logger.warn(`answers still in progress after ${STOP_DEADLINE_MS} ms: disconnecting without them`);
    await Promise.race([state.bot.client.destroy(), new Promise((resolve) => setTimeout(resolve, 300).unref())]).catch(() => undefined);
  }
  state.library?.close();
  await state.health?.close();
}

if (helpAsked()) console.log(USAGE.start);
else main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ArticlesDirError || error instanceof StartError) console.error(error.message);
  else {
    console.error(`kiji-bot: the bot stopped: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}`);
  }
  process.exit(1);
});
