/**
 * The index's passages, by id. Built in memory as objects, or read from the cache as columns: typed arrays for
 * the numbers and word ids, UTF-8 bytes for the texts, straight from the file's buffer. A passage read from
 * columns becomes an object when a question first asks for it, and only the most recently read ones are kept:
 * a question reads a few thousand passages at most of the hundreds of thousands a large corpus has, so a start
 * creates no object per passage and the heap does not grow with every passage ever read.
 */
import type { PassageKind } from "./passages.js";
import type { IndexedPassage, IndexedSentence } from "./search-index.js";

/** The order of `PassageColumns.kind`'s codes. */
export const PASSAGE_KINDS: readonly PassageKind[] = ["lead", "text", "qa", "point", "source", "conclusion"];

/** A string index, or a card index, that stands for null. */
const NONE = 0xffffffff;

/** Passages kept as objects once read from columns; the whole cache is dropped when it is full. */
const DECODED_PASSAGES = 8192;

/** Lists of numbers: list i is values[offsets[i]] up to values[offsets[i + 1]]. */
export interface Lists {
  offsets: Uint32Array;
  values: Uint32Array;
}

/** Strings as bytes (UTF-16LE for texts, UTF-8 for the rest): string i is bytes[offsets[i]] up to bytes[offsets[i + 1]]. */
export interface Strings {
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** Every passage field as columns, one entry per passage (or per sentence), for the cache. */
export interface PassageColumns {
  kind: Uint8Array;
  /** Indices into `strings` (NONE: null). */
  articleId: Uint32Array;
  title: Uint32Array;
  section: Uint32Array;
  url: Uint32Array;
  publisher: Uint32Array;
  publishedAt: Uint32Array;
  position: Uint32Array;
  sectionIndex: Int32Array;
  /** NONE: null. */
  cardIndex: Uint32Array;
  /** The passages' texts, one per passage, in UTF-16LE: smaller than UTF-8 for Japanese, and decoded by a copy. */
  text: Strings;
  /** The passage fields' distinct strings (ids, titles, headings, links, publishers, dates). */
  strings: Strings;
  /** Passage i's sentences are sentences[i] up to sentences[i + 1]. */
  sentences: Uint32Array;
  sentenceStart: Uint32Array;
  sentenceEnd: Uint32Array;
  sentenceFeatures: Uint32Array;
  sentenceTerms: Lists;
  sentenceSubjects: Lists;
  contextTerms: Lists;
  questionTerms: Lists;
  card: Lists;
}

/** The passages of one article: ids start (inclusive) to end (exclusive). */
export interface PassageRange {
  start: number;
  end: number;
}

export class PassageStore {
  private articles: Map<string, PassageRange> | undefined;
  private readonly decoded = new Map<number, IndexedPassage>();
  private readonly strings: Array<string | undefined> = [];

  private constructor(
    private readonly objects: IndexedPassage[] | undefined,
    private readonly columns: PassageColumns | undefined,
  ) {}

  static of(passages: IndexedPassage[]): PassageStore {
    return new PassageStore(passages, undefined);
  }

  /** A store over columns read from the cache; `checkColumns` them first. */
  static fromColumns(columns: PassageColumns): PassageStore {
    return new PassageStore(undefined, columns);
  }

  get length(): number {
    return this.objects ? this.objects.length : this.columns!.kind.length;
  }

  get(id: number): IndexedPassage | undefined {
    if (!(id >= 0 && id < this.length)) return undefined;
    if (this.objects) return this.objects[id];
    let passage = this.decoded.get(id);
    if (!passage) {
      if (this.decoded.size >= DECODED_PASSAGES) this.decoded.clear();
      this.decoded.set(id, (passage = this.decode(id)));
    }
    return passage;
  }

  /** Where each article's passages are (an article's passages are consecutive). */
  rangeOf(articleId: string): PassageRange | undefined {
    return this.ranges().get(articleId);
  }

  /** [articleId, start, end] for every article. */
  articleRanges(): Array<[string, number, number]> {
    return [...this.ranges()].map(([id, { start, end }]) => [id, start, end]);
  }

  *[Symbol.iterator](): IterableIterator<IndexedPassage> {
    for (let id = 0; id < this.length; id++) yield this.get(id)!;
  }

  /** The passages as columns (for the cache). */
  toColumns(): PassageColumns {
    return this.columns ?? toColumns(this);
  }

  private ranges(): Map<string, PassageRange> {
    if (this.articles) return this.articles;
    const articles = new Map<string, PassageRange>();
    for (let id = 0; id < this.length; id++) {
      const articleId = this.objects ? this.objects[id]!.articleId : this.string(this.columns!.articleId[id]!)!;
      const range = articles.get(articleId);
      if (range) range.end = id + 1;
      else articles.set(articleId, { start: id, end: id + 1 });
    }
    return (this.articles = articles);
  }

