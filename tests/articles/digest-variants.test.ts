import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/articles/parse-digest.js";
import { findUrl } from "../../src/articles/text.js";

/** A digest page in the seeds' shape, with the variations other pages of the site show. */
const page = [
  "Chrysanthemum Digest Logo Menu opener",
  "日銀が追加利上げ?家計はどう変わる",
  "日銀が政策金利を引き上げた。",
  "決定の舞台裏:3月19日の会合",
  "日銀はなぜ利上げした?",
  "賃上げの広がりを受けて。",
  "日銀は19日の会合で利上げを決めました。",
  "日銀、政策金利を1%に引き上げ 30年ぶり",
  "公開日:2026/03/19",
  "✅ 日銀は政策金利を0.75%から1.0%に引き上げた。",
  "さらに読む ⇒日本経済新聞出典/画像元: https://www.nikkei.com/article/123/",
  "家計への影響が気になりますね。",
  "預金と今後の見通し:次の利上げはいつ?",
  "預金の利息は増える?",
  "普通預金は年0.3%に。",
  "市場の関心は次の利上げに移っています。",
  "次の利上げは秋か 市場予想",
  "公開日:2026/03/25",
  "✅ 市場では10月の利上げ予想が最も多い。",
  "さらに読む ⇒共同通信出典/画像元: https://www.47news.jp/13579246.html4万人が回答した。",
  "💡 日銀は利上げを決めた。",
].join("\n");

describe("digest pages that vary from the seeds", () => {
  const { article } = parseDigest(page);

  it("reads a heading that itself ends in ? by its label, with the reader question below it", () => {
    expect(article.sections.map((s) => [s.heading, s.question, s.answer])).toEqual([
      ["決定の舞台裏:3月19日の会合", "日銀はなぜ利上げした?", "賃上げの広がりを受けて。"],
      ["預金と今後の見通し:次の利上げはいつ?", "預金の利息は増える?", "普通預金は年0.3%に。"],
    ]);
  });

  it("takes a headline printed once, right above its date, as the card's title and not as text", () => {
    const [first, second] = article.sections.map((s) => s.sources[0]!);
    expect(first!.title).toBe("日銀、政策金利を1%に引き上げ 30年ぶり");
    expect(second!.title).toBe("次の利上げは秋か 市場予想");
    const texts = article.sections.flatMap((s) => s.paragraphs.map((p) => p.text));
    expect(texts).not.toContain("日銀、政策金利を1%に引き上げ 30年ぶり");
    expect(texts).toContain("日銀は19日の会合で利上げを決めました。");
  });

  it("ends a link at its page's extension when digits are glued after it", () => {
    expect(article.sections[1]!.sources[0]!.url).toBe("https://www.47news.jp/13579246.html");
    expect(article.sections[1]!.paragraphs.map((p) => p.text)).toContain("4万人が回答した。");
    expect(findUrl("https://example.com/a/2025/10/14")?.url).toBe("https://example.com/a/2025/10/14");
  });
});

describe("headings and headlines that end in a quote", () => {
  const quoted = [
    "ローカル線の廃止?バスはどうなる",
    "ローカル線が廃止された。",
    "代わりのバス:1日12往復の「ひばライナー」",
    "列車の代わりのバス、本数は増えた?運賃は?",
    "1日12往復に増便、運賃は上限600円。",
    "支社長は「バスの方が便利になる部分もある。」",
    "代替バス運行開始 利用者「病院の前で降りられる」",
    "公開日:2026/04/02",
    "✅ 代替バスが4月1日に運行を始めた。",
    "さらに読む ⇒NHK出典/画像元: https://www3.nhk.or.jp/hiroshima/20260402/4000031287.html",
  ].join("\n");
  const { article } = parseDigest(quoted);

  it("reads a labelled heading ending in a quoted name as a heading, with its question and answer", () => {
    expect(article.sections.map((s) => [s.heading, s.question, s.answer])).toEqual([
      ["代わりのバス:1日12往復の「ひばライナー」", "列車の代わりのバス、本数は増えた?運賃は?", "1日12往復に増便、運賃は上限600円。"],
    ]);
  });

  it("takes a headline ending in a quoted remark, printed once above its date, as the card's title; a quoted sentence stays text", () => {
    const [section] = article.sections;
    expect(section!.sources[0]!.title).toBe("代替バス運行開始 利用者「病院の前で降りられる」");
    expect(section!.paragraphs.map((p) => p.text)).toEqual(["支社長は「バスの方が便利になる部分もある。」"]);
  });
});

describe("a card's title printed once, right above its points", () => {
  const page = [
    "ローカル線の廃止?バスはどうなる",
    "ローカル線が廃止された。",
    "代わりのバス:1日12往復",
    "バスの本数は増えた?",
    "1日12往復に増便。",
    "廃止と同時にバスが走り始めました。",
    "公開日:2026/04/02",
    "代替バス「ひばライナー」運行開始 1日12往復",
    "✅ 代替バスが4月1日に運行を始めた。",
    "さらに読む ⇒NHK出典/画像元: https://www3.nhk.or.jp/hiroshima/20260402/4000031287.html",
    "料金の変化も見ていきます。",
    "運賃は上限600円 通学定期は値下げ",
    "✅ 運賃は距離に応じて180円から600円。",
    "さらに読む ⇒中国新聞出典/画像元: https://www.chugoku-np.co.jp/articles/-/123456",
  ].join("\n");
  const { article } = parseDigest(page);

  it("takes it as the title whether it stands below the date or the card has no date, and leaves the text its sentences", () => {
    const [section] = article.sections;
    expect(section!.sources.map((c) => [c.title, c.publishedAt])).toEqual([
      ["代替バス「ひばライナー」運行開始 1日12往復", "2026-04-02"],
      ["運賃は上限600円 通学定期は値下げ", null],
    ]);
    expect(section!.paragraphs.map((p) => p.text)).toEqual(["廃止と同時にバスが走り始めました。", "料金の変化も見ていきます。"]);
  });
});
