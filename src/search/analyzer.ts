/**
 * The one analyzer: documents and questions go through the same steps, so whatever a passage is indexed under,
 * a question written the same way looks for.
 *
 *   normalizeText (NFKC, lower case, 5,000 = 5000, ヴァ = バ) -> kuromoji -> words kept by part of speech
 *   (base form; the surface too where it differs) -> country short forms folded -> trailing ー of long
 *   katakana dropped.
 *
 * Each kept word carries a role that the ranking weighs: a name is what a question is about, a frame noun
 * (`理由`, `内容`) only how it asks.
 */
import { cleanText } from "../articles/text.js";
import { AMBIGUOUS_COUNTRY_FORMS, anyOf, COUNTRY_FORMS, FRAME_NOUNS, FRAME_VERBS, sentenceCues, STOP_WORDS, TITLES } from "./lexicon.js";
import { hasWordCharacter, normalizeTerm, normalizeText } from "./normalize.js";
import type { KuromojiToken, Tokenizer } from "./dictionary.js";

/**
 * Bump when the dictionary changes what gets indexed: the caches are keyed on it, on a hash of src/search's files
 * and on one of data/words/ (analysis-key.ts), so a stale cache is rebuilt instead of answering with old terms.
 */
export const ANALYZER_VERSION = 17;

export type Role =
  /** A proper noun, an unknown word (new names), or a person's title after a name: what the text is about. */
  | "name"
  /** A common noun: the topic of a question. */
  | "noun"
  | "number"
  /** A noun that frames a question (`理由`, `内容`) or an adverbial noun (`最初`, `今後`). */
  | "frame"
  | "verb"
  | "adjective";

export interface Word {
  /** The indexed form: base form, normalized. */
  term: string;
  /** The surface form when it differs from `term` (a verb's 連用形 used as a noun, `言い合い`). */
  alt?: string;
  role: Role;
  /** The word is in the noun phrase marked by は or が: what the sentence is about or who acts. */
  subject?: boolean;
  /**
   * A noun naming an action (サ変接続, last in its compound: `出動`, `賛成`, not `誕生` of `誕生日`): a question
   * paraphrases it as freely as a verb.
   */
  action?: boolean;
  /** A noun glued to the noun after it (`出身` of `出身大学`): it modifies that word, which names the thing. */
  modifier?: boolean;
}

/** What a sentence contains that an answer type may ask for (bit flags, stored per sentence). */
export const Feature = {
  DATE: 1,
  NUMBER: 2,
  PERSON: 4,
  PLACE: 8,
  ORGANIZATION: 16,
  /** A cause or trigger stated (`〜が発端となり`, `〜のため`, `〜を受けて`). */
  REASON: 32,
  /** Someone's words reported: a quote followed by と, or a verb of saying (`述べ`, `発言`, `示唆`). */
  SPEECH: 64,
  /** A stance or reaction (`感謝`, `歓迎`, `批判`, `懸念`). */
  STANCE: 128,
  /**
   * The writer talking, not reporting: a chatty ending (`…ですね`, `…かな`), a first person, or a note about the
   * page itself (`解説します`, `目が離せません`). Digest pages mix such lines into the news.
   */
  COMMENTARY: 256,
} as const;

export interface Analysis {
  words: Word[];
  /** Bit set of `Feature`. */
  features: number;
}

const COUNTRIES = new Set(Object.values(COUNTRY_FORMS));
/** A digit string or a numeral (`5000`, `億`, `三`, `数`): consecutive ones form one amount. */
function isNumeral(token: KuromojiToken): boolean {
  return token.pos === "名詞" && token.pos_detail_1 === "数";
}

const KATAKANA_OR_LATIN = /^[\u30A0-\u30FFa-z]+$/;
const SINGLE_KANA = /^[\u3040-\u30FF]$/;

const DATE_PATTERN =
  /\d{4}\/\d{1,2}\/\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,4}年|\d{1,2}月|\d{1,2}日|[昨今来]年|[先今来]月|[先今来]週|昨日|今日|明日|[月火水木金土日]曜/;
const NUMBER_PATTERN =
  /[\d一二三四五六七八九十百千万億兆数]+\s*(?:%|パーセント|割|倍|億|万|兆|千|人|円|ドル|ユーロ|ポンド|ルーブル|元|件|個|回|歳|トン|キロ|km|メートル|機|台|隻|発|基|[かカヶケ]国|社|票|議席|年間|時間|日間|カ月|ヶ月)/;
