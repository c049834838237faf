/**
 * The search index: every passage of every article, analysed once, in two forms.
 *  - MiniSearch (BM25+) over two fields -- the passage's words, and its section's heading and reader question
 *    (a lower weight) -- finds candidates fast. (Question words the articles lack are looked up among similar
 *    indexed words, similar-terms.ts, not through bigrams of every passage.)
 *  - Each sentence's words in order (as ids into one vocabulary) and what it contains (a date, a number, a
 *    name), for the rerank, which needs what BM25 cannot see: coverage, word distance, answer types.
 * Both are plain data, saved to and loaded from the cache (cache.ts) as they are.
 */
import MiniSearch, { type Options } from "minisearch";
import type { Article } from "../articles/model.js";
import type { Analyzer } from "./analyzer.js";
import { buildPassages, type Passage } from "./passages.js";
import { PassageStore } from "./passage-store.js";
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

/** A MiniSearch document: analysed words joined by spaces (the analysis is done before MiniSearch sees it). */
export interface SearchDocument {
  id: number;
  body: string;
  context: string;
}

export const SEARCH_FIELDS = ["body", "context"] as const;

/**
 * From this many passages on, MiniSearch indexes sections (each section's passages as one document) instead of
 * passages. It scores every posting of every query word, and a section holds its passages' words once each, with
 * its heading once rather than once per passage: about half the postings to load, keep and score for a common
 * word. The rerank then reads the passages of the best sections. Below this size passages are the documents, as
 * BM25 at passage level ranks best when every posting is cheap.
 */
export const SECTION_DOCUMENTS_FROM = 2000;

/** One options object for building and for loading: MiniSearch.loadJS refuses an index built differently. */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  fields: [...SEARCH_FIELDS],
  idField: "id",
  tokenize: (text) => (text ? text.split(" ") : []),
  processTerm: (term) => term || null,
};

const LINK = /^https?:\/\//;

export class SearchIndex {
  private readonly ids: Map<string, number>;
  /** Indexed words similar to a question word the articles lack (built on first use). */
  readonly similarTerms: SimilarTerms;

  constructor(
    readonly data: IndexData,
    readonly minisearch: MiniSearch<SearchDocument>,
  ) {
    this.ids = new Map(data.vocabulary.map((term, id) => [term, id]));
    this.similarTerms = new SimilarTerms(data.vocabulary);
  }

  /** The passage ids that MiniSearch document `id` stands for (itself, unless documents are sections). */
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
   * count from which MiniSearch's documents are sections.
   */
  static build(articles: Article[], analyzer: Analyzer, options: { sectionDocumentsFrom?: number } = {}): SearchIndex {
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
    const documents: SearchDocument[] = [];
    const wordStarts = (text: string) => analyzer.wordStarts(text);
    // Sections share their context: analyse each distinct one once.
    const contextCache = new Map<string, number[]>();
    const termsOf = (text: string | null) => {
      if (!text) return [];
      let cached = contextCache.get(text);
      if (!cached) contextCache.set(text, (cached = analyzer.terms(text).map(idOf)));
      return cached;
    };

    for (const article of articles) {
      // The subject carried from sentence to sentence, within one section's text (or one card's points).
      let stream = "";
      let carried: number[] = [];
      for (const passage of buildPassages(article, { wordStarts })) {
        const streamKey = `${passage.sectionIndex}/${passage.kind}/${passage.cardIndex}`;
        if (streamKey !== stream) [stream, carried] = [streamKey, []];
        const sentences = passage.sentences.map((span) => {
          const text = passage.text.slice(span.start, span.end);
          // A card's link is shown and quoted, not searched: its pieces (`https`, `www`, ids) are no words.
          const analysis = passage.kind === "source" && LINK.test(text) ? { words: [], features: 0 } : analyzer.analyze(text);
          const terms = analysis.words.flatMap((w) => (w.alt ? [w.term, w.alt] : [w.term])).map(idOf);
          const own = analysis.words.filter((w) => w.subject).map((w) => idOf(w.term));
          // The parts of a card's line are not sentences of one text: none carries a subject to the next.
          const subjects = own.length || passage.kind === "source" ? own : carried;
          carried = subjects;
          return { ...span, terms, features: analysis.features, ...(subjects.length ? { subjects } : {}) };
        });
        const contextTerms = termsOf(passage.context);
        const questionTerms = termsOf(passage.sectionQuestion);
        const bodyIds = new Set(sentences.flatMap((s) => s.terms));
        for (const id of bodyIds) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
        const id = passages.length;
        // The card's points are built just before its line, as the passages right before this one.
        const card: number[] = [];
        const sameCard = (other: IndexedPassage | undefined) =>
          other?.kind === "point" && other.articleId === passage.articleId && other.sectionIndex === passage.sectionIndex && other.cardIndex === passage.cardIndex;
        for (let p = id - 1; passage.kind === "source" && sameCard(passages[p]); p--) card.unshift(p);
        const { context: _context, sectionQuestion: _question, ...kept } = passage;
        passages.push({ ...kept, sentences, contextTerms, questionTerms, ...(card.length ? { card } : {}) });
        // A card's line is found through what the card says (a card without a headline has nothing else).
        const cardTerms = card.flatMap((p) => passages[p]!.sentences.flatMap((s) => s.terms));
        documents.push({
          id,
          body: sentences.flatMap((s) => s.terms.map((t) => vocabulary[t])).join(" "),
          context: [...contextTerms, ...cardTerms].map((t) => vocabulary[t]).join(" "),
        });
      }
    }
    for (let i = 0; i < vocabulary.length; i++) documentFrequency[i] ??= 0;
    const minisearch = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
    const store = PassageStore.of(passages);
    if (passages.length < (options.sectionDocumentsFrom ?? SECTION_DOCUMENTS_FROM)) {
      minisearch.addAll(documents);
      return new SearchIndex({ passages: store, vocabulary, documentFrequency }, minisearch);
    }
    const units = sectionUnits(passages);
    units.forEach((start, d) => {
      const end = units[d + 1] ?? passages.length;
      const parts = documents.slice(start, end);
      minisearch.add({ id: d, body: parts.map((p) => p.body).filter(Boolean).join(" "), context: parts[0]!.context });
    });
    return new SearchIndex({ passages: store, vocabulary, documentFrequency, units }, minisearch);
  }
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
