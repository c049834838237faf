/**
 * One generated article in the seeds' news-digest (.txt) format, and questions about it.
 *
 * Words come from the dictionary vocabulary with Zipf-like frequencies; each article also has its own topic
 * (a few rarer nouns, people and places it keeps returning to), as real articles do, so that a question about
 * it has words that few other articles share. The layout follows the seeds line by line: site chrome, title,
 * lead, sections (heading, reader question ending in ？, one-line answer, intro, source cards with 公開日 / ✅ /
 * さらに読む ⇒…出典/画像元: URL, commentary, body, an aside), then 🚩 and the 💡 conclusions.
 */
import { Random, ZipfSampler } from "./random.js";
import { VOCABULARY_SIZES, type Vocabulary } from "./vocabulary.js";

/** What every article of one corpus draws from (built once per corpus from the seed). */
export interface WordPools {
  nouns: ZipfSampler<string>;
  verbalNouns: ZipfSampler<string>;
  verbs: ZipfSampler<string>;
  places: ZipfSampler<string>;
  /** Foreign people, katakana (unknown to the dictionary, like ゼレンスキー), famous ones recurring. */
  foreignPeople: ZipfSampler<string>;
  japanesePeople: ZipfSampler<string>;
  publishers: ZipfSampler<Publisher>;
  /** Nouns for article topics: past the most common few hundred, so a topic word is telling. */
  topicNouns: readonly string[];
}

interface Publisher {
  name: string;
  host: string;
}

