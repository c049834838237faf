/**
 * Reads a scraped news-digest page (`.txt`), the format of the seed articles:
 *
 *   site chrome                       dropped
 *   headline                          Article.title (the page glues its title parts into one line)
 *   lead paragraph                    Article.lead
 *   heading / question? / answer      a Section: the heading is the line before a reader question
 *   intro, source cards, commentary   Section.paragraphs and Section.sources, in page order
 *   🚩 結論! / 💡 points               Article.conclusionsHeading / Article.conclusions
 *
 * A source card is: an optional title (shown twice, or once above its date), an optional `公開日:YYYY/MM/DD`, `✅` points, then
 * `さらに読む ⇒<publisher>出典/画像元: <URL>`, with the next paragraph sometimes glued after the URL.
 * Every content line lands in exactly one place of the model; a page with none of this structure becomes one
 * section holding all its lines, with a warning.
 */
import type { Article, Paragraph, Section, SourceCard } from "./model.js";
import { capHeading, contentLines, findUrl, isQuestion, parseDate, stripMarker, type FoundUrl } from "./text.js";

/** Navigation text the digest site puts above every article; not content. */
const SITE_CHROME = [/Logo\s+Menu\s+opener$/i];

const POINT_MARK = "✅";
const CONCLUSION_MARK = "💡";
const CONCLUSION_HEADING_MARK = "🚩";
const DATE_LINE = /^公開日\s*[:：]/;
/** The card's closing line: `さらに読む ⇒<publisher>出典/画像元: <URL>`. */
const SOURCE_LINE = /^(?:さらに読む\s*)?[⇒→]?(.*?)出典(?:\s*\/\s*画像元)?\s*[:：]\s*/;

/** A heading is a short line that does not end like a sentence. */
const MAX_HEADING_LENGTH = 80;
/**
 * A closing quote ends a sentence only when what it quotes does (`…と述べた。」`, `「大丈夫?」`): headings and
 * headlines often end in a quoted name or remark (`代わりのバス:1日12往復の「ひばライナー」`).
 */
const SENTENCE_END = /(?:[。．.!！…]|[。．.!！?？…][」』])$/;
/**
 * The digest's headings are `label:subtitle` (`対立の火種:2月28日の…会談`). A heading may itself end in `?`
 * (`預金と今後の見通し:次の利上げはいつ?`); its label is what tells it from the reader question below it.
 */
/** Card titles are news headlines; a longer line above a date is text. */
const MAX_CARD_TITLE_LENGTH = 120;
const LABELLED_HEADING = /^[^:：?？。]{2,30}[:：]./;

export interface ParsedFile {
  article: Omit<Article, "id" | "path">;
  /** Caveats about the file's structure, for the loader to report. */
  warnings: string[];
}

export function parseDigest(text: string): ParsedFile {
  const lines = contentLines(text).filter((line) => !SITE_CHROME.some((chrome) => chrome.test(line)));
  const warnings: string[] = [];
  const title = capHeading(lines[0] ?? "");
  // A first line too long to be a title (a page saved as one line) is cut for the title and kept whole as text.
  if (title !== lines[0] && lines[0] !== undefined) lines.splice(1, 0, lines[0]);
  const { conclusions, conclusionsHeading, bodyEnd } = readConclusions(lines);

  const headingAt = findHeadings(lines, bodyEnd);
  const firstHeading = headingAt[0] ?? bodyEnd;
  // Everything between the title and the first heading is the lead.
  const lead = lines.slice(1, firstHeading).join("\n");

  const sections: Section[] = headingAt.map((start, i) => readSection(lines.slice(start, headingAt[i + 1] ?? bodyEnd)));

  if (sections.length === 0 && bodyEnd > 1) {
    // No recognisable sections: keep every line searchable as one section under the title.
    warnings.push("no section headings found (a heading line followed by a question ending in ?); read as one section");
    sections.push(readSection([title, ...lines.slice(1, bodyEnd)], { hasQuestion: false }));
    return { article: { title, lead: "", url: null, publishedAt: null, sections, conclusionsHeading, conclusions }, warnings };
  }
  if (lines.length === 1) warnings.push("has only a title: nothing else to search");
  return { article: { title, lead, url: null, publishedAt: null, sections, conclusionsHeading, conclusions }, warnings };
}

/** The trailing run of `💡` lines, and the `🚩` line before it. */
function readConclusions(lines: string[]) {
  let bodyEnd = lines.length;
  while (bodyEnd > 1 && lines[bodyEnd - 1]!.startsWith(CONCLUSION_MARK)) bodyEnd--;
  const conclusions = lines.slice(bodyEnd).map((line) => stripMarker(line, CONCLUSION_MARK));
  let conclusionsHeading: string | null = null;
  if (bodyEnd > 1 && lines[bodyEnd - 1]!.startsWith(CONCLUSION_HEADING_MARK)) {
    conclusionsHeading = lines[bodyEnd - 1]!;
    bodyEnd--;
  }
  return { conclusions, conclusionsHeading, bodyEnd };
}

/** Indexes of section headings: a heading-shaped line directly above a reader question. */
function findHeadings(lines: string[], bodyEnd: number): number[] {
  const headings: number[] = [];
  for (let i = 1; i + 1 < bodyEnd; i++) {
    if (isHeadingAt(lines, i, bodyEnd)) {
      headings.push(i);
      i++; // the question belongs to this heading
    }
  }
  return headings;
}

