/**
 * Ranking: BM25 (MiniSearch) finds candidates; a rerank then scores each on what BM25 cannot see, and a
 * passage that does not answer the question is dropped rather than quoted.
 *
 * Rerank features, each in [0, 1]:
 *  - coverage: how much of the question's content the passage holds, each word weighted by its rarity (idf)
 *    and its role (a name or noun counts fully, a verb less, a frame word like `理由` little);
 *  - the best sentence's own coverage, and how close its matched words stand (proximity);
 *  - the section's reader question: a heading question close to the user's marks the section that answers;
 *  - answer type: いつ wants a date, 誰 a person, どこ a place or organisation, いくら/何人 a number, and a
 *    question about the report itself (`記事`, `公開日`, `メディア`) a source card's line.
 * A word matches exactly (base or surface form), or partly: a frame word's family member (`姿勢` for `態度`), a
 * compound containing it (空 in 空域), a subject carried from the previous sentence -- all of which count as
 * present -- or a word sharing its first kanji (動き, 動向), which counts for ranking only.
 *
 * Not found: a candidate is kept only if it covers enough of the question (COVERAGE_THRESHOLD); when the
 * question names a topic the passage never mentions (a noun, or a name no article has), it matches a content word
 * besides names that weighs comparably (SPECIFIC_MATCH); when the question asks when, or for an amount in a
 * unit (`何歳`), it states one; and when the question names people or bodies the articles know, it names one of
 * them (or refers back to one: `同社`). That declines `<a person from the articles>の身長は?`: the names match everywhere, the
 * topic nowhere.
 */
import type { QueryCombination } from "minisearch";
import { Feature, type Role } from "./analyzer.js";
import { FRAME_FAMILIES } from "./lexicon.js";
import { PUBLISHER_PREFIX } from "./passages.js";
import type { Question } from "./question.js";
import type { IndexedPassage, IndexedSentence, SearchIndex } from "./search-index.js";

export interface RankedPassage {
  /** The passage's id in the index. */
  id: number;
  passage: IndexedPassage;
  score: number;
  /** Index into `passage.sentences` of the sentence that best answers the question. */
  bestSentence: number;
  coverage: number;
  /** Each rerank feature's value, and whether the passage answers at all (for tuning and debugging). */
  features: Record<string, number>;
  answers: boolean;
  /** Why it answers or not. */
  decision: Decision;
}

/** How much a word of each role counts towards coverage and BM25. */
const ROLE_WEIGHT: Record<Role, number> = { name: 1, noun: 1, number: 1, verb: 0.5, adjective: 0.5, frame: 0.3 };

/** Below this share of the question's weighted content, a passage does not answer it. */
export const COVERAGE_THRESHOLD = 0.3;
/**
 * When a question's topic noun is missing from a passage, what the passage does match besides names must weigh
 * at least this share of the missing word: `スターマー首相の会談での服装は?` matches the common `会談`, not enough
 * against the absent `服装`.
 */
export const SPECIFIC_MATCH = 0.5;
/** Passages scoring under this share of the best one are left out: a weak third quote is noise. */
const RELATIVE_FLOOR = 0.4;
/** How many passages the words that choose candidates may hold between them (see candidatesOf). */
export const CANDIDATE_POSTINGS = 20_000;
/** What an indexed word similar to a question word the articles lack counts in BM25, at full similarity. */
const SIMILAR_TERM = 0.3;
/** The best candidates whose following passage joins the rerank too, and the share of BM25 score it gets. */
const FOLLOWING_FROM = 10;
const FOLLOWING_SCORE = 0.5;
/** Passages BM25 hands to the rerank. */
const CANDIDATES = 60;
/** When MiniSearch's documents are sections: the passages of the best sections, up to about this many. */
const SECTION_CANDIDATES = 200;
/** Match credits. */
const EXACT = 1;
const COMPOUND = 0.6;
const SHARED_KANJI = 0.4;
/** A subject the sentence leaves out, carried from the sentence before. */
const CARRIED_SUBJECT = 0.8;
/** A frame noun's family member (`姿勢` for `態度`). */
const RELATED = 0.8;
/** An indexed word holding all of a question word the articles lack (`マリオ・ベルディ` for `ベルディ`). */
const SIMILAR = 0.8;
/** A word found only in the section's heading or reader question. */
const CONTEXT = 0.5;
/** The credit from which a word counts as present for the decision (exact, compound or context). */
const PRESENT = 0.5;