  private string(index: number): string | null {
    if (index === NONE) return null;
    let value = this.strings[index];
    if (value === undefined) this.strings[index] = value = stringAt(this.columns!.strings, index);
    return value;
  }

  private decode(id: number): IndexedPassage {
    const c = this.columns!;
    const sentences: IndexedSentence[] = [];
    for (let s = c.sentences[id]!; s < c.sentences[id + 1]!; s++) {
      const subjects = listAt(c.sentenceSubjects, s);
      sentences.push({ start: c.sentenceStart[s]!, end: c.sentenceEnd[s]!, terms: listAt(c.sentenceTerms, s), features: c.sentenceFeatures[s]!, ...(subjects.length ? { subjects } : {}) });
    }
    const card = listAt(c.card, id);
    return {
      kind: PASSAGE_KINDS[c.kind[id]!]!,
      articleId: this.string(c.articleId[id]!)!,
      articleTitle: this.string(c.title[id]!)!,
      section: this.string(c.section[id]!)!,
      position: c.position[id]!,
      sectionIndex: c.sectionIndex[id]!,
      cardIndex: c.cardIndex[id] === NONE ? null : c.cardIndex[id]!,
      text: stringAt(c.text, id, "utf16le"),
      url: this.string(c.url[id]!),
      publisher: this.string(c.publisher[id]!),
      publishedAt: this.string(c.publishedAt[id]!),
      sentences,
      contextTerms: listAt(c.contextTerms, id),
      questionTerms: listAt(c.questionTerms, id),
      ...(card.length ? { card } : {}),
    };
  }
}

function listAt(lists: Lists, i: number): number[] {
  const out: number[] = [];
  for (let at = lists.offsets[i]!; at < lists.offsets[i + 1]!; at++) out.push(lists.values[at]!);
  return out;
}

function stringAt(strings: Strings, i: number, encoding: "utf8" | "utf16le" = "utf8"): string {
  const { bytes, offsets } = strings;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding, offsets[i]!, offsets[i + 1]!);
}

/** A growable column of unsigned 32-bit numbers. */
class Column {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

class ListsBuilder {
  private readonly offsets = new Column();
  private readonly values = new Column();

  constructor() {
    this.offsets.push(0);
  }

  add(list: readonly number[] | undefined): void {
    for (const value of list ?? []) this.values.push(value);
    this.offsets.push(this.values.length);
  }

  done(): Lists {
    return { offsets: this.offsets.done(), values: this.values.done() };
  }
}

class StringsBuilder {
  private readonly offsets = new Column();
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private readonly index = new Map<string, number>();

  constructor(
    private readonly distinct: boolean,
    private readonly encoding: "utf8" | "utf16le" = "utf8",
  ) {
    this.offsets.push(0);
  }

  /** The string's index (a distinct table gives a string seen before its first index). */
  add(value: string | null): number {
    if (value === null) return NONE;
    const known = this.distinct ? this.index.get(value) : undefined;
    if (known !== undefined) return known;
    const bytes = Buffer.from(value, this.encoding);
    this.chunks.push(bytes);
    this.bytes += bytes.length;
    if (this.bytes > NONE) throw new Error("the passages' text is too large for the index cache");
    this.offsets.push(this.bytes);
    const id = this.offsets.length - 2;
    if (this.distinct) this.index.set(value, id);
    return id;
  }