const REASON_PATTERN = anyOf(sentenceCues("reason"));
// A 「quote」 followed by と is someone's words too: a pattern, beside the list's words.
const SPEECH_PATTERN = new RegExp(`「[^」]+」と|${anyOf(sentenceCues("speech")).source}`);
const STANCE_PATTERN = anyOf(sentenceCues("stance"));
const COMMENTARY_PATTERN =
  /(?:ね|よね|よ|なぁ|なあ|かな|かなぁ|でしょうか|ましょう|っす|わ|ぜ|ちゃ|なきゃ)[。！!…ー〜]*$|私|僕|思いました|感じます|感じました|願います|注目したい|目が離せ|お届け|解説します|見習わ|すごい|怖い|えー|うーん|ふむ|いやー/;
const ORGANIZATION_PATTERN = anyOf(sentenceCues("organization"));

/**
 * Whether the token before `i` (past a prefix: `バンス副大統領`) is a name: a proper noun, a word the dictionary
 * does not know, or katakana.
 */
function afterName(tokens: KuromojiToken[], i: number): boolean {
  const before = tokens[i - 1]?.pos === "接頭詞" ? tokens[i - 2] : tokens[i - 1];
  if (!before) return false;
  return before.pos_detail_1 === "固有名詞" || before.word_type === "UNKNOWN" || (before.pos === "名詞" && /^[\u30A0-\u30FF]{2,}$/.test(before.surface_form));
}

export class Analyzer {
  constructor(private readonly tokenizer: Tokenizer) {}