/**
 * A word found only in the sentences just before or after the passage (same section): Japanese drops a subject
 * the previous sentence named (`ゼレンスキー大統領は…。「…合意に至りたい」と述べ`).
 */
const NEIGHBOUR = 0.5;
/** What a sentence of the writer's commentary (`…ですね`) is worth next to a reporting one. */
const COMMENTARY_DISCOUNT = 0.6;
/** What a passage is worth when it is a card's line and the question is not about a report, or the reverse. */
const SOURCE_LINE_PRIOR = 0.75;

const WEIGHTS = { bm25: 0.15, coverage: 0.35, sentence: 0.25, proximity: 0.1, sectionQuestion: 0.1, answerType: 0.4, subject: 0.1 };
type FeatureName = keyof typeof WEIGHTS;

interface QueryWord {
  term: string;
  role: Role;
  ids: Set<number>;
  /** Ids of words that ask the same (a frame noun's family), matching with RELATED credit. */
  related: Set<number>;
  /**
   * For a word the articles lack: the ids of indexed words like it (`マリオ・ベルディ` for `ベルディ`), each with
   * how much of the word it holds (0-1; it matches with SIMILAR times that). Empty for a word the articles have.
   */
  similar: Map<number, number>;
  /** idf x role weight: for ranking. */
  weight: number;
  /** The same with frame words and verbs capped: for deciding whether a passage answers at all. */
  decisionWeight: number;
  /**
   * The role for that decision: a noun naming an action that the articles never use (`出動` where they say `派遣`)
   * is a paraphrase, like a verb, not a topic they lack; unless it is the subject asked about (`…の除籍はいつ?`).
   */
  decisionRole: Role;
  subject: boolean;
  /** Glued to the next question word (`出身` of `出身大学`). */
  modifier: boolean;
}

/** A sentence the rerank reads for a passage: its own, or (for a card's line) one of the card's points. */
interface ScoredSentence {
  sentence: IndexedSentence;
  /** The text of the passage the sentence is in (its own, or the card's points). */
  text: string;
  /** Index in the passage's own sentences, or -1 for a card point. */
  own: number;
  credit: number;
}