function isHeadingAt(lines: string[], i: number, bodyEnd: number): boolean {
  const line = lines[i]!;
  const next = lines[i + 1]!;
  const shaped =
    isQuestion(next) && line.length <= MAX_HEADING_LENGTH && !SENTENCE_END.test(line) && !isCardLine(line) && !isCardLine(next);
  if (!shaped) return false;
  // heading?, question?, answer: the heading is the labelled question, not the line above it.
  if (isQuestion(line)) return isLabelledQuestionHeading(lines, i, bodyEnd);
  return !isLabelledQuestionHeading(lines, i + 1, bodyEnd);
}

/** A `label:…?` line followed by a reader question and then an answer that is not a question. */
function isLabelledQuestionHeading(lines: string[], i: number, bodyEnd: number): boolean {
  const line = lines[i]!;
  const next = lines[i + 1];
  const answer = lines[i + 2];
  return (
    i + 2 < bodyEnd &&
    LABELLED_HEADING.test(line) &&
    line.length <= MAX_HEADING_LENGTH &&
    next !== undefined &&
    isQuestion(next) &&
    answer !== undefined &&
    !isQuestion(answer) &&
    !isCardLine(answer)
  );
}

function isCardLine(line: string): boolean {
  return line.startsWith(POINT_MARK) || DATE_LINE.test(line) || (SOURCE_LINE.test(line) && findUrl(line) !== null);
}

/** Reads one section: heading, question, answer, then paragraphs and source cards in page order. */
function readSection(lines: string[], options = { hasQuestion: true }): Section {
  const [heading = "", ...rest] = lines;
  let body = rest;
  let question: string | null = null;
  let answer: string | null = null;
  if (options.hasQuestion && body[0] !== undefined && isQuestion(body[0])) {
    question = body[0];
    body = body.slice(1);
    if (body[0] !== undefined && !isCardLine(body[0])) {
      answer = body[0];
      body = body.slice(1);
    }
  }
  const { paragraphs, sources } = readBody(body);
  return { heading, question, answer, paragraphs, sources };
}

function emptyCard(): SourceCard {
  return { title: null, publisher: null, publishedAt: null, url: null, points: [] };
}

/**
 * Walks the section body once. A card opens at its date, first point or repeated title, and closes at its source
 * line (or at the first ordinary line after its points, for cards without one).
 */
function readBody(lines: string[]): { paragraphs: Paragraph[]; sources: SourceCard[] } {
  const sources: SourceCard[] = [];
  const paragraphs: Paragraph[] = [];
  /** The card being read, until its source line (or the first ordinary line after its points) closes it. */
  const state: { open: SourceCard | null; titleCandidate: string | null } = { open: null, titleCandidate: null };

  const openCard = (): SourceCard => {
    if (!state.open) {
      state.open = emptyCard();
      sources.push(state.open);
    }
    return state.open;
  };
  const closeCardWithPoints = () => {
    if (state.open?.points.length) state.open = null;
  };
  const addParagraph = (text: string) => {
    paragraphs.push({ text, sourceIndex: sources.length ? sources.length - 1 : null });
  };

  let previous: string | null = null;
  for (const line of lines) {
    const before = previous;
    previous = line;
    if (DATE_LINE.test(line)) {
      closeCardWithPoints();
      const card = openCard();
      if (!card.title && before !== null && before === state.titleCandidate && isCardTitleShaped(before)) {
        // A title printed once, right above the date: it was taken for a paragraph, so take it back.
        if (paragraphs.at(-1)?.text === before) paragraphs.pop();
        card.title = before;
      }
      card.publishedAt = parseDate(line);
      // An unreadable date is kept as a paragraph so that the line is not lost.
      if (!card.publishedAt) addParagraph(line);
      continue;
    }
    if (state.open?.title === line && !state.open.points.length) continue; // the title's second copy
    if (line === state.titleCandidate && !state.open?.points.length && line.length <= MAX_CARD_TITLE_LENGTH) {
      // The card's title is printed twice: the first copy was taken for a paragraph, so take it back.
      if (paragraphs.at(-1)?.text === line) paragraphs.pop();
      openCard().title = line;
      state.titleCandidate = null;
      continue;
    }
    if (line.startsWith(POINT_MARK)) {
      const card = openCard();
      if (!card.title && !card.points.length && before !== null && before === state.titleCandidate && isCardTitleShaped(before)) {
        // A title printed once right above the points (below the date, or with no date): taken for a paragraph.
        if (paragraphs.at(-1)?.text === before) paragraphs.pop();
        card.title = before;
      }
      card.points.push(stripMarker(line, POINT_MARK));
      state.titleCandidate = null;
      continue;
    }
    const found: FoundUrl | null = SOURCE_LINE.test(line) ? findUrl(line) : null;
    if (found) {
      const card = openCard();
      card.publisher = SOURCE_LINE.exec(found.before)?.[1]?.trim() || null;
      card.url = found.url;
      state.open = null;
      const glued = found.after.trim();
      if (glued) addParagraph(glued);
      state.titleCandidate = glued || null;
      continue;
    }
    closeCardWithPoints();
    addParagraph(line);
    state.titleCandidate = line;
  }
  // Text before the first card belongs with that card: it introduces it.
  if (sources.length) for (const paragraph of paragraphs) paragraph.sourceIndex ??= 0;
  return { paragraphs, sources };
}

/** A headline, not a sentence of the text: short, and not ended like a sentence. */
function isCardTitleShaped(line: string): boolean {
  return line.length <= MAX_CARD_TITLE_LENGTH && !SENTENCE_END.test(line) && !isQuestion(line);
}
