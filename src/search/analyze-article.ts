/**
 * One article analysed for the index: its passages with every sentence's words, subjects and answer-type
 * features, the words as strings. Nothing here depends on the rest of the corpus (word ids and document
 * frequencies are assigned when the index is assembled, search-index.ts), so the result is plain JSON data that
 * can be cached per article or sent between threads.
 */
import type { Article } from "../articles/model.js";
import type { Analyzer } from "./analyzer.js";
import { buildPassages } from "./passages.js";
import type { IndexedPassage } from "./search-index.js";

export interface AnalyzedSentence {
  start: number;
  end: number;
  /** The sentence's words in order (a word's surface form, when indexed too, follows its term). */
  terms: string[];
  /** `Feature` bits. */
  features: number;
  /** The sentence's subject words, or those carried from the previous sentence; omitted when none. */
  subjects?: string[];
}

export interface AnalyzedPassage extends Omit<IndexedPassage, "sentences" | "contextTerms" | "questionTerms" | "card"> {
  sentences: AnalyzedSentence[];
  /** Words of the passage's context (section heading and reader question/answer). */
  contextTerms: string[];
  /** Words of the section's reader question alone. */
  questionTerms: string[];
  /** For a card's own line: positions, within this article's passages, of the card's points. */
  card?: number[];
}

export interface AnalyzedArticle {
  articleId: string;
  passages: AnalyzedPassage[];
}

const LINK = /^https?:\/\//;

export function analyzeArticle(article: Article, analyzer: Analyzer): AnalyzedArticle {
  const wordStarts = (text: string) => analyzer.wordStarts(text);
  // Sections share their context: analyse each distinct one once.
  const contextCache = new Map<string, string[]>();
  const termsOf = (text: string | null) => {
    if (!text) return [];
    let cached = contextCache.get(text);
    if (!cached) contextCache.set(text, (cached = analyzer.terms(text)));
    return cached;
  };
  const passages: AnalyzedPassage[] = [];
  // The subject carried from sentence to sentence, within one section's text (or one card's points).
  let stream = "";
  let carried: string[] = [];
  for (const passage of buildPassages(article, { wordStarts })) {
    const streamKey = `${passage.sectionIndex}/${passage.kind}/${passage.cardIndex}`;
    if (streamKey !== stream) [stream, carried] = [streamKey, []];
    const sentences = passage.sentences.map((span): AnalyzedSentence => {
      const text = passage.text.slice(span.start, span.end);
      // A card's link is shown and quoted, not searched: its pieces (`https`, `www`, ids) are no words.
      const analysis = passage.kind === "source" && LINK.test(text) ? { words: [], features: 0 } : analyzer.analyze(text);
      const terms = analysis.words.flatMap((w) => (w.alt ? [w.term, w.alt] : [w.term]));
      const own = analysis.words.filter((w) => w.subject).map((w) => w.term);
      // The parts of a card's line are not sentences of one text: none carries a subject to the next.
      const subjects = own.length || passage.kind === "source" ? own : carried;
      carried = subjects;
      return { ...span, terms, features: analysis.features, ...(subjects.length ? { subjects } : {}) };
    });
    const contextTerms = termsOf(passage.context);
    const questionTerms = termsOf(passage.sectionQuestion);
    const position = passages.length;
    // The card's points are built just before its line, as the passages right before this one.
    const card: number[] = [];
    const sameCard = (other: AnalyzedPassage | undefined) =>
      other?.kind === "point" && other.sectionIndex === passage.sectionIndex && other.cardIndex === passage.cardIndex;
    for (let p = position - 1; passage.kind === "source" && sameCard(passages[p]); p--) card.unshift(p);
    const { context: _context, sectionQuestion: _question, ...kept } = passage;
    passages.push({ ...kept, sentences, contextTerms, questionTerms, ...(card.length ? { card } : {}) });
  }
  return { articleId: article.id, passages };
}
