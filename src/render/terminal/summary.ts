/** A summary as terminal text: the same content as /summary, without markdown. */
import type { SummaryAnswer } from "../../answers/model.js";
import { wordsFor, type Locale } from "../i18n.js";
import { terminalSafe } from "./safe.js";
import { renderUnknownArticleText } from "./unknown-article.js";

export function renderSummaryText(raw: SummaryAnswer, locale: Locale): string {
  const answer = terminalSafe(raw);
  if (answer.kind === "unknown-article") return renderUnknownArticleText(answer, locale);
  const words = wordsFor(locale);
  if (!answer.summaries.length) return words.noArticles;
  return answer.summaries
    .map((summary) => {
      const mark = summary.origin === "conclusions" ? "💡" : "•";
      const lines = [summary.title];
      if (summary.url) lines.push(`  ${summary.url}`);
      if (!summary.points.length) lines.push(`  ${words.noSummaryPoints}`);
      lines.push(...summary.points.map((p) => `  ${mark} ${p}`));
      lines.push(`  (${summary.origin === "conclusions" ? words.conclusionsNote : words.extractedNote})`);
      return lines.join("\n");
    })
    .join("\n\n");
}
