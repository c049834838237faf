/**
 * `npm run ask -- --batch FILE`: the questions of a batch file, and their answers, one per line. A line that
 * cannot be read or answered gets its own error line; every other line is still answered, in order.
 */
import { ask } from "../answers/ask.js";
import type { Library } from "../answers/library.js";
import type { AskAnswer } from "../answers/model.js";
import { decodeText } from "../articles/decode.js";
import { cleanText } from "../articles/text.js";
import type { Locale } from "../render/i18n.js";
import { renderAskJson, renderAskText } from "../render/terminal/ask.js";
import { terminalJson, terminalText } from "../render/terminal/safe.js";
import type { CandidateExplanation } from "../search/engine.js";
import { explainText } from "./explain.js";

export interface BatchLine {
  /** 1-based line number in the file. */
  line: number;
  question: string;
  /** Why the line could not be read as text, when it could not. */
  error?: string;
}

export interface BatchFile {
  lines: BatchLine[];
  /** The file's encoding, as for articles (UTF-8, UTF-16 with or without a BOM, Shift_JIS), or "mixed" when read line by line. */
  encoding: string;
}

/**
 * The file's non-blank lines. The file is decoded whole when one encoding reads it (as articles are); else
 * (a NUL byte, a stray invalid byte) each line is decoded as UTF-8 on its own, so one bad line loses only itself.
 */
export function readBatch(bytes: Uint8Array): BatchFile {
  const decoded = decodeText(bytes);
  if (decoded !== null && decoded !== "binary") return { lines: splitLines(decoded.text), encoding: decoded.encoding };
  const lines: BatchLine[] = [];
  let start = 0;
  for (let number = 1; start <= bytes.length; number++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw).replace(/\r$/, "");
    } catch {
      // Kept as far as it reads, so the error line says which question it was.
      const readable = cleanText(new TextDecoder("utf-8").decode(raw)).replace(/\uFFFD/g, "").trim();
      lines.push({ line: number, question: readable, error: "not valid UTF-8 text" });
      continue;
    }
    if (text.trim() !== "") lines.push({ line: number, question: text });
  }
  return { lines, encoding: "mixed" };
}

function splitLines(text: string): BatchLine[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((question, i) => ({ line: i + 1, question }))
    // Blank lines are not questions.
    .filter(({ question }) => question.trim() !== "");
}

export interface BatchOptions {
  top: number;
  json: boolean;
  locale: Locale;
  color?: boolean;
  /** `--explain`: each answered line also gets its candidates' explanation (under `explain` in JSON). */
  explain?: (question: string) => CandidateExplanation[];
}

/** One output block per line, in order: a JSON line in --json mode, readable text otherwise. */
export function answerBatch(library: Library, file: BatchFile, options: BatchOptions): string[] {
  return file.lines.map((line) => answerLine(library, line, options));
}

/**
 * The batch's output as `npm run ask -- --batch` prints it (a JSON line each, or the blocks a blank line apart),
 * handed to `write` one answer at a time as each is ready: a batch of any length is written as it goes, holds no
 * more than one answer in memory, and keeps what was answered when it is stopped. `write` returns false to stop.
 */
export function writeBatch(library: Library, file: BatchFile, options: BatchOptions, write: (text: string) => boolean | void): void {
  for (const [i, line] of file.lines.entries()) {
    const block = answerLine(library, line, options);
    // false: the output is gone (a closed pipe): the questions left would be answered for no one.
    if (write(options.json ? `${block}\n` : `${i > 0 ? "\n" : ""}${block}\n`) === false) return;
  }
}

/** One line's block: its answer, or its error. */
function answerLine(library: Library, line: BatchLine, options: BatchOptions): string {
  let answer: AskAnswer | undefined;
  let error = line.error;
  if (error === undefined) {
    try {
      answer = ask(library, line.question, { top: options.top });
    } catch (thrown) {
      // One question that breaks something must not lose the others' answers.
      error = `could not answer (${thrown instanceof Error ? thrown.message : String(thrown)})`;
    }
  }
  if (answer) {
    const explained = options.explain?.(answer.query);
    if (options.json) return terminalJson(explained ? { ...renderAskJson(answer), explain: explained } : renderAskJson(answer));
    const text = renderAskText(answer, { locale: options.locale, color: options.color ?? false });
    return explained ? `${text}\n\n${terminalText(explainText(explained))}` : text;
  }
  const query = cleanText(line.question).trim();
  return options.json
    ? terminalJson({ query, answered: false, passages: [], error: `line ${line.line}: ${error}` })
    : terminalText(`kiji-bot: line ${line.line}: ${error}${query ? ` (${query})` : ""}`);
}
