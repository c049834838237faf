/**
 * The rerank's features: named functions of what rank.ts has read about one candidate passage (CandidateFacts).
 * Each is a number, mostly in [0, 1], weighted by data/rank-weights.json (`npm run train`).
 */

/** What the rerank has read about a candidate: the inputs of the features and of the not-found rules. */
export interface CandidateFacts {
  /**
   * MiniSearch's score divided by the best candidate's: the passage's own in a small corpus, its section's (a whole
   * article's, for an article without sections) once sections are the documents (SECTION_DOCUMENTS_FROM).
   */
  bm25: number;
  /**
   * Okapi BM25 of the passage's own words (not its section's), over the most the question could score: [0, 1].
   * Worked out only when a model weighs it, for training and for --explain (rank.ts readCandidates); else 0.
   */
  passageBm25: number;
  /** The same for the passage's best sentence, without length normalisation. */
  sentenceBm25: number;
  /** Weighted share of the question's words the passage holds (partial matches at their credit). */
  coverage: number;
  /** The same, in the best sentence alone. */
  sentence: number;
  /** How close the best sentence's matched words stand. */
  proximity: number;
  /** The kind of answer asked for (a date for いつ, a person for 誰 ...) in the best sentence (1) or another (0.5). */
  answerType: number;
  /** The question's subject (`Xは…?`) is the best sentence's subject. */
  subject: number;
  /** The section's reader question asks the same (its coverage, squared). */
  sectionQuestion: number;
  /** Coverage for the decision: frame words and verbs weigh no more than names and nouns on average. */
  decisionCoverage: number;
  /** The question's topic is absent and nothing else specific matches (see decision.ts, rule `topic`). */
  topicMissing: boolean;
  /** The question names people or bodies the articles know and the passage names none of them. */
  namesMissing: boolean;
  /** The question asks when or for an amount in a unit, and no sentence of the passage states one. */
  typeMissing: boolean;
  /** Share of the question's weight in words no article has, nor anything like them (the same for every candidate). */
  unknownShare: number;
  /**
   * The part of unknownShare in names: a person, place or body no article mentions is no paraphrase (the other
   * unknown words mostly are). The same for every candidate.
   */
  unknownNames: number;
  /**
   * The question asks for an attribute of someone or something (`SのXは…?`) that no article mentions, nor anything
   * like it (`趣味` in `スターマー首相の趣味は?`; a frame word such as `名前` never counts): the same for every
   * candidate.
   */
  attributeUnknown: boolean;
  /** Weighted share of the question's words found anywhere in the passage's article. */
  articleCoverage: number;
  /** Share of the question's kanji/katakana character bigrams found in the passage's text. */
  bigram: number;
  /**
   * The hand-set rerank of the news layout, as one feature: RankConfig.handWeights over bm25, coverage, sentence,
   * proximity, answer type, subject and reader question, times sourceLinePrior for a card's line asked about
   * something else (or another passage asked about a report). JaQuAD has no reader questions or source cards to
   * learn those parts from; the training learns what this sum is worth beside the other features.
   */
  handScore: number;
  /** Weighted share of the question's words matched only through a synonym. */
  synonym: number;
  /**
   * Weighted share of the question's words that the passage lacks but says otherwise: one of its sentences holds
   * a word learned from real questions to mark the sentence answering them (associations.ts: `死去` for
   * `亡くなる`), at that association's credit. The sentence holding the most counts.
   */
  associated: number;
}

export interface FeatureDefinition {
  name: string;
  /**
   * Weighted by the learned models. The others are shown by --explain and kept in the training rows, so that a fit
   * can weigh them (`npm run train -- --learn ...`): learned, the handScore parts and passage-level BM25 ranked
   * held-out training corpora slightly better but the seed digests worse (docs/retrieval.md, "Training").
   */
  learned: boolean;
  value: (facts: CandidateFacts) => number;
}

const flag = (value: boolean) => (value ? 1 : 0);

export const FEATURES: readonly FeatureDefinition[] = [
  { name: "bm25", learned: false, value: (f) => f.bm25 },
  { name: "passageBm25", learned: false, value: (f) => f.passageBm25 },
  { name: "sentenceBm25", learned: false, value: (f) => f.sentenceBm25 },
  { name: "coverage", learned: false, value: (f) => f.coverage },
  { name: "sentence", learned: false, value: (f) => f.sentence },
  { name: "proximity", learned: false, value: (f) => f.proximity },
  { name: "answerType", learned: false, value: (f) => f.answerType },
  { name: "subject", learned: false, value: (f) => f.subject },
  { name: "decisionCoverage", learned: true, value: (f) => f.decisionCoverage },
  { name: "topicMissing", learned: true, value: (f) => flag(f.topicMissing) },
  { name: "namesMissing", learned: true, value: (f) => flag(f.namesMissing) },
  { name: "typeMissing", learned: true, value: (f) => flag(f.typeMissing) },
  { name: "unknownShare", learned: true, value: (f) => f.unknownShare },
  { name: "unknownNames", learned: true, value: (f) => f.unknownNames },
  { name: "attributeUnknown", learned: true, value: (f) => flag(f.attributeUnknown) },
  { name: "articleCoverage", learned: true, value: (f) => f.articleCoverage },
  { name: "bigram", learned: true, value: (f) => f.bigram },
  { name: "synonym", learned: true, value: (f) => f.synonym },
  { name: "associated", learned: true, value: (f) => f.associated },
  { name: "handScore", learned: true, value: (f) => f.handScore },
  // Weighed apart on digest-shaped training pages (train --digest-every), it did not rank the news sets better.
  { name: "sectionQuestion", learned: false, value: (f) => f.sectionQuestion },
];

export const LEARNED_FEATURES: readonly string[] = FEATURES.filter((f) => f.learned).map((f) => f.name);

/** The feature vector of a candidate (disabled features read 0). */
export function featureValues(facts: CandidateFacts, disabled: ReadonlySet<string>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const feature of FEATURES) values[feature.name] = disabled.has(feature.name) ? 0 : feature.value(facts);
  return values;
}
