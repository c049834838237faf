/**
 * Generic knowledge of Japanese and of Japanese news writing that the analyzer and the ranking use. Nothing
 * here comes from particular articles or questions: these are closed classes of the language (light verbs,
 * question frames), the press's short forms for countries, and the titles it puts after names.
 */

/** Verbs and adjectives that carry grammar rather than content (Lucene's Japanese stop words, base forms). */
export const STOP_WORDS = new Set([
  "する", "ある", "いる", "なる", "できる", "れる", "られる", "せる", "させる", "いう", "おる", "くる", "いく",
  "しまう", "みる", "おく", "やる", "くれる", "もらう", "あげる", "ない", "よい", "いい", "ほしい", "つく",
  "ござる", "なさる", "いただく", "くださる", "おこなう", "行う", "そう", "ふう", "たち", "ら", "ども",
  "こと", "もの", "よう", "ため", "ところ", "とき", "ほう", "ほか", "うち", "まま", "わけ", "はず", "つもり",
  "たい", "みたい", "教える", "知る", "分かる", "わかる", "思う",
  // Question words kuromoji tags as nouns (`いくら` is also salmon roe): they ask, they are not looked for.
  "いくら", "いくつ", "どれ", "どの", "どんな", "どう",
]);

/**
 * Nouns that frame a question rather than name its topic: `口論のきっかけは?` asks for a cause, `協定の内容は?`
 * for content. A passage may answer without repeating them, so they weigh little and their absence is no
 * reason to decline.
 */
export const FRAME_NOUNS = new Set([
  "理由", "原因", "きっかけ", "背景", "発端", "経緯", "内容", "中身", "詳細", "結果", "影響", "反応", "態度",
  "様子", "状況", "事情", "目的", "方法", "手段", "意味", "見通し", "見方", "考え", "意見", "評価", "印象",
  "感想", "特徴", "違い", "具合", "程度", "点", "件", "話", "狙い", "意図", "効果", "現状", "今後", "行方",
  "状態", "模様", "対応", "動機", "根拠", "要因", "問題点", "ポイント", "概要", "説明", "予定", "見込み",
  "動き", "動向", "展開", "方針", "見解", "役割", "成果", "課題", "展望", "予想", "見込", "意向", "思惑",
  // What someone said: the answer is the quote (`「…」と述べた`), which seldom says `コメント`.
  "コメント", "発言", "言葉", "談話",
  // When within an event, not what: `最初どんな雰囲気?` is answered by `当初、…雰囲気で`.
  "最初", "当初", "初め", "冒頭", "最後", "途中", "直後", "前後", "その後", "あと", "名前",
  // What kind of answer, like いつ, どこ, いくら: `会見した場所は?` is answered by `司法記者クラブで会見し`.
  "場所", "日付", "日時", "時期", "割合", "人数", "金額", "規模",
]);

/**
 * Words that ask where a report came from (`どこのメディア?`, `記事の公開日`): with them a question wants a
 * source card's line, and they are not the topic.
 */
export const SOURCE_WORDS = new Set([
  "記事", "メディア", "出典", "報道", "新聞", "サイト", "公開", "掲載", "媒体", "ソース", "報じる", "配信", "情報源",
  "ニュース", "出所", "出どころ", "リンク", "url", "見出し", "タイトル", "題名",
]);

/**
 * Frame nouns that ask the same thing (`態度` and `姿勢`, `動き` and `動向`): a passage using one answers a
 * question using another. A small closed thesaurus of question frames, not of topics.
 */
export const FRAME_FAMILIES: string[][] = [
  ["態度", "姿勢", "スタンス", "立場", "対応", "構え"],
  ["理由", "原因", "要因", "動機", "根拠"],
  ["きっかけ", "発端", "契機", "引き金"],
  ["背景", "事情", "経緯"],
  ["内容", "中身", "詳細", "概要"],
  ["動き", "動向", "展開", "行方", "状況", "情勢"],
  ["見通し", "見込み", "展望", "予想", "予測", "見方"],
  ["反応", "受け止め", "評価", "見解", "意見", "感想"],
  ["影響", "効果", "波紋"],
  ["目的", "狙い", "意図", "意向", "思惑"],
  ["方法", "手段", "やり方"],
  ["結果", "成果", "結末"],
  ["今後", "将来", "先行き", "これから"],
  ["最初", "当初", "冒頭", "初め"],
  ["課題", "問題点", "懸念"],
  ["コメント", "発言", "言葉", "談話"],
];

/** Verbs that frame a question (`何を言った?`, `どう説明した?`): weak content, like FRAME_NOUNS. */
export const FRAME_VERBS = new Set(["言う", "述べる", "話す", "語る", "考える", "見る", "示す", "受け止める"]);

/** Titles the press puts after a name (`バンス副大統領`, `スターマー首相`): they point at a person. */
export const TITLES = new Set([
  "大統領", "副大統領", "首相", "副首相", "大臣", "長官", "外相", "国務長官", "議員", "知事", "市長", "社長",
  "会長", "総裁", "議長", "委員長", "書記長", "国王", "女王", "皇太子", "首脳", "代表", "氏", "さん", "教授",
  "総理", "官房長官", "報道官", "司令官", "大使", "党首", "代表者", "元首", "政権", "国防相", "財務相",
  "監督", "選手", "投手", "捕手", "内野手", "外野手", "弁護士", "医師", "記者", "理事長", "頭取", "所長", "校長",
  "院長", "部長", "町長", "村長", "区長", "座長", "主席", "容疑者", "被告",
]);

/**
 * The press's one-character country forms (米ロ, 中露, 英仏, 米ウ) and full names, folded to one term so
 * that `米国`, `アメリカ` and the `米` of `米ロ` match each other.
 */
export const COUNTRY_FORMS: Record<string, string> = {
  米: "アメリカ", 米国: "アメリカ", アメリカ合衆国: "アメリカ", 合衆国: "アメリカ",
  露: "ロシア", ロ: "ロシア", ロシア連邦: "ロシア",
  英: "イギリス", 英国: "イギリス",
  仏: "フランス",
  独: "ドイツ",
  中: "中国",
  日: "日本",
  韓: "韓国",
  朝: "北朝鮮",
  宇: "ウクライナ", ウ: "ウクライナ",
  印: "インド",
  豪: "オーストラリア",
  伊: "イタリア",
  加: "カナダ",
  欧: "ヨーロッパ", 欧州: "ヨーロッパ",
  台: "台湾",
};

/** The short forms that are also ordinary words or kana (`ロ`, `中`, `日`): folded only beside another country. */
export const AMBIGUOUS_COUNTRY_FORMS = new Set(["ロ", "ウ", "中", "日", "朝", "加", "台", "伊", "印", "豪", "独"]);
