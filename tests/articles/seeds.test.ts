import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import type { Article } from "../../src/articles/model.js";
import { contentLines } from "../../src/articles/text.js";

const SEEDS = path.resolve("seeds");
let articles: Article[];

beforeAll(async () => {
  const result = await loadArticles(SEEDS);
  expect(result.warnings).toEqual([]);
  articles = result.articles;
});

const article = (id: string) => {
  const found = articles.find((a) => a.id === id);
  if (!found) throw new Error(`no article ${id}`);
  return found;
};

describe("the first seed (blank-line separated, 🚩 結論!)", () => {
  const id = "000_3639a94c7d503a1e";

  it("reads the glued headline as the title and the next line as the lead", () => {
    const a = article(id);
    expect(a.title).toBe(
      "ウクライナ和平交渉の行方?トランプ・ゼレンスキー会談に見る、停戦への道筋とは?トランプ・ゼレンスキー会談決裂が意味するもの",
    );
    expect(a.lead).toMatch(/^2022年ロシア侵攻後の米ウ首脳会談の内幕。/);
    expect(a.lead).toMatch(/今後の展望とは。$/);
    expect(a.path).toBe(path.join(SEEDS, `${id}.txt`));
  });

  it("finds every section heading, question and answer in order", () => {
    expect(article(id).sections.map((s) => [s.heading, s.question, s.answer])).toEqual([
      ["対立の火種:2月28日のトランプ・ゼレンスキー会談", "トランプとゼレンスキー会談、何が対立を招いた?", "外交姿勢への批判と、ゼレンスキー大統領の反発。"],
      ["冷え切った関係:支援停止とロシアとの接近", "トランプ政権、ウクライナ支援再開の条件は?", "鉱物資源権益署名、領土譲渡の意思確認。"],
      ["関係修復への試み:ゼレンスキー大統領の決意", "ゼレンスキー大統領、関係修復へどんな姿勢?", "協力と和平交渉を積極的に進める姿勢。"],
    ]);
  });

  it("reads each source card: title shown twice, date, publisher, link, ✅ points", () => {
    const cards = article(id).sections.map((s) => s.sources);
    expect(cards.map((c) => c.length)).toEqual([1, 1, 1]);
    const [first, second, third] = cards.map((c) => c[0]!);
    expect(first).toEqual({
      title: "失礼だ」トランプ氏とゼレンスキー氏が口論会談で関係悪化が露呈",
      publisher: "ニュースサイト",
      publishedAt: "2025-03-02",
      url: "https://mainichi.jp/articles/20250301/k00/00m/030/003000c",
      points: [
        "トランプ米大統領とゼレンスキー・ウクライナ大統領の首脳会談冒頭で、ロシアとウクライナの戦争を巡り口論が勃発した。",
        "ゼレンスキー大統領がトランプ大統領のロシア寄りの姿勢に疑問を呈したことが発端となり、バンス副大統領も加わり応酬となった。",
        "トランプ大統領はゼレンスキー大統領の対応を批判し、「あなたは第三次世界大戦に賭けるのか」などと発言した。",
      ],
    });
    expect(second).toMatchObject({
      title: "ウクライナ「ロシア領になるかも」トランプ氏、領土割譲示唆か:時事ドットコム",
      publisher: "時事ドットコム:時事通信社が運営するニュースサイト",
      publishedAt: "2025-02-11",
      url: "https://www.jiji.com/jc/article?k=2025021100398&g=int",
    });
    expect(second!.points).toHaveLength(3);
    // The third card repeats its title with no date line between the copies.
    expect(third).toMatchObject({
      title: "感謝が足りない」「交渉カードがない」トランプ大統領とゼレンスキー大統領の緊迫対立【全文】",
      publisher: "ログミー",
      publishedAt: null,
      url: "https://logmi.jp/main/social_economy/331531",
    });
    expect(third!.points[2]).toBe("トランプ大統領はゼレンスキー大統領の「感謝が足りない」と批判し、ウクライナが交渉のカードを持っていないと主張した。");
  });

  it("does not keep a card title as a paragraph too", () => {
    const texts = article(id).sections.flatMap((s) => s.paragraphs.map((p) => p.text));
    for (const card of article(id).sections.flatMap((s) => s.sources)) expect(texts).not.toContain(card.title);
  });

  it("keeps intro, commentary, body and reader-voice paragraphs in page order", () => {
    const [first] = article(id).sections;
    expect(first!.paragraphs.map((p) => p.text)).toEqual([
      "2月28日のトランプ・ゼレンスキー会談では、両者の対立が露わになりました。",
      "ゼレンスキー大統領の対応を批判し、厳しい姿勢を示したトランプ氏。",
      "会談の決裂は、今後の和平交渉に大きな影響を与えそうですね。",
      "ゼレンスキー大統領の発言に対するトランプ氏の強い反発、緊迫した雰囲気が伝わってきます。",
      "2月28日、トランプ前大統領とゼレンスキー大統領の会談が実現するも、両者の対立が露呈する結果となった。",
      "会談は当初、儀礼的な雰囲気で始まったものの、バンス副大統領がバイデン政権の外交姿勢を批判し、平和への道は外交を通じて達成される可能性があると発言した際、ゼレンスキー大統領は強く反発。",
      "ゼレンスキー大統領は、2014年のクリミア侵攻以降、米国の外交がロシアを止められなかったと批判し、バンス副大統領への不敬な呼びかけや、米国への脅迫めいた発言を行った。",
      "これに対し、トランプ大統領はゼレンスキー大統領の立場を厳しく指摘し、ウクライナが弱い立場にあること、そして第三次世界大戦の可能性に言及するなど、ゼレンスキー大統領の言動を強く非難し、会談は決裂した。",
      "えー、怖い。なんかもう、言葉の応酬がすごすぎて、見てるこっちがドキドキしました。こんなにうまくいかないことってあるんですね…。",
    ]);
    expect(first!.paragraphs.every((p) => p.sourceIndex === 0)).toBe(true);
  });

  it("reads the 🚩 結論! line and the three 💡 conclusions", () => {
    expect(article(id).conclusionsHeading).toBe("🚩 結論!");
    expect(article(id).conclusions).toEqual([
      "トランプ・ゼレンスキー会談は決裂し、米ウ関係は一時的に冷え込んだ。",
      "トランプ前大統領は、ロシアとの和平交渉に前向きな姿勢を示唆した。",
      "ゼレンスキー大統領は、関係修復に向けた努力を続け、和平交渉への意欲を見せた。",
    ]);
  });
});