export function rank(index: SearchIndex, question: Question, options: { top: number; includeRejected?: boolean }): RankedPassage[] {
  const words = queryWords(index, question);
  if (words.length === 0) return [];
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  const subjectTotal = words.reduce((sum, w) => sum + (w.subject ? w.weight : 0), 0);

  const candidates = candidatesOf(index, question, words);
  if (candidates.length === 0) return [];
  const maxBm25 = Math.max(...candidates.map((c) => c.score));
  const scanner = new SentenceScanner(index, words);

  const ranked: Array<RankedPassage & { text: string }> = [];
  for (const candidate of candidates) {
    const passage = index.passage(candidate.id)!;
    const isLine = passage.kind === "source";
    // For a question about a report, the card's points say which report the line is: they count in full.
    const cardCredit = question.wantsSource ? 1 : 0.3;
    const sentences: ScoredSentence[] = [
      ...passage.sentences.map((sentence, own) => ({ sentence, text: passage.text, own, credit: isLine ? lineCredit(question, passage.text, sentence) : 1 })),
      ...(passage.card ?? []).flatMap((id) => {
        const point = index.passage(id)!;
        return point.sentences.map((sentence) => ({ sentence, text: point.text, own: -1, credit: cardCredit }));
      }),
    ];
    // A question for an amount in a unit (`何歳`) is answered by a sentence stating one.
    const typed = sentences.map(({ sentence, text }) => hasAnswerType(question, sentence, text));
    const scans = sentences.map(({ sentence }) => scanner.scan(sentence));
    const perSentence = sentences.map(({ credit }, s) => scans[s]!.match.map((m) => credit * m));

    const neighbourIds = neighbourTerms(index, candidate.id);
    const passageMatch = words.map((w, i) => {
      const inText = Math.max(0, ...perSentence.map((m) => m[i]!));
      const inContext = hasAny(w.ids, passage.contextTerms) ? CONTEXT : 0;
      const inNeighbour = hasAny(w.ids, neighbourIds) ? NEIGHBOUR : 0;
      return Math.max(inText, inContext, inNeighbour);
    });
    const coverage = weighted(words, passageMatch) / total;
    // `いつ` wants a time and `何歳` an age: a passage stating none does not answer, whatever words it shares (it
    // must be in what is quoted: a card's line does not quote its points).
    const needsTyped = question.amount !== null || (!question.wantsSource && (question.wants & Feature.DATE) !== 0);
    const decision = decide(words, passageMatch, { statesAnswerType: !needsTyped || typed.some((t, s) => t && sentences[s]!.own >= 0), text: passage.text });
    const answering = decision.answers;
    if (!answering && !options.includeRejected) continue;

    // The best sentence is the one that has it all at once: coverage, nearness, answer type, subject. The one
    // marked is among the passage's own; for a card's line, its points may score it.
    let best = 0;
    let bestOwn = -1;
    let bestAll = { value: -1, sentence: 0, proximity: 0, answerType: 0, subject: 0 };
    sentences.forEach(({ sentence, own, credit }, s) => {
      const parts = {
        sentence: weighted(words, perSentence[s]!) / total,
        proximity: credit * proximity(scans[s]!.positions, words),
        // A question about the report is answered by the kind of passage (a card's line), not by a sentence.
        answerType: !question.wantsSource && typed[s] ? credit : 0,
        subject: subjectTotal ? (credit * weighted(words, words.map((w) => (w.subject && sentence.subjects?.some((id) => w.ids.has(id)) ? 1 : 0)))) / subjectTotal : 0,
      };
      // The writer's own asides quote badly and rarely answer: a sentence of commentary counts for less.
      const voice = sentence.features & Feature.COMMENTARY ? COMMENTARY_DISCOUNT : 1;
      const value = voice * (WEIGHTS.sentence * parts.sentence + WEIGHTS.proximity * parts.proximity + WEIGHTS.answerType * parts.answerType + WEIGHTS.subject * parts.subject);
      if (value > bestAll.value) bestAll = { value, ...parts };
      if (own >= 0 && value > bestOwn) [best, bestOwn] = [own, value];
    });
    const sentenceFeatures = bestAll;

    // Squared: a reader question sharing a word or two with the user's is common; one asking the same is rare.
    const sectionQuestion = passage.questionTerms.length ? (weighted(words, words.map((w) => (hasAny(w.ids, passage.questionTerms) ? 1 : 0))) / total) ** 2 : 0;
    const features: Record<FeatureName, number> = {
      bm25: candidate.score / maxBm25,
      coverage,
      sentence: sentenceFeatures.sentence,
      proximity: sentenceFeatures.proximity,
      sectionQuestion,
      answerType: answerType(question, passage, sentenceFeatures.answerType, typed.some(Boolean)),
      subject: sentenceFeatures.subject,
    };
    // A card's line answers where and when a report appeared; for anything else its headline is a poor quote.
    const prior = isLine === question.wantsSource ? 1 : SOURCE_LINE_PRIOR;
    const score = prior * (Object.keys(WEIGHTS) as FeatureName[]).reduce((sum, k) => sum + WEIGHTS[k] * features[k], 0);
    ranked.push({ id: candidate.id, passage, score, bestSentence: best, coverage, text: passage.text, features, answers: answering, decision });
  }

  ranked.sort((a, b) => b.score - a.score || a.id - b.id);
  const seen = new Set<string>();
  const results: RankedPassage[] = [];
  const floor = (ranked.find((r) => r.answers)?.score ?? 0) * RELATIVE_FLOOR;
  for (const { text, ...result } of ranked) {
    if (seen.has(text) || (result.answers && result.score < floor)) continue;
    seen.add(text);
    results.push(result);
    if (results.length === options.top) break;
  }
  return results;
}

