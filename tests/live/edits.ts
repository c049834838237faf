/** The edits the live-library tests make to a temporary copy of the seeds, and the questions that see them. */

/** The seed article the tests edit. */
export const EDITED_SEED = "002_f48635b7877d06da";
/** A sentence of that article, and what an edit turns it into. */
export const OLD_SENTENCE = "トランプ大統領はウクライナへの軍事支援を一時停止しました。";
export const NEW_SENTENCE = "トランプ大統領はウクライナへの軍事支援を三週間だけ停止しました。";
/** Answered by that sentence, before and after the edit. */
export const SUPPORT_QUESTION = "トランプ大統領はウクライナへの軍事支援をどうした?";

/** An article the tests add: a digest page on a subject the seeds never mention. */
export const NEW_ARTICLE = [
  "札幌の老舗ラーメン店、新しい味噌ラーメンを発売",
  "札幌市の老舗ラーメン店が、道産の白味噌を使った新しい味噌ラーメンを発売しました。",
  "新商品の狙い",
  "なぜ新しい味噌ラーメンを出したのか?",
  "観光客の増加に応えるためです。",
  "店主によると、冬の観光客が増えたことから、道産の白味噌を使った新しい味噌ラーメンを開発したということです。",
  "",
].join("\n");
/** Answered only by the added article. */
export const RAMEN_QUESTION = "札幌の老舗ラーメン店が発売したのは?";
