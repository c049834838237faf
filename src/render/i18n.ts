/**
 * Our own words, in Japanese and English. Quoted article text is never translated; only the words around it
 * (headings, "not in these articles", errors) follow the reader's locale. Discord gives every interaction a
 * locale such as `ja`, `en-US` or `fr`: Japanese for `ja`, English for everything else.
 */

export type Locale = "ja" | "en";

/** `ja` (any `ja-*` too) is Japanese; anything else, or nothing, is English. */
export function localeOf(tag: string | null | undefined): Locale {
  return tag && /^ja(?:[-_]|$)/i.test(tag.trim()) ? "ja" : "en";
}

export interface Words {
  /** Heading above the quoted passages of an answer. */
  answerHeading: (question: string) => string;
  passageCount: (index: number, total: number) => string;
  article: string;
  section: string;
  source: string;
  /** Said instead of a link when a passage or source has none. */
  noLink: string;
  notFoundTitle: string;
  notFoundBody: string;
  /** The terminal's one-line "not in these articles", which names the question. */
  notFoundFor: (question: string) => string;
  emptyQuestion: string;
  tooLongQuestion: (limit: number) => string;
  sourcesTitle: string;
  sourcesSummary: (articles: number, sources: number) => string;
  sections: string;
  sourcesOf: string;
  noSources: string;
  continued: string;
  summaryTitle: string;
  /** Footer of a summary drawn from the text because the article has no conclusions of its own. */
  extractedNote: string;
  conclusionsNote: string;
  noSummaryPoints: string;
  articleLink: string;
  unknownArticle: (query: string) => string;
  didYouMean: string;
  tryListing: string;
  tryListingTerminal: string;
  noArticles: string;
  errorApology: (errorId: string) => string;
  unknownCommand: (name: string) => string;
  /** Page label when one reply is sent as several messages. */
  page: (index: number, total: number) => string;
  /** Said when a listing stops before its end to stay within a few messages. */
  moreArticles: (shown: number, total: number) => string;
  /** Said when one article's listing is longer than the messages hold, and only its start is shown. */
  articleCut: string;
  // The buttons under an answer, the /ask cooldown and /reload.
  moreButton: string;
  voteThanks: string;
  voteNotRecorded: string;
  buttonExpired: string;
  notYourAnswer: string;
  noMorePassages: string;
  askCooldown: (seconds: number) => string;
  reloadTitle: string;
  reloadSummary: (articles: number, ms: number) => string;
  reloadAdded: string;
  reloadChanged: string;
  reloadRemoved: string;
  reloadNoChanges: string;
  reloadWarnings: (count: number) => string;
  reloadUnavailable: string;
  /** /reload could not read the folder (the reason is in the log); what was loaded before is still served. */
  reloadFailed: (served: number) => string;
}

const ja: Words = {
  answerHeading: (question) => `「${question}」について、記事の該当箇所です。`,
  passageCount: (index, total) => `引用 ${index}/${total}`,
  article: "記事",
  section: "セクション",
  source: "出典",
  noLink: "リンクなし",
  notFoundTitle: "この記事群には書かれていません",
  notFoundBody: "ご質問に答える箇所が見つかりませんでした。どの記事と出典があるかは /sources で確認できます。",
  notFoundFor: (question) => `「${question}」への答えは、これらの記事には見つかりませんでした。`,
  emptyQuestion: "質問が空です。記事について知りたいことを入力してください。",
  tooLongQuestion: (limit) => `質問が長すぎます(${limit}文字まで)。短くして、もう一度お試しください。`,
  sourcesTitle: "記事と出典",
  sourcesSummary: (articles, sources) => `${articles}件の記事、${sources}件の出典`,
  sections: "セクション",
  sourcesOf: "出典",
  noSources: "出典の記載はありません。",
  continued: "(続き)",
  summaryTitle: "要約",
  extractedNote: "この記事には結論の項目がないため、リードと本文の中心的な文から抜き出しました。",
  conclusionsNote: "記事自身の結論(💡)です。",
  noSummaryPoints: "要約できる本文がありません。",
  articleLink: "記事へのリンク",
  unknownArticle: (query) => `「${query}」に当てはまる記事を1つに絞れませんでした。`,
  didYouMean: "もしかして:",
  tryListing: "記事の一覧は /sources で確認できます。",
  tryListingTerminal: "記事の一覧は npm run sources で確認できます。",
  noArticles: "記事がまだありません。",
  errorApology: (errorId) => `申し訳ありません、処理中にエラーが起きました。(エラーID: ${errorId})`,
  unknownCommand: (name) => `/${name} というコマンドはこのボットにはありません。/ask、/sources、/summary が使えます。`,
  page: (index, total) => `${index}/${total}`,
  moreArticles: (shown, total) => `全${total}件のうち${shown}件を表示しました。ほかの記事は article オプションで記事名を指定してください。`,
  articleCut: "この記事は出典が多く、メッセージに収まる最初の部分だけを表示しました。",
  moreButton: "ほかの箇所",
  voteThanks: "フィードバックありがとうございます。",
  voteNotRecorded: "ありがとうございます。ただ、このボットは今フィードバックを記録していません。",
  buttonExpired: "このボタンは期限切れです(またはボットが再起動しました)。/ask でもう一度質問してください。",
  notYourAnswer: "ほかの箇所を表示できるのは質問した人だけです。/ask でご自分の質問をどうぞ。",
  noMorePassages: "この質問に答える箇所はこれ以上ありません。",
  askCooldown: (seconds) => `少し待ってから質問してください(あと${seconds}秒)。`,
  reloadTitle: "記事を読み込み直しました",
  reloadSummary: (articles, ms) => `${articles}件の記事(${ms} ms)`,
  reloadAdded: "追加",
  reloadChanged: "変更",
  reloadRemoved: "削除",
  reloadNoChanges: "変更はありません。",
  reloadWarnings: (count) => `${count}件のファイルを読み飛ばしました(ログを参照)。`,
  reloadUnavailable: "このボットでは読み込み直しができません。",
  reloadFailed: (served) => `記事フォルダーを読み込み直せませんでした(理由はログを参照)。これまでの${served}件の記事で答え続けます。`,
};

