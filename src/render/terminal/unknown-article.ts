/** "No article called ..." for the terminal, with the closest titles. */
import type { UnknownArticle } from "../../answers/sources.js";
import { wordsFor, type Locale } from "../i18n.js";
import { terminalSafe } from "./safe.js";

export function renderUnknownArticleText(raw: UnknownArticle, locale: Locale): string {
  const answer = terminalSafe(raw);
  const words = wordsFor(locale);
  const lines = [words.unknownArticle(answer.query.trim())];
  if (answer.suggestions.length) lines.push(words.didYouMean, ...answer.suggestions.map((t) => `  - ${t}`));
  lines.push(words.tryListingTerminal);
  return lines.join("\n");
}
