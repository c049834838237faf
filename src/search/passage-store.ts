/**
 * The index's passages, by id, as columns: typed arrays for the numbers and word ids, bytes for the texts and
 * other strings. Assembling an index writes them (PassageColumnsBuilder); the cache stores them as they are and
 * opens them straight from the file's buffer. A passage becomes an object when a question first asks for it, and
 * only the most recently read ones are kept: a question reads a couple of thousand passages at most of the
 * hundreds of thousands a large corpus has, so neither a build nor a start holds an object per passage, and the
 * heap does not grow with every passage ever read.
 */
import type { PassageKind } from "./passages.js";
import type { IndexedPassage, IndexedSentence } from "./search-index.js";

/** The order of `PassageColumns.kind`'s codes. */
export const PASSAGE_KINDS: readonly PassageKind[] = ["lead", "text", "qa", "point", "source", "conclusion"];

/** A string index, or a card index, that stands for null. */
const NONE = 0xffffffff;

/** Passages kept as objects once read from columns; the whole cache is dropped when it is full. */
const DECODED_PASSAGES = 8192;

/**
 * Lists of numbers: list i is values[offsets[i]] up to values[offsets[i + 1]]. Values take 16 bits when all
 * fit (word ids of a vocabulary under 65,536 words), else 32.
 */
export interface Lists {
  offsets: Uint32Array;
  values: Uint16Array | Uint32Array;
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
  /** Distinct context word lists; contextOf[i] is passage i's (a section's passages share theirs). */
  contextTerms: Lists;
  contextOf: Uint32Array;
  /** Distinct reader question word lists; questionOf[i] is passage i's. */
  questionTerms: Lists;
  questionOf: Uint32Array;
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

  private constructor(readonly columns: PassageColumns) {}

  /** A store over columns (from a build, or from the cache once `checkColumns` passed). */
  static fromColumns(columns: PassageColumns): PassageStore {
    return new PassageStore(columns);
  }

  get length(): number {
    return this.columns.kind.length;
  }

