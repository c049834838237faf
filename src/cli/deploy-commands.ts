/**
 * `npm run deploy-commands`: runs src/bot/deploy-commands.ts in a child process. The registration needs the
 * command definitions and discord.js, which the import rules (tests/architecture.test.ts) keep in commands/ and
 * src/bot/; this entry point stays in src/cli because package.json names it.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const script = fileURLToPath(new URL("../bot/deploy-commands.ts", import.meta.url));
// tsx is how this very file runs; its CLI starts the TypeScript child the same way.
const tsx = require.resolve("tsx/cli");

const child = spawn(process.execPath, [tsx, script, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
child.on("error", (error) => {
  console.error(`kiji-bot: could not start the command registration: ${error.message}`);
  process.exitCode = 1;
});
