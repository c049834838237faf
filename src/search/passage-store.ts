/**
 * The index's passages, by id. Built in memory, or read from the cache lazily: the cache keeps them as JSON
 * lines of PASSAGES_PER_CHUNK, and a chunk is parsed the first time one of its passages is asked for. A question
 * reads a hundred passages or so of the hundreds of thousands a large corpus has, so a start does not parse (and
 * the heap does not hold) the rest; the chunks wait as bytes, a third of the size of their objects.
 */
import type { IndexedPassage } from "./search-index.js";

/** Passages per chunk of the cache: small enough that reading one passage parses little. */
export const PASSAGES_PER_CHUNK = 100;

/** A passage as a positional array: the file repeats no field names, and article titles are stored once. */
export type PackedPassage = [
  kind: IndexedPassage["kind"],
  title: number,
  articleId: string,
  section: string,
  position: number,
  sectionIndex: number,
  cardIndex: number | null,
  text: string,
  url: string | null,
  publisher: string | null,
  publishedAt: string | null,
  sentences: Array<[start: number, end: number, features: number, terms: number[], subjects: number[] | 0]>,
  contextTerms: number[],
  questionTerms: number[],
  card: number[] | 0,
];

/** The passages of one article: ids start (inclusive) to end (exclusive). */
export interface PassageRange {
  start: number;
  end: number;
}

export class PassageStore {
  private constructor(
    private readonly passages: Array<IndexedPassage | undefined>,
    private readonly articles: Map<string, PassageRange>,
    /** Chunks not parsed yet (the whole line, `{"passages":[...]}`), and the article titles they refer to. */
    private readonly chunks: Array<Buffer | undefined> = [],
    private readonly titles: string[] = [],
  ) {}

  static of(passages: IndexedPassage[]): PassageStore {
    const articles = new Map<string, PassageRange>();
    passages.forEach((p, id) => {
      const range = articles.get(p.articleId);
      if (range) range.end = id + 1;
      else articles.set(p.articleId, { start: id, end: id + 1 });
    });
    return new PassageStore(passages, articles);
  }

  /** A store over the cache's chunk lines, each parsed on first use. */
  static lazy(options: { count: number; chunks: Buffer[]; titles: string[]; articles: Array<[string, number, number]> }): PassageStore {
    if (options.chunks.length !== Math.ceil(options.count / PASSAGES_PER_CHUNK)) throw new Error("passage chunks disagree with the passage count");
    const articles = new Map(options.articles.map(([id, start, end]) => [id, { start, end }]));
    return new PassageStore(new Array<IndexedPassage | undefined>(options.count), articles, [...options.chunks], options.titles);
  }

  get length(): number {
    return this.passages.length;
  }

  get(id: number): IndexedPassage | undefined {
    if (id < 0 || id >= this.passages.length) return undefined;
    const chunk = Math.floor(id / PASSAGES_PER_CHUNK);
    if (this.chunks[chunk]) this.parse(chunk);
    return this.passages[id];
  }

  /** Where each article's passages are (an article's passages are consecutive). */
  rangeOf(articleId: string): PassageRange | undefined {
    return this.articles.get(articleId);
  }

  /** [articleId, start, end] for every article, for the cache. */
  articleRanges(): Array<[string, number, number]> {
    return [...this.articles].map(([id, { start, end }]) => [id, start, end]);
  }

  *[Symbol.iterator](): IterableIterator<IndexedPassage> {
    for (let id = 0; id < this.passages.length; id++) yield this.get(id)!;
  }

  private parse(chunk: number): void {
    const packed = (JSON.parse(this.chunks[chunk]!.toString("utf8")) as { passages: PackedPassage[] }).passages;
    const first = chunk * PASSAGES_PER_CHUNK;
    if (packed.length !== Math.min(PASSAGES_PER_CHUNK, this.passages.length - first)) throw new Error("a passage chunk of the index cache is malformed");
    packed.forEach((p, i) => (this.passages[first + i] = unpackPassage(p, this.titles)));
    this.chunks[chunk] = undefined;
  }
}

export function packPassage(p: IndexedPassage, title: number): PackedPassage {
  const sentences = p.sentences.map((s): PackedPassage[11][number] => [s.start, s.end, s.features, s.terms, s.subjects ?? 0]);
  return [p.kind, title, p.articleId, p.section, p.position, p.sectionIndex, p.cardIndex, p.text, p.url, p.publisher, p.publishedAt, sentences, p.contextTerms, p.questionTerms, p.card ?? 0];
}

function unpackPassage(packed: PackedPassage, titles: string[]): IndexedPassage {
  const [kind, title, articleId, section, position, sectionIndex, cardIndex, text, url, publisher, publishedAt, sentences, contextTerms, questionTerms, card] = packed;
  const articleTitle = titles[title];
  if (articleTitle === undefined || !Array.isArray(sentences)) throw new Error("a passage entry is malformed");
  return {
    kind, articleId, articleTitle, section, position, sectionIndex, cardIndex, text, url, publisher, publishedAt, contextTerms, questionTerms,
    sentences: sentences.map(([start, end, features, terms, subjects]) => ({ start, end, features, terms, ...(subjects ? { subjects } : {}) })),
    ...(card ? { card } : {}),
  };
}
