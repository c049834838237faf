/**
 * Reads a hand-written Markdown article (`.md`):
 *
 *   ---                      optional front matter, `key: value` lines:
 *   title: ...                 title (wins over the `#` heading), url (the article's own link),
 *   url: https://...           published (its date, any of 2025-03-02, 2025/03/02, 2025年3月2日),
 *   published: 2025-03-02      publisher (who published it: the publisher of the article's own link
 *   publisher: 青葉新報          and of every link in it that does not name its own)
 *   ---
 *   # Title
 *   Lead paragraph(s).
 *   ## Section heading
 *   Optional reader question ending in ? / ？, then its answer paragraph.
 *   Paragraphs; [links](https://...) and bare https:// links become the section's sources, and a link's
 *   text stays in the sentence as text. `[text](https://... "publisher")` names the link's own publisher.
 *   A date on the link's line is the source's date; `✅ ` lines are points of the section's last source.
 *   💡 lines, or the items of a `## 結論` / `## まとめ` / `## Conclusion(s)` section, are the conclusions.
 */
import type { Article, Paragraph, Section, SourceCard } from "./model.js";
import type { ParsedFile } from "./parse-digest.js";
import { capHeading, findUrl, findUrls, isQuestion, parseDate, stripMarker, withoutUrls } from "./text.js";

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
/**
 * `[text](url)`, `[text](<url>)` or `[text](url "title")`; the text may hold one level of brackets, the url
 * balanced parentheses (Wikipedia). No part can match what the next part matches, so a line full of `[` costs
 * linear time, not its length squared.
 */
const MARKDOWN_LINK = /\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\]\(\s*<?(https?:\/\/(?:[^\s()<>]|\([^\s()<>]*\))+)>?(?:\s+(?:"([^"\n]*)"|'([^'\n]*)'))?\s*\)/g;
const CONCLUSIONS_HEADING = /^(結論|まとめ|conclusions?|summary)\s*[!！:：]?$/i;
const LIST_MARK = /^(?:[-*+]|\d+[.)])\s+/;

export function parseMarkdown(text: string): ParsedFile {
  const warnings: string[] = [];
  const { fields, body } = readFrontMatter(text, warnings);
  const blocks = readBlocks(body);
  const publisher = fields.publisher ? capHeading(plainText(fields.publisher)) : undefined;

  let title = fields.title ?? "";
  const leadParts: string[] = [];
  const sections: Section[] = [];
  const conclusions: string[] = [];
  let conclusionsHeading: string | null = null;
  let current: { section: Section; blocks: string[] } | null = null;
  let inConclusions = false;

  const finishSection = () => {
    if (current) sections.push(fillSection(current.section, current.blocks, publisher));
    current = null;
  };

  for (const block of blocks) {
    const heading = readHeading(block);
    if (heading && heading.level === 1 && !sections.length && !current && !leadParts.length) {
      if (!title) {
        title = heading.text;
        // A title too long to be one keeps its whole text as the lead's start.
        if (capHeading(plainText(title)) !== plainText(title)) leadParts.push(title);
      } else if (heading.text !== title) warnings.push(`the # heading "${capHeading(heading.text)}" is not used: the front matter title wins`);
      continue;
    }
    if (heading && heading.level === 2) {
      finishSection();
      inConclusions = CONCLUSIONS_HEADING.test(heading.text.replace(/^🚩\s*/, ""));
      if (inConclusions) conclusionsHeading = capHeading(heading.text);
      else {
        current = { section: emptySection(heading.text), blocks: [] };
        if (current.section.heading !== plainText(heading.text)) current.blocks.push(heading.text);
      }
      continue;
    }
    if (block.startsWith("💡") || inConclusions) {
      for (const line of block.split("\n")) {
        const item = line.replace(LIST_MARK, "");
        conclusions.push(item.startsWith("💡") ? stripMarker(item, "💡") : item);
      }
      continue;
    }
    // A `#` heading after the title, or a deeper one, stays as text of where it stands.
    const textBlock = heading ? heading.text : block;
    if (current) current.blocks.push(textBlock);
    else leadParts.push(textBlock);
  }
  finishSection();

  if (!title) {
    warnings.push("no title (front matter `title:` or a `# ` heading); the first line is used");
    const first = (leadParts[0] ?? sections[0]?.heading ?? "").split("\n")[0] ?? "";
    // The first line becomes the title, unless it is too long to be one: then it stays text too.
    if (leadParts.length && capHeading(plainText(first)) === plainText(first)) leadParts.shift();
    title = first;
  }
  let lead = leadParts.flatMap(joinProse).map(plainText).join("\n");
  // Plain prose with no `## ` heading (a Wikipedia-style article) is a legitimate article: one section, no warning.
  if (sections.length === 0 && lead) {
    sections.push(fillSection(emptySection(title), leadParts, publisher));
    lead = "";
  }
  const article: Omit<Article, "id" | "path"> = {
    title: capHeading(plainText(title)),
    lead,
    url: fields.url ? (findUrl(fields.url)?.url ?? null) : null,
    publisher: publisher ?? null,
    publishedAt: fields.published ? parseDate(fields.published) : null,
    sections,
    conclusionsHeading,
    conclusions: conclusions.filter(Boolean),
  };
  if (fields.url && !article.url) warnings.push(`front matter url is not a link: ${fields.url}`);
  if (fields.published && !article.publishedAt) warnings.push(`front matter published is not a date: ${fields.published}`);
  return { article, warnings };
}

function readFrontMatter(text: string, warnings: string[]) {
  const fields: Record<string, string> = {};
  const match = FRONT_MATTER.exec(text);
  if (!match) return { fields, body: text.replace(/^\uFEFF/, "") };
  for (const line of match[1]!.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!field) {
      warnings.push(`front matter line not understood: ${line.trim()}`);
      continue;
    }
    fields[field[1]!.toLowerCase()] = field[2]!.trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { fields, body: text.slice(match[0].length) };
}