function queryWords(index: SearchIndex, question: Question): QueryWord[] {
  const n = index.passageCount;
  const idsOf = (forms: string[]) => new Set(forms.map((f) => index.termId(f)).filter((id): id is number => id !== undefined));
  const words = question.words.map((word) => {
    const forms = word.alt ? [word.term, word.alt] : [word.term];
    const family = word.role === "frame" ? (FRAME_FAMILIES.find((f) => f.includes(word.term)) ?? []) : [];
    // A word the articles never use counts as rare as the rarest they do (df 1), not as infinitely specific:
    // otherwise its weight grows with the corpus and swamps every word that matched.
    const df = Math.max(1, ...forms.map((f) => index.documentFrequency(f)));
    const ids = idsOf(forms);
    const similar = new Map<number, number>();
    if (ids.size === 0) {
      for (const { term, similarity } of index.similarTerms.find(word.term)) {
        const id = index.termId(term);
        if (id !== undefined) similar.set(id, similarity);
      }
    }
    return {
      term: word.term,
      role: word.role,
      decisionRole: word.action && !word.subject && ids.size === 0 ? ("verb" as const) : word.role,
      ids,
      related: idsOf(family.filter((f) => !forms.includes(f))),
      similar,
      idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
      subject: word.subject ?? false,
      modifier: word.modifier ?? false,
    };
  });
  // A frame word or a verb the articles never use (`将来`, `続ける`) is no sign that the question is off topic
  // (verbs are what questions paraphrase most): for the decision it weighs at most what the question's names and
  // nouns weigh on average. (For ranking, its full weight only scales every passage's coverage alike, and keeps
  // a frame family match worth having.)
  const topical = words.filter((w) => w.decisionRole === "name" || w.decisionRole === "noun" || w.decisionRole === "number");
  const cap = topical.length ? topical.reduce((sum, w) => sum + w.idf, 0) / topical.length : Infinity;
  const capped = (w: { decisionRole: Role; idf: number }) =>
    w.decisionRole === "frame" || w.decisionRole === "verb" || w.decisionRole === "adjective" ? Math.min(w.idf, cap) : w.idf;
  return words.map(({ idf, ...word }) => ({
    ...word,
    weight: idf * ROLE_WEIGHT[word.role],
    decisionWeight: capped({ decisionRole: word.decisionRole, idf }) * ROLE_WEIGHT[word.decisionRole],
  }));
}