  /** The content words of a text, in order, with what answer types the text can satisfy. */
  analyze(text: string): Analysis {
    // NUL or a lone surrogate would throw inside kuromoji: control characters never reach it.
    const normalized = normalizeText(cleanText(text, { keepLength: true }));
    const tokens = this.tokenizer.tokenize(normalized);
    const words: Word[] = [];
    let features = 0;
    if (DATE_PATTERN.test(normalized)) features |= Feature.DATE;
    if (NUMBER_PATTERN.test(normalized)) features |= Feature.NUMBER;
    if (ORGANIZATION_PATTERN.test(normalized)) features |= Feature.ORGANIZATION;
    if (REASON_PATTERN.test(normalized)) features |= Feature.REASON;
    if (SPEECH_PATTERN.test(normalized)) features |= Feature.SPEECH;
    if (STANCE_PATTERN.test(normalized)) features |= Feature.STANCE;
    if (COMMENTARY_PATTERN.test(normalized.trim())) features |= Feature.COMMENTARY;
    // Words of the noun phrase being read; は or が after it makes them the subject.
    let phrase: Word[] = [];

    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.pos === "名詞" && token.pos_detail_1 === "固有名詞") {
        if (token.pos_detail_2 === "人名") features |= Feature.PERSON;
        if (token.pos_detail_2 === "地域") features |= Feature.PLACE;
        if (token.pos_detail_2 === "組織") features |= Feature.ORGANIZATION;
      }
      if (isNumeral(token)) {
        // `5000`, `億` are one amount: `5000億`; `数`, `千` likewise `数千`.
        let amount = token.surface_form;
        while (tokens[i + 1] && isNumeral(tokens[i + 1]!)) amount += tokens[++i]!.surface_form;
        // `何人`, `幾つ` ask for a number; the question word itself is not one to look for.
        if (hasWordCharacter(amount) && !/[何幾]/.test(amount)) words.push({ term: normalizeTerm(amount), role: "number" });
        continue;
      }
      if (token.pos !== "名詞" && token.pos !== "接頭詞") {
        if (token.pos === "助詞" && (token.surface_form === "は" || token.surface_form === "が")) for (const w of phrase) w.subject = true;
        phrase = [];
      }
      const word = this.word(tokens, i);
      if (!word) continue;
      if (token.pos === "名詞") phrase.push(word);
      if (word.role === "name" && TITLES.has(word.term)) features |= Feature.PERSON;
      if (COUNTRIES.has(word.term)) features |= Feature.PLACE;
      words.push(word);
    }
    return { words, features };
  }

  /** The words' index terms (each word's term and, where it differs, its surface form). */
  terms(text: string): string[] {
    return this.analyze(text).words.flatMap((w) => (w.alt ? [w.term, w.alt] : [w.term]));
  }

  /**
   * Offsets in `text` where a word starts, for cutting an over-long sentence without splitting a word.
   * kuromoji's surface forms concatenate back to its input, so their lengths give the offsets.
   */
  wordStarts(text: string): number[] {
    const starts: number[] = [];
    let offset = 0;
    for (const token of this.tokenizer.tokenize(cleanText(text, { keepLength: true }))) {
      starts.push(offset);
      offset += token.surface_form.length;
    }
    return starts;
  }

  private word(tokens: KuromojiToken[], i: number): Word | null {
    const token = tokens[i]!;
    const surface = token.surface_form;
    const base = token.basic_form && token.basic_form !== "*" ? token.basic_form : surface;
    if (!hasWordCharacter(surface)) return null;

    const country = this.country(tokens, i, base);
    if (country) return { term: country, role: "name" };
    if (SINGLE_KANA.test(surface)) return null;

    const role = this.role(tokens, i, base);
    if (!role) return null;
    const term = normalizeTerm(base);
    const alt = normalizeTerm(surface);
    if (STOP_WORDS.has(term)) return null;
    // The 連用形 of a verb doubles as a noun (`言い合い`, `動き`): index it too. Other surfaces are fragments.
    const nounLike = token.conjugated_form === "連用形" && alt !== term && alt.length > 1;
    // Only at the end of its compound: in `誕生日` or `埋蔵量` the compound names a thing, not an action.
    // (kuromoji tags a trailing `?` as a noun too: it glues to nothing.)
    const next = tokens[i + 1];
    const compounded = next?.pos === "名詞" && hasWordCharacter(next.surface_form);
    const action = role === "noun" && token.pos_detail_1 === "サ変接続" && !compounded ? { action: true } : {};
    const modifier = token.pos === "名詞" && compounded && next.pos_detail_1 !== "接尾" ? { modifier: true } : {};
    return nounLike ? { term, alt, role, ...action, ...modifier } : { term, role, ...action, ...modifier };
  }

  private role(tokens: KuromojiToken[], i: number, base: string): Role | null {
    const token = tokens[i]!;
    const detail = token.pos_detail_1;
    if (token.word_type === "UNKNOWN") {
      // Latin letters in Japanese news are mostly acronyms of things (ETF, GDP, YCC), not people's names; glued
      // to a proper noun they are part of one (三菱UFJ銀行).
      if (!/^[a-z][a-z0-9]*$/.test(base)) return "name";
      const proper = (t: KuromojiToken | undefined) => t?.pos_detail_1 === "固有名詞";
      return proper(tokens[i - 1]) || proper(tokens[i + 1]) ? "name" : "noun";
    }
    switch (token.pos) {
      case "名詞":
        if (detail === "代名詞" || detail === "非自立" || detail === "特殊") return null;
        if (detail === "固有名詞") return "name";
        if (detail === "接尾") {
          if (base.length < 2 || token.pos_detail_2 === "人名") return null;
          return TITLES.has(base) && afterName(tokens, i) ? "name" : "noun";
        }
        if (detail === "副詞可能") return "frame";
        // A lone kanji glued to a proper noun is a piece of a name the dictionary does not know (`晶圓` of `華新晶圓`).
        if (base.length === 1 && afterName(tokens, i)) return "name";
        // A title after a name points at that person (`ケラー監督`); alone (`監督は…`) it is a common noun.
        if (TITLES.has(base)) return afterName(tokens, i) ? "name" : "noun";
        if (FRAME_NOUNS.has(base)) return "frame";
        // `説明した`: a noun used as a verb asks about an action, which passages often word differently.
        if (detail === "サ変接続" && tokens[i + 1]?.basic_form === "する") return "verb";
        if (KATAKANA_OR_LATIN.test(base) && base.length === 1) return null;
        return "noun";
      case "動詞":
        if (detail !== "自立") return null;
        return FRAME_VERBS.has(base) ? "frame" : "verb";
      case "形容詞":
        return detail === "自立" ? "adjective" : null;
      default:
        return null;
    }
  }

  /** The country a short form stands for, when this token is one (`米` of `米ロ`, `英` of `英首相`). */
  private country(tokens: KuromojiToken[], i: number, base: string): string | null {
    const folded = COUNTRY_FORMS[base];
    if (!folded) return null;
    const token = tokens[i]!;
    if (!AMBIGUOUS_COUNTRY_FORMS.has(base)) {
      return token.pos === "名詞" && (token.pos_detail_1 === "固有名詞" || base.length > 1) ? folded : null;
    }
    const isCountry = (t: KuromojiToken | undefined) =>
      t !== undefined && (t.basic_form in COUNTRY_FORMS || t.surface_form in COUNTRY_FORMS) && t.surface_form.length === 1;
    return isCountry(tokens[i - 1]) || isCountry(tokens[i + 1]) ? folded : null;
  }
}
