/**
 * "Not in these articles": named rules, each giving its verdict on a candidate passage and a short detail.
 * A candidate that fails a passage rule is never quoted; the question is answered only when the best candidate
 * left passes `probability` (the learned model's probability that it answers, against the trained threshold).
 */
import type { CandidateFacts } from "./rank-features.js";
import type { RankConfig } from "./rank-config.js";

export interface Verdict {
  rule: string;
  answers: boolean;
  detail: string;
}

export interface PassageRule {
  name: string;
  judge: (facts: CandidateFacts, config: RankConfig) => Verdict;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Rules on each candidate. Each was kept because turning it off costs on the measured sets (docs/retrieval.md,
 * "Ablation"); the learned model sees the same facts as features.
 */
export const PASSAGE_RULES: readonly PassageRule[] = [
  {
    name: "min-coverage",
    judge: (f, c) => ({ rule: "min-coverage", answers: f.decisionCoverage >= c.minCoverage, detail: `covers ${pct(f.decisionCoverage)} of the question (at least ${pct(c.minCoverage)})` }),
  },
  {
    // `いつ` wants a time and `何歳` an age: a passage stating none does not answer, whatever words it shares.
    name: "answer-type",
    judge: (f) => ({ rule: "answer-type", answers: !f.typeMissing, detail: f.typeMissing ? "asks when or how many; states no date or amount in the unit" : "states the kind of answer asked for, or none is asked" }),
  },
  {
    // A question about people or bodies the articles name is answered by a passage naming one (or referring back).
    name: "names",
    judge: (f) => ({ rule: "names", answers: !f.namesMissing, detail: f.namesMissing ? "names none of the people or bodies asked about" : "names who is asked about, or none is" }),
  },
  {
    name: "topic",
    judge: (f) => ({ rule: "topic", answers: !f.topicMissing, detail: f.topicMissing ? "the question's topic is absent and nothing as specific matches" : "the topic, or something as specific, is there" }),
  },
];

/** The question-level rule: the best remaining candidate's probability of answering. */
export function probabilityVerdict(probability: number, config: RankConfig): Verdict {
  const answers = probability >= config.model.threshold;
  return { rule: "probability", answers, detail: `p ${probability.toFixed(3)} ${answers ? ">=" : "<"} threshold ${config.model.threshold.toFixed(3)}` };
}

/** A bit per passage rule the candidate fails (PASSAGE_RULES order), whether or not it is turned off. */
export function failedRules(facts: CandidateFacts, config: RankConfig): number {
  let bits = 0;
  PASSAGE_RULES.forEach((rule, i) => {
    if (!rule.judge(facts, config).answers) bits |= 1 << i;
  });
  return bits;
}

/** The first rule a candidate fails, or a verdict that it passes them all. */
export function judgePassage(facts: CandidateFacts, config: RankConfig): Verdict {
  for (const rule of PASSAGE_RULES) {
    if (config.disabledRules.has(rule.name)) continue;
    const verdict = rule.judge(facts, config);
    if (!verdict.answers) return verdict;
  }
  return { rule: "passage-rules", answers: true, detail: `passes every passage rule (coverage ${pct(facts.decisionCoverage)})` };
}
