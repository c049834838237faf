/**
 * /ask as plain data: a question in, an AskAnswer out (quoted passages, "not in these articles", or why the
 * question cannot be asked). Synchronous and fast once the library is open.
 */
import { cleanText } from "../articles/text.js";
import type { AskAnswer, QuotedPassage } from "./model.js";
import type { Library } from "./library.js";

/** Longer questions are refused (Discord's option caps itself at 300; the terminal allows this much). */
export const MAX_QUESTION_LENGTH = 1000;
export const DEFAULT_TOP = 3;
export const MAX_TOP = 10;

/**
 * Chat markup that never carries a question's content: mentions (`@everyone`, `<@123>`, `<#123>`), custom
 * emoji (`<:name:123>`). Left in, `everyone` would be searched for as a word.
 */
const CHAT_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b/g;

export function ask(library: Library, question: string, options: { top?: number } = {}): AskAnswer {
  // NUL, lone surrogates, escape sequences and other controls carry no question; they are dropped, not refused.
  const query = cleanText(question).trim();
  if (!query) return { kind: "invalid", query, reason: "empty" };
  if ([...query].length > MAX_QUESTION_LENGTH) return { kind: "invalid", query, reason: "too-long", limit: MAX_QUESTION_LENGTH };
  const requested = options.top !== undefined && Number.isFinite(options.top) ? Math.floor(options.top) : DEFAULT_TOP;
  const top = Math.min(MAX_TOP, Math.max(1, requested));
  const hits = library.engine.search(query.replace(CHAT_MARKUP, " "), { top });
  if (hits.length === 0) return { kind: "not-found", query };
  const passages: QuotedPassage[] = hits.map((hit) => ({ ...hit }));
  return { kind: "answered", query, passages };
}
