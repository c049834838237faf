/**
 * Ranking: BM25 (postings.ts) finds candidates; the rerank reads each (rank-features.ts) and scores it with a
 * logistic model learned on JaQuAD (`npm run train`, data/rank-weights.json), whose output is the probability
 * that the passage answers. A candidate failing a not-found rule (decision.ts) is never quoted, and the question
 * is "not in these articles" when the best one left is under the model's threshold.
 *
 * A word matches exactly (base or surface form), or partly: a frame word's family member (`姿勢` for `態度`), a
 * compound containing it (空 in 空域), a subject carried from the previous sentence, a word sharing its first
 * kanji (動き, 動向). Each credit is a RankConfig setting; whether a word counts as present for the rules is its
 * own (`present`).
 */
import { Feature, type Role } from "./analyzer.js";
import { judgePassage, probabilityVerdict, type Verdict } from "./decision.js";
import { anyOf, FRAME_FAMILIES, REFERS_BACK_WORDS } from "./lexicon.js";
import { normalizeText } from "./normalize.js";
import { PUBLISHER_PREFIX } from "./passages.js";
import type { Question } from "./question.js";
import { DEFAULT_RANK_SETTINGS, type LinearModel, type RankConfig } from "./rank-config.js";
import { featureValues, type CandidateFacts } from "./rank-features.js";
import type { CandidateQuery, IndexedPassage, IndexedSentence, SearchIndex } from "./search-index.js";
import { associationsOf } from "./associations.js";
import { synonymsOf } from "./synonyms.js";

export interface RankedPassage {
  /** The passage's id in the index. */
  id: number;
  passage: IndexedPassage;
  /** The ranking model's logit (higher is better). */
  score: number;
  /** The answer model's probability that the passage answers the question. */
  probability: number;
  /** Index into `passage.sentences` of the sentence that best answers the question. */
  bestSentence: number;
  /** Each rerank feature's value. */
  features: Record<string, number>;
  /** Whether it is quoted, and the rule that kept or declined it. */
  answers: boolean;
  verdict: Verdict;
}

/** CANDIDATE_POSTINGS as before, for callers that size a corpus's candidate words. */
export const CANDIDATE_POSTINGS = DEFAULT_RANK_SETTINGS.candidatePostings;

