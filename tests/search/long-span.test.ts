/**
 * A sentence with no clause mark, thousands of characters long (a pasted blob, an English paragraph with no
 * 、): cutting it into passages must tokenize each part of it a bounded number of times. kuromoji's cost grows
 * faster than the length of what it is given, so re-tokenizing the rest of the span at every cut made a 300 KB
 * article take minutes to index. Counted in characters handed to the tokenizer, never timed.
 */
import { describe, expect, it } from "vitest";
import { cutSpan } from "../../src/search/sentences.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { Analyzer } from "../../src/search/analyzer.js";

const analyzer = new Analyzer(await loadTokenizer());

describe("cutting a span with no clause mark", () => {
  for (const [kind, text] of [
    ["one kanji repeated", "長".repeat(8_000)],
    ["English words", Array.from({ length: 2_000 }, (_, i) => ["the", "market", "tariff", "talks"][i % 4]).join(" ")],
  ] as const) {
    it(`hands the tokenizer a bounded multiple of the text (${kind}), and cuts it into pieces of at most max characters that cover it`, () => {
      let tokenized = 0;
      const wordStarts = (piece: string) => ((tokenized += piece.length), analyzer.wordStarts(piece));
      const pieces = cutSpan(text, { start: 0, end: text.length }, { max: 400, wordStarts });
      expect(tokenized).toBeLessThanOrEqual(3 * text.length);
      for (const piece of pieces) expect(piece.end - piece.start).toBeLessThanOrEqual(400);
      expect(pieces.map((p) => text.slice(p.start, p.end)).join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    });
  }
});
