/**
 * Quoted text made inert: article text and questions are shown as written, never as Discord markdown, and
 * never as a mention. (allowed_mentions { parse: [] } already stops pings; this also stops `@everyone` or
 * `<@id>` from even looking like one.)
 */
import { hostOf } from "../citation.js";
import { truncate } from "./limits.js";

/** Inline markdown characters, escaped anywhere; `<` also covers `<@id>`, `<#id>`, `<t:...>` and `</cmd:id>`. */
const INLINE = /[\\*_~`|[\]<>]/gu;
/** Markdown that only counts at the start of a line: headings, subtext, quotes, lists. */
const LINE_START = /^([ \t]*)(#{1,3}[ \t]|-#[ \t]|>|[-+*][ \t]|\d+\.[ \t])/gmu;

/** A web address inside text; Discord links it as a whole, so `_`, `*` and `~` in it are not markdown. */
const URL_IN_TEXT = /https?:\/\/[^\s<>]+/gu;
/** What is still escaped inside an address: characters that could end it or open a code span or spoiler. */
const INLINE_IN_URL = /[\\`|[\]]/gu;

export function escapeMarkdown(text: string): string {
  // An escaped `_` inside an address would become part of the link Discord makes of it, and break it.
  let escaped = "";
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    escaped += text.slice(last, match.index).replace(INLINE, "\\$&") + match[0].replace(INLINE_IN_URL, "\\$&");
    last = match.index + match[0].length;
  }
  escaped += text.slice(last).replace(INLINE, "\\$&");
  return escaped
    // A backslash before a digit would show; a numbered list is escaped at its dot instead.
    .replace(LINE_START, (_, indent: string, marker: string) => `${indent}${/^\d/.test(marker) ? marker.replace(".", "\\.") : `\\${marker}`}`);
}

/** `@everyone` and `@here` broken by a zero-width space, so they neither ping nor render as mentions. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/giu, "@\u200b$1");
}

/** Text from an article or a user, escaped, neutralised, and cut (before escaping) to fit `max` after it. */
export function quoteText(raw: string, max: number): string {
  let budget = max;
  for (;;) {
    const out = neutraliseMentions(escapeMarkdown(truncate(raw, budget)));
    if (out.length <= max) return out;
    if (budget <= 1) return "";
    budget = Math.max(1, budget - (out.length - max));
  }
}

/**
 * A markdown link `[label](url)` whose label is quoted text; the url is percent-encoded where markdown would
 * break. A label is the article's to choose (`[日本経済新聞](https://evil.example/login)`), so the link's real
 * host follows it, `(evil.example)`, unless the label is that host already.
 */
export function markdownLink(label: string, url: string, maxLabel = 200): string {
  const link = `[${quoteText(label, maxLabel)}](${url.replaceAll("(", "%28").replaceAll(")", "%29").replace(/\s/gu, encodeURIComponent)})`;
  const host = hostOf(url);
  const bare = (text: string) => text.trim().toLowerCase().replace(/^www\./u, "");
  return host && bare(label) !== bare(host) ? `${link} (${quoteText(host, 255)})` : link;
}
