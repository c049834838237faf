/**
 * Discord's message and embed limits, and pure helpers that keep text within them. Lengths are counted in
 * UTF-16 code units (`String.length`), which is never less than the characters Discord counts, so a text that
 * fits here fits there. Cuts fall on sentence boundaries when one is near, never inside a character.
 */
import type { DiscordEmbed, DiscordMessage } from "./types.js";

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author of all embeds of one message together. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  url: 2048,
} as const;

export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/**
 * Code units past the cut that are segmented too (so a grapheme cluster at the cut is seen whole): segmenting a
 * whole text costs time in its length, which for a megabyte-long title is tens of milliseconds per cut.
 */
const SEGMENT_SLACK = 64;
const segmentable = (text: string, max: number) => (text.length > max + SEGMENT_SLACK ? text.slice(0, max + SEGMENT_SLACK) : text);

/** Sentence ends, in Japanese and English; a cut just after one reads as a whole sentence. */
const SENTENCE_END = /[。！？!?．.」』）)\n]/u;
/** Clause breaks: the next best place to cut when no sentence ends near enough. */
const CLAUSE_BREAK = /[、,，;；:：\s]/u;

/**
 * `text` if it fits in `max`; else its longest start that ends on a sentence end (or, failing that, a clause
 * break) within the last half of the budget, plus `…`. Never splits a surrogate pair or a grapheme cluster
 * (emoji with modifiers), and never leaves a lone backslash that would escape the ellipsis.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  const budget = max - ELLIPSIS.length;
  let end = 0;
  let sentenceEnd = 0;
  let clauseEnd = 0;
  for (const { segment, index } of graphemes.segment(segmentable(text, max))) {
    const next = index + segment.length;
    if (next > budget) break;
    end = next;
    if (SENTENCE_END.test(segment)) sentenceEnd = next;
    else if (CLAUSE_BREAK.test(segment)) clauseEnd = next;
  }
  const cut = sentenceEnd >= budget / 2 ? sentenceEnd : clauseEnd >= budget * 0.75 ? clauseEnd : end;
  let head = text.slice(0, cut).trimEnd();
  // An odd run of backslashes at the end would escape the ellipsis (or nothing) in Discord markdown.
  const slashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return head + ELLIPSIS;
}

/** The longest start of `text` within `max` code units that ends between two graphemes; no ellipsis. */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment, index } of graphemes.segment(segmentable(text, max))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** The characters of an embed that count towards the 6,000 shared by all embeds of a message. */
export function embedLength(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function messageEmbedLength(message: DiscordMessage): number {
  return message.embeds.reduce((n, e) => n + embedLength(e), 0);
}

/** Every per-embed limit applied: long texts truncated, fields beyond 25 dropped, non-http(s) links removed. */
export function fitEmbed(embed: DiscordEmbed): DiscordEmbed {
  const fitted: DiscordEmbed = {};
  if (embed.title !== undefined) fitted.title = truncate(embed.title, LIMITS.title);
  const url = safeUrl(embed.url);
  if (url) fitted.url = url;
  if (embed.description !== undefined) fitted.description = truncate(embed.description, LIMITS.description);
  if (embed.color !== undefined) fitted.color = embed.color;
  if (embed.author) {
    const authorUrl = safeUrl(embed.author.url);
    fitted.author = { name: truncate(embed.author.name, LIMITS.author), ...(authorUrl ? { url: authorUrl } : {}) };
  }
  if (embed.fields?.length)
    fitted.fields = embed.fields.slice(0, LIMITS.fields).map((f) => ({
      name: truncate(f.name, LIMITS.fieldName) || "\u200b",
      value: truncate(f.value, LIMITS.fieldValue) || "\u200b",
      ...(f.inline !== undefined ? { inline: f.inline } : {}),
    }));
  if (embed.footer) fitted.footer = { text: truncate(embed.footer.text, LIMITS.footer) };
  return fitted;
}

/**
 * One message made to fit: content truncated, every embed fitted, and when the embeds together pass 6,000
 * characters the longest description or field is shortened until they do. Embeds beyond ten are not dropped
 * here: `splitMessages` moves them to follow-up messages.
 */
export function fitMessage(message: DiscordMessage): DiscordMessage {
  const embeds = message.embeds.map(fitEmbed);
  let excess = embeds.reduce((n, e) => n + embedLength(e), 0) - LIMITS.embedTotal;
  while (excess > 0) {
    const longest = longestText(embeds);
    if (!longest || longest.length <= 1) {
      // Only titles and short texts left: drop whole embeds from the end.
      const dropped = embeds.pop();
      if (!dropped) break;
      excess -= embedLength(dropped);
      continue;
    }
    const before = longest.get().length;
    longest.set(truncate(longest.get(), Math.max(1, before - excess)) || "\u200b");
    excess -= before - longest.get().length;
  }
  return { ...(message.content !== undefined ? { content: truncate(message.content, LIMITS.content) } : {}), embeds };
}

/**
 * Embeds packed into as few messages as Discord allows (ten embeds, 6,000 characters each), in order. The
 * content stays with the first message. Each embed is fitted first, so every message returned is valid.
 */
export function splitMessages(message: DiscordMessage): DiscordMessage[] {
  const embeds = message.embeds.map(fitEmbed);
  const messages: DiscordMessage[] = [];
  let current: DiscordMessage = { ...(message.content !== undefined ? { content: truncate(message.content, LIMITS.content) } : {}), embeds: [] };
  let total = 0;
  for (const embed of embeds) {
    const length = Math.min(embedLength(embed), LIMITS.embedTotal);
    if (current.embeds.length && (current.embeds.length >= LIMITS.embeds || total + length > LIMITS.embedTotal)) {
      messages.push(current);
      current = { embeds: [] };
      total = 0;
    }
    current.embeds.push(embed);
    total += length;
  }
  messages.push(current);
  return messages.map(fitMessage);
}

/** `url` when it is an absolute http(s) link within Discord's length, else undefined. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url || url.length > LIMITS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A handle on the longest description, field value or footer of some embeds, for shortening it in place. */
function longestText(embeds: DiscordEmbed[]): { get(): string; set(text: string): void; length: number } | undefined {
  let best: { get(): string; set(text: string): void; length: number } | undefined;
  for (const embed of embeds) {
    if (embed.description && embed.description.length > (best?.length ?? 0))
      best = { get: () => embed.description!, set: (t) => (embed.description = t), length: embed.description.length };
    const footer = embed.footer;
    if (footer && footer.text.length > (best?.length ?? 0))
      best = { get: () => footer.text, set: (t) => (footer.text = t), length: footer.text.length };
    for (const field of embed.fields ?? [])
      if (field.value.length > (best?.length ?? 0)) best = { get: () => field.value, set: (t) => (field.value = t), length: field.value.length };
  }
  return best;
}
