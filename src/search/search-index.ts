/**
 * The search index: every passage of every article, analysed once, in two forms.
 *  - Postings (BM25+, scored as MiniSearch scores, postings.ts) over two fields -- the passage's words, and its
 *    section's heading and reader question (a lower weight) -- find candidates fast. (Question words the articles lack are looked up among similar
 *    indexed words, similar-terms.ts, not through bigrams of every passage.)
 *  - Each sentence's words in order (as ids into one vocabulary) and what it contains (a date, a number, a
 *    name), for the rerank, which needs what BM25 cannot see: coverage, word distance, answer types.
 * Both are plain data (the postings typed arrays), saved to and loaded from the cache (cache.ts) as they are.
 */
import type { Article } from "../articles/model.js";
import type { Analyzer } from "./analyzer.js";
import { analyzeArticle, type AnalyzedArticle } from "./analyze-article.js";
import type { Passage } from "./passages.js";
import { PassageColumnsBuilder, PassageStore, type PassageColumns } from "./passage-store.js";
import { Postings, type DocumentFields, type PostingField, type PostingsResult } from "./postings.js";
import { SimilarTerms } from "./similar-terms.js";
import type { Span } from "./sentences.js";

export interface IndexedSentence extends Span {
  /** The sentence's word ids in order (a word's surface form, when indexed too, follows its term). */
  terms: number[];
  /** `Feature` bits: what answer types the sentence can satisfy. */
  features: number;
  /**
   * Word ids of the sentence's subject (the noun phrase before は or が). A sentence without one inherits the
   * previous sentence's, as Japanese leaves out a subject that stays the same. Omitted when none.
   */
  subjects?: number[];
}

/** A passage as the index keeps it: its words analysed, its context text reduced to word ids. */
export interface IndexedPassage extends Omit<Passage, "sentences" | "context" | "sectionQuestion"> {
  sentences: IndexedSentence[];
  /** Word ids of the passage's context (section heading and reader question/answer). */
  contextTerms: number[];
  /** Word ids of the section's reader question alone. */
  questionTerms: number[];
  /** For a card's own line: the ids of the passages of that card's points, which say what the report is about. */
  card?: number[];
}

export interface IndexData {
  passages: PassageStore;
  /**
   * Present when the search's documents are sections rather than passages (a large corpus, see
   * SECTION_DOCUMENTS_FROM): document d holds passages units[d] up to units[d + 1] (or the last passage).
   */
  units?: number[];
  /** Every indexed word; ids are positions here. */
  vocabulary: string[];
  /** For each word id, how many passages contain it in their text. */
  documentFrequency: number[];
}

/** One sub-query of a candidate search: words, field boosts, a boost per word (see Postings.search). */
export interface CandidateQuery {
  terms: string[];
  boost: Record<PostingField, number>;
  boostTerm: (term: string) => number;
}

/**
 * From this many passages on, the postings index sections (each section's passages as one document) instead of
 * passages. A search scores every posting of every query word, and a section holds its passages' words once
 * each, with its heading once rather than once per passage: about half the postings to keep and score for a
 * common word. The rerank then reads the passages of the best sections. Below this size passages are the
 * documents, as BM25 at passage level ranks best when every posting is cheap.
 */
export const SECTION_DOCUMENTS_FROM = 2000;

export class SearchIndex {
  private readonly ids: Map<string, number>;
  /** Indexed words similar to a question word the articles lack (built on first use). */
  readonly similarTerms: SimilarTerms;

  constructor(
    readonly data: IndexData,
    readonly postings: Postings,
  ) {
    this.ids = new Map();
    data.vocabulary.forEach((term, id) => this.ids.set(term, id));
    this.similarTerms = new SimilarTerms(data.vocabulary);
  }

  /**
   * The documents (passages, or sections, see passagesOf) holding any of the queries' words, best first by
   * BM25+, each query's words ORed and the queries ORed (MiniSearch's `combineWith: "OR"`).
   */
  search(queries: CandidateQuery[]): IterableIterator<PostingsResult> {
    return this.postings.search(
      queries.map((q) => ({ terms: q.terms.map((t) => this.ids.get(t)), boost: q.boost, boostTerm: (i: number) => q.boostTerm(q.terms[i]!) })),
    );
  }

  /** The passage ids that search document `id` stands for (itself, unless documents are sections). */
  passagesOf(document: number): { start: number; end: number } {
    const units = this.data.units;
    if (!units) return { start: document, end: document + 1 };
    return { start: units[document]!, end: units[document + 1] ?? this.data.passages.length };
  }

  /** The id of an indexed word, or undefined when no passage has it. */
  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  get passageCount(): number {
    return this.data.passages.length;
  }

