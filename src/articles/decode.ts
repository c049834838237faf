/**
 * Bytes of a text file as a string: UTF-8, UTF-16 with a byte-order mark (what Windows PowerShell 5 writes
 * with `>`) or without one (what some editors and `iconv -t UTF-16LE` write), or Shift_JIS from older Japanese
 * editors. Used for articles and for `ask --batch` files alike.
 */

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "shift_jis";
}

/** The text without its byte-order mark; "binary" for NUL bytes that are not UTF-16 text; null when no encoding reads it cleanly. */
export function decodeText(bytes: Uint8Array): DecodedText | "binary" | null {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: utf16(bytes.subarray(2), bom), encoding: bom };
  // A NUL byte is in no UTF-8 or Shift_JIS text: the file is UTF-16 without a mark, or binary.
  if (bytes.includes(0)) {
    const unmarked = unmarkedUtf16(bytes);
    return unmarked ? { text: utf16(bytes, unmarked), encoding: unmarked } : "binary";
  }
  for (const encoding of ["utf-8", "shift_jis"] as const) {
    try {
      // TextDecoder drops a UTF-8 byte-order mark itself.
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      // Stray bytes can decode as Shift_JIS by chance; real text has next to no control characters.
      const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
      if (controls <= text.length / 100) return { text, encoding };
    } catch {
      // try the next encoding
    }
  }
  return null;
}

/**
 * Node's own UTF-16 decoding keeps an unpaired surrogate as it is (TextDecoder would refuse the whole file):
 * cleanText drops it later, and the rest of the text is kept.
 */
function utf16(bytes: Uint8Array, order: "utf-16le" | "utf-16be"): string {
  const units = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  if (order === "utf-16be") units.swap16();
  return units.toString("utf16le");
}

/**
 * UTF-16 without a byte-order mark, told from binary data and from the other byte order by what it decodes to:
 * the characters Japanese text is made of (each line break and ASCII character is a NUL beside its byte, which
 * is why a NUL brought us here). A file of Japanese alone on one line has no NUL and is not recognised (it is
 * then refused as invalid UTF-8, with the advice to save it so).
 */
function unmarkedUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length % 2 !== 0) return null;
  const share = (order: "utf-16le" | "utf-16be") => {
    const text = utf16(bytes, order);
    return (text.match(PLAUSIBLE_UTF16)?.length ?? 0) / Math.max(1, text.length);
  };
  const [le, be] = [share("utf-16le"), share("utf-16be")];
  if (Math.max(le, be) < 0.95) return null;
  return le >= be ? "utf-16le" : "utf-16be";
}

/**
 * What UTF-16 Japanese text is made of: ASCII, Latin-1, punctuation, CJK symbols and kana, ideographs, full- and
 * half-width forms. UTF-8 text with a stray NUL, read as UTF-16, turns into Hangul and rarer blocks instead.
 */
const PLAUSIBLE_UTF16 = /[\t\n\r\u0020-\u007E\u00A0-\u00FF\u2000-\u27FF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]/g;

function byteOrderMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}
