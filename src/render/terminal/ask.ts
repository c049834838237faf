/**
 * An AskAnswer as readable terminal text: each quoted passage with its best sentence marked, then where it
 * comes from (article, section, source and link).
 */
import type { AskAnswer, QuotedPassage } from "../../answers/model.js";

export interface TerminalOptions {
  /** ANSI bold for the best sentence (when printing to a terminal); otherwise it is marked with ▶ ◀. */
  color?: boolean;
  /** How to look the articles up, suggested when they do not answer. */
  sourcesHint?: string;
}

export function renderAskText(answer: AskAnswer, options: TerminalOptions = {}): string {
  switch (answer.kind) {
    case "invalid":
      return answer.reason === "empty"
        ? "質問が空です。記事について知りたいことを書いてください。例: npm run ask -- \"会談はどうなった?\""
        : `質問が長すぎます（${answer.limit ?? "上限"}文字まで）。短くしてもう一度どうぞ。`;
    case "not-found":
      return [
        `「${answer.query}」への答えは、これらの記事には見つかりませんでした。`,
        `どの記事と出典があるかは ${options.sourcesHint ?? "npm run sources"} で確認できます。`,
      ].join("\n");
    case "answered":
      return [`質問: ${answer.query}`, "", ...answer.passages.flatMap((p, i) => [...renderPassage(p, i + 1, options), ""])].join("\n").trimEnd();
  }
}

function renderPassage(passage: QuotedPassage, rank: number, options: TerminalOptions): string[] {
  const at = passage.text.indexOf(passage.bestSentence);
  const marked =
    at < 0 || !passage.bestSentence
      ? passage.text
      : `${passage.text.slice(0, at)}${options.color ? `\u001b[1m${passage.bestSentence}\u001b[22m` : `▶${passage.bestSentence}◀`}${passage.text.slice(at + passage.bestSentence.length)}`;
  const source = [passage.publisher, passage.publishedAt?.replaceAll("-", "/")].filter(Boolean).join(" ");
  return [
    `${rank}. ${marked}`,
    `   記事: ${passage.articleTitle}`,
    `   見出し: ${passage.section}`,
    ...(source ? [`   出典: ${source}`] : []),
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