function candidatesOf(index: SearchIndex, question: Question, words: QueryWord[]): Array<{ id: number; score: number }> {
  const known = words.filter((w) => w.ids.size > 0);
  // A word the articles lack is looked for through the indexed words most like it (a name cut short or spelled
  // otherwise), each counting by how much of it it holds.
  const similar = new Map<string, number>();
  for (const word of words) {
    for (const [id, similarity] of word.similar) {
      const term = index.data.vocabulary[id]!;
      similar.set(term, Math.max(similar.get(term) ?? 0, similarity));
    }
  }
  if (known.length === 0 && similar.size === 0) return [];

  // MiniSearch scores (and allocates a result for) every posting of every term: a word found in a large share of
  // a large corpus costs the most and tells candidates apart the least. The rarest words find the candidates, as
  // many as fit in CANDIDATE_POSTINGS (always the rarest one); the rerank still weighs every word.
  const searched = rarestWithin(known, (w) => index.documentFrequency(w.term), CANDIDATE_POSTINGS);
  const roleOf = new Map<string, Role>();
  for (const word of question.words) {
    if (!searched.some((w) => w.term === word.term)) continue;
    roleOf.set(word.term, word.role);
    if (word.alt) roleOf.set(word.alt, word.role);
  }
  // A question about a report finds the card's line through the card's points, which are its context.
  const boost = { body: 1, context: question.wantsSource ? 1 : 0.4 };
  const queries: QueryCombination[] = [];
  if (roleOf.size) {
    queries.push({ queries: [[...roleOf.keys()].join(" ")], fields: ["body", "context"], boost, boostTerm: (term: string) => ROLE_WEIGHT[roleOf.get(term) ?? "noun"] });
  }
  // The same budget holds for similar words: a common word inside an unknown one (協会 in 協会員) is no way in.
  const similarSearched = rarestWithin([...similar.keys()], (term) => index.documentFrequency(term), CANDIDATE_POSTINGS);
  if (similarSearched.length) {
    queries.push({ queries: [similarSearched.join(" ")], fields: ["body", "context"], boost, boostTerm: (term: string) => SIMILAR_TERM * (similar.get(term) ?? 0) });
  }
  // Distinct texts only: a corpus that repeats a passage (syndicated or re-posted articles) must not fill the
  // candidates with copies of one.
  const candidates: Array<{ id: number; score: number }> = [];
  const texts = new Set<string>();
  const limit = index.data.units ? SECTION_CANDIDATES : CANDIDATES;
  for (const result of index.minisearch.search({ combineWith: "OR", queries })) {
    // A section stands for its passages, which share its score: the rerank tells them apart.
    const { start, end } = index.passagesOf(result.id as number);
    for (let id = start; id < end; id++) {
      const text = index.passage(id)!.text;
      if (texts.has(text)) continue;
      texts.add(text);
      candidates.push({ id, score: result.score });
    }
    if (candidates.length >= limit) break;
  }
  // The passage after one of the best: Japanese leaves out a subject just named, so a quote often follows the
  // sentence that names who speaks (`菅原トシ子さん(81)は…。「…」と話す`), without a word of the question.
  if (!index.data.units) {
    const best = candidates.slice(0, FOLLOWING_FROM);
    for (const { id, score } of best) {
      const passage = index.passage(id)!;
      const next = index.passage(id + 1);
      if (!next || next.articleId !== passage.articleId || next.sectionIndex !== passage.sectionIndex || next.kind !== passage.kind) continue;
      if (texts.has(next.text)) continue;
      texts.add(next.text);
      candidates.push({ id: id + 1, score: score * FOLLOWING_SCORE });
    }
  }
  return candidates;
}

/** The rarest items whose frequencies add up to at most `budget`, rarest first; at least the rarest one. */
export function rarestWithin<T>(items: T[], frequency: (item: T) => number, budget: number): T[] {
  const chosen: T[] = [];
  let total = 0;
  for (const item of [...items].sort((a, b) => frequency(a) - frequency(b))) {
    total += frequency(item);
    if (chosen.length && total > budget) break;
    chosen.push(item);
  }
  return chosen;
}

interface Decision {
  answers: boolean;
  /** Weighted share of the question the passage covers (frames and verbs capped, see queryWords). */
  coverage: number;
  /**
   * Weight of the heaviest topic word the passage does not hold (a noun or number, or a name the articles never
   * mention nor anything like it: `札幌`, `社長`); 0 when none is missing.
   */
  missingTopic: number;
  /** Weight of the heaviest content word other than a name that it does hold; 0 when none. */
  matchedContent: number;
}

interface PassageFacts {
  /** False when the question asks when, or for an amount in a unit, and the passage says none. */
  statesAnswerType: boolean;
  /** The passage's text, read only when the question's names are missing from it (does it refer back?). */
  text: string;
}