  done(): Strings {
    return { offsets: this.offsets.done(), bytes: Buffer.concat(this.chunks, this.bytes) };
  }
}

function toColumns(store: PassageStore): PassageColumns {
  const count = store.length;
  const kind = new Uint8Array(count);
  const u32 = () => new Uint32Array(count);
  const [articleId, title, section, url, publisher, publishedAt, position, cardIndex] = [u32(), u32(), u32(), u32(), u32(), u32(), u32(), u32()];
  const sectionIndex = new Int32Array(count);
  const strings = new StringsBuilder(true);
  const text = new StringsBuilder(false, "utf16le");
  const sentences = new Column();
  const [sentenceStart, sentenceEnd, sentenceFeatures] = [new Column(), new Column(), new Column()];
  const [sentenceTerms, sentenceSubjects, contextTerms, questionTerms, card] = [new ListsBuilder(), new ListsBuilder(), new ListsBuilder(), new ListsBuilder(), new ListsBuilder()];
  sentences.push(0);
  for (let id = 0; id < count; id++) {
    const p = store.get(id)!;
    kind[id] = PASSAGE_KINDS.indexOf(p.kind);
    articleId[id] = strings.add(p.articleId);
    title[id] = strings.add(p.articleTitle);
    section[id] = strings.add(p.section);
    url[id] = strings.add(p.url);
    publisher[id] = strings.add(p.publisher);
    publishedAt[id] = strings.add(p.publishedAt);
    position[id] = p.position;
    sectionIndex[id] = p.sectionIndex;
    cardIndex[id] = p.cardIndex ?? NONE;
    text.add(p.text);
    for (const s of p.sentences) {
      sentenceStart.push(s.start);
      sentenceEnd.push(s.end);
      sentenceFeatures.push(s.features);
      sentenceTerms.add(s.terms);
      sentenceSubjects.add(s.subjects);
    }
    sentences.push(sentenceStart.length);
    contextTerms.add(p.contextTerms);
    questionTerms.add(p.questionTerms);
    card.add(p.card);
  }
  return {
    kind, articleId, title, section, url, publisher, publishedAt, position, sectionIndex, cardIndex,
    text: text.done(),
    strings: strings.done(),
    sentences: sentences.done(),
    sentenceStart: sentenceStart.done(),
    sentenceEnd: sentenceEnd.done(),
    sentenceFeatures: sentenceFeatures.done(),
    sentenceTerms: sentenceTerms.done(),
    sentenceSubjects: sentenceSubjects.done(),
    contextTerms: contextTerms.done(),
    questionTerms: questionTerms.done(),
    card: card.done(),
  };
}

/**
 * Checks that columns read from a file agree with each other and with the index (every offset in range and in
 * order, every word id in the vocabulary, every string and passage reference real), so that no question can
 * later read past an array or meet a half passage: what fails here is rebuilt instead. Throws with the reason.
 */
export function checkColumns(c: PassageColumns, terms: number): void {
  const count = c.kind.length;
  const fail = (what: string) => {
    throw new Error(`the index file's passages are malformed (${what})`);
  };
  for (const [name, column] of Object.entries({ articleId: c.articleId, title: c.title, section: c.section, url: c.url, publisher: c.publisher, publishedAt: c.publishedAt, position: c.position, sectionIndex: c.sectionIndex, cardIndex: c.cardIndex })) {
    if (column.length !== count) fail(`${name} has ${column.length} entries for ${count} passages`);
  }
  checkStrings(c.text, count, fail, "texts", 2);
  const stringCount = c.strings.offsets.length - 1;
  checkStrings(c.strings, stringCount, fail, "strings");
  for (let id = 0; id < count; id++) {
    if (c.kind[id]! >= PASSAGE_KINDS.length) fail("an unknown passage kind");
    for (const column of [c.articleId, c.title, c.section]) if (column[id]! >= stringCount) fail("a string reference out of range");
    for (const column of [c.url, c.publisher, c.publishedAt]) if (column[id]! >= stringCount && column[id] !== NONE) fail("a string reference out of range");
  }
  const sentences = checkOffsets(c.sentences, count, c.sentenceStart.length, fail, "sentences");
  if (c.sentenceEnd.length !== sentences || c.sentenceFeatures.length !== sentences) fail("sentence columns of different lengths");
  for (let s = 0; s < sentences; s++) if (c.sentenceEnd[s]! < c.sentenceStart[s]!) fail("a sentence that ends before it starts");
  for (const [name, lists] of Object.entries({ sentenceTerms: c.sentenceTerms, sentenceSubjects: c.sentenceSubjects })) checkLists(lists, sentences, terms, fail, name);
  for (const [name, lists] of Object.entries({ contextTerms: c.contextTerms, questionTerms: c.questionTerms })) checkLists(lists, count, terms, fail, name);
  checkLists(c.card, count, count, fail, "card");
}

type Fail = (what: string) => never;

/** Offsets of `count` runs over `total` entries: starts at 0, never goes back, ends at `total`. Returns total. */
function checkOffsets(offsets: Uint32Array, count: number, total: number, fail: Fail, name: string): number {
  if (offsets.length !== count + 1 || offsets[0] !== 0 || offsets[count] !== total) fail(`${name}' offsets do not cover them`);
  for (let i = 0; i < count; i++) if (offsets[i + 1]! < offsets[i]!) fail(`${name}' offsets go back`);
  return total;
}

function checkLists(lists: Lists, count: number, bound: number, fail: Fail, name: string): void {
  checkOffsets(lists.offsets, count, lists.values.length, fail, name);
  for (let i = 0; i < lists.values.length; i++) if (lists.values[i]! >= bound) fail(`${name} refers past its end`);
}

function checkStrings(strings: Strings, count: number, fail: Fail, name: string, unit = 1): void {
  checkOffsets(strings.offsets, count, strings.bytes.length, fail, name);
  for (let i = 0; i < count && unit > 1; i++) if (strings.offsets[i]! % unit !== 0) fail(`${name} split inside a character`);
}
