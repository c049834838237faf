/**
 * `npm run serve`: the HTTP interactions endpoint, the alternative to `npm start`'s gateway connection. Discord
 * POSTs each interaction to PORT at /interactions; the same dispatcher as the gateway's answers it. It listens
 * before the index is ready, since Discord's PING (when the endpoint URL is saved) needs no articles, and
 * commands that arrive meanwhile are deferred until it is. Known problems (configuration, articles folder, a
 * port in use, an empty articles folder) print one short message and exit 1; SIGINT or SIGTERM finish what is
 * in flight and exit 0. As under `npm start`: the articles folder is watched (and /reload works), HEALTH_PORT
 * serves /healthz, and a promise rejected and never handled is logged, not fatal.
 */
import { openLiveLibrary } from "../answers/live-library.js";
import { ArticlesDirError } from "../articles/load.js";
import { ConfigError, loadConfig, requireInteractionsEndpointConfig } from "../config.js";
import { createDispatcher } from "./dispatch.js";
import { startHealthServer, type HealthServer } from "./health.js";
import { startHttpServer, webhookSenders } from "./http-server.js";
import { createLogger } from "./log.js";
import { healthListenProblem, libraryHealth, logUnhandledRejections, stopOnSignals } from "./service.js";
import { openBotContext } from "./start.js";
import { webhookRest } from "./webhook-rest.js";
import { helpAsked, USAGE } from "./usage.js";

/** Set once the configuration is read: whether unexpected errors show their stack. */
let debug = false;

class StartError extends Error {}

async function main(): Promise<void> {
  const config = loadConfig();
  debug = config.LOG_LEVEL === "debug";
  const endpoint = requireInteractionsEndpointConfig(config);
  const logger = createLogger(config.LOG_LEVEL);
  logUnhandledRejections(logger, "the endpoint");

  logger.info(`loading articles from ${config.articlesDir}`);
  const started = Date.now();
  // Watches ARTICLES_DIR and swaps in a rebuilt library on change; it logs each load's warnings itself.
  const library = openLiveLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir, log: logger });
  // A failed load is reported below, once the server is up; this keeps it from being unhandled meanwhile.
  library.ready.catch(() => {});
  // The same context as `npm start` gives the gateway (start.ts), so both answer alike: feedback store included.
  const bot = openBotContext({ library, logger, askCooldownMs: config.ASK_COOLDOWN_MS, feedback: config.feedbackDb });
  const server = await startHttpServer({
    port: endpoint.port,
    publicKey: endpoint.publicKey,
    dispatch: createDispatcher(bot.context),
    webhooks: webhookSenders(webhookRest(endpoint.apiUrl, endpoint.clientId)),
    logger,
  }).catch((error: unknown) => {
    bot.close();
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE") throw new StartError(`kiji-bot: port ${endpoint.port} is in use. Stop what uses it, or set PORT in .env.`);
    if (code === "EACCES") throw new StartError(`kiji-bot: not allowed to listen on port ${endpoint.port}. Choose a port above 1023 (PORT in .env).`);
    throw error;
  });
  let health: HealthServer | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.close();
    library.close();
    bot.close();
    await health?.close();
  };
  stopOnSignals(stop, logger);

  if (config.HEALTH_PORT !== undefined) {
    health = await startHealthServer(
      config.HEALTH_PORT,
      () => libraryHealth(library, !stopping),
      config.HEALTH_HOST,
    ).catch(async (error: unknown) => {
      await stop();
      throw new StartError(healthListenProblem(config.HEALTH_HOST, config.HEALTH_PORT!, error));
    });
    logger.info(`health endpoint: http://${config.HEALTH_HOST}:${health.port}/healthz`);
  }

  const loaded = await library.ready.catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (loaded.articles.length === 0) {
    await stop();
    throw new ArticlesDirError(config.articlesDir, "holds no article kiji-bot can read");
  }
  logger.info(`index ready: ${loaded.articles.length} article(s) in ${Date.now() - started} ms`);
}

if (helpAsked()) console.log(USAGE.serve);
else main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ArticlesDirError || error instanceof StartError) console.error(error.message);
  else console.error(`kiji-bot: the endpoint stopped: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}`);
  process.exit(1);
});