function decide(words: QueryWord[], match: number[], { statesAnswerType, text }: PassageFacts): Decision {
  const total = words.reduce((sum, w) => sum + w.decisionWeight, 0);
  const coverage = words.reduce((sum, w, i) => sum + w.decisionWeight * match[i]!, 0) / total;
  const heaviest = (keep: (w: QueryWord, i: number) => boolean) => Math.max(0, ...words.filter(keep).map((w) => w.decisionWeight));
  const missingTopic = heaviest(
    (w, i) => (w.decisionRole === "noun" || w.decisionRole === "number" || (w.decisionRole === "name" && unknown(w))) && match[i]! < PRESENT,
  );
  // A word modifying a missing one is no stand-in for it: `出身` (`総務省出身`) for `出身大学`.
  const modifiesMissing = (w: QueryWord, i: number) => w.modifier && i + 1 < words.length && match[i + 1]! < PRESENT;
  const matchedContent = heaviest((w, i) => w.decisionRole !== "name" && w.decisionRole !== "frame" && match[i]! >= PRESENT && !modifiesMissing(w, i));
  // A question about people or bodies the articles name is answered by a passage naming one of them (or its
  // neighbour, or a `同社` referring back), not by one about someone else that shares the other words.
  const names = words.map((w, i) => [w, i] as const).filter(([w]) => w.decisionRole === "name" && !unknown(w));
  const namesMissing = names.length > 0 && names.every(([, i]) => match[i]! < PRESENT) && !REFERS_BACK.test(text);
  const answers = !namesMissing && statesAnswerType && coverage >= COVERAGE_THRESHOLD && (missingTopic === 0 || matchedContent >= SPECIFIC_MATCH * missingTopic);
  return { answers, coverage, missingTopic, matchedContent };
}

/** Words that refer back to a person or body named before (`彼`, `同氏`, `同社`): the name need not be repeated. */
const REFERS_BACK = /彼|同氏|同社|同館|同市|同町|同村|同県|同党|同国|同紙|同局|同大|同団体|同協会|同省|同庁/;

/** A word the articles never use, and nothing like it: no passage can be about it. */
function unknown(word: QueryWord): boolean {
  return word.ids.size === 0 && word.similar.size === 0;
}

/** Word ids of the last sentence before and the first after a passage, within its section and kind. */
function neighbourTerms(index: SearchIndex, id: number): number[] {
  const passage = index.passage(id)!;
  const ids: number[] = [];
  for (const [otherId, pick] of [[id - 1, -1], [id + 1, 0]] as const) {
    const other = index.passage(otherId);
    if (!other || other.articleId !== passage.articleId || other.sectionIndex !== passage.sectionIndex || other.kind !== passage.kind) continue;
    ids.push(...(other.sentences.at(pick)?.terms ?? []));
  }
  return ids;
}

function weighted(words: QueryWord[], match: number[]): number {
  return words.reduce((sum, w, i) => sum + w.weight * match[i]!, 0);
}

/**
 * How close the sentence's matched words stand: for each pair of the question's words, 1 / the distance between
 * them where both occur, summed over all the pairs the question has (a pair with a frame word counts less).
 * More words near each other score higher.
 */
function proximity(positions: number[][], words: QueryWord[]): number {
  if (words.length < 2) return 0;
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < words.length; a++) {
    for (let b = a + 1; b < words.length; b++) {
      const weight = Math.sqrt(ROLE_WEIGHT[words[a]!.role] * ROLE_WEIGHT[words[b]!.role]);
      pairs += weight;
      let nearest = Infinity;
      for (const pa of positions[a]!) for (const pb of positions[b]!) nearest = Math.min(nearest, Math.abs(pa - pb));
      if (nearest > 0 && nearest < Infinity) sum += weight / nearest;
    }
  }
  return sum / pairs;
}

/**
 * The answer type's match: for a question about the report, being a card's line; else the best sentence's, or
 * half when another sentence of the passage has it.
 */
function answerType(question: Question, passage: IndexedPassage, bestTyped: number, anyTyped: boolean): number {
  if (question.wantsSource) return passage.kind === "source" ? 1 : 0;
  if (bestTyped) return bestTyped;
  return anyTyped ? 0.5 : 0;
}

/**
 * A part of a card's line: the publisher's name and tagline (`天気と暮らしの情報サイト`) say who published, and
 * count only for a question about reports; the headline, date and link count as they are.
 */
function lineCredit(question: Question, text: string, sentence: IndexedSentence): number {
  return question.wantsSource || !text.startsWith(PUBLISHER_PREFIX, sentence.start) ? 1 : 0;
}

