/** Articles as autocomplete choices: at most 25, names and values cut to Discord's 100 characters. */
import { cutToLength, LIMITS, truncate } from "./limits.js";
import type { DiscordChoice } from "./types.js";

export function renderArticleChoices(articles: ReadonlyArray<{ id: string; title: string }>): DiscordChoice[] {
  return articles.slice(0, LIMITS.choices).map((article) => ({
    // Plain text: choice names show no markdown, so nothing is escaped.
    name: truncate(article.title.replace(/\s+/gu, " ").trim(), LIMITS.choiceName) || cutToLength(article.id, LIMITS.choiceName),
    value: cutToLength(article.id, LIMITS.choiceValue),
  }));
}
