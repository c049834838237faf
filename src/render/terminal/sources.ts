/** A source listing as terminal text: the same content as /sources, without markdown. */
import type { SourcesAnswer } from "../../answers/sources.js";
import { sourceDate, sourceName } from "../citation.js";
import { wordsFor, type Locale } from "../i18n.js";
import { terminalSafe } from "./safe.js";
import { renderUnknownArticleText } from "./unknown-article.js";

export function renderSourcesText(raw: SourcesAnswer, locale: Locale): string {
  const answer = terminalSafe(raw);
  if (answer.kind === "unknown-article") return renderUnknownArticleText(answer, locale);
  const words = wordsFor(locale);
  const { articles } = answer.listing;
  const sourceCount = articles.reduce((n, a) => n + a.sources.length, 0);
  const lines = [`${words.sourcesTitle}: ${words.sourcesSummary(articles.length, sourceCount)}`];
  if (!articles.length) lines.push("", words.noArticles);
  for (const article of articles) {
    lines.push("", article.title);
    if (article.url) lines.push(`  ${article.url}`);
    lines.push(`  ${words.sections}:`, ...article.sections.map((s, i) => `    ${i + 1}. ${s}`));
    lines.push(`  ${words.sourcesOf}:`);
    if (!article.sources.length) lines.push(`    ${words.noSources}`);
    for (const source of article.sources) {
      lines.push(`    - ${[sourceName(source), sourceDate(source, locale)].filter(Boolean).join(" · ") || "-"}`);
      if (source.title) lines.push(`      ${source.title}`);
      lines.push(`      ${words.section}: ${source.section}`, `      ${source.url ?? words.noLink}`);
    }
  }
  return lines.join("\n");
}
