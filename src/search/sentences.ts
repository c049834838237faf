/**
 * Sentence and clause boundaries in the original text (offsets, so quotes stay exactly as written).
 */

export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = new Set(["。", "！", "？", "!", "?", "．", "…"]);
const CLOSERS = new Set(["」", "』", "）", ")", "】", "〉", "》", "”", "’", "!", "?", "！", "？", "。", "…"]);
const OPENERS: Record<string, string> = { "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "“": "”" };

/**
 * Sentences of a paragraph: split after 。！？ (and after line breaks), never inside 「…」 or (…), with closing
 * brackets kept on the sentence they close. Spans cover the trimmed sentences; whitespace between is left out.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const closing: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const span = trim(text, start, end);
    if (span) spans.push(span);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      closing.length = 0;
      push(i + 1);
      continue;
    }
    if (OPENERS[ch]) closing.push(OPENERS[ch]);
    else if (closing.length && ch === closing[closing.length - 1]) closing.pop();
    // An unbalanced quote (a page that opens 「 and never closes it) must not swallow the paragraph.
    if (closing.length > 0 && i - start < 400) continue;
    if (SENTENCE_END.has(ch)) {
      let end = i + 1;
      while (end < text.length && CLOSERS.has(text[end]!)) end++;
      closing.length = 0;
      push(end);
      i = end - 1;
    }
  }
  push(text.length);
  return spans;
}

function trim(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

const CLAUSE_END = /[、，,；;：:）)」』]/;

/**
 * Cuts a span longer than `max` into pieces of at most `max` characters: after the last clause mark
 * (、，；) that leaves a piece of at least a third of `max`, else at the last word start, else (one word longer
 * than `max`, which real text does not have) at `max`.
 */
export function cutSpan(text: string, span: Span, options: { max: number; wordStarts: (text: string) => number[] }): Span[] {
  const pieces: Span[] = [];
  let { start } = span;
  while (span.end - start > options.max) {
    const limit = start + options.max;
    let cut = -1;
    for (let i = limit - 1; i >= start + Math.floor(options.max / 3); i--) {
      if (CLAUSE_END.test(text[i]!)) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      // Tokenize past the limit, not to it (a cut-off string tokenizes differently at its end), but not to the
      // span's end: kuromoji's cost grows faster than its input's length, and a span of 20,000 characters
      // tokenized whole at each of its 50 cuts took minutes.
      const starts = options.wordStarts(text.slice(start, Math.min(span.end, limit + options.max))).map((s) => s + start);
      cut = starts.filter((s) => s > start && s <= limit).pop() ?? limit;
    }
    const piece = trim(text, start, cut);
    if (piece) pieces.push(piece);
    start = cut;
  }
  const rest = trim(text, start, span.end);
  if (rest) pieces.push(rest);
  return pieces;
}
