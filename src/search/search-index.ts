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
import { PassageStore } from "./passage-store.js";
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
   * Present when MiniSearch's documents are sections rather than passages (a large corpus, see
   * SECTION_DOCUMENTS_FROM): document d holds passages units[d] up to units[d + 1] (or the last passage).
   */
  units?: number[];
  /** Every indexed word; ids are positions here. */
  vocabulary: string[];
  /** For each word id, how many passages contain it in their text. */
  documentFrequency: number[];
}

export const SEARCH_FIELDS = ["body", "context"] as const;

/** One sub-query of a candidate search: words, field boosts, a boost per word (see Postings.search). */
export interface CandidateQuery {
  terms: string[];
  boost: Record<PostingField, number>;
  boostTerm: (term: string) => number;
}

/**
 * From this many passages on, MiniSearch indexes sections (each section's passages as one document) instead of
 * passages. It scores every posting of every query word, and a section holds its passages' words once each, with
 * its heading once rather than once per passage: about half the postings to load, keep and score for a common
 * word. The rerank then reads the passages of the best sections. Below this size passages are the documents, as
 * BM25 at passage level ranks best when every posting is cheap.
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
    this.ids = new Map(data.vocabulary.map((term, id) => [term, id]));
    this.similarTerms = new SimilarTerms(data.vocabulary);
  }

  /**
   * The documents (passages, or sections, see passagesOf) holding any of the queries' words, best first by
   * BM25+, each query's words ORed and the queries ORed (MiniSearch's `combineWith: "OR"`).
   */
  search(queries: CandidateQuery[]): PostingsResult[] {
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
    return SearchIndex.assemble(
      articles.map((article) => analyzeArticle(article, analyzer)),
      options,
    );
  }

  /**
   * Indexes analysed articles: gives every word an id (in order of first use), counts document frequencies and
   * builds the postings. The same articles in the same order make the same index, however they were analysed.
   */
  static assemble(analyzed: AnalyzedArticle[], options: { sectionDocumentsFrom?: number } = {}): SearchIndex {
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
    const passages: IndexedPassage[] = [];

    for (const article of analyzed) {
      const first = passages.length;
      for (const passage of article.passages) {
        const sentences = passage.sentences.map(({ terms, subjects, ...sentence }): IndexedSentence => ({
          start: sentence.start,
          end: sentence.end,
          terms: terms.map(idOf),
          features: sentence.features,
          ...(subjects ? { subjects: subjects.map(idOf) } : {}),
        }));
        const contextTerms = passage.contextTerms.map(idOf);
        const questionTerms = passage.questionTerms.map(idOf);
        const bodyIds = new Set(sentences.flatMap((s) => s.terms));
        for (const id of bodyIds) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
        const card = passage.card?.map((p) => first + p);
        const { card: _card, ...kept } = passage;
        passages.push({ ...kept, sentences, contextTerms, questionTerms, ...(card?.length ? { card } : {}) });
      }
    }
    for (let i = 0; i < vocabulary.length; i++) documentFrequency[i] ??= 0;
    const store = PassageStore.of(passages);
    const data: IndexData = { passages: store, vocabulary, documentFrequency };
    if (passages.length >= (options.sectionDocumentsFrom ?? SECTION_DOCUMENTS_FROM)) data.units = sectionUnits(passages);
    return new SearchIndex(data, buildPostings(data, passages));
  }
}

/** A passage's words, and its context's: what it is found by. */
function passageFields(passages: IndexedPassage[], id: number): [number[], number[]] {
  const passage = passages[id]!;
  const body = passage.sentences.flatMap((s) => s.terms);
  if (!passage.card) return [body, passage.contextTerms];
  // A card's line is found through what the card says (a card without a headline has nothing else).
  const card = passage.card.flatMap((p) => passages[p]!.sentences.flatMap((s) => s.terms));
  return [body, [...passage.contextTerms, ...card]];
}

function buildPostings(data: IndexData, passages: IndexedPassage[]): Postings {
  const terms = data.vocabulary.length;
  const units = data.units;
  if (!units) return Postings.build(terms, passages.length, (id): DocumentFields => passageFields(passages, id));
  // A section: its passages' words one after the other, and its first passage's context.
  return Postings.build(terms, units.length, (d): DocumentFields => {
    const end = units[d + 1] ?? passages.length;
    const body: number[] = [];
    for (let id = units[d]!; id < end; id++) for (const s of passages[id]!.sentences) for (const t of s.terms) body.push(t);
    return [body, passageFields(passages, units[d]!)[1]];
  });
}

/** The first passage of each section: a run of passages of one article and one section (the lead and the conclusions are runs of their own). */
function sectionUnits(passages: IndexedPassage[]): number[] {
  const units: number[] = [];
  passages.forEach((p, i) => {
    const previous = passages[i - 1];
    if (!previous || previous.articleId !== p.articleId || previous.sectionIndex !== p.sectionIndex) units.push(i);
  });
  return units;
}
