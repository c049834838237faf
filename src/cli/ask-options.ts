/**
 * The parts of `npm run ask` worth testing without starting it: its arguments, and what it tells the user on
 * stderr about the library it opened.
 */
import { DEFAULT_TOP, MAX_TOP } from "../answers/ask.js";
import type { Library } from "../answers/library.js";
import { summarizeWarnings } from "../articles/warnings.js";
import type { Locale } from "../render/i18n.js";
import { warn } from "./output.js";
import { UsageError } from "./run.js";
import { parseLocale, systemLocale } from "./terminal-args.js";

export interface AskArguments {
  json: boolean;
  top: number;
  /** A file of questions, one per line, or `-` for stdin. */
  batch: string | null;
  /** The question, when not in batch mode (several words are joined by spaces). */
  question: string | null;
  /** The language of our own words around the quotes (`--lang ja|en`; default: the system locale). */
  locale: Locale;
  /** Print each candidate's features, score, probability and the rule that kept or declined it. */
  explain: boolean;
}

export function parseAskArguments(args: string[]): AskArguments {
  const parsed: AskArguments = { json: false, top: DEFAULT_TOP, batch: null, question: null, locale: systemLocale(), explain: false };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") ? splitFlag(arg) : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new UsageError(`kiji-bot: ${flag} needs a value`);
      return next;
    };
    if (arg === "--") {
      words.push(...args.slice(i + 1));
      break;
    } else if (flag === "--json") parsed.json = true;
    else if (flag === "--top") parsed.top = parseTop(value());
    else if (flag === "--batch") parsed.batch = value();
    else if (flag === "--explain") parsed.explain = true;
    else if (flag === "--lang") parsed.locale = parseLocale(value());
    else if (flag === "--help" || flag === "-h") throw new UsageError("kiji-bot: ask the articles a question");
    else if (arg.startsWith("--")) throw new UsageError(`kiji-bot: unknown option ${flag}`);
    else words.push(arg);
  }
  if (parsed.batch !== null && words.length) throw new UsageError("kiji-bot: give either --batch FILE or a question, not both");
  if (parsed.batch === null && !words.length) throw new UsageError("kiji-bot: no question given");
  parsed.question = parsed.batch === null ? words.join(" ") : null;
  return parsed;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function parseTop(value: string): number {
  const top = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || top < 1 || top > MAX_TOP) {
    throw new UsageError(`kiji-bot: --top must be a whole number from 1 to ${MAX_TOP} (got "${value}")`);
  }
  return top;
}

/** Loader warnings and index notes (rebuilt from a corrupt cache, cache not writable), on stderr. */
export function reportLibrary(library: Library, write: (line: string) => void = warn): void {
  for (const line of summarizeWarnings(library.warnings)) write(`kiji-bot: warning: ${line}`);
  const { index } = library;
  if (index.source === "built" && index.reason === "corrupt") write(`kiji-bot: the index cache was unusable (${index.detail}); rebuilt it`);
  if (index.writeError) write(`kiji-bot: could not save the index cache (${index.writeError}); it will be rebuilt next time`);
}
