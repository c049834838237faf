/**
 * An AskAnswer as readable terminal text: each quoted passage with its best sentence marked, then where it
 * comes from (article, section, source and link).
 */
import type { AskAnswer, QuotedPassage } from "../../answers/model.js";
import { sourceDate, sourceName } from "../citation.js";
import { wordsFor, type Locale, type Words } from "../i18n.js";
import { terminalSafe } from "./safe.js";

export interface TerminalOptions {
  /** Our own words (headings, "not in these articles"): Japanese or English. Quotes are never translated. */
  locale: Locale;
  /** ANSI bold for the best sentence (when printing to a terminal); otherwise it is marked with ▶ ◀. */
  color?: boolean;
}

export function renderAskText(raw: AskAnswer, options: TerminalOptions): string {
  // Questions and quotes are made inert before our own bold codes are added.
  const answer = terminalSafe(raw);
  const words = wordsFor(options.locale);
  switch (answer.kind) {
    case "invalid":
      return answer.reason === "empty" ? words.emptyQuestion : words.tooLongQuestion(answer.limit);
    case "not-found":
      return [words.notFoundFor(answer.query), words.tryListingTerminal].join("\n");
    case "answered":
      return [words.answerHeading(answer.query), "", ...answer.passages.flatMap((p, i) => [...renderPassage(p, i + 1, words, options), ""])]
        .join("\n")
        .trimEnd();
  }
}

function renderPassage(passage: QuotedPassage, rank: number, words: Words, options: TerminalOptions): string[] {
  const at = passage.text.indexOf(passage.bestSentence);
  const marked =
    at < 0 || !passage.bestSentence
      ? passage.text
      : `${passage.text.slice(0, at)}${options.color ? `\u001b[1m${passage.bestSentence}\u001b[22m` : `▶${passage.bestSentence}◀`}${passage.text.slice(at + passage.bestSentence.length)}`;
  // Named by its publisher or its link's host; a date alone is no source.
  const source = [sourceName(passage), sourceDate(passage, options.locale)].filter(Boolean).join(" · ");
  return [
    `${rank}. ${marked}`,
    `   ${words.article}: ${passage.articleTitle}`,
    `   ${words.section}: ${passage.section}`,
    ...(source ? [`   ${words.source}: ${source}`] : []),
    ...(passage.url ? [`   ${passage.url}`] : []),
  ];
}

/**
 * The JSON contract of `npm run ask -- --json` (read by the quality evaluation and by scripts): exactly these
 * fields, `answered: false` with no passage when the articles do not say, and `error` for an unusable question.
 */
export function renderAskJson(answer: AskAnswer): Record<string, unknown> {
  const query = answer.query;
  if (answer.kind === "invalid") {
    return { query, answered: false, passages: [], error: answer.reason === "empty" ? "empty question" : `question longer than ${answer.limit} characters` };
  }
  if (answer.kind === "not-found") return { query, answered: false, passages: [] };
  return {
    query,
    answered: true,
    passages: answer.passages.map((p) => ({ text: p.text, articleId: p.articleId, articleTitle: p.articleTitle, section: p.section, url: p.url, score: p.score })),
  };
}
