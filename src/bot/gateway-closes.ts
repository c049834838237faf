/**
 * Gateway closes that no reconnect can fix (4004, 4010-4014). discord.js gives up on them and the process
 * would end with exit code 0 and one WARN line, which a supervisor takes for a clean stop. Instead kiji-bot
 * says what happened and how to fix it, and exits with 78 (EX_CONFIG), which a supervisor can be told not to
 * restart on (systemd RestartPreventExitStatus=78, pm2 --stop-exit-codes 78; see docs/deploy.md).
 */
import { Events, type Client } from "discord.js";
import type { Logger } from "./log.js";

/** The exit code after a fatal close: a configuration problem (sysexits.h EX_CONFIG), not a crash. */
export const FATAL_CLOSE_EXIT_CODE = 78;

const PORTAL = "https://discord.com/developers/applications";

/** What each fatal close code means, and what to do about it. */
export const FATAL_CLOSES: Readonly<Record<number, { what: string; fix: string }>> = {
  4004: {
    what: "authentication failed: the token is wrong or was reset",
    fix: `reset the token in ${PORTAL} (your app, Bot tab), copy it into DISCORD_TOKEN in .env, and start again`,
  },
  4010: {
    what: "invalid shard",
    fix: "kiji-bot connects as one shard; if a proxy or a sharding manager sits in between, remove it",
  },
  4011: {
    what: "sharding required: the bot is in too many servers for one connection (2,500 or more)",
    fix: "kiji-bot does not shard yet; run it for fewer servers",
  },
  4012: {
    what: "invalid API version",
    fix: "reinstall kiji-bot's locked dependencies (npm ci) and rebuild (npm run build): its discord.js speaks gateway v10",
  },
  4013: {
    what: "invalid intents",
    fix: "kiji-bot asks only for the Guilds intent; if the code was changed to ask for others, check their names",
  },
  4014: {
    what: "disallowed intents: the bot asked for a privileged intent that is not enabled for it",
    fix: `enable it in ${PORTAL} (your app, Bot tab, Privileged Gateway Intents), or ask only for Guilds, which is all kiji-bot needs`,
  },
};

/** The message for a close code, or undefined when discord.js reconnects or resumes after it. */
export function explainFatalClose(code: number): string | undefined {
  const close = FATAL_CLOSES[code];
  return close && `kiji-bot: Discord closed the gateway connection with code ${code} (${close.what}). To fix it: ${close.fix}.`;
}

/**
 * Watches the client's gateway closes: a fatal one is logged with its explanation, then `exit` is called
 * with FATAL_CLOSE_EXIT_CODE (the default ends the process; the close may come while logging in or later).
 */
export function watchGatewayCloses(client: Client, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  client.on(Events.ShardDisconnect, (event) => {
    const message = explainFatalClose(event.code);
    if (!message) return;
    logger.error(message);
    exit(FATAL_CLOSE_EXIT_CODE);
  });
}