describe("the second seed (no blank lines, text glued after URLs, no 🚩)", () => {
  const id = "002_f48635b7877d06da";

  it("reads title, lead and the three sections", () => {
    const a = article(id);
    expect(a.title).toMatch(/^トランプとゼレンスキー、激突の真相\?/);
    expect(a.title).toMatch(/会談の舞台裏$/);
    expect(a.lead).toMatch(/^2025年、トランプ大統領とゼレンスキー大統領のホワイトハウス会談が決裂!/);
    expect(a.sections.map((s) => [s.heading, s.question, s.answer])).toEqual([
      ["対立の根源:停戦協議と鉱物資源", "トランプ大統領がウクライナ支援を一時停止した理由は?", "ゼレンスキー大統領との考え方の相違。"],
      ["波紋の広がり:ヨーロッパの動きと、和平への模索", "和平への道筋は?ゼレンスキー大統領の次の一手は?", "段階的停戦、資源協定、そして仲介です。"],
      ["未来への展望:和平への道と、残された課題", "ゼレンスキー大統領、和平へ「物事を正す」とは?", "アメリカとの強力な協定を望んでいる"],
    ]);
  });

  it("ends a URL at the first character that cannot be part of one, and keeps the glued text", () => {
    const [first, second] = article(id).sections;
    expect(first!.sources[0]).toMatchObject({
      title: null,
      publisher: "公式サイト(フォーブスジャパン)",
      publishedAt: null,
      url: "https://forbesjapan.com/articles/detail/77508",
    });
    expect(first!.paragraphs.map((p) => p.text)).toContain("鉱物資源協定。");
    expect(second!.sources[0]!.url).toBe("https://www.jiji.com/jc/article?k=2025022400236&g=int");
    expect(second!.paragraphs.map((p) => p.text)).toContain("ヨーロッパ各国の動き、そして、舛添要一さんの指摘も興味深いですね。");
  });

  it("reads cards with a date but no title", () => {
    const cards = article(id).sections.map((s) => s.sources[0]!);
    expect(cards.map((c) => [c.title, c.publisher, c.publishedAt, c.url, c.points.length])).toEqual([
      [null, "公式サイト(フォーブスジャパン)", null, "https://forbesjapan.com/articles/detail/77508", 3],
      [null, "時事ドットコム:時事通信社が運営するニュースサイト", "2025-02-24", "https://www.jiji.com/jc/article?k=2025022400236&g=int", 3],
      [null, "朝日新聞+:世界のいまを伝えるウェブメディア", "2025-02-19", "https://globe.asahi.com/article/15630313", 3],
    ]);
    expect(cards[1]!.points[2]).toBe("両首脳は、停戦成立後のウクライナの安全保障について協議するため、近くトランプ前米大統領と個別に会談する予定です。");
  });

  it("reads the 💡 conclusions without a 🚩 line", () => {
    expect(article(id).conclusionsHeading).toBeNull();
    expect(article(id).conclusions).toEqual([
      "2025年3月1日の会談は、トランプ前大統領とゼレンスキー大統領の関係悪化を露呈。",
      "鉱物資源協定、停戦交渉など、様々な問題が複雑に絡み合い、和平への道は険しい。",
      "国際社会の動きも活発化し、今後の国際情勢に大きな影響を与える可能性。",
    ]);
  });
});

