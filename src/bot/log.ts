/**
 * The bot's log: one line per event on stderr, with a timestamp and level, filtered by LOG_LEVEL. Errors
 * carry their stack on the following lines; users never see any of it.
 */

export type LogLevel = "error" | "warn" | "info" | "debug";

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  info(message: string): void;
  debug(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log = (at: LogLevel, message: string, error?: unknown) => {
    if (RANK[at] > RANK[level]) return;
    const detail = error === undefined ? "" : `\n${error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)}`;
    write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${message}${detail}`);
  };
  return {
    error: (message, error) => log("error", message, error),
    warn: (message, error) => log("warn", message, error),
    info: (message) => log("info", message),
    debug: (message) => log("debug", message),
  };
}