const en: Words = {
  answerHeading: (question) => `What the articles say about "${question}":`,
  passageCount: (index, total) => `Passage ${index} of ${total}`,
  article: "Article",
  section: "Section",
  source: "Source",
  noLink: "no link",
  notFoundTitle: "Not in these articles",
  notFoundBody: "No passage in the articles answers that. See /sources for what the articles cover and cite.",
  notFoundFor: (question) => `The articles do not answer "${question}".`,
  emptyQuestion: "The question is empty: type what you would like to know about the articles.",
  tooLongQuestion: (limit) => `The question is too long (at most ${limit} characters): please shorten it and ask again.`,
  sourcesTitle: "Articles and sources",
  sourcesSummary: (articles, sources) => `${articles} article${articles === 1 ? "" : "s"}, ${sources} source${sources === 1 ? "" : "s"}`,
  sections: "Sections",
  sourcesOf: "Sources",
  noSources: "No sources cited.",
  continued: "(continued)",
  summaryTitle: "Summary",
  extractedNote: "This article has no conclusions of its own: these are its lead and most central sentences, drawn from the text.",
  conclusionsNote: "The article's own conclusions (💡).",
  noSummaryPoints: "There is no text to summarise.",
  articleLink: "Article link",
  unknownArticle: (query) => `No single article matches "${query}".`,
  didYouMean: "Did you mean:",
  tryListing: "See /sources for every article.",
  tryListingTerminal: "See npm run sources for every article.",
  noArticles: "There are no articles yet.",
  errorApology: (errorId) => `Sorry, something went wrong while answering. (error id: ${errorId})`,
  unknownCommand: (name) => `This bot has no /${name} command. Try /ask, /sources or /summary.`,
  page: (index, total) => `${index}/${total}`,
  moreArticles: (shown, total) => `Showing ${shown} of ${total} articles: name one with the article option to see the others.`,
  articleCut: "This article cites more sources than Discord's messages hold: only the first ones are shown.",
  moreButton: "More",
  voteThanks: "Thanks for your feedback.",
  voteNotRecorded: "Thanks, but this bot is not recording feedback right now.",
  buttonExpired: "These buttons have expired (or the bot restarted): please ask again with /ask.",
  notYourAnswer: "Only the person who asked can show more passages: ask your own question with /ask.",
  noMorePassages: "No more passages answer this question.",
  askCooldown: (seconds) => `Please wait a moment before asking again (${seconds} s).`,
  reloadTitle: "Articles reloaded",
  reloadSummary: (articles, ms) => `${articles} article${articles === 1 ? "" : "s"} (${ms} ms)`,
  reloadAdded: "Added",
  reloadChanged: "Changed",
  reloadRemoved: "Removed",
  reloadNoChanges: "Nothing changed.",
  reloadWarnings: (count) => `${count} file${count === 1 ? " was" : "s were"} skipped (see the log).`,
  reloadUnavailable: "This bot cannot reload its articles.",
  reloadFailed: (served) =>
    `The articles folder could not be reloaded (the log says why). ${served === 1 ? "The article loaded before is" : `The ${served} articles loaded before are`} still served.`,
};

export const WORDS: Record<Locale, Words> = { ja, en };

export function wordsFor(locale: Locale): Words {
  return WORDS[locale];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * One date format per language, on every surface (ask, sources; Discord and terminal): `2025年8月4日` in
 * Japanese, `Aug 4, 2025` in English. Anything not an ISO `YYYY-MM-DD` date is shown as it is.
 */
export function formatDate(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return iso;
  return locale === "ja" ? `${year}年${month}月${day}日` : `${MONTHS[month - 1]} ${day}, ${year}`;
}
