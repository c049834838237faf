/**
 * The analyzer on the cases the field notes name (width, separators, ヴ, long vowels, unknown words, the
 * trap of half-width `?` and `,` tagged as nouns) and on the roles the ranking relies on.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Analyzer, Feature } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { characterBigrams, normalizeTerm, normalizeText } from "../../src/search/normalize.js";

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = new Analyzer(await loadTokenizer());
});

const terms = (text: string) => analyzer.terms(text);

describe("characterBigrams", () => {
  it("makes bigrams of katakana and kanji runs only", () => {
    expect(characterBigrams("ゼレンスキー氏")).toEqual(["ゼレ", "レン", "ンス", "スキ", "キー"]);
    expect(characterBigrams("鉱物資源の協定")).toEqual(["鉱物", "物資", "資源", "協定"]);
    expect(characterBigrams("の")).toEqual([]);
  });
});

describe("normalizeText (before kuromoji)", () => {
  it("folds width, case, digit separators and the ヴ row", () => {
    expect(normalizeText("ﾄﾗﾝﾌﾟ")).toBe("トランプ");
    expect(normalizeText("５，０００億ドル")).toBe("5000億ドル");
    expect(normalizeText("1,234,567人")).toBe("1234567人");
    expect(normalizeText("ＮＡＴＯ")).toBe("nato");
    expect(normalizeText("ヴァンス、ヴィザ、ヴェトナム、ヴォルガ、ヴ")).toBe("バンス、ビザ、ベトナム、ボルガ、ブ");
  });

  it("leaves a comma that is not a thousands separator alone", () => {
    expect(normalizeText("1,2と3")).toBe("1,2と3");
    expect(normalizeText("12,3456")).toBe("12,3456");
  });

  it("drops the long-vowel mark of long katakana words only, and leading zeros of numbers", () => {
    expect(normalizeTerm("サーバー")).toBe("サーバ");
    expect(normalizeTerm("コンピューター")).toBe("コンピュータ");
    expect(normalizeTerm("カー")).toBe("カー");
    expect(normalizeTerm("03")).toBe("3");
    expect(normalizeTerm("0")).toBe("0");
  });
});

describe("Analyzer", () => {
  it("folds kanji written two ways, one character for one (靱帯 = 靭帯, 髙橋 = 高橋)", () => {
    expect(terms("肘の靱帯")).toEqual(terms("肘の靭帯"));
    expect(normalizeText("髙橋さんの剝がれた")).toBe("高橋さんの剥がれた");
  });

  it("analyses half-width katakana like full-width (ﾄﾗﾝﾌﾟ = トランプ)", () => {
    expect(terms("ﾄﾗﾝﾌﾟ大統領")).toEqual(terms("トランプ大統領"));
    expect(terms("ﾄﾗﾝﾌﾟ大統領")).toContain("トランプ");
  });

  it("reads ５，０００億ドル as 5000億ドル: one amount, not 5 / , / 000", () => {
    expect(terms("５，０００億ドル")).toEqual(terms("5000億ドル"));
    expect(terms("５，０００億ドル")).toContain("5000億");
  });

  it("matches loanword spellings: ヴァンス = バンス, サーバー = サーバ", () => {
    expect(terms("ヴァンス副大統領")).toEqual(terms("バンス副大統領"));
    expect(terms("サーバーの障害")).toEqual(terms("サーバの障害"));
  });

  it("indexes verbs by base form, and a 連用形 used as a noun by its surface too", () => {
    expect(terms("バンス副大統領も加わった")).toContain("加わる");
    expect(terms("言い合いになった")).toEqual(expect.arrayContaining(["言い合う", "言い合い"]));
    expect(terms("懸念が深まった")).toContain("深まる");
  });

  it("drops particles, auxiliaries, symbols, and half-width ? and , that kuromoji tags as nouns", () => {
    const got = terms("ゼレンスキー大統領の身長は?, どう?");
    for (const dropped of ["の", "は", "?", ",", "?,", "どう"]) expect(got).not.toContain(dropped);
    expect(got.every((t) => /[\p{L}\p{N}]/u.test(t))).toBe(true);
    expect(terms("？？？")).toEqual([]);
    expect(terms("😀😀")).toEqual([]);
    expect(terms("。。。")).toEqual([]);
  });

  it("keeps words the dictionary does not know by their surface (basic_form is *)", () => {
    const got = terms("ゼレンスキー大統領とレアアース");
    expect(got).toContain("ゼレンスキ");
    expect(got).toContain("レアアース");
    expect(got).not.toContain("*");
  });

  it("folds the press's country short forms, but not ordinary words", () => {
    expect(terms("米ロが合意")).toEqual(expect.arrayContaining(["アメリカ", "ロシア"]));
    expect(terms("米国の支援")).toContain("アメリカ");
    expect(terms("中露の連携")).toEqual(expect.arrayContaining(["中国", "ロシア"]));
    expect(terms("英首相と仏大統領")).toEqual(expect.arrayContaining(["イギリス", "フランス"]));
    expect(terms("会談中に")).not.toContain("中国");
  });

  it("gives each word a role: names, nouns, frame words, verbs", () => {
    const roles = Object.fromEntries(analyzer.analyze("スターマー首相は協定の理由をどう説明した?").words.map((w) => [w.term, w.role]));
    expect(roles).toMatchObject({ スターマ: "name", 首相: "name", 協定: "noun", 理由: "frame" });
    expect(roles["説明"]).toBe("frame");
  });

  it("reads a title after a name as part of the name, and alone as a common noun", () => {
    const roleOf = (text: string, term: string) => analyzer.analyze(text).words.find((w) => w.term === term)?.role;
    expect(roleOf("ケラー監督は試合後に語った", "監督")).toBe("name");
    expect(roleOf("バンス副大統領が批判した", "大統領")).toBe("name");
    expect(roleOf("監督は真壁の決め球を褒めた", "監督")).toBe("noun");
  });

  it("marks a noun that modifies the noun glued after it (出身 of 出身大学), not one before a suffix or particle", () => {
    const words = analyzer.analyze("知事の出身大学と出身地").words;
    expect(words.filter((w) => w.modifier).map((w) => w.term)).toEqual(["出身"]);
  });

  it("marks a noun naming an action when it ends its compound (賛成, not 誕生 of 誕生日)", () => {
    const actionOf = (text: string, term: string) => analyzer.analyze(text).words.find((w) => w.term === term)?.action ?? false;
    expect(actionOf("停戦に賛成?", "賛成")).toBe(true);
    expect(actionOf("知事の誕生日は?", "誕生")).toBe(false);
    expect(actionOf("知事の身長は?", "身長")).toBe(false);
  });

  it("reads a lone kanji glued to a proper noun as a piece of the name, not a thing to match", () => {
    const words = analyzer.analyze("華新晶圓の売上高").words;
    expect(words.find((w) => w.term === "圓")?.role).toBe("name");
    expect(words.find((w) => w.term === "売上")?.role).toBe("noun");
  });

  it("reads Latin acronyms as things, unless glued to a proper noun as part of its name", () => {
    const roleOf = (text: string, term: string) => analyzer.analyze(text).words.find((w) => w.term === term)?.role;
    expect(roleOf("日銀はETFの買い入れを続ける", "etf")).toBe("noun");
    expect(roleOf("三菱UFJ銀行の預金", "ufj")).toBe("name");
  });

  it("marks the subject: the noun phrase before は or が", () => {
    const words = analyzer.analyze("バンス副大統領が外交姿勢を批判した").words;
    expect(words.filter((w) => w.subject).map((w) => w.term)).toEqual(["バンス", "大統領"]);
  });

  it("notes what answer types a sentence can satisfy", () => {
    const has = (text: string, feature: number) => (analyzer.analyze(text).features & feature) !== 0;
    expect(has("公開日:2025/03/02", Feature.DATE)).toBe(true);
    expect(has("2月28日の会談", Feature.DATE)).toBe(true);
    expect(has("収益の50%をファンドに", Feature.NUMBER)).toBe(true);
    expect(has("バンス副大統領も加わった", Feature.PERSON)).toBe(true);
    expect(has("「合意に至りたい」と述べた", Feature.SPEECH)).toBe(true);
    expect(has("支援に感謝を表明した", Feature.STANCE)).toBe(true);
    expect(has("疑問を呈したことが発端となり", Feature.REASON)).toBe(true);
    expect(has("会談が始まった", Feature.DATE | Feature.NUMBER)).toBe(false);
  });

  it("gives word start offsets that split nothing", () => {
    const text = "トランプ大統領はゼレンスキー大統領を批判した。";
    const starts = analyzer.wordStarts(text);
    expect(starts[0]).toBe(0);
    expect(starts).toContain(text.indexOf("ゼレンスキー"));
    expect(starts).not.toContain(text.indexOf("ゼレンスキー") + 1);
  });
});
