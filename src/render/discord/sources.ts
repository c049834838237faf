/**
 * A source listing as Discord messages: one embed per article (title linked, numbered sections, every source
 * with publisher, date and link). A long article continues in further embeds, and when the embeds do not fit
 * one message (ten embeds, 6,000 characters) they are sent as several pages (see paging.ts).
 */
import type { SourceListing } from "../../answers/model.js";
import type { SourcesAnswer } from "../../answers/sources.js";
import { wordsFor, type Locale } from "../i18n.js";
import { COLORS, citeSource } from "./format.js";
import { LIMITS, safeUrl } from "./limits.js";
import { quoteText } from "./markdown.js";
import { renderUnknownArticleDiscord } from "./notices.js";
import { MAX_MESSAGES, pageArticles, shownArticles } from "./paging.js";
import type { DiscordEmbed, DiscordMessage } from "./types.js";

/**
 * Each embed's description stays well under 4,096 so that a few articles share one message's 6,000; a line
 * never splits across two embeds.
 */
const DESCRIPTION_BUDGET = 2800;

export function renderSourcesDiscord(answer: SourcesAnswer, locale: Locale): DiscordMessage[] {
  if (answer.kind === "unknown-article") return [renderUnknownArticleDiscord(answer, locale)];
  const words = wordsFor(locale);
  const { articles } = answer.listing;
  const sourceCount = articles.reduce((n, a) => n + a.sources.length, 0);
  const heading = `**${words.sourcesTitle}**: ${words.sourcesSummary(articles.length, sourceCount)}`;
  if (!articles.length) return [{ content: heading, embeds: [{ description: words.noArticles, color: COLORS.info }] }];
  return pageArticles(
    articles.slice(0, shownArticles()).map((a) => articleEmbeds(a, locale)),
    { locale, total: articles.length, heading: (index, total) => (total > 1 ? `${heading} (${words.page(index, total)})` : heading) },
  );
}

function articleEmbeds(article: SourceListing["articles"][number], locale: Locale): DiscordEmbed[] {
  const words = wordsFor(locale);
  // Made one by one as they are packed: an article citing thousands of sources has only its first ones escaped
  // and cut (each takes an Intl.Segmenter pass), not seconds' worth that the messages could never hold.
  function* lines(): Generator<string> {
    yield `**${words.sections}**`;
    for (const [i, section] of article.sections.entries()) yield `${i + 1}. ${quoteText(section, 300)}`;
    yield "";
    yield `**${words.sourcesOf}**`;
    if (!article.sources.length) yield words.noSources;
    for (const s of article.sources) {
      const about = [s.title ? quoteText(s.title, 200) : "", quoteText(s.section, 150)].filter(Boolean).join(" · ");
      yield `• ${citeSource(s, locale)}\n  ${about}`;
    }
  }
  const title = quoteText(article.title, LIMITS.title - words.continued.length - 1);
  const url = safeUrl(article.url);
  return chunkLines(lines(), DESCRIPTION_BUDGET, MAX_MESSAGES * LIMITS.embedTotal).map((description, i) => ({
    title: i === 0 ? title : `${title} ${words.continued}`,
    ...(url ? { url } : {}),
    description,
    color: COLORS.info,
  }));
}

/**
 * Lines joined into texts of at most `max` characters, breaking only between lines; once they hold `total`
 * characters (what a listing's messages can carry), no further line is read.
 */
function chunkLines(lines: Iterable<string>, max: number, total: number): string[] {
  const chunks: string[] = [];
  let current = "";
  let held = 0;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= max || !current) current = next;
    else {
      chunks.push(current.trimEnd());
      held += current.length;
      if (held >= total) return chunks;
      current = line;
    }
  }
  if (current.trim()) chunks.push(current.trimEnd());
  return chunks;
}