interface QueryWord {
  term: string;
  role: Role;
  ids: Set<number>;
  /** Ids of words that ask the same (a frame noun's family), matching with `related` credit. */
  related: Set<number>;
  /**
   * For a word the articles lack: the ids of indexed words like it (`マリオ・ベルディ` for `ベルディ`), each with
   * how much of the word it holds (0-1; it matches with `similar` times that). Empty for a word the articles have.
   */
  similar: Map<number, number>;
  /** Ids of the word's synonyms, matching with `synonym` credit. */
  synonyms: Set<number>;
  /** Ids of words learned to mark the sentence answering it (associations.ts), each with its credit (0-1]. */
  associated: Map<number, number>;
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

/** A candidate read and scored, before the decision on which to quote. */
export interface Candidate {
  id: number;
  passage: IndexedPassage;
  bestSentence: number;
  facts: CandidateFacts;
  features: Record<string, number>;
  score: number;
  probability: number;
  /** The passage rules' verdict. */
  verdict: Verdict;
}

export interface RankOptions {
  top: number;
  /** Return every candidate, quoted or not, each with its verdict (for --explain). */
  includeRejected?: boolean;
}

export function rank(index: SearchIndex, question: Question, config: RankConfig, options: RankOptions): RankedPassage[] {
  const candidates = readCandidates(index, question, config, { everyFeature: options.includeRejected ?? false });
  return choose(candidates, config, options);
}

/**
 * Every candidate BM25 finds, read and scored, best first (what training reads). Features neither model weighs
 * (passage and sentence BM25 today) cost every question time for nothing: they are worked out only with
 * `everyFeature` (training, --explain), and read 0 otherwise.
 */
export function readCandidates(index: SearchIndex, question: Question, config: RankConfig, options: { everyFeature?: boolean } = {}): Candidate[] {
  const words = queryWords(index, question, config);
  if (words.length === 0) return [];
  const found = candidatesOf(index, question, words, config);
  if (found.length === 0) return [];
  const maxBm25 = Math.max(...found.map((c) => c.score));
  const context = questionContext(index, question, words);
  const scanner = new SentenceScanner(index, words, config);
  const lexical = options.everyFeature || weighs(config.model, LEXICAL_FEATURES);
  const out: Candidate[] = [];
  for (const candidate of found) {
    const { facts, bestSentence } = readCandidate(index, question, words, context, scanner, config, candidate.id, candidate.score / maxBm25, lexical);
    const features = featureValues(facts, config.disabledFeatures);
    const score = linear(config.model.rank, features);
    // The answer model reads the features and then the rank score: the same sum, in the same order, without a copy.
    const probability = sigmoid(linear(config.model.answer, features) + score * (config.model.answer.weights.rankScore ?? 0));
    out.push({ id: candidate.id, passage: index.passage(candidate.id)!, bestSentence, facts, features, score, probability, verdict: judgePassage(facts, config) });
  }
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out;
}

const LEXICAL_FEATURES = ["passageBm25", "sentenceBm25"];

/** Whether either learned model gives one of these features a weight. */
function weighs(model: RankConfig["model"], features: string[]): boolean {
  return features.some((name) => Boolean(model.rank.weights[name]) || Boolean(model.answer.weights[name]));
}

/** A linear model's logit. */
function linear(model: LinearModel, features: Record<string, number>): number {
  let sum = model.bias;
  for (const name in features) sum += features[name]! * (model.weights[name] ?? 0);
  return sum;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Which candidates are quoted: those passing the passage rules, if the best of them passes `probability`. */
function choose(candidates: Candidate[], config: RankConfig, options: RankOptions): RankedPassage[] {
  const best = candidates.find((c) => c.verdict.answers);
  const questionVerdict: Verdict | null = !best
    ? null
    : config.disabledRules.has("probability")
      ? { rule: "probability", answers: true, detail: "rule turned off" }
      : probabilityVerdict(best.probability, config);
  const floor = best ? best.score - config.quoteMargin : 0;
  const seen = new Set<string>();
  const results: RankedPassage[] = [];
  let quoted = 0;
  for (const c of candidates) {
    if (seen.has(c.passage.text)) continue;
    let verdict = c.verdict;
    if (verdict.answers && !questionVerdict!.answers) verdict = questionVerdict!;
    else if (c === best) verdict = questionVerdict!;
    else if (verdict.answers && c.score < floor) verdict = { rule: "quote-margin", answers: false, detail: `score ${c.score.toFixed(2)} more than ${config.quoteMargin} under the best's` };
    const answers = verdict.answers && quoted < options.top;
    if (!answers && !options.includeRejected) continue;
    seen.add(c.passage.text);
    if (answers) quoted++;
    results.push({ id: c.id, passage: c.passage, score: c.score, probability: c.probability, bestSentence: c.bestSentence, features: c.features, answers, verdict });
    if (!options.includeRejected && quoted === options.top) break;
  }
  return results;
}

/** What is the same for every candidate of a question. */
interface QuestionContext {
  total: number;
  subjectTotal: number;
  decisionTotal: number;
  unknownShare: number;
  /** The share of unknownShare in names (`札幌` where no article mentions it). */
  unknownNames: number;
  /** The question asks for an attribute (`SのXは…?`) whose words no article has, nor anything like them. */
  attributeUnknown: boolean;
  /** The question's kanji/katakana bigrams. */
  bigrams: string[];
  needsTyped: boolean;
}

const SCRIPT_RUN = /[\u4E00-\u9FFF\u3005\u30A0-\u30FF]{2,}/g;

function questionContext(index: SearchIndex, question: Question, words: QueryWord[]): QuestionContext {
  const decisionTotal = words.reduce((sum, w) => sum + w.decisionWeight, 0);
  const bigrams = new Set<string>();
  for (const run of normalizeText(question.text).match(SCRIPT_RUN) ?? []) for (let i = 0; i + 2 <= run.length; i++) bigrams.add(run.slice(i, i + 2));
  void index;
  return {
    total: words.reduce((sum, w) => sum + w.weight, 0),
    subjectTotal: words.reduce((sum, w) => sum + (w.subject ? w.weight : 0), 0),
    decisionTotal,
    unknownShare: words.reduce((sum, w) => sum + (unknown(w) ? w.decisionWeight : 0), 0) / decisionTotal,
    unknownNames: words.reduce((sum, w) => sum + (w.role === "name" && unknown(w) ? w.decisionWeight : 0), 0) / decisionTotal,
    attributeUnknown: attributeUnknown(question, words),
    bigrams: [...bigrams],
    // `いつ` wants a time and `何歳` an age (in what is quoted: a card's line does not quote its points).
    needsTyped: question.amount !== null || (!question.wantsSource && (question.wants & Feature.DATE) !== 0),
  };
}

function readCandidate(
  index: SearchIndex,
  question: Question,
  words: QueryWord[],
  q: QuestionContext,
  scanner: SentenceScanner,
  config: RankConfig,
  id: number,
  bm25: number,
  withLexical: boolean,
): { facts: CandidateFacts; bestSentence: number } {
  const passage = index.passage(id)!;
  const isLine = passage.kind === "source";
  // For a question about a report, the card's points say which report the line is: they count in full.
  const cardCredit = question.wantsSource ? 1 : config.cardPointCredit;
  const sentences: ScoredSentence[] = [
    ...passage.sentences.map((sentence, own) => ({ sentence, text: passage.text, own, credit: isLine ? lineCredit(question, passage.text, sentence) : 1 })),
    ...(passage.card ?? []).flatMap((pointId) => {
      const point = index.passage(pointId)!;
      return point.sentences.map((sentence) => ({ sentence, text: point.text, own: -1, credit: cardCredit }));
    }),
  ];
  // Loops rather than maps and spreads: this runs for every candidate of every question (allocation showed as a
  // fifth of a warm run's CPU, in garbage collection).
  const n = words.length;
  const typed: boolean[] = [];
  for (const { sentence, text } of sentences) typed.push(hasAnswerType(question, sentence, text));
  const scans: SentenceScan[] = [];
  for (const { sentence } of sentences) scans.push(scanner.scan(sentence));
  // Credit 1 leaves a match as it is (1 * m is m).
  const perSentence = scans.map((scan, s) => {
    const credit = sentences[s]!.credit;
    return credit === 1 ? scan.match : scan.match.map((m) => credit * m);
  });

  const [before, after] = neighbourTerms(index, id);
  const passageMatch: number[] = [];
  const inContextTerms = scanner.holds(passage.contextTerms);
  const inNeighbourTerms = scanner.holds(before, scanner.holds(after));
  for (let i = 0; i < n; i++) {
    let inText = 0;
    for (const m of perSentence) inText = Math.max(inText, m[i]!);
    const inContext = inContextTerms[i] ? config.context : 0;
    const inNeighbour = inNeighbourTerms[i] ? config.neighbour : 0;
    passageMatch.push(Math.max(inText, inContext, inNeighbour));
  }
  // Words the passage holds only as a synonym (`社員` for `従業員`): a feature of their own, learned apart.
  let synonymSum = 0;
  for (let i = 0; i < n; i++) synonymSum += words[i]!.weight * (passageMatch[i]! < config.present && scans.some((s) => s.synonymOnly[i]) ? 1 : 0);
  const synonym = synonymSum / q.total;
  // The question's words the passage lacks, said otherwise: words learned to mark the sentence answering them
  // (associations.ts), in the passage's sentence holding the most. Learned over every question word instead, it
  // ranked held-out training corpora no better.
  let associated = 0;
  for (const scan of scans) {
    let sum = 0;
    for (let i = 0; i < n; i++) if (passageMatch[i]! < config.present) sum += words[i]!.weight * scan.associated[i]!;
    associated = Math.max(associated, sum / q.total);
  }

  // The best sentence is the one that has it all at once: coverage, nearness, answer type, subject. The one
  // marked is among the passage's own; for a card's line, its points may score it.
  const weightsOf = config.bestSentence;
  let best = 0;
  let bestOwn = -1;
  let bestValue = -1;
  let bestSentencePart = 0;
  let bestProximity = 0;
  let bestAnswerType = 0;
  let bestSubject = 0;
  for (let s = 0; s < sentences.length; s++) {
    const { sentence, own, credit } = sentences[s]!;
    const sentencePart = weighted(words, perSentence[s]!) / q.total;
    const proximityPart = credit * proximity(scans[s]!.positions, scanner.pairs);
    // A question about the report is answered by the kind of passage (a card's line), not by a sentence.
    const answerTypePart = !question.wantsSource && typed[s] ? credit : 0;
    let subjectPart = 0;
    if (q.subjectTotal) {
      let subjectSum = 0;
      for (const w of words) subjectSum += w.weight * (w.subject && sentence.subjects?.some((sid) => w.ids.has(sid)) ? 1 : 0);
      subjectPart = (credit * subjectSum) / q.subjectTotal;
    }
    // The writer's own asides quote badly and rarely answer: a sentence of commentary counts for less.
    const voice = sentence.features & Feature.COMMENTARY ? config.commentary : 1;
    const value = voice * (weightsOf.sentence * sentencePart + weightsOf.proximity * proximityPart + weightsOf.answerType * answerTypePart + weightsOf.subject * subjectPart);
    if (value > bestValue) {
      bestValue = value;
      bestSentencePart = sentencePart;
      bestProximity = proximityPart;
      bestAnswerType = answerTypePart;
      bestSubject = subjectPart;
    }
    if (own >= 0 && value > bestOwn) {
      best = own;
      bestOwn = value;
    }
  }
  const bestAll = { sentence: bestSentencePart, proximity: bestProximity, answerType: bestAnswerType, subject: bestSubject };

  // Squared: a reader question sharing a word or two with the user's is common; one asking the same is rare.
  const inQuestionTerms = passage.questionTerms.length ? scanner.holds(passage.questionTerms) : null;
  const sectionQuestion = inQuestionTerms ? (weighted(words, words.map((_, i) => inQuestionTerms[i]!)) / q.total) ** 2 : 0;
  const decision = decisionFacts(words, passageMatch, q, config, passage.text);
  const articleTerms = articleTermsOf(index, id);
  const coverage = weighted(words, passageMatch) / q.total;
  const typedAnswer = answerType(question, passage, bestAll.answerType, typed.some(Boolean));
  const hand = config.handWeights;
  const handSum =
    hand.bm25 * bm25 + hand.coverage * coverage + hand.sentence * bestAll.sentence + hand.proximity * bestAll.proximity + hand.sectionQuestion * sectionQuestion + hand.answerType * typedAnswer + hand.subject * bestAll.subject;
  const lexical = withLexical ? passageBm25(index, words, passage.sentences, q.total) : { passage: 0, sentence: 0 };
  const facts: CandidateFacts = {
    bm25,
    passageBm25: lexical.passage,
    sentenceBm25: lexical.sentence,
    coverage,
    sentence: bestAll.sentence,
    proximity: bestAll.proximity,
    answerType: typedAnswer,
    subject: bestAll.subject,
    // A card's line answers where and when a report appeared; for anything else its headline is a poor quote.
    handScore: (isLine === question.wantsSource ? 1 : config.sourceLinePrior) * handSum,
    sectionQuestion,
    ...decision,
    typeMissing: q.needsTyped && !typed.some((t, s) => t && sentences[s]!.own >= 0),
    unknownShare: q.unknownShare,
    unknownNames: q.unknownNames,
    attributeUnknown: q.attributeUnknown,
    articleCoverage: weighted(words, words.map((w) => (hasAnyIn(w.ids, articleTerms) ? 1 : 0))) / q.total,
    bigram: q.bigrams.length ? q.bigrams.filter((b) => passage.text.includes(b)).length / q.bigrams.length : 0,
    synonym,
    associated,
  };
  return { facts, bestSentence: best };
}

/** BM25's term-frequency saturation and length normalisation (the usual Okapi values). */
const K1 = 1.2;
const B = 0.75;

/** Average distinct words per passage, from the document frequencies (memoised per index: no passage is read). */
const averageLengths = new WeakMap<SearchIndex, number>();

function averagePassageLength(index: SearchIndex): number {
  let average = averageLengths.get(index);
  if (average === undefined) {
    let sum = 0;
    for (const df of index.data.documentFrequency) sum += df;
    average = Math.max(1, sum / Math.max(1, index.passageCount));
    averageLengths.set(index, average);
  }
  return average;
}

/**
 * Okapi BM25 of the passage itself (and of its best sentence, without length normalisation), over the question's
 * words at their idf x role weight, divided by the most any passage could score ((k1 + 1) x the question's
 * weight): in [0, 1] whatever the corpus size. MiniSearch's score is a section's (a whole article's, for an article
 * without sections) once sections are the documents; this one always tells a section's passages apart.
 */
function passageBm25(index: SearchIndex, words: QueryWord[], sentences: readonly IndexedSentence[], total: number): { passage: number; sentence: number } {
  const n = words.length;
  const tf = new Float64Array(n);
  const distinct = new Set<number>();
  let sentenceBest = 0;
  for (const sentence of sentences) {
    const own = new Float64Array(n);
    for (const term of sentence.terms) {
      distinct.add(term);
      for (let w = 0; w < n; w++) if (words[w]!.ids.has(term)) own[w]!++;
    }
    let score = 0;
    for (let w = 0; w < n; w++) {
      tf[w]! += own[w]!;
      if (own[w]) score += (words[w]!.weight * own[w]! * (K1 + 1)) / (own[w]! + K1);
    }
    sentenceBest = Math.max(sentenceBest, score);
  }
  const norm = K1 * (1 - B + (B * distinct.size) / averagePassageLength(index));
  let score = 0;
  for (let w = 0; w < n; w++) if (tf[w]) score += (words[w]!.weight * tf[w]! * (K1 + 1)) / (tf[w]! + norm);
  const most = (K1 + 1) * total;
  return most > 0 ? { passage: score / most, sentence: sentenceBest / most } : { passage: 0, sentence: 0 };
}

/** The facts the not-found rules read: decision coverage, a missing topic, missing names. */
function decisionFacts(
  words: QueryWord[],
  match: number[],
  q: QuestionContext,
  config: RankConfig,
  text: string,
): Pick<CandidateFacts, "decisionCoverage" | "topicMissing" | "namesMissing"> {
  const present = (i: number) => match[i]! >= config.present;
  const decisionCoverage = words.reduce((sum, w, i) => sum + w.decisionWeight * match[i]!, 0) / q.decisionTotal;
  const heaviest = (keep: (w: QueryWord, i: number) => boolean) => Math.max(0, ...words.filter(keep).map((w) => w.decisionWeight));
  // The topic: a noun or number, or a name the articles never mention nor anything like it (`札幌`, `社長`).
  const missingTopic = heaviest((w, i) => (w.decisionRole === "noun" || w.decisionRole === "number" || (w.decisionRole === "name" && unknown(w))) && !present(i));
  // A word modifying a missing one is no stand-in for it: `出身` (`総務省出身`) for `出身大学`.
  const modifiesMissing = (w: QueryWord, i: number) => w.modifier && i + 1 < words.length && !present(i + 1);
  const matchedContent = heaviest((w, i) => w.decisionRole !== "name" && w.decisionRole !== "frame" && present(i) && !modifiesMissing(w, i));
  // A question about people or bodies the articles name is answered by a passage naming one of them (or its
  // neighbour, or a `同社` referring back), not by one about someone else that shares the other words.
  const names = words.map((w, i) => [w, i] as const).filter(([w]) => w.decisionRole === "name" && !unknown(w));
  const namesMissing = names.length > 0 && names.every(([, i]) => !present(i)) && !REFERS_BACK.test(text);
  return { decisionCoverage, topicMissing: missingTopic > 0 && matchedContent < config.specificMatch * missingTopic, namesMissing };
}

/** Words that refer back to a person or body named before (data/words/refers-back.txt): the name need not be repeated. */
const REFERS_BACK = anyOf(REFERS_BACK_WORDS);

/** Word ids of each article, collected on first use (for articleCoverage). */
const articleTerms = new WeakMap<SearchIndex, Map<string, Set<number>>>();

function articleTermsOf(index: SearchIndex, id: number): Set<number> {
  let byArticle = articleTerms.get(index);
  if (!byArticle) articleTerms.set(index, (byArticle = new Map()));
  const articleId = index.passage(id)!.articleId;
  let terms = byArticle.get(articleId);
  if (terms) return terms;
  terms = new Set();
  let start = id;
  while (start > 0 && index.passage(start - 1)!.articleId === articleId) start--;
  for (let p = start; p < index.passageCount; p++) {
    const passage = index.passage(p)!;
    if (passage.articleId !== articleId) break;
    for (const sentence of passage.sentences) for (const t of sentence.terms) terms.add(t);
    for (const t of passage.contextTerms) terms.add(t);
  }
  byArticle.set(articleId, terms);
  return terms;
}

function hasAnyIn(ids: Set<number>, terms: Set<number>): boolean {
  for (const id of ids) if (terms.has(id)) return true;
  return false;
}

function queryWords(index: SearchIndex, question: Question, config: RankConfig): QueryWord[] {
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
      // Sudachi's synonyms of one word (a phrase of several is left out: it would need all its words).
      synonyms: idsOf(synonymsOf(word.term).filter((f) => !f.includes(" ") && !forms.includes(f))),
      associated: associatedIds(index, forms, config.fullAssociation),
      idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
      subject: word.subject ?? false,
      modifier: word.modifier ?? false,
    };
  });
  // A frame word or a verb the articles never use (`将来`, `続ける`) is no sign that the question is off topic
  // (verbs are what questions paraphrase most): for the decision it weighs at most what the question's names and
  // nouns weigh on average.
  const topical = words.filter((w) => w.decisionRole === "name" || w.decisionRole === "noun" || w.decisionRole === "number");
  const cap = topical.length ? topical.reduce((sum, w) => sum + w.idf, 0) / topical.length : Infinity;
  const capped = (w: { decisionRole: Role; idf: number }) =>
    w.decisionRole === "frame" || w.decisionRole === "verb" || w.decisionRole === "adjective" ? Math.min(w.idf, cap) : w.idf;
  return words.map(({ idf, ...word }) => ({
    ...word,
    weight: idf * config.roleWeight[word.role],
    decisionWeight: capped({ decisionRole: word.decisionRole, idf }) * config.roleWeight[word.decisionRole],
  }));
}