  get(id: number): IndexedPassage | undefined {
    if (!(id >= 0 && id < this.length)) return undefined;
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

  *[Symbol.iterator](): IterableIterator<IndexedPassage> {
    for (let id = 0; id < this.length; id++) yield this.get(id)!;
  }

  private ranges(): Map<string, PassageRange> {
    if (this.articles) return this.articles;
    const articles = new Map<string, PassageRange>();
    for (let id = 0; id < this.length; id++) {
      const articleId = this.string(this.columns.articleId[id]!)!;
      const range = articles.get(articleId);
      if (range) range.end = id + 1;
      else articles.set(articleId, { start: id, end: id + 1 });
    }
    return (this.articles = articles);
  }

  private string(index: number): string | null {
    if (index === NONE) return null;
    let value = this.strings[index];
    if (value === undefined) this.strings[index] = value = stringAt(this.columns.strings, index);
    return value;
  }

  private decode(id: number): IndexedPassage {
    const c = this.columns;
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
      contextTerms: listAt(c.contextTerms, c.contextOf[id]!),
      questionTerms: listAt(c.questionTerms, c.questionOf[id]!),
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

  at(i: number): number {
    return this.data[i]!;
  }

  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

class ListsBuilder {
  private readonly offsets = new Column();
  private readonly values = new Column();
  private max = 0;

  constructor() {
    this.offsets.push(0);
  }

  /** Adds a list; returns its index. */
  add(list: readonly number[] | undefined): number {
    for (const value of list ?? []) {
      this.values.push(value);
      if (value > this.max) this.max = value;
    }
    this.offsets.push(this.values.length);
    return this.offsets.length - 2;
  }

  /** The last list's index when it equals `list` (passages of one section share their context), else adds it. */
  addShared(list: readonly number[]): number {
    const count = this.offsets.length - 1;
    const start = count ? this.offsets.at(count - 1) : 0;
    if (count && this.offsets.at(count) - start === list.length && list.every((v, i) => this.values.at(start + i) === v)) return count - 1;
    return this.add(list);
  }

  done(): Lists {
    const values = this.values.done();
    return { offsets: this.offsets.done(), values: this.max <= 0xffff ? Uint16Array.from(values) : values };
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

/** Writes passages into columns, one after the other. */
export class PassageColumnsBuilder {
  private readonly kind = new Column();
  private readonly articleId = new Column();
  private readonly title = new Column();
  private readonly section = new Column();
  private readonly url = new Column();
  private readonly publisher = new Column();
  private readonly publishedAt = new Column();
  private readonly position = new Column();
  private readonly sectionIndex = new Column();
  private readonly cardIndex = new Column();
  private readonly strings = new StringsBuilder(true);
  private readonly text = new StringsBuilder(false, "utf16le");
  private readonly sentences = new Column();
  private readonly sentenceStart = new Column();
  private readonly sentenceEnd = new Column();
  private readonly sentenceFeatures = new Column();
  private readonly sentenceTerms = new ListsBuilder();
  private readonly sentenceSubjects = new ListsBuilder();
  private readonly contextTerms = new ListsBuilder();
  private readonly contextOf = new Column();
  private readonly questionTerms = new ListsBuilder();
  private readonly questionOf = new Column();
  private readonly card = new ListsBuilder();

  constructor() {
    this.sentences.push(0);
  }

  /** Passages added so far: the next one's id. */
  get count(): number {
    return this.kind.length;
  }

  add(p: IndexedPassage): void {
    this.kind.push(PASSAGE_KINDS.indexOf(p.kind));
    this.articleId.push(this.strings.add(p.articleId));
    this.title.push(this.strings.add(p.articleTitle));
    this.section.push(this.strings.add(p.section));
    this.url.push(this.strings.add(p.url));
    this.publisher.push(this.strings.add(p.publisher));
    this.publishedAt.push(this.strings.add(p.publishedAt));
    this.position.push(p.position);
    this.sectionIndex.push(p.sectionIndex >>> 0);
    this.cardIndex.push(p.cardIndex ?? NONE);
    this.text.add(p.text);
    for (const s of p.sentences) {
      this.sentenceStart.push(s.start);
      this.sentenceEnd.push(s.end);
      this.sentenceFeatures.push(s.features);
      this.sentenceTerms.add(s.terms);
      this.sentenceSubjects.add(s.subjects);
    }
    this.sentences.push(this.sentenceStart.length);
    this.contextOf.push(this.contextTerms.addShared(p.contextTerms));
    this.questionOf.push(this.questionTerms.addShared(p.questionTerms));
    this.card.add(p.card);
  }

  done(): PassageColumns {
    const sectionIndex = this.sectionIndex.done();
    return {
      kind: Uint8Array.from(this.kind.done()),
      articleId: this.articleId.done(),
      title: this.title.done(),
      section: this.section.done(),
      url: this.url.done(),
      publisher: this.publisher.done(),
      publishedAt: this.publishedAt.done(),
      position: this.position.done(),
      sectionIndex: new Int32Array(sectionIndex.buffer, sectionIndex.byteOffset, sectionIndex.length),
      cardIndex: this.cardIndex.done(),
      text: this.text.done(),
      strings: this.strings.done(),
      sentences: this.sentences.done(),
      sentenceStart: this.sentenceStart.done(),
      sentenceEnd: this.sentenceEnd.done(),
      sentenceFeatures: this.sentenceFeatures.done(),
      sentenceTerms: this.sentenceTerms.done(),
      sentenceSubjects: this.sentenceSubjects.done(),
      contextTerms: this.contextTerms.done(),
      contextOf: this.contextOf.done(),
      questionTerms: this.questionTerms.done(),
      questionOf: this.questionOf.done(),
      card: this.card.done(),
    };
  }
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
  for (const [name, lists, of] of [["contextTerms", c.contextTerms, c.contextOf], ["questionTerms", c.questionTerms, c.questionOf]] as const) {
    const lists_ = lists.offsets.length - 1;
    checkLists(lists, lists_, terms, fail, name);
    if (of.length !== count) fail(`${name} given for ${of.length} passages of ${count}`);
    for (let id = 0; id < count; id++) if (of[id]! >= lists_) fail(`${name} refers past its lists`);
  }
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
