/** Small text helpers shared by the article parsers. */

/**
 * A URL ends at the first character that cannot be part of one: scraped pages glue Japanese text straight
 * after links (`https://forbesjapan.com/articles/detail/77508鉱物資源協定。`), so only RFC 3986 characters count.
 */
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]{1,4096}/g;

/** Punctuation that ends a sentence around a link far more often than it belongs to the link. */
const TRAILING_URL_PUNCTUATION = /[.,;:!?'")\]]/;
/**
 * Digits glued after a page's file extension (`…/13579246.html4万人`) start the next sentence: a link does not
 * go on past `.html` in digits.
 */
const DIGITS_AFTER_EXTENSION = /(?<=\.(?:s?html?|php|aspx?|jsp|pdf|cgi))\d+$/i;

export interface FoundUrl {
  url: string;
  /** Text before the link. */
  before: string;
  /** Text glued after the link. */
  after: string;
}

export function findUrl(line: string): FoundUrl | null {
  const [first] = findUrls(line);
  return first ? { url: first.url, before: line.slice(0, first.start), after: line.slice(first.end) } : null;
}

export interface UrlAt {
  url: string;
  start: number;
  end: number;
}

/** Every link in a line, in order, in one pass (a line of many links must not cost their number squared). */
export function findUrls(line: string): UrlAt[] {
  const found: UrlAt[] = [];
  for (const match of line.matchAll(URL_PATTERN)) {
    let url = match[0];
    let end = url.length;
    while (end > 0 && TRAILING_URL_PUNCTUATION.test(url[end - 1]!)) end--;
    // Keep a closing parenthesis that closes one opened inside the link (Wikipedia-style URLs).
    if (end < url.length && url[end] === ")" && url.slice(0, end).includes("(")) end++;
    url = url.slice(0, end).replace(DIGITS_AFTER_EXTENSION, "");
    if (url.length > "https://".length) found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

/** The line with its links taken out. */
export function withoutUrls(line: string): string {
  let rest = "";
  let at = 0;
  for (const { start, end } of findUrls(line)) {
    rest += line.slice(at, start);
    at = end;
  }
  return rest + line.slice(at);
}

const DATE_PATTERN = /(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?/;

/** `2025/03/02`, `2025-3-2` or `2025年3月2日` as ISO `2025-03-02`; null when there is no valid date. */
export function parseDate(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Lines of a file, without line ends, a byte-order mark or surrounding white space; empty lines dropped. */
export function contentLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Whether a line is a reader question: it ends in a half- or full-width question mark. */
export function isQuestion(line: string): boolean {
  return /[?？]$/.test(line);
}

/** Drops a leading marker such as `✅` or `💡` and the space after it. */
export function stripMarker(line: string, marker: string): string {
  return line.slice(marker.length).trim();
}

/**
 * Terminal escape sequences, whole: CSI (`ESC [ 2 J`, colours), OSC (`ESC ] … BEL`, titles and hyperlinks) and
 * the two-character ones (`ESC c` resets the terminal), and the 8-bit CSI and OSC (U+009B, U+009D). The classes
 * do not overlap, so matching is linear; an OSC without its end loses only its introducer, not the text after it.
 */
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]{0,512}(?:\u0007|\u001b\\|\u009c)|\u001b[ -~]?/g;
/**
 * Characters that are not text: C0 controls but tab and line ends, DEL, C1 controls, the bidi overrides,
 * embeddings and isolates (which reorder what a terminal shows), and UTF-16 surrogates without their pair
 * (kuromoji throws on a lone high surrogate, and on NUL).
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text with escape sequences and control characters removed: what questions and article text are reduced to
 * before analysis, and what reaches a terminal. With `keepLength`, each removed code unit becomes a space
 * instead, so offsets into the text stay right.
 */
export function cleanText(text: string, options: { keepLength?: boolean } = {}): string {
  const drop = options.keepLength ? (gone: string) => " ".repeat(gone.length) : () => "";
  return text.replace(ESCAPE_SEQUENCE, drop).replace(NOT_TEXT, drop);
}

/** Titles and headings are lines a reader scans: longer ones are cut (their full text stays in the body). */
export const MAX_HEADING_LENGTH = 200;

/** The text, or its start cut at a code-point boundary with `…` when longer than MAX_HEADING_LENGTH. */
export function capHeading(text: string): string {
  if (text.length <= MAX_HEADING_LENGTH) return text;
  let end = MAX_HEADING_LENGTH - 1;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
