/**
 * The one way a terminal command starts and fails: known problems (configuration, the articles folder, bad
 * arguments) print one short message and exit 1; anything unexpected prints its message, and its stack only
 * with LOG_LEVEL=debug. `--help` prints the usage on stdout and succeeds.
 */
import { ArticlesDirError } from "../articles/load.js";
import { ConfigError } from "../config.js";
import { print, warn } from "./output.js";

/** A mistake in how the command was called; its message is shown as is, with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Whether the arguments ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(args: string[]): boolean {
  const options = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  return options.includes("--help") || options.includes("-h");
}

export function runCli(main: (args: string[]) => Promise<number | void>, usage: string): void {
  const args = process.argv.slice(2);
  if (wantsHelp(args)) {
    // Asked for, the usage is the answer: on stdout, and a success.
    print(usage);
    process.exitCode = 0;
    return;
  }
  // `npm run ask -- --batch f | head`: the reader has gone, and what is left has nowhere to go. As a shell tool
  // would, stop quietly rather than die on an unhandled EPIPE with a stack.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    warn(`kiji-bot: cannot write the output (${error.code ?? error.message})`);
    process.exit(1);
  });
  main(args).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError) warn(`${error.message}\n\n${usage}`);
      else if (error instanceof ConfigError || error instanceof ArticlesDirError) warn(error.message);
      else {
        // Read raw, not through loadConfig(): the failure may be the configuration itself.
        const debug = /^debug$/i.test(process.env.LOG_LEVEL ?? "");
        warn(`kiji-bot: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}`);
      }
      process.exitCode = 1;
    },
  );
}
