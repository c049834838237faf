/**
 * Questions that lose nothing: NUL bytes, lone surrogates and escape codes are dropped before analysis, and a
 * batch file in UTF-16 or Shift_JIS, or with one bad line, still has every other line answered. In-process,
 * over the seed articles.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import type { Library } from "../../src/answers/library.js";
import { answerBatch, readBatch, writeBatch } from "../../src/cli/batch.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { openSeedLibrary } from "../ask/library.js";

let library: Library;
beforeAll(async () => {
  library = await openSeedLibrary();
});

const ANSWERED = "会談は最初どんな雰囲気だった?";
const DECLINED = "ゼレンスキー大統領の身長は?";

const json = (blocks: string[]) => blocks.map((block) => JSON.parse(block) as { query: string; answered: boolean; passages: Array<{ text: string }>; error?: string });
const batch = (bytes: Uint8Array) => json(answerBatch(library, readBatch(bytes), { top: 2, json: true, locale: "ja" }));

describe("questions with NUL, lone surrogates and escape codes", () => {
  it("are answered as the question without them, never throwing", () => {
    const clean = ask(library, ANSWERED);
    expect(clean.kind).toBe("answered");
    for (const dirty of [`会談は\u0000最初どんな雰囲気だった?`, `会談は最初\uD800どんな雰囲気だった?`, `会談は最初どんな雰囲気\uDC00だった?\uD83D`, `\u001b[2J\u001b[31m会談は最初どんな雰囲気だった?\u001b[0m`]) {
      const answer = ask(library, dirty);
      expect(answer).toEqual(clean);
    }
  });

  it("a question that is nothing but them is declined as empty", () => {
    for (const nothing of ["\u0000", "\uD800", "\uDFFF\u0000\u001b[2J", "\u202E\u0007"]) {
      expect(ask(library, nothing)).toEqual({ kind: "invalid", query: "", reason: "empty" });
    }
  });

  it("a question the articles do not answer is still declined", () => {
    expect(ask(library, `${DECLINED}\u0000\uD800`).kind).toBe("not-found");
  });

  it("the analyzer does not throw on them in article text either", async () => {
    const analyzer = new Analyzer(await loadTokenizer());
    const text = "ゼレンスキー\u0000大統領は\uD800会談で\uDBFF発言した\u001b[2J。";
    expect(analyzer.analyze(text).words.length).toBeGreaterThan(2);
    // Offsets still point into the original text.
    const starts = analyzer.wordStarts(text);
    expect(starts[0]).toBe(0);
    expect(starts.every((s, i) => i === 0 || s > starts[i - 1]!)).toBe(true);
    expect(starts.at(-1)!).toBeLessThan(text.length);
  });
});

describe("--batch", () => {
  it("a NUL byte or a lone surrogate on one line: that line is declined or cleaned, every other line answered", () => {
    const answers = batch(Buffer.from(`${ANSWERED}\n\u0000\n${DECLINED}\nロシア\u0000寄りの姿勢\n`));
    expect(answers.map((a) => [a.query, a.answered, a.error])).toEqual([
      [ANSWERED, true, undefined],
      ["", false, "empty question"],
      [DECLINED, false, undefined],
      ["ロシア寄りの姿勢", true, undefined],
    ]);
    // A lone surrogate reaches a batch only from stdin's or a file's UTF-16: written as such, it is dropped.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ANSWERED}\n会談\uD800\n${DECLINED}\n`, "utf16le")]);
    expect(batch(utf16).map((a) => [a.query, a.answered])).toEqual([
      [ANSWERED, true],
      ["会談", true],
      [DECLINED, false],
    ]);
  });

  it("a line that is not UTF-8 gets its own error line, naming it; the others are answered", () => {
    const bytes = Buffer.concat([Buffer.from(`${ANSWERED}\n`), Buffer.from([0x41, 0xff, 0xfe, 0x42, 0x0a]), Buffer.from(`\u0000\n${DECLINED}\n`)]);
    const answers = batch(bytes);
    expect(answers.map((a) => [a.query, a.answered, a.error])).toEqual([
      [ANSWERED, true, undefined],
      ["AB", false, "line 2: not valid UTF-8 text"],
      ["", false, "empty question"],
      [DECLINED, false, undefined],
    ]);
    expect(answers[0]!.passages.length).toBe(2);
  });

  const expected = (answers: ReturnType<typeof batch>) => answers.map((a) => [a.query, a.answered]);
  const text = `${ANSWERED}\r\n\r\n${DECLINED}\r\nロシア寄りの姿勢\r\n`;
  const utf8 = () => expected(batch(Buffer.from(text)));

  it("UTF-16LE with a BOM (PowerShell 5's `>`) is read as UTF-8 is", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(readBatch(le).encoding).toBe("utf-16le");
    expect(expected(batch(le))).toEqual(utf8());
    expect(utf8()).toEqual([[ANSWERED, true], [DECLINED, false], ["ロシア寄りの姿勢", true]]);
  });

  it("UTF-16BE with a BOM", () => {
    const be = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]).swap16();
    expect(readBatch(be).encoding).toBe("utf-16be");
    expect(expected(batch(be))).toEqual(utf8());
  });

  it("UTF-16 without a BOM (iconv -t UTF-16LE, some editors), either byte order", () => {
    const le = Buffer.from(text, "utf16le");
    expect(readBatch(le).encoding).toBe("utf-16le");
    expect(expected(batch(le))).toEqual(utf8());
    const be = Buffer.from(text, "utf16le").swap16();
    expect(readBatch(be).encoding).toBe("utf-16be");
    expect(expected(batch(be))).toEqual(utf8());
  });

  it("Shift_JIS", () => {
    const sjis = new Uint8Array(Buffer.from(new TextEncoderShiftJis().encode(text)));
    expect(readBatch(sjis).encoding).toBe("shift_jis");
    expect(expected(batch(sjis))).toEqual(utf8());
  });

  it("in text mode, each line's answer or error in order", () => {
    const bytes = Buffer.concat([Buffer.from(`${ANSWERED}\n`), Buffer.from([0xff, 0x0a]), Buffer.from(`${DECLINED}\u001b[2J\n`)]);
    const blocks = answerBatch(library, readBatch(bytes), { top: 1, json: false, locale: "ja" });
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toContain(`「${ANSWERED}」について`);
    expect(blocks[1]).toBe("kiji-bot: line 2: not valid UTF-8 text");
    expect(blocks[2]).toContain(`「${DECLINED}」への答えは`);
    expect(blocks.join("\n")).not.toContain("\u001b");
  });
});

describe("a long batch", () => {
  // Held whole, 20,000 answers were ~33 MB of output printed only at the end (nothing if stopped before), and a
  // few hundred thousand would pass V8's longest string: the batch is written one answer at a time.
  it("writes each line's answer before asking the next question, in the layout the whole batch had", () => {
    const file = readBatch(Buffer.concat([Buffer.from(`${ANSWERED}\n\n${DECLINED}\n`), Buffer.from([0xff, 0x0a]), Buffer.from(`${ANSWERED}\n`)]));
    for (const json of [true, false]) {
      const events: string[] = [];
      let printed = "";
      const options = { top: 1, json, locale: "ja" as const, explain: () => (events.push("asked"), []) };
      writeBatch(library, file, options, (text) => {
        events.push("written");
        printed += text;
      });
      expect(events).toEqual(["asked", "written", "asked", "written", "written", "asked", "written"]);
      const blocks = answerBatch(library, file, { ...options, explain: () => [] });
      expect(printed).toBe(json ? blocks.map((block) => `${block}\n`).join("") : `${blocks.join("\n\n")}\n`);
    }
  });
});

/** Shift_JIS bytes of the few characters used here (Node has no Shift_JIS encoder): from a table checked by decoding. */
class TextEncoderShiftJis {
  encode(text: string): Uint8Array {
    const decoder = new TextDecoder("shift_jis");
    const table = new Map<string, number[]>();
    for (let lead = 0x81; lead <= 0xfc; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
      }
    }
    const bytes: number[] = [];
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...(table.get(char) ?? (() => { throw new Error(`no Shift_JIS for ${char}`); })()));
    }
    return new Uint8Array(bytes);
  }
}
