/**
 * The inverted index that finds candidates: for each field (a document's words, and its context), each word's
 * postings -- the documents holding it, ascending, and how often -- in typed arrays, with each document's field
 * length. A cache file holds these arrays as they are (cache.ts), so opening the index creates no object per
 * posting and a question allocates nothing per posting either.
 *
 * It scores BM25+ exactly as MiniSearch 7 does for the queries rank.ts sends (an OR of sub-queries, each an OR of
 * words with field boosts and a boost per word): the same per-field document frequencies and running average
 * field lengths, the same sums in the same order, each document's score multiplied by the number of distinct
 * query words it matched, and ties left in the order MiniSearch's result maps would hold them. Its results are
 * MiniSearch's, to the last bit (tests/search/postings.test.ts holds it to that).
 */

/** The fields, in the order they are scored. */
export const POSTING_FIELDS = ["body", "context"] as const;
export type PostingField = (typeof POSTING_FIELDS)[number];

/** MiniSearch 7's default BM25+ parameters, which the index was tuned with. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** One field's postings: word w's are entries offsets[w] to offsets[w + 1] of documents and frequencies. */
export interface FieldPostings {
  offsets: Uint32Array;
  /** 16 bits while there are at most 65,536 documents. */
  documents: Uint16Array | Uint32Array;
  frequencies: Uint16Array | Uint32Array;
  /** Each document's length in this field: its distinct words (as MiniSearch counts it). */
  lengths: Uint32Array;
  averageLength: number;
}

export interface PostingsData {
  documentCount: number;
  /** How many word ids the postings cover (the vocabulary's size). */
  termCount: number;
  fields: FieldPostings[];
}

/** One sub-query: words (ids; undefined for a word the index lacks), the field boosts, a boost per word. */
export interface PostingsQuery {
  terms: Array<number | undefined>;
  boost: Record<PostingField, number>;
  boostTerm: (index: number) => number;
}

export interface PostingsResult {
  id: number;
  score: number;
}

/** A document's words per field, as word ids in order (repeats count). */
export type DocumentFields = readonly [body: ArrayLike<number>, context: ArrayLike<number>];

export class Postings {
  private scratch: Scratch | undefined;

  constructor(readonly data: PostingsData) {}

  get documentCount(): number {
    return this.data.documentCount;
  }

  /** Builds the postings of documents 0 to count - 1 over word ids 0 to termCount - 1. */
  static build(termCount: number, count: number, documentAt: (id: number) => DocumentFields): Postings {
    const builders = POSTING_FIELDS.map(() => new FieldBuilder(termCount, count));
    for (let id = 0; id < count; id++) {
      const fields = documentAt(id);
      builders.forEach((builder, f) => builder.add(id, fields[f]!));
    }
    return new Postings({ documentCount: count, termCount, fields: builders.map((b) => b.finish()) });
  }

