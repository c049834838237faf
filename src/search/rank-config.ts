/**
 * Every number the ranking uses, declared in one place with what it does. `rank()` takes a RankConfig; the
 * defaults below are the hand-set parts, and `model` (the learned weights and the answer threshold) comes from
 * data/rank-weights.json, written by `npm run train` (see rank-weights.ts).
 */
import type { Role } from "./analyzer.js";

/** A linear model over named features: its logit is bias + sum of weight x feature. */
export interface LinearModel {
  weights: Record<string, number>;
  bias: number;
}

/** The learned part (data/rank-weights.json). */
export interface RankModel {
  /** Orders the candidates: the logit that a passage holds the answer, over the rerank features. */
  rank: LinearModel;
  /**
   * The probability that the best passage answers the question (rather than the articles not saying): over the
   * same features plus `rankScore`, the ranking model's logit.
   */
  answer: LinearModel;
  /**
   * The answer probability below which the question is "not in these articles". Chosen on the training data for
   * at most 2% of answerable questions declined.
   */
  threshold: number;
}

export interface RankConfig {
  /** How much a word of each role counts towards coverage and BM25 (a frame word like `理由` says little). */
  roleWeight: Record<Role, number>;
  /** Passages BM25 hands to the rerank (passages as documents). */
  candidates: number;
  /** When MiniSearch's documents are sections: the passages of the best sections, up to about this many. */
  sectionCandidates: number;
  /** How many passages the words that choose candidates may hold between them (see candidatesOf). */
  candidatePostings: number;
  /** What an indexed word similar to a question word the articles lack counts in BM25, at full similarity. */
  similarTermBoost: number;
  /** What a synonym of a question word (Sudachi's dictionary, synonyms.ts) counts in BM25: query expansion. */
  synonymBoost: number;
  /** The best candidates whose following passage joins the rerank too, and the share of BM25 score it gets. */
  followingFrom: number;
  followingScore: number;
  /** Match credits of a question word in a sentence: the word itself (base or surface form). */
  exact: number;
  /** A compound that starts or ends with the word (`空` in `空域`). */
  compound: number;
  /** A word sharing its first kanji (`動き`/`動向`). */
  sharedKanji: number;
  /** A subject the sentence leaves out, carried from the sentence before. */
  carriedSubject: number;
  /** A frame noun's family member (`姿勢` for `態度`). */
  related: number;
  /** An indexed word holding all of a question word the articles lack (`マリオ・ベルディ` for `ベルディ`). */
  similar: number;
  /**
   * The strength at which a learned association (associations.ts: a log-ratio, at least log 2) counts in full in
   * the `associated` feature; a weaker one counts its share of it.
   */
  fullAssociation: number;
  /** A word found only in the section's heading or reader question (for Markdown articles: the title). */
  context: number;
  /** A word found only in the sentences just before or after the passage (a dropped subject). */
  neighbour: number;
  /**
   * Whether a question word counts as present in a passage for the not-found rules: a match credit at least this
   * (exact, compound, context), independent of the credits above.
   */
  present: number;
  /** Rule `coverage`: below this share of the question's weighted content, a passage does not answer it. */
  minCoverage: number;
  /**
   * Rule `topic`: when the question's topic is missing from a passage, what the passage does match besides names
   * must weigh at least this share of the missing word (`服装` is not answered by the common `会談`).
   */
  specificMatch: number;
  /** A card's points, which say what the card's line is about, when the question is not about a report. */
  cardPointCredit: number;
  /** What the writer's commentary (`…ですね`) is worth next to a reporting sentence, when choosing the best one. */
  commentary: number;
  /** How the best sentence of a passage is chosen (the one quoted as best): these parts, weighted. */
  bestSentence: { sentence: number; proximity: number; answerType: number; subject: number };
  /** Passages whose ranking logit is more than this under the best one's are not quoted: a weak third is noise. */
  quoteMargin: number;
  /**
   * The hand-set rerank that the `handScore` feature sums (the weights tuned on the news digests before the
   * learned models): each part in [0, 1].
   */
  handWeights: { bm25: number; coverage: number; sentence: number; proximity: number; sectionQuestion: number; answerType: number; subject: number };
  /** What handScore keeps for a card's line when the question is not about a report, or the reverse. */
  sourceLinePrior: number;
  /** The not-found rules to apply (all by default); `npm run eval -- --ablate` turns them off one at a time. */
  disabledRules: ReadonlySet<string>;
  /** Features forced to 0 (for ablation). */
  disabledFeatures: ReadonlySet<string>;
  model: RankModel;
}

export const DEFAULT_RANK_SETTINGS: Omit<RankConfig, "model"> = {
  roleWeight: { name: 1, noun: 1, number: 1, verb: 0.5, adjective: 0.5, frame: 0.3 },
  candidates: 60,
  sectionCandidates: 200,
  candidatePostings: 20_000,
  similarTermBoost: 0.3,
  synonymBoost: 0.2,
  followingFrom: 10,
  followingScore: 0.5,
  exact: 1,
  compound: 0.6,
  sharedKanji: 0.4,
  carriedSubject: 0.8,
  related: 0.8,
  similar: 0.8,
  fullAssociation: 3,
  context: 0.5,
  neighbour: 0.5,
  present: 0.5,
  minCoverage: 0.3,
  specificMatch: 0.5,
  cardPointCredit: 0.3,
  commentary: 0.6,
  bestSentence: { sentence: 0.25, proximity: 0.1, answerType: 0.4, subject: 0.1 },
  quoteMargin: 8,
  handWeights: { bm25: 0.15, coverage: 0.35, sentence: 0.25, proximity: 0.1, sectionQuestion: 0.1, answerType: 0.4, subject: 0.1 },
  sourceLinePrior: 0.75,
  disabledRules: new Set(["topic"]),
  disabledFeatures: new Set(),
};