function associatedIds(index: SearchIndex, forms: readonly string[], full: number): Map<number, number> {
  const ids = new Map<number, number>();
  for (const form of forms) {
    for (const { term, strength } of associationsOf(form)) {
      const id = index.termId(term);
      if (id !== undefined && !forms.includes(term)) ids.set(id, Math.max(ids.get(id) ?? 0, Math.min(1, strength / full)));
    }
  }
  return ids;
}

function candidatesOf(index: SearchIndex, question: Question, words: QueryWord[], config: RankConfig): Array<{ id: number; score: number }> {
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
  // Synonyms of the question's words join the search at a lower boost (query expansion).
  for (const word of config.synonymBoost > 0 ? words : []) {
    for (const id of word.synonyms) {
      const term = index.data.vocabulary[id]!;
      if (!similar.has(term)) similar.set(term, config.synonymBoost / config.similarTermBoost);
    }
  }
  if (known.length === 0 && similar.size === 0) return [];

  // BM25 scores every posting of every term: a word found in a large share of a large corpus costs the most and
  // tells candidates apart the least. The rarest words find the candidates, as many as fit in candidatePostings
  // (always the rarest one); the rerank still weighs every word.
  const searched = rarestWithin(known, (w) => index.documentFrequency(w.term), config.candidatePostings);
  const roleOf = new Map<string, Role>();
  for (const word of question.words) {
    if (!searched.some((w) => w.term === word.term)) continue;
    roleOf.set(word.term, word.role);
    if (word.alt) roleOf.set(word.alt, word.role);
  }
  // A question about a report finds the card's line through the card's points, which are its context.
  const boost = { body: 1, context: question.wantsSource ? 1 : 0.4 };
  const queries: CandidateQuery[] = [];
  if (roleOf.size) {
    queries.push({ terms: [...roleOf.keys()], boost, boostTerm: (term: string) => config.roleWeight[roleOf.get(term) ?? "noun"] });
  }
  // The same budget holds for similar words: a common word inside an unknown one (協会 in 協会員) is no way in.
  const similarSearched = rarestWithin([...similar.keys()], (term) => index.documentFrequency(term), config.candidatePostings);
  if (similarSearched.length) {
    queries.push({ terms: similarSearched, boost, boostTerm: (term: string) => config.similarTermBoost * (similar.get(term) ?? 0) });
  }
  // Distinct texts only: a corpus that repeats a passage (syndicated or re-posted articles) must not fill the
  // candidates with copies of one.
  const candidates: Array<{ id: number; score: number }> = [];
  const texts = new Set<string>();
  const limit = index.data.units ? config.sectionCandidates : config.candidates;
  for (const result of index.search(queries)) {
    // A section stands for its passages, which share its score: the rerank tells them apart.
    const { start, end } = index.passagesOf(result.id);
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
    const best = candidates.slice(0, config.followingFrom);
    for (const { id, score } of best) {
      const passage = index.passage(id)!;
      const next = index.passage(id + 1);
      if (!next || next.articleId !== passage.articleId || next.sectionIndex !== passage.sectionIndex || next.kind !== passage.kind) continue;
      if (texts.has(next.text)) continue;
      texts.add(next.text);
      candidates.push({ id: id + 1, score: score * config.followingScore });
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

/**
 * The attribute asked for (`出身地` of `早瀬社長の出身地は?`) is words the articles never use, nor anything like them.
 * Not a frame word (`名前`, `コメント`, `日付`): an answer need not repeat those, so their absence says nothing.
 */
function attributeUnknown(question: Question, words: QueryWord[]): boolean {
  const attribute = question.attribute;
  if (!attribute) return false;
  const parts = words.filter((w) => attribute.includes(w.term) && w.role !== "frame");
  return parts.length > 0 && parts.every((w) => unknown(w) && w.synonyms.size === 0);
}

/** A word the articles never use, and nothing like it: no passage can be about it. */
function unknown(word: QueryWord): boolean {
  return word.ids.size === 0 && word.similar.size === 0;
}

/** Word ids of the last sentence before and the first after a passage, within its section and kind (empty if none). */
function neighbourTerms(index: SearchIndex, id: number): [readonly number[], readonly number[]] {
  const passage = index.passage(id)!;
  const termsOf = (otherId: number, pick: number): readonly number[] => {
    const other = index.passage(otherId);
    if (!other || other.articleId !== passage.articleId || other.sectionIndex !== passage.sectionIndex || other.kind !== passage.kind) return NO_TERMS;
    return other.sentences.at(pick)?.terms ?? NO_TERMS;
  };
  return [termsOf(id - 1, -1), termsOf(id + 1, 0)];
}

const NO_TERMS: readonly number[] = [];

function weighted(words: QueryWord[], match: number[]): number {
  return words.reduce((sum, w, i) => sum + w.weight * match[i]!, 0);
}

/**
 * How close the sentence's matched words stand: for each pair of the question's words, 1 / the distance between
 * them where both occur, summed over all the pairs the question has (a pair with a frame word counts less).
 * More words near each other score higher.
 */
function proximity(positions: number[][], pairs: PairWeights): number {
  const n = positions.length;
  if (n < 2) return 0;
  let sum = 0;
  let k = 0;
  for (let a = 0; a < n; a++) {
    const at = positions[a]!;
    for (let b = a + 1; b < n; b++, k++) {
      const bt = positions[b]!;
      // A pair missing a word adds nothing (nearest stays Infinity).
      if (at.length === 0 || bt.length === 0) continue;
      let nearest = Infinity;
      for (const pa of at) for (const pb of bt) nearest = Math.min(nearest, Math.abs(pa - pb));
      if (nearest > 0 && nearest < Infinity) sum += pairs.weights[k]! / nearest;
    }
  }
  return sum / pairs.total;
}

/** Each pair's weight in proximity (a, b in loop order) and their sum, the same for every sentence of a question. */
interface PairWeights {
  weights: Float64Array;
  total: number;
}

function pairWeightsOf(words: QueryWord[], config: RankConfig): PairWeights {
  const weights: number[] = [];
  let total = 0;
  for (let a = 0; a < words.length; a++) {
    for (let b = a + 1; b < words.length; b++) {
      const weight = Math.sqrt(config.roleWeight[words[a]!.role] * config.roleWeight[words[b]!.role]);
      total += weight;
      weights.push(weight);
    }
  }
  return { weights: Float64Array.from(weights), total };
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

const KANJI = /[\u4E00-\u9FFF\u3005]/;

/** How a passage word matches a question word (SentenceScanner's table). */
const NONE = 0;
const EXACT = 1;
const RELATED = 2;
const SIMILAR = 3;
const SYNONYM = 4;
/** Partial credits of a word that is like none of the question's words (shared, so that the scan can skip it). */
const NO_CREDIT: number[] = [];

/** A passage word's row in SentenceScanner's table: how it matches each question word (kinds null: NONE for all). */
interface TermEntry {
  kinds: Uint8Array | null;
  credits: Float64Array | null;
  /** Partial credits per question word, computed when first needed. */
  partials?: number[];
}

const NOTHING: TermEntry = { kinds: null, credits: null, partials: NO_CREDIT };

/** How a sentence matches each question word (see SentenceScanner.scan). */
interface SentenceScan {
  /** Per question word: EXACT, or the best partial credit (family member, compound, shared kanji, carried subject). */
  match: number[];
  /** Per question word: a synonym of it stands in the sentence (it counts apart from the match credits). */
  synonymOnly: boolean[];
  /** Per question word: the best credit of a word associated with it in the sentence (apart, too). */
  associated: number[];
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
  /**
   * For each word id that is one of a question word's forms, family, similar words or synonyms: per question
   * word, how it matches (the first that applies: EXACT, RELATED, SIMILAR, SYNONYM; NONE falls to the partial
   * credits) and its credit. Built once per question, so a sentence's word costs one lookup, not four per word.
   * Any other word gets its partial credits on first sight, or NOTHING when it is like no question word.
   */
  private readonly table = new Map<number, TermEntry>();
  /** The question's word pairs' weights, for proximity. */
  readonly pairs: PairWeights;
  /** For each word id associated with a question word: that association's credit, per question word. */
  private readonly associations = new Map<number, Float64Array>();

  constructor(
    private readonly index: SearchIndex,
    private readonly words: QueryWord[],
    private readonly config: RankConfig,
  ) {
    this.pairs = pairWeightsOf(words, config);
    const c = config;
    const set = (id: number, w: number, kind: number, credit: number) => {
      let e = this.table.get(id);
      if (!e) this.table.set(id, (e = { kinds: new Uint8Array(words.length), credits: new Float64Array(words.length) }));
      e.kinds![w] = kind;
      e.credits![w] = credit;
    };
    words.forEach((word, w) => {
      // Lowest precedence first: a later kind overwrites an earlier one, as the scan's if-chain would choose.
      for (const id of word.synonyms) set(id, w, SYNONYM, 0);
      for (const [id, similarity] of word.similar) set(id, w, SIMILAR, c.similar * similarity);
      for (const id of word.related) set(id, w, RELATED, c.related);
      for (const id of word.ids) set(id, w, EXACT, c.exact);
      for (const [id, credit] of word.associated) {
        let credits = this.associations.get(id);
        if (!credits) this.associations.set(id, (credits = new Float64Array(words.length)));
        credits[w] = credit;
      }
    });
  }

  /**
   * Per question word, 1 where one of `terms` is one of its own forms (the table's EXACT rows: its ids), marked
   * into `into` when given. One lookup per term instead of one per term and question word.
   */
  holds(terms: readonly number[], into: Uint8Array = new Uint8Array(this.words.length)): Uint8Array {
    for (const term of terms) {
      const kinds = this.table.get(term)?.kinds;
      if (kinds) for (let w = 0; w < kinds.length; w++) if (kinds[w] === EXACT) into[w] = 1;
    }
    return into;
  }

  scan(sentence: IndexedSentence): SentenceScan {
    let scan = this.scans.get(sentence);
    if (scan) return scan;
    const words = this.words;
    const n = words.length;
    const c = this.config;
    const match = words.map(() => 0);
    const synonymOnly = words.map(() => false);
    const associated = words.map(() => 0);
    const positions = words.map((): number[] => []);
    const terms = sentence.terms;
    const associations = this.associations.size ? this.associations : null;
    for (let position = 0; position < terms.length; position++) {
      const id = terms[position]!;
      const credits = associations?.get(id);
      if (credits) for (let w = 0; w < n; w++) if (credits[w]! > associated[w]!) associated[w] = credits[w]!;
      let found = this.table.get(id);
      if (!found) {
        const partials = this.partialCredits(id);
        this.table.set(id, (found = partials === NO_CREDIT ? NOTHING : { kinds: null, credits: null, partials }));
      }
      // A word matching no question word, not even partly (most of them), changes nothing.
      if (found === NOTHING) continue;
      const kinds = found.kinds;
      for (let w = 0; w < n; w++) {
        const kind = kinds ? kinds[w]! : NONE;
        if (kind === EXACT) {
          match[w] = c.exact;
          positions[w]!.push(position);
        } else if (kind === RELATED || kind === SIMILAR) {
          match[w] = Math.max(match[w]!, found.credits![w]!);
          positions[w]!.push(position);
        } else if (kind === SYNONYM) {
          synonymOnly[w] = true;
        } else if (match[w]! < c.exact) {
          found.partials ??= this.partialCredits(id);
          match[w] = Math.max(match[w]!, found.partials[w] ?? 0);
        }
      }
    }
    for (let w = 0; w < n; w++) {
      if (match[w]! < c.carriedSubject && sentence.subjects?.some((id) => words[w]!.ids.has(id))) match[w] = c.carriedSubject;
    }
    scan = { match, synonymOnly, associated, positions };
    this.scans.set(sentence, scan);
    return scan;
  }

  /** The word's partial credit for each question word (NO_CREDIT when all are 0). */
  private partialCredits(id: number): number[] {
    const term = this.index.data.vocabulary[id] ?? "";
    const credits = this.words.map((w) => partialCredit(w.term, term, this.config));
    return credits.every((credit) => credit === 0) ? NO_CREDIT : credits;
  }
}

/**
 * Credit for a passage word that is not the question word but close in form: a compound that starts or ends
 * with it (`空` in `空域`, `資源` in `資源協定`), or a word sharing its first kanji (`動き`/`動向`).
 */
export function partialCredit(queryTerm: string, passageTerm: string, config: Pick<RankConfig, "compound" | "sharedKanji"> = DEFAULT_RANK_SETTINGS): number {
  if (queryTerm === passageTerm || !queryTerm || !passageTerm) return 0;
  // Cheap tests first: this runs for every distinct passage word a question's candidates hold.
  const longer = passageTerm.length - queryTerm.length;
  if (longer >= 0 && longer <= 2 && (passageTerm.startsWith(queryTerm) || passageTerm.endsWith(queryTerm))) {
    // A compound counts when the word inside it is a word: any kanji, or three characters of kana.
    if (queryTerm.length >= 3 || KANJI.test(queryTerm)) return config.compound;
  }
  if (queryTerm.length >= 2 && passageTerm.length >= 2 && queryTerm[0] === passageTerm[0] && KANJI.test(queryTerm[0]!)) return config.sharedKanji;
  return 0;
}
