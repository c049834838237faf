/**
 * kuromoji's dictionary lookup without its quadratic cost. For every position of a sentence, kuromoji looks up the
 * words that start there with `trie.commonPrefixSearch(rest of the sentence)`, which first encodes the whole rest
 * as UTF-8 and only then walks the trie, which stops after a few characters: O(length²) per sentence, a fifth of
 * all analysis time on long Wikipedia sentences. This walks the same trie in the same order, encoding each
 * character only when the walk reaches it, and returns the same matches (tests/search/dictionary.test.ts compares
 * every token with the package's own tokenizer).
 */

/** The part of kuromoji's DoubleArray this uses. */
interface DoubleArrayTrie {
  traverse(parent: number, code: number): number;
  bc: { getBase(index: number): number };
  commonPrefixSearch(key: string): PrefixMatch[];
}

interface PrefixMatch {
  /** The word's id (absent for an entry without one, as in kuromoji). */
  v?: number;
  /** The word. */
  k: string;
}

const ROOT_ID = 0;
const TERM_CODE = 0;
const NOT_FOUND = -1;

/** Replaces the lookup of the tokenizer's trie with the incremental one (same results); a kuromoji laid out otherwise is left as it is. */
export function useIncrementalPrefixSearch(tokenizer: unknown): void {
  const trie = (tokenizer as { viterbi_builder?: { trie?: Partial<DoubleArrayTrie> } }).viterbi_builder?.trie;
  if (typeof trie?.commonPrefixSearch !== "function" || typeof trie.traverse !== "function" || typeof trie.bc?.getBase !== "function") return;
  const known = trie as DoubleArrayTrie;
  known.commonPrefixSearch = (key: string) => commonPrefixSearch(known, key);
}

export function commonPrefixSearch(trie: DoubleArrayTrie, key: string): PrefixMatch[] {
  const result: PrefixMatch[] = [];
  const bytes = new Uint8Array(4);
  let parent = ROOT_ID;
  let i = 0;
  while (i < key.length) {
    const start = i;
    let code = key.charCodeAt(i++);
    if (code >= 0xd800 && code <= 0xdbff) {
      const lower = key.charCodeAt(i++);
      // kuromoji gives up on the whole key at a lone surrogate (by throwing); the words found so far stand.
      if (!(lower >= 0xdc00 && lower <= 0xdfff)) return result;
      code = (code - 0xd800) * 1024 + 0x10000 + (lower - 0xdc00);
    }
    const length = encodeUtf8(code, bytes);
    for (let b = 0; b < length; b++) {
      const child = trie.traverse(parent, bytes[b]!);
      if (child === NOT_FOUND) return result;
      parent = child;
      const grandChild = trie.traverse(child, TERM_CODE);
      if (grandChild === NOT_FOUND) continue;
      const base = trie.bc.getBase(grandChild);
      const match = {} as PrefixMatch;
      if (base <= 0) match.v = -base - 1;
      // At a character's end the word is the key's start; inside a character, kuromoji's decoding of the bytes.
      match.k = b === length - 1 ? key.slice(0, i) : decodeLikeKuromoji([...prefixBytes(key.slice(0, start)), ...bytes.subarray(0, b + 1)]);
      result.push(match);
    }
  }
  return result;
}

/** Writes the code point's UTF-8 bytes (as kuromoji encodes them) into `out`; returns how many. */
function encodeUtf8(code: number, out: Uint8Array): number {
  if (code < 0x80) {
    out[0] = code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (code >>> 6) | 0xc0;
    out[1] = (code & 0x3f) | 0x80;
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (code >>> 12) | 0xe0;
    out[1] = ((code >> 6) & 0x3f) | 0x80;
    out[2] = (code & 0x3f) | 0x80;
    return 3;
  }
  out[0] = (code >>> 18) | 0xf0;
  out[1] = ((code >> 12) & 0x3f) | 0x80;
  out[2] = ((code >> 6) & 0x3f) | 0x80;
  out[3] = (code & 0x3f) | 0x80;
  return 4;
}

function prefixBytes(text: string): number[] {
  const out: number[] = [];
  const scratch = new Uint8Array(4);
  for (const character of text) {
    const length = encodeUtf8(character.codePointAt(0)!, scratch);
    out.push(...scratch.subarray(0, length));
  }
  return out;
}

/** kuromoji's utf8BytesToString, for the (never seen) word that would end inside a character. */
function decodeLikeKuromoji(bytes: readonly number[]): string {
  let text = "";
  let i = 0;
  while (i < bytes.length) {
    const b1 = bytes[i++]!;
    let code: number;
    if (b1 < 128) code = b1;
    else if (b1 >> 5 === 6) code = ((b1 & 31) << 6) | ((bytes[i++]! & 63));
    else if (b1 >> 4 === 14) code = ((b1 & 15) << 12) | ((bytes[i++]! & 63) << 6) | (bytes[i++]! & 63);
    else code = ((b1 & 7) << 18) | ((bytes[i++]! & 63) << 12) | ((bytes[i++]! & 63) << 6) | (bytes[i++]! & 63);
    if (code < 65536) text += String.fromCharCode(code);
    else {
      code -= 65536;
      text += String.fromCharCode(0xd800 | (code >> 10), 0xdc00 | (code & 1023));
    }
  }
  return text;
}