/** Whether a sentence has what the question's answer type asks for (an amount: in the unit asked). */
function hasAnswerType(question: Question, sentence: IndexedSentence, text: string): boolean {
  if (!question.amount) return (sentence.features & question.wants) !== 0;
  // The unit decides, not the sentence's NUMBER feature, which knows only the common units.
  return (sentence.features & question.wants & ~Feature.NUMBER) !== 0 || question.amount.test(text.slice(sentence.start, sentence.end));
}

/** Whether any of `terms` is one of `ids` (the lists are short: a heading, a question, one sentence). */
function hasAny(ids: Set<number>, terms: readonly number[]): boolean {
  for (const term of terms) if (ids.has(term)) return true;
  return false;
}

const KANJI = /[\u4E00-\u9FFF\u3005]/;

/** How a sentence matches each question word (see SentenceScanner.scan). */
interface SentenceScan {
  /** Per question word: EXACT, or the best partial credit (family member, compound, shared kanji, carried subject). */
  match: number[];
  /** Per question word: the positions in the sentence where it (or a family member) stands, for proximity. */
  positions: number[][];
}

/**
 * Reads each sentence once for all the question's words, remembering the result: a card's points are read for
 * every candidate that is a line of that card, and the rerank of a large corpus reads thousands of sentences.
 * Partial credits are memoised per word id, as a big vocabulary repeats them across sentences.
 */
class SentenceScanner {
  private readonly scans = new Map<IndexedSentence, SentenceScan>();
  private readonly partials = new Map<number, number[]>();

  constructor(
    private readonly index: SearchIndex,
    private readonly words: QueryWord[],
  ) {}

  scan(sentence: IndexedSentence): SentenceScan {
    let scan = this.scans.get(sentence);
    if (scan) return scan;
    const words = this.words;
    const match = words.map(() => 0);
    const positions = words.map((): number[] => []);
    sentence.terms.forEach((id, position) => {
      let partials: number[] | undefined;
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        if (word.ids.has(id)) {
          match[w] = EXACT;
          positions[w]!.push(position);
        } else if (word.related.has(id)) {
          match[w] = Math.max(match[w]!, RELATED);
          positions[w]!.push(position);
        } else if (word.similar.has(id)) {
          match[w] = Math.max(match[w]!, SIMILAR * word.similar.get(id)!);
          positions[w]!.push(position);
        } else if (match[w]! < EXACT) {
          partials ??= this.partialCredits(id);
          match[w] = Math.max(match[w]!, partials[w]!);
        }
      }
    });
    for (let w = 0; w < words.length; w++) {
      if (match[w]! < CARRIED_SUBJECT && sentence.subjects?.some((id) => words[w]!.ids.has(id))) match[w] = CARRIED_SUBJECT;
    }
    scan = { match, positions };
    this.scans.set(sentence, scan);
    return scan;
  }

  private partialCredits(id: number): number[] {
    let credits = this.partials.get(id);
    if (!credits) {
      const term = this.index.data.vocabulary[id] ?? "";
      credits = this.words.map((w) => partialCredit(w.term, term));
      this.partials.set(id, credits);
    }
    return credits;
  }
}

/**
 * Credit for a passage word that is not the question word but close in form: a compound that starts or ends
 * with it (`空` in `空域`, `資源` in `資源協定`), or a word sharing its first kanji (`動き`/`動向`).
 */
export function partialCredit(queryTerm: string, passageTerm: string): number {
  if (queryTerm === passageTerm || !queryTerm || !passageTerm) return 0;
  // Cheap tests first: this runs for every distinct passage word a question's candidates hold.
  const longer = passageTerm.length - queryTerm.length;
  if (longer >= 0 && longer <= 2 && (passageTerm.startsWith(queryTerm) || passageTerm.endsWith(queryTerm))) {
    // A compound counts when the word inside it is a word: any kanji, or three characters of kana.
    if (queryTerm.length >= 3 || KANJI.test(queryTerm)) return COMPOUND;
  }
  if (queryTerm.length >= 2 && passageTerm.length >= 2 && queryTerm[0] === passageTerm[0] && KANJI.test(queryTerm[0]!)) return SHARED_KANJI;
  return 0;
}
