/**
 * The generator's vocabulary, read from the kuromoji IPADIC dictionary that kiji-bot itself uses: nouns, verbal
 * nouns, verbs, places, organisations and Japanese names, each list ordered from common to rare by the
 * dictionary's word cost (lower cost: the word is more likely in text), ties by code point. Reading the
 * package's own gzipped files keeps the result the same wherever the package is installed.
 *
 * Format (as @patdx/kuromoji's TokenInfoDictionary writes it): tid.dat holds 10 bytes per entry (left id,
 * right id, word cost as int16, then the offset of its features); tid_pos.dat holds one NUL-terminated UTF-8
 * string per entry, in the same order: `surface,pos1,pos2,pos3,pos4,conjugation type,conjugation form,base form,
 * reading,pronunciation`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export interface Vocabulary {
  /** Common nouns (名詞,一般), kanji or katakana, 2-6 characters. */
  nouns: string[];
  /** Verbal nouns (名詞,サ変接続) in kanji, used as `〜した`, `〜される`. */
  verbalNouns: string[];
  /** Verbs in their dictionary form (動詞,自立,基本形): kanji stem and kana ending. */
  verbs: string[];
  places: string[];
  organisations: string[];
  surnames: string[];
  givenNames: string[];
}

/** How many words of each kind the corpus uses; the rest of each list stays unused, for unanswerable questions. */
export const VOCABULARY_SIZES: Record<keyof Vocabulary, number> = {
  nouns: 20_000,
  verbalNouns: 5_000,
  verbs: 2_000,
  places: 3_000,
  organisations: 2_000,
  surnames: 2_000,
  givenNames: 2_000,
};

const KANJI_OR_KATAKANA = /^[\p{Script=Han}\p{Script=Katakana}ー]{2,6}$/u;
const KANJI_2_4 = /^\p{Script=Han}{2,4}$/u;
const KANJI_1_3 = /^\p{Script=Han}{1,3}$/u;
const VERB_SHAPE = /^\p{Script=Han}\p{Script=Hiragana}{1,3}$/u;

function kindOf(features: string[]): keyof Vocabulary | null {
  const [surface = "", pos1, pos2, pos3, pos4, , form] = features;
  if (pos1 === "名詞") {
    if (pos2 === "一般") return KANJI_OR_KATAKANA.test(surface) ? "nouns" : null;
    if (pos2 === "サ変接続") return KANJI_2_4.test(surface) ? "verbalNouns" : null;
    if (pos2 === "固有名詞") {
      if (pos3 === "地域") return KANJI_OR_KATAKANA.test(surface) ? "places" : null;
      if (pos3 === "組織") return KANJI_OR_KATAKANA.test(surface) ? "organisations" : null;
      if (pos3 === "人名" && pos4 === "姓") return KANJI_1_3.test(surface) ? "surnames" : null;
      if (pos3 === "人名" && pos4 === "名") return KANJI_1_3.test(surface) ? "givenNames" : null;
    }
    return null;
  }
  if (pos1 === "動詞" && pos2 === "自立" && form === "基本形" && features[7] === surface) return VERB_SHAPE.test(surface) ? "verbs" : null;
  return null;
}

/** The installed @patdx/kuromoji package's `dict/` folder. */
export function kuromojiDictionaryDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@patdx/kuromoji")), "..", "dict");
}

/** The installed @patdx/kuromoji version: another version may ship another dictionary, hence other corpora. */
export function kuromojiVersion(): string {
  const packageJson = path.join(kuromojiDictionaryDir(), "..", "package.json");
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

let cached: Vocabulary | undefined;

/** Every word of each kind the dictionary offers, common first (not cut to VOCABULARY_SIZES). */
export function readVocabulary(dictDir = kuromojiDictionaryDir()): Vocabulary {
  if (cached) return cached;
  const entries = gunzipSync(readFileSync(path.join(dictDir, "tid.dat.gz")));
  const features = gunzipSync(readFileSync(path.join(dictDir, "tid_pos.dat.gz")));
  const best = new Map<keyof Vocabulary, Map<string, number>>();
  let start = 0;
  for (let entry = 0; entry * 10 + 10 <= entries.length; entry++) {
    const end = features.indexOf(0, start);
    if (end <= start) break; // the buffers are padded with zeros after the last entry
    const line = features.toString("utf8", start, end).split(",");
    start = end + 1;
    const kind = kindOf(line);
    if (!kind) continue;
    const cost = entries.readInt16LE(entry * 10 + 4);
    let words = best.get(kind);
    if (!words) best.set(kind, (words = new Map()));
    const surface = line[0]!;
    const previous = words.get(surface);
    if (previous === undefined || cost < previous) words.set(surface, cost);
  }
  const ordered = (kind: keyof Vocabulary) =>
    [...(best.get(kind) ?? new Map<string, number>())]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([word]) => word);
  cached = {
    nouns: ordered("nouns"),
    verbalNouns: ordered("verbalNouns"),
    verbs: ordered("verbs"),
    places: ordered("places"),
    organisations: ordered("organisations"),
    surnames: ordered("surnames"),
    givenNames: ordered("givenNames"),
  };
  for (const [kind, size] of Object.entries(VOCABULARY_SIZES) as [keyof Vocabulary, number][]) {
    // Fewer words than this means the dictionary is not the IPADIC this was written against.
    if (cached[kind].length < Math.min(size, 1000)) throw new Error(`the kuromoji dictionary in ${dictDir} has only ${cached[kind].length} ${kind}`);
  }
  return cached;
}