  /** The passage with this id (ids are positions in the index, 0 to passageCount - 1). */
  passage(id: number): IndexedPassage | undefined {
    return this.data.passages.get(id);
  }

  /** Passages of the corpus that contain the word (0 for a word the articles never use). */
  documentFrequency(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.data.documentFrequency[id] ?? 0);
  }

  /**
   * Analyses and indexes the articles. `sectionDocumentsFrom` (default SECTION_DOCUMENTS_FROM): the passage
   * count from which the search's documents are sections.
   */
  static build(articles: Article[], analyzer: Analyzer, options: { sectionDocumentsFrom?: number } = {}): SearchIndex {
    // One article at a time: each analysed article is dropped once assembled, not held with all the others.
    function* analyzed() {
      for (const article of articles) yield analyzeArticle(article, analyzer);
    }
    return SearchIndex.assemble(analyzed(), options);
  }

  /**
   * Indexes analysed articles: gives every word an id (in order of first use), counts document frequencies and
   * builds the postings. The same articles in the same order make the same index, however they were analysed.
   * `analyzed` is read once, in order (an array, or a generator that analyses as it goes).
   */
  static assemble(analyzed: Iterable<AnalyzedArticle>, options: { sectionDocumentsFrom?: number } = {}): SearchIndex {
    const vocabulary: string[] = [];
    const ids = new Map<string, number>();
    const idOf = (term: string) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(term);
        ids.set(term, id);
      }
      return id;
    };
    const documentFrequency: number[] = [];
    /** Per word, the last passage counted in its document frequency. */
    const countedIn: number[] = [];
    const columns = new PassageColumnsBuilder();
    // The first passage of each section: a run of passages of one article and one section (the lead and the
    // conclusions are runs of their own).
    const units: number[] = [];
    let previous: { articleId: string; sectionIndex: number } | undefined;

    for (const article of analyzed) {
      const first = columns.count;
      for (const passage of article.passages) {
        const id = columns.count;
        const sentences = passage.sentences.map(({ terms, subjects, ...sentence }): IndexedSentence => ({
          start: sentence.start,
          end: sentence.end,
          terms: terms.map(idOf),
          features: sentence.features,
          ...(subjects ? { subjects: subjects.map(idOf) } : {}),
        }));
        const contextTerms = passage.contextTerms.map(idOf);
        const questionTerms = passage.questionTerms.map(idOf);
        for (const sentence of sentences) {
          for (const term of sentence.terms) {
            if (countedIn[term] === id) continue;
            countedIn[term] = id;
            documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
          }
        }
        const card = passage.card?.map((p) => first + p);
        const { card: _card, ...kept } = passage;
        columns.add({ ...kept, sentences, contextTerms, questionTerms, ...(card?.length ? { card } : {}) });
        if (!previous || previous.articleId !== passage.articleId || previous.sectionIndex !== passage.sectionIndex) units.push(id);
        previous = passage;
      }
    }
    for (let i = 0; i < vocabulary.length; i++) documentFrequency[i] ??= 0;
    const passages = columns.done();
    const data: IndexData = { passages: PassageStore.fromColumns(passages), vocabulary, documentFrequency };
    if (passages.kind.length >= (options.sectionDocumentsFrom ?? SECTION_DOCUMENTS_FROM)) data.units = units;
    return new SearchIndex(data, buildPostings(passages, vocabulary.length, data.units));
  }
}

/**
 * The postings of the passages' words and contexts: each passage a document, or each section (`units`, the first
 * passage of each) with its passages' words one after the other and its first passage's context.
 */
function buildPostings(c: PassageColumns, terms: number, units: number[] | undefined): Postings {
  const count = c.kind.length;
  // Passages from..to's words: their sentences' words, which the columns hold one after the other.
  const words = (from: number, to: number) => c.sentenceTerms.values.subarray(c.sentenceTerms.offsets[c.sentences[from]!]!, c.sentenceTerms.offsets[c.sentences[to]!]!);
  const context = (id: number): ArrayLike<number> => {
    const list = c.contextOf[id]!;
    const own = c.contextTerms.values.subarray(c.contextTerms.offsets[list]!, c.contextTerms.offsets[list + 1]!);
    const card = c.card.values.subarray(c.card.offsets[id]!, c.card.offsets[id + 1]!);
    if (!card.length) return own;
    // A card's line is found through what the card says (a card without a headline has nothing else).
    const all = Array.from(own);
    for (const point of card) for (const term of words(point, point + 1)) all.push(term);
    return all;
  };
  if (!units) return Postings.build(terms, count, (id): DocumentFields => [words(id, id + 1), context(id)]);
  return Postings.build(terms, units.length, (d): DocumentFields => [words(units[d]!, units[d + 1] ?? count), context(units[d]!)]);
}
