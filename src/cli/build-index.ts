/**
 * `npm run index`: (re)builds the search index of ARTICLES_DIR and saves it to the cache, then says what it
 * holds and what it cost. `npm run ask` and the bot build it themselves when missing or stale; this is for
 * building ahead of time and for seeing the numbers.
 */
import { openLibrary } from "../answers/library.js";
import { loadConfig } from "../config.js";
import { reportLibrary } from "./ask-options.js";
import { print } from "./output.js";
import { runCli, UsageError } from "./run.js";

const USAGE = "usage: npm run index [-- --if-stale]\n  --if-stale   keep a cache that still matches the articles instead of rebuilding";

runCli(async (args) => {
  const unknown = args.filter((arg) => arg !== "--if-stale");
  if (unknown.length) throw new UsageError(`kiji-bot: unknown argument ${unknown[0]}`);
  const config = loadConfig();
  const started = performance.now();
  const library = await openLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir, rebuildIndex: !args.includes("--if-stale") });
  const total = performance.now() - started;
  reportLibrary(library);
  const { index, articles } = library;
  const sections = articles.reduce((n, a) => n + a.sections.length, 0);
  const lines = [
    `Index of ${config.articlesDir}`,
    `  articles   ${articles.length}`,
    `  sections   ${sections}`,
    `  passages   ${index.passages}`,
    `  terms      ${index.terms}`,
    `  ${index.source === "cache" ? "loaded    " : "built     "} in ${Math.round(index.milliseconds)} ms (${Math.round(total)} ms in all, with reading the articles and loading the dictionary)`,
    `  cache      ${index.file} (${index.cacheBytes === null ? "not saved" : kilobytes(index.cacheBytes)})`,
  ];
  print(lines.join("\n"));
  return articles.length ? 0 : 1;
}, USAGE);

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
