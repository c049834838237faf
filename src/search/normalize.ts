/**
 * Character-level normalisation shared by documents and questions, applied before kuromoji sees the text:
 * whatever two spellings of one word differ by here, they must not differ by after.
 */

/** ヴ-row loanword spellings and the バ-row spellings that mean the same (ヴァンス = バンス). */
const VU_ROW: Array<[RegExp, string]> = [
  [/ヴァ/g, "バ"],
  [/ヴィ/g, "ビ"],
  [/ヴェ/g, "ベ"],
  [/ヴォ/g, "ボ"],
  [/ヴ/g, "ブ"],
];

/**
 * NFKC (half-width katakana, full-width Latin and digits), lower case, digit-group separators removed
 * (`5,000` = `5000`, which kuromoji would otherwise split into `5`, `,`, `000`), ヴ-row folded.
 */
export function normalizeText(text: string): string {
  let out = text.normalize("NFKC").toLowerCase();
  // Only a separator followed by exactly three digits is a thousands separator; `1,2` is a list.
  out = out.replace(/(\d)[,，](?=\d{3}(?!\d))/g, "$1");
  for (const [pattern, replacement] of VU_ROW) out = out.replace(pattern, replacement);
  return out.replace(KANJI_VARIANT, (kanji) => KANJI_VARIANTS[kanji]!);
}

/**
 * Kanji written two ways that NFKC leaves apart: the JIS 2004 shapes (`靱帯` = `靭帯`, `剝がす` = `剥がす`) and the
 * old or variant forms common in names (`髙` = `高`, `﨑` = `崎`, `澤` = `沢`). One character for one, so offsets
 * into the text stay right.
 */
const KANJI_VARIANTS: Record<string, string> = {
  靱: "靭", 剝: "剥", 頰: "頬", 塡: "填", 噓: "嘘", 屛: "屏", 繫: "繋", 蟬: "蝉", 瘦: "痩", 醬: "醤", 簞: "箪",
  摑: "掴", 髙: "高", 﨑: "崎", 德: "徳", 濵: "浜", 邊: "辺", 邉: "辺", 齋: "斎", 齊: "斉", 澤: "沢", 濱: "浜",
};
const KANJI_VARIANT = new RegExp(`[${Object.keys(KANJI_VARIANTS).join("")}]`, "gu");

const KATAKANA_WORD = /^[\u30A0-\u30FF]+$/;

/**
 * One indexed term's final form: a long katakana word loses its trailing long-vowel mark (サーバー = サーバ,
 * as Lucene's katakana stemmer does from four characters on); leading zeros of numbers go (`03` = `3`).
 */
export function normalizeTerm(term: string): string {
  if (term.length >= 4 && term.endsWith("ー") && KATAKANA_WORD.test(term)) return term.slice(0, -1);
  if (/^\d+$/.test(term)) return term.replace(/^0+(?=\d)/, "");
  return term;
}

/** True when the string holds at least one letter or digit of any script (not only symbols, emoji, spaces). */
export function hasWordCharacter(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Character bigrams of the katakana and kanji runs of normalised text (`ゼレンスキ` -> ゼレ, レン, ンス, スキ): what
 * two spellings or segmentations of one name or compound still share.
 */
export function characterBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(/[\u30A0-\u30FF]{2,}|[\u4E00-\u9FFF\u3005]{2,}/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) grams.push(run.slice(i, i + 2));
  }
  return grams;
}