describe("both seeds", () => {
  it("cite six sources in all, on the expected sites", () => {
    const hosts = articles.flatMap((a) => a.sections.flatMap((s) => s.sources.map((c) => new URL(c.url!).hostname)));
    expect(hosts.sort()).toEqual(["forbesjapan.com", "globe.asahi.com", "logmi.jp", "mainichi.jp", "www.jiji.com", "www.jiji.com"]);
  });

  it("place every non-empty content line of each file somewhere in the model", () => {
    for (const a of articles) {
      const placed = modelTexts(a);
      const missing = contentLines(readFileSync(a.path, "utf8"))
        .filter((line) => !/Logo Menu opener$/.test(line))
        .filter((line) => !lineIsPlaced(line, placed));
      expect(missing, a.id).toEqual([]);
    }
  });
});

/** Every string the model holds, as a reader would find it. */
function modelTexts(a: Article): string[] {
  return [
    a.title,
    ...a.lead.split("\n"),
    a.conclusionsHeading ?? "",
    ...a.conclusions,
    ...a.sections.flatMap((s) => [
      s.heading,
      s.question ?? "",
      s.answer ?? "",
      ...s.paragraphs.map((p) => p.text),
      ...s.sources.flatMap((c) => [c.title ?? "", c.publisher ?? "", c.url ?? "", c.publishedAt?.replaceAll("-", "/") ?? "", ...c.points]),
    ]),
  ].filter(Boolean);
}

/** A line is placed when, once its markers are removed, every part of it is a string of the model. */
function lineIsPlaced(line: string, placed: string[]): boolean {
  const parts = line
    .replace(/^[✅💡]\s*/u, "")
    .replace(/^公開日:/, "")
    .replace(/^さらに読む ⇒/, "")
    .split(/出典\/画像元: |(https?:\/\/[\x21-\x7E]+)/u)
    .map((part) => part?.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((part) => placed.includes(part));
}