/** A `#`-`######` heading line: its level and text, without closing `#`s (read by hand: no regex backtracking). */
function readHeading(block: string): { level: number; text: string } | null {
  const marks = /^#{1,6}(?=[ \t])/.exec(block);
  if (!marks || block.includes("\n")) return null;
  let text = block.slice(marks[0].length).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  // Closing `#`s count only after a space (`## C#` keeps its `#`).
  if (end < text.length && (end === 0 || /[ \t]/.test(text[end - 1]!))) text = text.slice(0, end).trimEnd();
  return { level: marks[0].length, text };
}

/** Blank-line separated blocks; each heading line is a block of its own; list items are kept as lines. */
function readBlocks(body: string): string[] {
  const blocks: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) blocks.push(lines.join("\n"));
    lines = [];
  };
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith("#")) {
      flush();
      blocks.push(line);
    } else lines.push(line);
  }
  flush();
  return blocks;
}

function emptySection(heading: string): Section {
  return { heading: capHeading(plainText(heading)), question: null, answer: null, paragraphs: [], sources: [] };
}

/** Fills a section from its blocks: question and answer first, then paragraphs, links as sources. */
function fillSection(section: Section, blocks: string[], publisher: string | undefined): Section {
  const lines = blocks.flatMap((block) => joinProse(block));
  let start = 0;
  if (lines[0] !== undefined && isQuestion(lines[0])) {
    section.question = plainText(lines[0]);
    if (lines[1] !== undefined) section.answer = plainText(lines[1]);
    start = section.answer === null ? 1 : 2;
  }
  let pendingPoints: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.startsWith("✅")) {
      const last = section.sources.at(-1);
      if (last) last.points.push(stripMarker(line, "✅"));
      else pendingPoints.push(stripMarker(line, "✅"));
      continue;
    }
    const cards = readLinks(line, publisher);
    for (const card of cards) {
      card.points.push(...pendingPoints);
      pendingPoints = [];
      section.sources.push(card);
    }
    const text = plainText(line);
    // A line that is nothing but its link(s) is fully held by its source card(s).
    if (cards.length && isOnlyLinks(line)) continue;
    if (text) section.paragraphs.push({ text, sourceIndex: section.sources.length ? section.sources.length - 1 : null } satisfies Paragraph);
  }
  // Points never followed by a link stay readable as text.
  for (const point of pendingPoints) section.paragraphs.push({ text: point, sourceIndex: null });
  if (section.sources.length) for (const paragraph of section.paragraphs) paragraph.sourceIndex ??= 0;
  return section;
}

/** A prose block's lines join into one paragraph; list items and marked points stay lines of their own. */
function joinProse(block: string): string[] {
  const out: string[] = [];
  for (const line of block.split("\n")) {
    const item = LIST_MARK.test(line) || /^[✅💡>]/u.test(line) || (readLinks(line).length > 0 && isOnlyLinks(line));
    const previous = out.at(-1);
    if (!item && previous !== undefined && !LIST_MARK.test(previous) && !/^[✅💡]/u.test(previous)) {
      out[out.length - 1] = joinLines(previous, line);
    } else out.push(line.replace(LIST_MARK, "").replace(/^>\s?/, ""));
  }
  return out;
}

/** Japanese lines join without a space; Latin words keep one between them. */
function joinLines(a: string, b: string): string {
  return /[\x21-\x7E]$/.test(a) && /^[\x21-\x7E]/.test(b) ? `${a} ${b}` : a + b;
}

/** The line's links as source cards: `[text](url)` ones (their text is the card's title), then bare ones. */
function readLinks(line: string, publisher?: string): SourceCard[] {
  const cards: SourceCard[] = [];
  const rest = line.replace(MARKDOWN_LINK, " ");
  const publishedAt = parseDate(rest);
  for (const match of line.matchAll(MARKDOWN_LINK)) {
    const own = (match[3] ?? match[4])?.trim();
    cards.push(card(match[2]!, plainText(match[1]!) || null, publishedAt, own ? capHeading(own) : publisher));
  }
  for (const found of findUrls(rest)) cards.push(card(found.url, null, publishedAt, publisher));
  return cards;
}

/** A source card for a link. Its publisher is the link's own or the article's; else none (renderers show the host). */
function card(url: string, title: string | null, publishedAt: string | null, publisher: string | undefined): SourceCard {
  return { title: title === null ? null : capHeading(title), publisher: publisher ?? null, publishedAt, url, points: [] };
}

function isOnlyLinks(line: string): boolean {
  const rest = withoutUrls(line.replace(MARKDOWN_LINK, " "));
  // What may stand beside a link in a source line: a date, separators, brackets.
  return rest.replace(/\d{4}\s*[/\-.年]\s*\d{1,2}\s*[/\-.月]\s*\d{1,2}\s*日?/, "").replace(/[\s\-–—:：,、()（）<>「」|]/g, "") === "";
}

/** Markdown emphasis, code marks and links reduced to their text. */
function plainText(text: string): string {
  // Each pattern stops at the next mark of its kind, so none rescans the rest of a long line.
  return text
    .replace(MARKDOWN_LINK, "$1")
    .replace(/<(https?:\/\/[^<>\s]+)>/g, "$1")
    .replace(/\*\*([^*\n]+)\*\*/g, "$1")
    .replace(/__([^_\n]+)__/g, "$1")
    .replace(/\*([^*\s][^*\n]*)\*/g, "$1")
    .replace(/(?<!\w)_([^_\s][^_\n]*)_(?!\w)/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}
