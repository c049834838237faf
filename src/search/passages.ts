/**
 * Passages: the quotable units an answer is made of, cut from the article model. Each is a run of whole
 * sentences of one section (at most MAX_PASSAGE_LENGTH characters; a longer sentence is cut at a clause
 * boundary), carrying where it comes from. A section's reader question and answer, its source cards' ✅ points
 * and each card's own line (headline, publisher, date) are passages too, so a question about when or where a
 * report appeared finds the card.
 */
import type { Article, Section, SourceCard } from "../articles/model.js";
import { cutSpan, splitSentences, type Span } from "./sentences.js";

/** Quoted passages never exceed this (Discord quotes and the QA contract rely on it). */
export const MAX_PASSAGE_LENGTH = 400;

/**
 * Prose is quoted a paragraph at a time: a paragraph is one passage, or, when longer than about this many
 * characters, pieces of whole sentences of about this length (never over MAX_PASSAGE_LENGTH). A paragraph is the
 * writer's unit of one point; a news digest's commentary lines stay apart from the report they follow. Chosen on
 * held-out folds of JaQuAD's training split (`npm run train -- --cross-validate`, docs/retrieval.md): the answer
 * was in the first quote for 78% of 3,000 held-out questions with 160-character groups across paragraphs, 84%
 * with paragraphs up to 400 characters.
 */
export const TARGET_PASSAGE_LENGTH = 400;

/** The short lines of a list (a card's ✅ points, the 💡 conclusions) are grouped up to this many characters. */
export const LIST_PASSAGE_LENGTH = 160;

/** Section labels for text that sits outside the article's sections. */
export const LEAD_SECTION = "冒頭";
export const CONCLUSIONS_SECTION = "結論";

export type PassageKind =
  /** The lead paragraph under the title. */
  | "lead"
  /** Sentences of a section's text. */
  | "text"
  /** A section's reader question and its one-line answer. */
  | "qa"
  /** A source card's ✅ points. */
  | "point"
  /** A source card's own line: headline, publisher, date. */
  | "source"
  /** The article's closing 💡 conclusions. */
  | "conclusion";

