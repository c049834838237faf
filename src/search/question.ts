/**
 * What a question asks: its content words (weighted by role) and the kind of answer it wants, read from its
 * question words (いつ -> a date, 誰 -> a person, ...).
 */
import { Feature, type Analyzer, type Word } from "./analyzer.js";
import { anyOf, questionCues, SOURCE_CUES, SOURCE_WORDS } from "./lexicon.js";
import { normalizeText } from "./normalize.js";

export interface Question {
  text: string;
  words: Word[];
  /** `Feature` bits a good answer sentence has (0 when the question words do not say). */
  wants: number;
  /** The question asks where or when a report appeared: a source card's own line answers it. */
  wantsSource: boolean;
  /**
   * The question asks for an amount in a unit (`何歳`, `何ヘクタール`, `いくら` for money): an answer states a
   * number in that unit. Matches such an amount in a sentence; null when the question names no unit.
   */
  amount: RegExp | null;
  /** What it asks about someone or something, in the shape `SのXは…?` (`出身地` of `早瀬社長の出身地はどこ?`); or null. */
  attribute: string | null;
}

/** Question words and the feature of the sentence that answers them. kuromoji splits `いつ?` oddly, so text. */
const ANSWER_TYPES: Array<[RegExp, number]> = [
  [anyOf(questionCues("date")), Feature.DATE],
  [anyOf(questionCues("person")), Feature.PERSON],
  [anyOf(questionCues("place")), Feature.PLACE | Feature.ORGANIZATION],
  // `何が…を招いた?` asks for a cause without a word of the list: a pattern beside them.
  [new RegExp(`${anyOf(questionCues("reason")).source}|何が.*(招いた|引き起こ|原因)`), Feature.REASON],
  [anyOf(questionCues("speech")), Feature.SPEECH],
  [anyOf(questionCues("stance")), Feature.STANCE],
  // `何歳`, `何人` and other amounts in a unit are read by askedAmount below, which adds NUMBER.
  [anyOf(questionCues("number")), Feature.NUMBER],
];

/** A question about a report (data/words/source-cues.txt). */
const SOURCE_PATTERN = anyOf(SOURCE_CUES);

/**
 * Units a question asks for with `何` (`何歳`, `何万人`), each with the spellings an answer may use. Dates (`何年`,
 * `何月`, `何日`, `何時`) are the DATE answer type instead.
 */
const UNITS: Array<[RegExp, string]> = [
  [/^(?:歳|才)/, "歳|才"],
  [/^(?:%|パーセント|割)/, "%|パーセント|割"],
  [/^(?:キロ|km|kg)/, "キロ|km|kg"],
  [/^(?:メートル|m(?![a-z]))/, "メートル|m(?![a-z])"],
  [/^(?:ヘクタール|ha)/, "ヘクタール|ha"],
  [/^(?:[カヵヶケか]月)/, "[カヵヶケか]月"],
  [/^(?:[カヵヶケか]国)/, "[カヵヶケか]国"],
  [/^(?:[カヵヶケか]所)/, "[カヵヶケか]所"],
  [/^(人|倍|件|個|回|円|ドル|ユーロ|トン|台|隻|基|社|票|議席|時間|日間|年間|世帯|棟|戸|校|店|機|発|点|本|枚|頭|匹|冊)/, ""],
];
const HOW_MANY = /何\s*(?:十|百|千|万|億|兆)*\s*(.{1,6})/;
/** `いくら` asks for money. */
const HOW_MUCH = /いくら|金額|費用はどれ/;
const MONEY = "円|ドル|ユーロ|ポンド|ウォン|元|ルーブル";
/** A number, then (after a numeral word such as 万 or 億) the unit. */
const amountOf = (units: string) => new RegExp(`[0-9０-９一二三四五六七八九十百千万億兆数]\\s*(?:十|百|千|万|億|兆)*\\s*(?:${units})`);

function askedAmount(normalized: string): RegExp | null {
  if (HOW_MUCH.test(normalized)) return amountOf(MONEY);
  const after = HOW_MANY.exec(normalized)?.[1];
  if (!after) return null;
  for (const [pattern, units] of UNITS) {
    const found = pattern.exec(after);
    if (found) return amountOf(units || found[1]!);
  }
  return null;
}

/** `S の X は R` (or `って`): a subject, a noun attribute of 2-8 kanji or katakana, and a short question ending. */
const ATTRIBUTE_SHAPE = /^(.{2,30}?)の([\u4E00-\u9FFF\u30A0-\u30FFー]{2,8})(?:は|って)([^、。]{0,12}[?？]?)$/;

export interface AttributeQuestion {
  subject: string;
  attribute: string;
  ending: string;
}

/** The parts of a question asking for an attribute of someone or something (`手塚治虫の出身地はどこ?`), or null. */
export function attributeAsked(text: string): AttributeQuestion | null {
  const m = ATTRIBUTE_SHAPE.exec(text.trim());
  return m ? { subject: m[1]!, attribute: m[2]!, ending: m[3]! } : null;
}

export function analyzeQuestion(analyzer: Analyzer, text: string): Question {
  const normalized = normalizeText(text);
  const wantsSource = SOURCE_PATTERN.test(normalized);
  let wants = 0;
  for (const [pattern, feature] of ANSWER_TYPES) if (pattern.test(normalized)) wants |= feature;

  const seen = new Set<string>();
  const words: Word[] = [];
  for (const word of analyzer.analyze(text).words) {
    if (seen.has(word.term)) continue;
    seen.add(word.term);
    // In `鉱物資源協定の記事はどこのメディア?` the topic is the agreement; `記事`, `メディア` ask for the source.
    words.push(wantsSource && SOURCE_WORDS.has(word.term) ? { ...word, role: "frame" } : word);
  }
  const amount = askedAmount(normalized);
  if (amount) wants |= Feature.NUMBER;
  return { text, words, wants, wantsSource, amount, attribute: attributeAsked(normalized)?.attribute ?? null };
}
