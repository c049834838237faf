/**
 * `npm run ask`: ask the articles a question from the terminal.
 *   npm run ask -- "質問"                           the answer as readable text
 *   npm run --silent ask -- --json "質問"            one JSON object
 *   npm run --silent ask -- --json --batch FILE      one JSON object per line of FILE (`-`: stdin), in order; a line
 *                                                    that cannot be read or answered gets one with an `error`
 *   --top N                                          passages per answer, 1-10 (default 3)
 *   --lang ja|en                                     our own words' language (default: the system locale)
 *   --explain                                        each candidate's features, score, probability and rule
 * In JSON mode stdout carries only the JSON lines; warnings and notes go to stderr.
 */
import { readFile } from "node:fs/promises";
import { ask, DEFAULT_TOP, MAX_TOP } from "../answers/ask.js";
import { openLibrary } from "../answers/library.js";
import { loadConfig } from "../config.js";
import { renderAskJson, renderAskText } from "../render/terminal/ask.js";
import { terminalJson, terminalText } from "../render/terminal/safe.js";
import { parseAskArguments, reportLibrary } from "./ask-options.js";
import { readBatch, writeBatch, type BatchFile } from "./batch.js";
import { explainText } from "./explain.js";
import { warn } from "./output.js";
import { runCli, UsageError } from "./run.js";

const USAGE = `usage: npm run ask -- [--json] [--top N] [--lang ja|en] "質問"
       npm run --silent ask -- --json [--top N] --batch FILE   (FILE "-" reads stdin; one question per line)
  --json     one JSON object per question: {"query", "answered", "passages": [{"text", "articleId",
             "articleTitle", "section", "url", "score"}]}; with "error" for a question or batch line
             that cannot be read or answered (the other lines are still answered)
  --top N    passages per answer, 1-${MAX_TOP} (default ${DEFAULT_TOP})
  --lang     the language of kiji-bot's own words around the quotes (default: the system locale)
  --explain  each candidate's features, score, probability of answering and the rule that kept or declined it
             (with --json: under an "explain" key)`;

/** The batch file's bytes (stdin for `-`), decoded as articles are; a file that cannot be opened is a usage error. */
async function readBatchFile(source: string): Promise<BatchFile> {
  try {
    return readBatch(source === "-" ? await readStdin() : await readFile(source));
  } catch (error) {
    throw new UsageError(`kiji-bot: cannot read the batch file ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main(args: string[]): Promise<number> {
  const options = parseAskArguments(args);
  const config = loadConfig();
  const batch = options.batch !== null ? readBatchFile(options.batch) : null;
  batch?.catch(() => undefined); // awaited below, after the library is open
  const library = await openLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir });
  reportLibrary(library);
  if (library.articles.length === 0) {
    warn(`kiji-bot: no article to answer from in ${config.articlesDir}`);
    return 1;
  }
  const color = Boolean(process.stdout.isTTY) && !config.NO_COLOR;

  const explain = (question: string) => library.engine.explain(question, { top: options.top });
  if (batch) {
    writeBatch(library, await batch, { top: options.top, json: options.json, locale: options.locale, color, explain: options.explain ? explain : undefined }, (text) => {
      // A write to a closed pipe fails at once (stdout is synchronous); the EPIPE itself is runCli's to handle.
      if (!process.stdout.errored) process.stdout.write(text);
      return !process.stdout.errored;
    });
    return 0;
  }
  const single = ask(library, options.question!, { top: options.top });
  if (options.json) {
    process.stdout.write(`${terminalJson(options.explain ? { ...renderAskJson(single), explain: explain(single.query) } : renderAskJson(single))}\n`);
    if (single.kind === "invalid") console.error(renderAskText(single, { locale: options.locale }));
  } else if (single.kind === "invalid") {
    console.error(renderAskText(single, { locale: options.locale }));
  } else {
    console.log(renderAskText(single, { locale: options.locale, color }) + (options.explain ? `\n\n${terminalText(explainText(explain(single.query)))}` : ""));
  }
  return single.kind === "invalid" ? 1 : 0;
}

runCli(main, USAGE);
