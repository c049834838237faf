/** The feedback report as text tables for a terminal, Japanese text kept in line (wide characters count 2). */
import { cleanText } from "../articles/text.js";
import type { FeedbackReading } from "./report.js";

/** Columns a character takes in a terminal: East Asian wide and full-width forms, and emoji, take two. */
function charWidth(codePoint: number): number {
  return (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
    ? 2
    : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

/** At most `max` columns, ending in `…` when cut. */
function fit(text: string, max: number): string {
  // Questions were stored as typed by anyone: escape codes in them must not act on the admin's terminal.
  const flat = cleanText(text).replace(/\s+/gu, " ");
  if (displayWidth(flat) <= max) return flat;
  let out = "";
  let width = 0;
  for (const char of flat) {
    const w = charWidth(char.codePointAt(0)!);
    if (width + w > max - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

const pad = (text: string, width: number, right: boolean) => {
  const gap = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
};

/** Rows under a header, columns as wide as their widest cell; numeric columns aligned right. */
function table(header: string[], rows: string[][], numeric: boolean[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, numeric[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const QUESTION_WIDTH = 48;
const TITLE_WIDTH = 40;

export function renderFeedbackTable(reading: FeedbackReading): string {
  if (reading.kind === "missing") return `No feedback yet: ${reading.file} does not exist (the bot creates it when it first answers).`;
  if (reading.kind === "empty") return `No feedback yet: ${reading.file} holds no answers.`;
  const { report } = reading;
  const sections = [
    `${report.answers} answers recorded (${report.declined} declined), ${report.votes} votes, in ${reading.file}`,
    "Most disliked answers\n" +
      (report.mostDisliked.length === 0
        ? "(no answer has a 👎)"
      : table(
          ["id", "👎", "👍", "question", "articles quoted"],
          report.mostDisliked.map((a) => [String(a.answerId), String(a.down), String(a.up), fit(a.question, QUESTION_WIDTH), fit(a.articles.join(" / "), TITLE_WIDTH)]),
          [true, true, true, false, false],
        )),
    "Questions most often declined\n" +
      (report.mostDeclined.length === 0
        ? "(no question was declined)"
      : table(
          ["times", "last asked", "question"],
          report.mostDeclined.map((q) => [String(q.times), q.lastAskedAt.slice(0, 10), fit(q.question, QUESTION_WIDTH)]),
          [true, false, false],
        )),
    "Votes per article\n" +
      (report.votesPerArticle.length === 0
        ? "(no votes yet)"
      : table(
          ["👍", "👎", "article", "title"],
          report.votesPerArticle.map((a) => [String(a.up), String(a.down), a.articleId, fit(a.articleTitle, TITLE_WIDTH)]),
          [true, true, false, false],
        )),
  ];
  return sections.join("\n\n");
}
