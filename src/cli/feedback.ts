/**
 * `npm run feedback [-- --json] [--limit N]`: what users' 👍/👎 say, from the FEEDBACK_DB the bot writes: the
 * answers most voted down, the questions most often declined, and the votes per article.
 */
import { loadConfig } from "../config.js";
import { readFeedbackReport } from "../feedback/report.js";
import { renderFeedbackTable } from "../feedback/report-table.js";
import { terminalJson } from "../render/terminal/safe.js";
import { runCli, UsageError } from "./run.js";

const USAGE = "usage: npm run feedback [-- --json] [--limit N]\n  --limit N: rows in each ranked list (default 10)";

function parseArgs(args: string[]): { json: boolean; limit: number } {
  let json = false;
  let limit = 10;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--limit" || arg.startsWith("--limit=")) {
      const value = arg === "--limit" ? args[++i] : arg.slice("--limit=".length);
      limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError("kiji-bot: --limit takes a whole number from 1");
    } else if (arg === "--") continue;
    else throw new UsageError(`kiji-bot: unknown argument ${arg}`);
  }
  return { json, limit };
}

runCli(async (args) => {
  const { json, limit } = parseArgs(args);
  const reading = readFeedbackReport(loadConfig().feedbackDb, limit);
  console.log(json ? terminalJson(reading, 2) : renderFeedbackTable(reading));
}, USAGE);
