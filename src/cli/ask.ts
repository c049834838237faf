/**
 * `npm run ask`: ask the articles a question from the terminal.
 *   npm run ask -- "質問"                           the answer as readable text
 *   npm run --silent ask -- --json "質問"            one JSON object
 *   npm run --silent ask -- --json --batch FILE      one JSON object per line of FILE (`-`: stdin), in order
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
import { parseAskArguments, reportLibrary } from "./ask-options.js";
import { explainText } from "./explain.js";
import { runCli, UsageError } from "./run.js";

const USAGE = `usage: npm run ask -- [--json] [--top N] [--lang ja|en] "質問"
       npm run --silent ask -- --json [--top N] --batch FILE   (FILE "-" reads stdin; one question per line)
  --json     one JSON object per question: {"query", "answered", "passages": [{"text", "articleId",
             "articleTitle", "section", "url", "score"}]}
  --top N    passages per answer, 1-${MAX_TOP} (default ${DEFAULT_TOP})
  --lang     the language of kiji-bot's own words around the quotes (default: the system locale)
  --explain  each candidate's features, score, probability of answering and the rule that kept or declined it
             (with --json: under an "explain" key)`;

async function readQuestions(source: string): Promise<string[]> {
  let text: string;
  try {
    text = source === "-" ? await readStdin() : await readFile(source, "utf8");
  } catch (error) {
    throw new UsageError(`kiji-bot: cannot read the batch file ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // One question per line; blank lines are not questions.
  return text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "");
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(args: string[]): Promise<number> {
  const options = parseAskArguments(args);
  const config = loadConfig();
  const questions = options.batch !== null ? readQuestions(options.batch) : Promise.resolve([options.question!]);
  questions.catch(() => undefined); // awaited below, after the library is open
  const library = await openLibrary({ articlesDir: config.articlesDir, cacheDir: config.cacheDir });
  reportLibrary(library);
  if (library.articles.length === 0) {
    console.error(`kiji-bot: no article to answer from in ${config.articlesDir}`);
    return 1;
  }

  const answers = (await questions).map((question) => ask(library, question, { top: options.top }));
  const single = options.batch === null ? answers[0] : undefined;
  const explained = (question: string) => library.engine.explain(question, { top: options.top });
  if (options.json) {
    const json = (answer: (typeof answers)[number], i: number) => (options.explain ? { ...renderAskJson(answer), explain: explained(answers[i]!.query) } : renderAskJson(answer));
    process.stdout.write(answers.map((answer, i) => `${JSON.stringify(json(answer, i))}\n`).join(""));
    if (single?.kind === "invalid") console.error(renderAskText(single, { locale: options.locale }));
  } else if (single?.kind === "invalid") {
    console.error(renderAskText(single, { locale: options.locale }));
  } else {
    const color = Boolean(process.stdout.isTTY) && !config.NO_COLOR;
    console.log(answers.map((answer) => renderAskText(answer, { locale: options.locale, color }) + (options.explain ? `\n\n${explainText(explained(answer.query))}` : "")).join("\n\n"));
  }
  return single?.kind === "invalid" ? 1 : 0;
}

runCli(main, USAGE);
