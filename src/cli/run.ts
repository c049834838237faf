/**
 * The one way a terminal command starts and fails: known problems (configuration, the articles folder, bad
 * arguments) print one short message and exit 1; anything unexpected prints its message, and its stack only
 * with LOG_LEVEL=debug.
 */
import { ArticlesDirError } from "../articles/load.js";
import { ConfigError } from "../config.js";

/** A mistake in how the command was called; its message is shown as is, with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function runCli(main: (args: string[]) => Promise<number | void>, usage: string): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
      else if (error instanceof ConfigError || error instanceof ArticlesDirError) console.error(error.message);
      else {
        // Read raw, not through loadConfig(): the failure may be the configuration itself.
        const debug = /^debug$/i.test(process.env.LOG_LEVEL ?? "");
        console.error(`kiji-bot: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}`);
      }
      process.exitCode = 1;
    },
  );
}