export interface Passage {
  kind: PassageKind;
  articleId: string;
  articleTitle: string;
  /** The section heading (or LEAD_SECTION / CONCLUSIONS_SECTION). */
  section: string;
  /** The passage's order in its article, from 0. */
  position: number;
  /** Index of the section in the article; -1 for the lead and the conclusions. */
  sectionIndex: number;
  /** For a card's points and line: the card's index in its section; otherwise null. */
  cardIndex: number | null;
  text: string;
  /** The sentences of `text`, as offsets into it. */
  sentences: Span[];
  /** Searchable with the passage but not quoted: the section heading and reader question/answer. */
  context: string;
  /** The section's reader question, which the ranking compares with the user's question. */
  sectionQuestion: string | null;
  url: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

export interface PassageOptions {
  /** Word start offsets of a text, for cutting an over-long sentence between words. */
  wordStarts: (text: string) => number[];
  target?: number;
}

export function buildPassages(article: Article, options: PassageOptions): Passage[] {
  const passages: Passage[] = [];
  const base = { articleId: article.id, articleTitle: article.title };
  const add = (fields: Omit<Passage, "articleId" | "articleTitle" | "position" | "sectionIndex" | "cardIndex">, where: { sectionIndex: number; cardIndex?: number }) =>
    passages.push({ ...base, ...fields, position: passages.length, sectionIndex: where.sectionIndex, cardIndex: where.cardIndex ?? null });
  const outside = { sectionIndex: -1 };
  const articleLink = { url: article.url, publisher: article.publisher ?? null, publishedAt: article.publishedAt };

  if (article.lead.trim()) {
    for (const piece of prose([article.lead], options)) {
      add({ kind: "lead", section: LEAD_SECTION, ...piece, context: article.title, sectionQuestion: null, ...articleLink }, outside);
    }
  }

  article.sections.forEach((section, sectionIndex) => {
    const context = [section.heading, section.question, section.answer].filter(Boolean).join(" ");
    const common = { section: section.heading, context, sectionQuestion: section.question };
    const cardLink = (index: number | null) => {
      const card = index === null ? undefined : section.sources[index];
      return card ? { url: card.url ?? article.url, publisher: card.publisher, publishedAt: card.publishedAt } : articleLink;
    };

    if (section.question) {
      const text = [section.question, section.answer].filter(Boolean).join(" ");
      for (const piece of group([text], { target: LIST_PASSAGE_LENGTH, ...options })) add({ kind: "qa", ...common, ...piece, ...cardLink(section.sources.length ? 0 : null) }, { sectionIndex });
    }
    for (const run of runsBySource(section)) {
      for (const piece of prose(run.texts, options)) add({ kind: "text", ...common, ...piece, ...cardLink(run.sourceIndex) }, { sectionIndex });
    }
    section.sources.forEach((card, cardIndex) => {
      const where = { sectionIndex, cardIndex };
      for (const piece of group(card.points, { target: LIST_PASSAGE_LENGTH, ...options })) add({ kind: "point", ...common, ...piece, ...cardLink(cardIndex) }, where);
      const line = sourceLine(card, options);
      if (line) add({ kind: "source", ...common, ...line, ...cardLink(cardIndex) }, where);
    });
  });

  if (article.conclusions.length) {
    const section = conclusionsLabel(article.conclusionsHeading);
    for (const piece of group(article.conclusions, { target: LIST_PASSAGE_LENGTH, ...options })) {
      add({ kind: "conclusion", section, ...piece, context: section, sectionQuestion: null, ...articleLink }, outside);
    }
  }
  return passages;
}

/** Consecutive paragraphs that belong with the same source card. */
function runsBySource(section: Section): Array<{ sourceIndex: number | null; texts: string[] }> {
  const runs: Array<{ sourceIndex: number | null; texts: string[] }> = [];
  for (const paragraph of section.paragraphs) {
    const last = runs[runs.length - 1];
    if (last && last.sourceIndex === paragraph.sourceIndex) last.texts.push(paragraph.text);
    else runs.push({ sourceIndex: paragraph.sourceIndex, texts: [paragraph.text] });
  }
  return runs;
}

/**
 * A card's own line as the page shows it: headline, publisher, `公開日:YYYY/MM/DD` (the date as written on the
 * page, so a quote can be checked against it) and link, each part a sentence of its own so that the ranking can
 * tell the publisher's name and tagline from the headline. Null when the card names nothing.
 */
export function sourceLine(card: SourceCard, options: PassageOptions): Piece | null {
  if (!card.publisher && !card.publishedAt) return null;
  const title = card.title ? cutSpan(card.title, { start: 0, end: card.title.length }, { max: MAX_PASSAGE_LENGTH / 2, wordStarts: options.wordStarts })[0] : undefined;
  const parts = [
    title && card.title!.slice(title.start, title.end),
    card.publisher ? `${PUBLISHER_PREFIX}${card.publisher.slice(0, MAX_PASSAGE_LENGTH / 4)}` : null,
    card.publishedAt ? `公開日:${card.publishedAt.replaceAll("-", "/")}` : null,
    card.url && card.url.length <= MAX_PASSAGE_LENGTH / 4 ? card.url : null,
  ].filter((part): part is string => Boolean(part));
  const spans: Span[] = [];
  let text = "";
  for (const part of parts) {
    if (text) text += SOURCE_LINE_SEPARATOR;
    spans.push({ start: text.length, end: text.length + part.length });
    text += part;
  }
  return { text, sentences: spans };
}

/** How a card's line names its publisher: the ranking reads that part only for questions about reports. */
export const PUBLISHER_PREFIX = "出典: ";
const SOURCE_LINE_SEPARATOR = " ／ ";

function conclusionsLabel(heading: string | null): string {
  const label = heading?.replace(/^[^\p{L}\p{N}]+/u, "").trim();
  return label || CONCLUSIONS_SECTION;
}

interface Piece {
  text: string;
  sentences: Span[];
}

/** Prose (the lead, a section's text): each paragraph on its own, its sentences grouped up to the target. */
function prose(paragraphs: string[], options: PassageOptions): Piece[] {
  return paragraphs.flatMap((paragraph) => group([paragraph], options));
}

/**
 * Whole sentences of consecutive paragraphs, grouped into pieces of about `target` characters and never more
 * than MAX_PASSAGE_LENGTH.
 */
function group(paragraphs: string[], options: PassageOptions): Piece[] {
  const target = options.target ?? TARGET_PASSAGE_LENGTH;
  const sentences: string[] = [];
  for (const paragraph of paragraphs) {
    for (const span of splitSentences(paragraph)) {
      for (const piece of cutSpan(paragraph, span, { max: MAX_PASSAGE_LENGTH, wordStarts: options.wordStarts })) {
        sentences.push(paragraph.slice(piece.start, piece.end));
      }
    }
  }
  const pieces: Piece[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) pieces.push(join(current));
    current = [];
  };
  for (const sentence of sentences) {
    // +1 for the space `join` may put between sentences.
    const length = current.reduce((n, s) => n + s.length + 1, 0);
    if (current.length && (length + sentence.length > MAX_PASSAGE_LENGTH || length + sentence.length / 2 > target)) flush();
    current.push(sentence);
  }
  flush();
  return pieces;
}

/** Sentences joined as they are written: Japanese sentences need no space between them. */
function join(sentences: string[]): Piece {
  const spans: Span[] = [];
  let text = "";
  for (const sentence of sentences) {
    // A sentence without a closing mark (a heading-like line) still needs a visible boundary.
    if (text && !/[。！？!?」』)）…]$/.test(text)) text += " ";
    spans.push({ start: text.length, end: text.length + sentence.length });
    text += sentence;
  }
  return { text, sentences: spans };
}