  /**
   * The documents matching any word of any query, best first, as MiniSearch's
   * `search({ combineWith: "OR", queries })` ranks them with each query `{ queries: [words joined], fields:
   * POSTING_FIELDS, boost, boostTerm }`. Scores are summed at once; the order is produced as it is read (a
   * heap), so a caller that stops after the best hundred does not pay for sorting, or holding, thousands.
   */
  search(queries: PostingsQuery[]): IterableIterator<PostingsResult> {
    const { documentCount, fields } = this.data;
    const s = (this.scratch ??= new Scratch(documentCount));
    const run = s.nextRun();
    // Every document touched, in the order MiniSearch's combined result map would hold it.
    let touched = 0;
    const counted = new Set<number>();
    for (const query of queries) {
      let queryTouched = 0;
      const queryRun = s.nextRun();
      for (let i = 0; i < query.terms.length; i++) {
        const term = query.terms[i];
        if (term === undefined || term >= this.data.termCount) continue;
        const termBoost = query.boostTerm(i);
        const termRun = s.nextRun();
        let termTouched = 0;
        for (let f = 0; f < POSTING_FIELDS.length; f++) {
          const field = fields[f]!;
          const from = field.offsets[term]!;
          const to = field.offsets[term + 1]!;
          if (from === to) continue;
          const matching = to - from;
          const idf = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
          // MiniSearch: termWeight (1) * termBoost * fieldBoost (0 counts as 1) * docBoost (1) * BM25+.
          const weight = 1 * termBoost * (query.boost[POSTING_FIELDS[f]!] || 1) * 1;
          const { k, b, d } = BM25;
          const average = field.averageLength;
          for (let p = from; p < to; p++) {
            const doc = field.documents[p]!;
            const tf = field.frequencies[p]!;
            const length = field.lengths[doc]!;
            const score = weight * (idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / average))));
            if (s.termSeen[doc] !== termRun) {
              s.termSeen[doc] = termRun;
              s.termScore[doc] = score;
              s.termList[termTouched++] = doc;
            } else s.termScore[doc] = s.termScore[doc]! + score;
          }
        }
        // A word repeated (in one query or across them) matches the same documents: it counts once.
        const distinct = !counted.has(term);
        counted.add(term);
        for (let t = 0; t < termTouched; t++) {
          const doc = s.termList[t]!;
          if (s.querySeen[doc] !== queryRun) {
            s.querySeen[doc] = queryRun;
            s.queryScore[doc] = s.termScore[doc]!;
            s.queryList[queryTouched++] = doc;
          } else s.queryScore[doc] = s.queryScore[doc]! + s.termScore[doc]!;
          if (s.countSeen[doc] !== run) {
            s.countSeen[doc] = run;
            s.matched[doc] = 0;
          }
          if (distinct) s.matched[doc] = s.matched[doc]! + 1;
        }
      }
      for (let q = 0; q < queryTouched; q++) {
        const doc = s.queryList[q]!;
        if (s.totalSeen[doc] !== run) {
          s.totalSeen[doc] = run;
          s.total[doc] = s.queryScore[doc]!;
          s.totalList[touched++] = doc;
        } else s.total[doc] = s.total[doc]! + s.queryScore[doc]!;
      }
    }
    // Copied out of the scratch arrays, so that the next search may start before this one is read to its end.
    const ids = s.totalList.slice(0, touched);
    const scores = new Float64Array(touched);
    for (let i = 0; i < touched; i++) scores[i] = s.total[ids[i]!]! * (s.matched[ids[i]!] || 1);
    return bestFirst(ids, scores);
  }
}

/**
 * The documents by descending score; equal scores in first-touched order (positions in `ids`), as MiniSearch's
 * stable sort of its result map leaves them. A binary heap of positions: built in linear time, each result read
 * costs a logarithm.
 */
function* bestFirst(ids: Uint32Array, scores: Float64Array): IterableIterator<PostingsResult> {
  const heap = new Uint32Array(ids.length);
  for (let i = 0; i < heap.length; i++) heap[i] = i;
  // a before b: a higher score, or the same score touched earlier.
  const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  const down = (from: number, size: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, heap[at]!)) return;
      const swapped = heap[at]!;
      heap[at] = heap[child]!;
      heap[child] = swapped;
      at = child;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i, heap.length);
  for (let size = heap.length; size > 0; size--) {
    const best = heap[0]!;
    heap[0] = heap[size - 1]!;
    down(0, size - 1);
    yield { id: ids[best]!, score: scores[best]! };
  }
}

/** Per-document accumulators reused from question to question, reset by run numbers instead of clearing. */
class Scratch {
  readonly termScore: Float64Array;
  readonly queryScore: Float64Array;
  readonly total: Float64Array;
  readonly matched: Uint32Array;
  readonly termSeen: Uint32Array;
  readonly querySeen: Uint32Array;
  readonly totalSeen: Uint32Array;
  readonly countSeen: Uint32Array;
  /** The documents a word, a query and the whole search touched, in order. */
  readonly termList: Uint32Array;
  readonly queryList: Uint32Array;
  readonly totalList: Uint32Array;
  private run = 0;

