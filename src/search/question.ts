/**
 * What a question asks: its content words (weighted by role) and the kind of answer it wants, read from its
 * question words (いつ -> a date, 誰 -> a person, ...).
 */
import { Feature, type Analyzer, type Word } from "./analyzer.js";
import { SOURCE_WORDS } from "./lexicon.js";
import { normalizeText } from "./normalize.js";

export interface Question {
  text: string;
  words: Word[];
  /** `Feature` bits a good answer sentence has (0 when the question words do not say). */
  wants: number;
  /** The question asks where or when a report appeared: a source card's own line answers it. */
  wantsSource: boolean;
}

/** Question words and the feature of the sentence that answers them. kuromoji splits `いつ?` oddly, so text. */
const ANSWER_TYPES: Array<[RegExp, number]> = [
  [/いつ|何年|何月|何日|何時|日付|日時|時期|公開日|何曜/, Feature.DATE],
  [/誰|だれ|どなた|何者|どの人|人物/, Feature.PERSON],
  [/どこ|どちら|何処|どの国|どの都市|どの地域|場所/, Feature.PLACE | Feature.ORGANIZATION],
  [/なぜ|何故|どうして|理由|原因|きっかけ|発端|背景|要因|動機|何が.*(招いた|引き起こ|原因)/, Feature.REASON],
  [/言った|言って|言う|言い|述べ|発言|説明|語っ|語り|話し|主張|答え|コメント|何と/, Feature.SPEECH],
  [/受け止め|どう見|評価|反応|態度|どう思|どう感じ|立場|受け取|スタンス|どう考え/, Feature.STANCE],
  [/いくら|何人|何%|何パーセント|何割|何倍|何件|何個|何回|何歳|何億|何万|何円|何ドル|何トン|何カ国|何か国|どのくらい|どれくらい|どれほど|どれだけ|金額|人数|割合|規模/, Feature.NUMBER],
];

const SOURCE_PATTERN = /記事|メディア|出典|報道機関|新聞|サイト|媒体|ソース|情報源|掲載|公開日|公開され|公開は|配信|どこが報|報じた|見出し|タイトル|題名/;

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
  return { text, words, wants, wantsSource };
}