const MORAE = [..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン", "ガ", "ギ", "グ", "ゲ", "ゴ", "ザ", "ジ", "ズ", "ゼ", "ゾ", "ダ", "デ", "ド", "バ", "ビ", "ブ", "ベ", "ボ", "パ", "ピ", "プ", "ペ", "ポ", "ヴァ", "ティ", "ディ", "シェ", "ジェ", "フィ", "ウィ", "チェ", "ー"];
const NAME_ENDINGS = ["スキー", "ソン", "マン", "ルト", "ニア", "ロフ", "ーニ", "ッツ", "ール", "ード", "ンス", "リー", "ナ", ""];
const TITLES_FOREIGN = ["大統領", "首相", "外相", "氏", "副大統領", "国務長官", "報道官", "議員", "CEO"];
const TITLES_JAPANESE = ["首相", "氏", "官房長官", "知事", "社長", "議員", "教授", "代表"];
const PUBLISHER_SUFFIXES = ["新聞", "ニュース", "通信", "ドットコム", "オンライン", "ジャーナル", "タイムズ"];

export function katakanaName(random: Random): string {
  let name = "";
  const length = random.int(2, 4);
  for (let i = 0; i < length; i++) {
    let mora = random.pick(MORAE);
    if (mora === "ー" && (i === 0 || name.endsWith("ー"))) mora = "ラ";
    if (mora === "ン" && i === 0) mora = "ノ";
    name += mora;
  }
  return name + random.pick(NAME_ENDINGS);
}

export function buildWordPools(vocabulary: Vocabulary, seed: number): WordPools {
  const random = new Random(seed ^ 0x5eed);
  const cut = (kind: keyof Vocabulary) => vocabulary[kind].slice(0, VOCABULARY_SIZES[kind]);
  const foreign = new Set<string>();
  while (foreign.size < 3000) foreign.add(katakanaName(random));
  const surnames = cut("surnames");
  const givenNames = cut("givenNames");
  const japanese = new Set<string>();
  while (japanese.size < 3000) japanese.add(random.pick(surnames.slice(0, 800)) + random.pick(givenNames.slice(0, 1500)));
  const organisations = cut("organisations");
  const places = cut("places");
  const publishers: Publisher[] = [];
  for (let i = 0; i < 120; i++) {
    const base = i % 2 === 0 ? random.pick(organisations.slice(0, 600)) : random.pick(places.slice(0, 400));
    const name = base + random.pick(PUBLISHER_SUFFIXES);
    publishers.push({ name: random.chance(0.4) ? `${name}:${base}が運営するニュースサイト` : name, host: `news${i}.example.jp` });
  }
  const nouns = cut("nouns");
  return {
    nouns: new ZipfSampler(nouns, 1),
    verbalNouns: new ZipfSampler(cut("verbalNouns"), 1),
    verbs: new ZipfSampler(cut("verbs"), 1),
    places: new ZipfSampler(places, 1),
    foreignPeople: new ZipfSampler([...foreign], 0.9),
    japanesePeople: new ZipfSampler([...japanese], 0.9),
    publishers: new ZipfSampler(publishers, 0.8),
    topicNouns: nouns.slice(300),
  };
}

/** A question that one of the article's passages answers: its words come from one generated sentence. */
export interface GeneratedQuestion {
  q: string;
  /** The article that answers it; null for a question nothing in the corpus answers. */
  articleId: string | null;
}

export interface GeneratedArticle {
  fileName: string;
  text: string;
  questions: GeneratedQuestion[];
  /** Every vocabulary word drawn for the article (nouns, verbal nouns, verbs), in order, for frequency checks. */
  words: string[];
}

interface Person {
  name: string;
  /** With a title: `ゼレンスキー大統領`. */
  full: string;
}

/** The words drawn for the sentence being written, so that a question can be made from them. */
interface Fills {
  nouns: string[];
  verbalNouns: string[];
  people: Person[];
  places: string[];
}

class Writer {
  private fills: Fills = { nouns: [], verbalNouns: [], people: [], places: [] };
  readonly words: string[] = [];
  readonly people: Person[];
  readonly places: string[];
  readonly topic: string[];
  readonly year: number;

  constructor(
    readonly random: Random,
    private readonly pools: WordPools,
  ) {
    const r = random;
    const people: Person[] = [];
    while (people.length < 2) {
      const name = pools.foreignPeople.sample(r);
      if (people.some((person) => person.name === name)) continue;
      people.push({ name, full: name + r.pick(TITLES_FOREIGN) });
    }
    const japanese = pools.japanesePeople.sample(r);
    people.push({ name: japanese, full: japanese + r.pick(TITLES_JAPANESE) });
    this.people = people;
    this.places = [pools.places.sample(r), pools.places.sample(r)];
    this.topic = Array.from({ length: 4 }, () => r.pick(pools.topicNouns));
    this.year = r.int(2015, 2026);
  }

  /** Starts a new sentence: forgets the previous sentence's words. */
  begin(): void {
    this.fills = { nouns: [], verbalNouns: [], people: [], places: [] };
  }

  taken(): Fills {
    return this.fills;
  }

  /** A noun: a third of the time one of the article's topic nouns. */
  n(): string {
    const word = this.random.chance(0.3) ? this.random.pick(this.topic) : this.pools.nouns.sample(this.random);
    this.fills.nouns.push(word);
    this.words.push(word);
    return word;
  }

  s(): string {
    const word = this.pools.verbalNouns.sample(this.random);
    this.fills.verbalNouns.push(word);
    this.words.push(word);
    return word;
  }

  v(): string {
    const word = this.pools.verbs.sample(this.random);
    this.words.push(word);
    return word;
  }

  /** A person of the article, with title the first time in a sentence. */
  p(): string {
    const person = this.random.pick(this.people);
    this.fills.people.push(person);
    return this.random.chance(0.6) ? person.full : `${person.name}氏`;
  }

  l(): string {
    const place = this.random.chance(0.7) ? this.random.pick(this.places) : this.pools.places.sample(this.random);
    this.fills.places.push(place);
    return place;
  }

  month(): number {
    return this.random.int(1, 12);
  }

  /** `2月28日` */
  date(): string {
    return `${this.month()}月${this.random.int(1, 28)}日`;
  }

  num(): string {
    const r = this.random;
    switch (r.int(0, 5)) {
      case 0:
        return `${r.int(2, 9999)}億ドル`;
      case 1:
        return `${r.int(1, 99)}.${r.int(0, 9)}%`;
      case 2:
        return `${r.int(2, 50000).toLocaleString("en-US")}人`;
      case 3:
        return `約${r.int(2, 999)}万円`;
      case 4:
        return `${r.int(2, 300)}件`;
      default:
        return `${r.int(2, 90)}カ国`;
    }
  }
}

type Template = (w: Writer) => string;

/** Reporting sentences (intro, body): plain statements ending in 。 */
const REPORT: Template[] = [
  (w) => `${w.date()}、${w.p()}と${w.p()}の${w.n()}が実現するも、両者の${w.n()}が露呈する結果となった。`,
  (w) => `${w.p()}は、${w.l()}の${w.n()}について「${w.n()}を${w.v()}必要がある」と述べた。`,
  (w) => `${w.n()}の${w.s()}として、${w.n()}への${w.s()}に加え、${w.n()}の${w.n()}を確認したい考えを示した。`,
  (w) => `${w.l()}では${w.n()}を巡る${w.s()}が続き、${w.num()}規模の${w.n()}が${w.s()}された。`,
  (w) => `${w.p()}は${w.n()}の${w.s()}を表明し、${w.n()}と${w.n()}の${w.s()}を早期に進める姿勢を示した。`,
  (w) => `${w.n()}による${w.n()}の変化に言及し、${w.s()}された「${w.n()}の${w.n()}」を意識したとみられる。`,
  (w) => `一方、${w.n()}の${w.s()}を${w.l()}と${w.l()}は歓迎した。`,
  (w) => `${w.p()}は${w.num()}相当の${w.n()}を${w.l()}に${w.s()}するよう要求し、${w.n()}側が同意したと主張した。`,
  (w) => `${w.n()}や${w.n()}への${w.s()}に関する部分的な${w.n()}を、${w.l()}と同時に進める構えも示した。`,
  (w) => `${w.p()}の${w.n()}から、${w.n()}を急ぎ、${w.l()}側の${w.n()}をのむのではないかとの懸念が深まった。`,
  (w) => `${w.n()}は当初、${w.n()}的な雰囲気で始まったものの、${w.p()}が${w.n()}を${w.s()}し、${w.n()}が${w.v()}可能性があると発言した。`,
  (w) => `${w.year}年の${w.n()}以降、${w.l()}の${w.n()}は${w.num()}に達し、${w.n()}の${w.s()}が課題となっている。`,
  (w) => `${w.p()}は${w.n()}の${w.s()}や${w.s()}を望んでいると報じられ、これは${w.l()}側の意向に沿うものと見られる。`,
  (w) => `${w.n()}をめぐり、${w.p()}は${w.n()}と${w.n()}の${w.s()}について${w.v()}方針を明らかにした。`,
];

/** The writer's commentary after a card: softer endings, as in the seeds. */
const COMMENTARY: Template[] = [
  (w) => `${w.n()}の${w.s()}は、今後の${w.n()}に大きな影響を与えそうですね。`,
  (w) => `${w.p()}の${w.n()}に対する強い${w.s()}、緊迫した雰囲気が伝わってきます。`,
  (w) => `${w.n()}と${w.n()}の関係が、今後の${w.s()}に繋がることを願います。`,
  (w) => `${w.l()}にとって${w.n()}の${w.s()}は大きな痛手でしょう。`,
];

/** Casual asides closing a section. */
const ASIDES: Template[] = [
  (w) => `えー、${w.n()}がすごすぎて、見てるこっちがドキドキしました。こんなに${w.n()}が${w.v()}ことってあるんですね…。`,
  (w) => `うーん、これは難しい問題ですね。${w.n()}の駆け引きは、本当に複雑で、様々な${w.n()}が絡み合っていることがよくわかります。`,
  (w) => `${w.p()}、すごいっすね！あんな${w.n()}でも、ちゃんと今後の${w.n()}考えてるのがすごい！`,
];

/** Card points (✅): compact reports. */
const POINTS: Template[] = [
  (w) => `${w.p()}と${w.p()}の${w.n()}冒頭で、${w.l()}と${w.l()}の${w.n()}を巡り${w.s()}が勃発した。`,
  (w) => `${w.p()}が${w.n()}の${w.n()}に疑問を呈したことが発端となり、${w.p()}も加わり${w.s()}となった。`,
  (w) => `${w.p()}は、${w.l()}について「いつか${w.n()}になるかもしれない」と発言し、${w.n()}の${w.s()}を示唆した。`,
  (w) => `${w.p()}は${w.n()}の「${w.n()}が足りない」と${w.s()}し、${w.l()}が${w.n()}のカードを持っていないと主張した。`,
  (w) => `${w.n()}の${w.s()}には${w.num()}が充てられ、${w.n()}に「大きな進展があった」と示唆した。`,
];

function heading(w: Writer): string {
  const shapes: Template[] = [
    (w) => `${w.n()}の${w.n()}:${w.date()}の${w.p()}・${w.p()}${w.s()}`,
    (w) => `冷え切った${w.n()}:${w.s()}停止と${w.l()}との接近`,
    (w) => `${w.n()}への試み:${w.p()}の決意`,
    (w) => `${w.l()}の${w.n()}と${w.n()}の行方`,
  ];
  return w.random.pick(shapes)(w);
}

function readerQuestion(w: Writer): string {
  const shapes: Template[] = [
    (w) => `${w.p()}と${w.p()}の${w.s()}、何が${w.n()}を招いた？`,
    (w) => `${w.l()}の${w.n()}、${w.s()}の条件は？`,
    (w) => `${w.p()}、${w.n()}へどんな姿勢？`,
  ];
  return w.random.pick(shapes)(w);
}

function answerLine(w: Writer): string {
  const shapes: Template[] = [(w) => `${w.n()}への${w.s()}と、${w.p()}の${w.s()}。`, (w) => `${w.n()}と${w.n()}を積極的に進める姿勢。`];
  return w.random.pick(shapes)(w);
}

/** Turns the words of one generated sentence into a question it answers, when it has enough of them. */
function questionFrom(fills: Fills, random: Random): string | null {
  const [a, b] = fills.nouns;
  const [s] = fills.verbalNouns;
  const person = fills.people[0];
  const place = fills.places[0];
  const shapes: (string | null)[] = [
    person && a ? `${person.name}は${a}について何と言った？` : null,
    a && b ? `${a}と${b}はどうなった？` : null,
    a && s ? `${a}の${s}はどうなった？` : null,
    place && a ? `${place}の${a}はどうなっている？` : null,
    person && s ? `${person.name}が${s}したのは何？` : null,
    a && b && s ? `${a}の${b}を${s}したのは誰？` : null,
  ];
  const usable = shapes.filter((shape): shape is string => shape !== null);
  return usable.length ? random.pick(usable) : null;
}

export function generateArticle(options: { pools: WordPools; random: Random; index: number }): GeneratedArticle {
  const { random } = options;
  const w = new Writer(random, options.pools);
  const fileName = `${String(options.index).padStart(5, "0")}_${random.hex16()}.txt`;
  const articleId = fileName.replace(/\.txt$/, "");
  const lines: string[] = ["Chrysanthemum Digest Logo Menu opener"];
  const questions: GeneratedQuestion[] = [];
  const sentence = (template: Template, ask = false): string => {
    w.begin();
    const text = template(w);
    if (ask) {
      const q = questionFrom(w.taken(), random);
      if (q) questions.push({ q, articleId });
    }
    return text;
  };

  const [t0, t1] = w.topic;
  const [p0, p1] = w.people;
  lines.push(`${w.places[0]}${t0}の行方?${p0!.name}・${p1!.name}会談に見る、${t1}への道筋とは?${w.n()}が意味するもの`);
  lines.push(
    `${w.year}年${w.l()}${w.s()}後の${w.n()}の内幕。` +
      Array.from({ length: random.int(2, 3) }, () => sentence(random.pick(REPORT))).join("") +
      `そして今後の展望とは。`,
  );

  const sections = random.int(3, 5);
  for (let s = 0; s < sections; s++) {
    lines.push(sentence(heading), sentence(readerQuestion), sentence(answerLine));
    for (let i = random.int(1, 2); i > 0; i--) lines.push(sentence(random.pick(REPORT), true));
    for (let c = random.chance(0.25) ? 2 : 1; c > 0; c--) lines.push(...sourceCard(w, options.pools, sentence));
    for (let i = random.int(1, 2); i > 0; i--) lines.push(sentence(random.pick(COMMENTARY)));
    for (let i = random.int(3, 6); i > 0; i--) lines.push(sentence(random.pick(REPORT), true));
    if (random.chance(0.7)) lines.push(sentence(random.pick(ASIDES)));
  }

  lines.push("🚩 結論!");
  for (let i = 0; i < 3; i++) lines.push(`💡 ${sentence(random.pick(REPORT), i === 0)}`);
  return { fileName, text: `${lines.join("\n\n")}\n`, questions, words: w.words };
}

function sourceCard(w: Writer, pools: WordPools, sentence: (template: Template, ask?: boolean) => string): string[] {
  const r = w.random;
  const publisher = pools.publishers.sample(r);
  const shortName = publisher.name.split(":")[0]!;
  const title = sentence((w) => `「${w.n()}を${w.v()}」${w.p()}、${w.n()}${w.s()}示唆か:${shortName}`);
  const month = w.month();
  const day = r.int(1, 28);
  const date = `${w.year}/${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}`;
  const lines = [title];
  if (r.chance(0.85)) lines.push(`公開日:${date}`);
  lines.push(title);
  for (let i = r.int(2, 3); i > 0; i--) lines.push(`✅ ${sentence(r.pick(POINTS), true)}`);
  const path = `articles/${date.replaceAll("/", "")}/k00/00m/${r.int(10, 999).toString().padStart(3, "0")}/${r.hex16().slice(0, 10)}c`;
  lines.push(`さらに読む ⇒${publisher.name}出典/画像元: https://${publisher.host}/${path}`);
  return lines;
}
