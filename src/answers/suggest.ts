/**
 * Suggested questions for /ask's autocomplete: the articles' reader questions and section headings, and
 * questions asked before and answered. Built once; each keystroke is a scan of folded strings in memory (no
 * tokenizer), since Discord gives autocomplete no more time than any first response and no deferral.
 */
import type { Article } from "../articles/model.js";
import { cleanText } from "../articles/text.js";
import { foldName } from "./article-names.js";

export interface Suggester {
  suggest(typed: string, limit?: number /* default 25 */): string[];
}

/** Discord's most choices in one autocomplete answer, and longest choice name and value. */
export const MAX_SUGGESTIONS = 25;
export const MAX_SUGGESTION_LENGTH = 100;

interface Candidate {
  text: string;
  folded: string;
}

/** Cut to Discord's length in UTF-16 units (what its limit counts safely), never inside a character. */
function fitLength(text: string): string {
  if (text.length <= MAX_SUGGESTION_LENGTH) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > MAX_SUGGESTION_LENGTH - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Reader questions and headings of the articles, plus past answered questions; built once, answers from memory.
 * Order when several match: reader questions, then past questions (most asked first, as given), then headings;
 * candidates starting with what was typed come before those merely containing it.
 */
export function buildSuggester(articles: Article[], pastQuestions: string[]): Suggester {
  const readerQuestions = articles.flatMap((a) => a.sections.flatMap((s) => (s.question ? [s.question] : [])));
  const headings = articles.flatMap((a) => a.sections.map((s) => s.heading));
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const raw of [...readerQuestions, ...pastQuestions, ...headings]) {
    // A past question is stored as its asker typed it, and a suggestion is shown to everyone: plain text only.
    const text = fitLength(cleanText(raw).replace(/\s+/gu, " ").trim());
    const folded = foldName(text);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    candidates.push({ text, folded });
  }

  return {
    suggest(typed: string, limit = MAX_SUGGESTIONS): string[] {
      const count = Math.max(0, Math.min(Math.floor(limit) || 0, MAX_SUGGESTIONS));
      // Words typed apart must each appear; the first one decides what "starts with" means.
      const words = typed.split(/\s+/u).map(foldName).filter((w) => w !== "");
      if (words.length === 0) return candidates.slice(0, count).map((c) => c.text);
      const starting: string[] = [];
      const containing: string[] = [];
      for (const { text, folded } of candidates) {
        if (starting.length >= count) break;
        if (!words.every((w) => folded.includes(w))) continue;
        if (folded.startsWith(words[0]!)) starting.push(text);
        else if (containing.length < count) containing.push(text);
      }
      return [...starting, ...containing].slice(0, count);
    },
  };
}
