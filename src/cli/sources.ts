/**
 * `npm run sources [-- ARTICLE] [--json] [--lang ja|en]`: the articles, their sections and every source they
 * cite; the same answer /sources renders on Discord. Needs no search index, only the articles.
 */
import { listSources } from "../answers/sources.js";
import { loadArticles } from "../articles/load.js";
import { summarizeWarnings } from "../articles/warnings.js";
import { loadConfig } from "../config.js";
import { renderSourcesText } from "../render/terminal/sources.js";
import { terminalJson } from "../render/terminal/safe.js";
import { print, warn } from "./output.js";
import { runCli } from "./run.js";
import { parseArticleCommandArgs } from "./terminal-args.js";

const USAGE = "usage: npm run sources [-- ARTICLE] [--json] [--lang ja|en]\n  ARTICLE: an article id, title or part of a title (default: every article)";

runCli(async (args) => {
  const { article, json, locale } = parseArticleCommandArgs(args);
  const config = loadConfig();
  const { articles, warnings } = await loadArticles(config.articlesDir, { cacheDir: config.cacheDir });
  for (const line of summarizeWarnings(warnings)) warn(`warning: ${line}`);
  const answer = listSources(articles, { article });
  print(json ? terminalJson(answer, 2) : renderSourcesText(answer, locale));
  return answer.kind === "listing" ? 0 : 1;
}, USAGE);
