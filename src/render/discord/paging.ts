/**
 * Per-article embeds as a few messages: packed within Discord's limits, each headed with its page number,
 * and, when even a few messages cannot hold every article (a folder of thousands), cut after the last
 * article that fits, saying how many were shown. An interaction token lasts 15 minutes and follow-ups are
 * rate-limited, so a listing never becomes hundreds of messages.
 */
import { wordsFor, type Locale } from "../i18n.js";
import { LIMITS, splitMessages, truncate } from "./limits.js";
import type { DiscordEmbed, DiscordMessage } from "./types.js";

export const MAX_MESSAGES = 5;

export interface PagingOptions {
  /** The content line of each message, given its page number and the page count. */
  heading: (index: number, total: number) => string;
  locale: Locale;
  maxMessages?: number;
  /** How many articles there are in all, when `blocks` holds only the first `shownArticles()` of them. */
  total?: number;
}

/**
 * Articles worth rendering for a listing: no more than the messages can hold (each article takes an embed at
 * least), so a folder of thousands is not rendered whole per request only to be cut.
 */
export function shownArticles(maxMessages = MAX_MESSAGES): number {
  return maxMessages * LIMITS.embeds;
}

/** `blocks`: one list of embeds per article (an article and its continuations stay together). */
export function pageArticles(blocks: DiscordEmbed[][], options: PagingOptions): DiscordMessage[] {
  const max = options.maxMessages ?? MAX_MESSAGES;
  const total = Math.max(options.total ?? blocks.length, blocks.length);
  let pages = splitMessages({ embeds: blocks.flat() });
  let note = "";
  if (pages.length > max || total > blocks.length) {
    pages = pages.slice(0, max);
    const room = pages.reduce((n, page) => n + page.embeds.length, 0);
    let shown = 0;
    let used = 0;
    for (const block of blocks) {
      if (used + block.length > room) break;
      used += block.length;
      shown++;
    }
    const words = wordsFor(options.locale);
    if (shown === 0) {
      // Not even the first article fits whole (one citing thousands of sources): its start, rather than nothing.
      shown = 1;
      note = total > 1 ? `${words.articleCut}\n${words.moreArticles(shown, total)}` : words.articleCut;
    } else {
      // Drop the start of an article that did not fit whole.
      for (let extra = room - used; extra > 0; extra--) {
        const last = pages.at(-1)!;
        last.embeds.pop();
        if (!last.embeds.length && pages.length > 1) pages.pop();
      }
      note = words.moreArticles(shown, total);
    }
  }
  return pages.map((page, i) => {
    const heading = options.heading(i + 1, pages.length);
    const content = i === pages.length - 1 && note ? `${heading}\n${note}` : heading;
    return { ...page, content: truncate(content, LIMITS.content) };
  });
}
