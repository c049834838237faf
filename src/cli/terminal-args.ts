/**
 * Arguments shared by `npm run sources` and `npm run summary`: an optional article name (the words left over),
 * `--json` for machines, `--lang ja|en` for our own words (default: the system locale).
 */
import { localeOf, type Locale } from "../render/i18n.js";
import { UsageError } from "./run.js";

export interface ArticleCommandArgs {
  article: string | undefined;
  json: boolean;
  locale: Locale;
}

/** The terminal's language when `--lang` is not given: the system locale's, as Discord follows the user's. */
export function systemLocale(): Locale {
  // Intl.PluralRules resolves the same default locale as DateTimeFormat without loading date data (~12 ms).
  return localeOf(new Intl.PluralRules().resolvedOptions().locale);
}

/** The value of `--lang`, checked. */
export function parseLocale(value: string | undefined): Locale {
  if (value !== "ja" && value !== "en") throw new UsageError("kiji-bot: --lang takes ja or en");
  return value;
}

export function parseArticleCommandArgs(args: string[]): ArticleCommandArgs {
  const words: string[] = [];
  let json = false;
  let locale = systemLocale();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--lang" || arg.startsWith("--lang=")) locale = parseLocale(arg === "--lang" ? args[++i] : arg.slice("--lang=".length));
    else if (arg === "--") continue;
    else if (arg.startsWith("--")) throw new UsageError(`kiji-bot: unknown option ${arg}`);
    else words.push(arg);
  }
  const article = words.join(" ").trim();
  return { article: article || undefined, json, locale };
}
