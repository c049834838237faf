/**
 * What `npm start` (the gateway) and `npm run serve` (the HTTP endpoint) share as long-running services under
 * docker, systemd or pm2: how they stop on signals, what /healthz says of their library, and that a promise
 * rejected and never handled is logged, not fatal.
 */
import type { LiveLibrary } from "../answers/live-library.js";
import type { HealthStatus } from "./health.js";
import type { Logger } from "./log.js";

/**
 * SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd, pm2, and npm start or serve, which exec node) run `stop`,
 * then exit 0 (1 when it failed); a second signal exits at once. Install it before the articles load, so that a
 * stop during loading is clean too.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: shutting down`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** One lost reply must not take the service down: an unhandled rejection is logged and the process goes on. */
export function logUnhandledRejections(logger: Logger, service: "the bot" | "the endpoint"): void {
  process.on("unhandledRejection", (reason) => logger.error(`a promise was rejected and not handled (${service} keeps running)`, reason));
}

/** /healthz for a service answering from `library`: ready when the library is loaded and `connected` holds. */
export function libraryHealth(library: LiveLibrary | undefined, connected: boolean): HealthStatus {
  const current = library?.current();
  return {
    ready: current !== undefined && connected,
    articles: current?.articles.length ?? 0,
    lastReload: library?.lastLoadedAt()?.toISOString() ?? null,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

/**
 * Why /healthz could not listen, and which variable fixes it: a port taken or not allowed is HEALTH_PORT's; an
 * address this machine does not have, or a name that does not resolve, is HEALTH_HOST's.
 */
export function healthListenProblem(host: string, port: number, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === "string" ? code : String(error);
  const fix =
    code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL"
      ? "Set HEALTH_HOST to an address of this machine (127.0.0.1, or 0.0.0.0 for every interface), or leave it empty for 127.0.0.1."
      : "Choose another HEALTH_PORT, or leave it empty for no endpoint.";
  return `kiji-bot: cannot serve the health endpoint on ${host}:${port} (${reason}). ${fix}`;
}
