/**
 * Bytes of a text file as a string: UTF-8, UTF-16 with a byte-order mark (what Windows PowerShell 5 writes
 * with `>`), or Shift_JIS from older Japanese editors. Used for articles and for `ask --batch` files alike.
 */

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "shift_jis";
}

/** The text without its byte-order mark; "binary" for NUL bytes without a UTF-16 mark; null when no encoding reads it cleanly. */
export function decodeText(bytes: Uint8Array): DecodedText | "binary" | null {
  const bom = byteOrderMark(bytes);
  if (bom) {
    // Node's own UTF-16 decoding keeps an unpaired surrogate as it is (TextDecoder would refuse the whole file):
    // cleanText drops it later, and the rest of the text is kept.
    const units = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    if (bom === "utf-16be") units.swap16();
    return { text: units.toString("utf16le"), encoding: bom };
  }
  // A NUL byte is in no UTF-8 or Shift_JIS text: the file is binary (or UTF-16 without a mark).
  if (bytes.includes(0)) return "binary";
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

function byteOrderMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}
