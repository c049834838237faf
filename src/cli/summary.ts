/**
 * `npm run summary [-- ARTICLE] [--json] [--lang ja|en]`: each article's conclusions, or its lead and most
 * central sentences when it has none; the same answer /summary renders on Discord.
 */
import { openLibrary } from "../answers/library.js";
import { summarize } from "../answers/summary.js";
import { summarizeWarnings } from "../articles/warnings.js";
import { loadConfig } from "../config.js";
import { renderSummaryText } from "../render/terminal/summary.js";
import { terminalJson } from "../render/terminal/safe.js";
import { print, warn } from "./output.js";
import { runCli } from "./run.js";
import { parseArticleCommandArgs } from "./terminal-args.js";

const USAGE = "usage: npm run summary [-- ARTICLE] [--json] [--lang ja|en]\n  ARTICLE: an article id, title or part of a title (default: every article)";

runCli(async (args) => {
  const { article, json, locale } = parseArticleCommandArgs(args);
  const config = loadConfig();
  const library = await openLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir });
  for (const line of summarizeWarnings(library.warnings)) warn(`warning: ${line}`);
  const answer = summarize(library, { article });
  print(json ? terminalJson(answer, 2) : renderSummaryText(answer, locale));
  return answer.kind === "summaries" ? 0 : 1;
}, USAGE);