  constructor(count: number) {
    this.termScore = new Float64Array(count);
    this.queryScore = new Float64Array(count);
    this.total = new Float64Array(count);
    this.matched = new Uint32Array(count);
    this.termSeen = new Uint32Array(count);
    this.querySeen = new Uint32Array(count);
    this.totalSeen = new Uint32Array(count);
    this.countSeen = new Uint32Array(count);
    this.termList = new Uint32Array(count);
    this.queryList = new Uint32Array(count);
    this.totalList = new Uint32Array(count);
  }

  nextRun(): number {
    if (this.run === 0xffffffff) {
      for (const seen of [this.termSeen, this.querySeen, this.totalSeen, this.countSeen]) seen.fill(0);
      this.run = 0;
    }
    return ++this.run;
  }
}

/**
 * Collects one field's postings document by document (documents come in ascending order, so each word's
 * postings do too), then lays them out word by word.
 */
class FieldBuilder {
  private readonly lengths: Uint32Array;
  /** Postings as they come: word, document, frequency. */
  private words = new Uint32Array(1 << 16);
  private docs = new Uint32Array(1 << 16);
  private freqs = new Uint32Array(1 << 16);
  private size = 0;
  private average = 0;
  /** Per word: the last document it was counted in, and where that posting is. */
  private readonly lastDocument: Int32Array;
  private readonly lastPosting: Uint32Array;

  constructor(
    private readonly termCount: number,
    count: number,
  ) {
    this.lengths = new Uint32Array(count);
    this.lastDocument = new Int32Array(termCount).fill(-1);
    this.lastPosting = new Uint32Array(termCount);
  }

  add(doc: number, terms: ArrayLike<number>): void {
    let distinct = 0;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      if (!(term >= 0 && term < this.termCount)) throw new Error(`word id ${term} outside the vocabulary`);
      if (this.lastDocument[term] === doc) {
        this.freqs[this.lastPosting[term]!]!++;
        continue;
      }
      distinct++;
      if (this.size === this.words.length) this.grow();
      this.lastDocument[term] = doc;
      this.lastPosting[term] = this.size;
      this.words[this.size] = term;
      this.docs[this.size] = doc;
      this.freqs[this.size] = 1;
      this.size++;
    }
    this.lengths[doc] = distinct;
    // MiniSearch's running average, step by step, so that its float comes out the same.
    this.average = (this.average * doc + distinct) / (doc + 1);
  }

  finish(): FieldPostings {
    const offsets = new Uint32Array(this.termCount + 1);
    for (let p = 0; p < this.size; p++) offsets[this.words[p]! + 1]!++;
    for (let w = 0; w < this.termCount; w++) offsets[w + 1]! += offsets[w]!;
    const next = offsets.slice(0, this.termCount);
    const documents = this.lengths.length <= 0x10000 ? new Uint16Array(this.size) : new Uint32Array(this.size);
    let maxFrequency = 0;
    for (let p = 0; p < this.size; p++) maxFrequency = Math.max(maxFrequency, this.freqs[p]!);
    const frequencies = maxFrequency <= 0xffff ? new Uint16Array(this.size) : new Uint32Array(this.size);
    for (let p = 0; p < this.size; p++) {
      const at = next[this.words[p]!]!++;
      documents[at] = this.docs[p]!;
      frequencies[at] = this.freqs[p]!;
    }
    return { offsets, documents, frequencies, lengths: this.lengths, averageLength: this.average };
  }

  private grow(): void {
    const grown = (a: Uint32Array) => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.words = grown(this.words);
    this.docs = grown(this.docs);
    this.freqs = grown(this.freqs);
  }
}
