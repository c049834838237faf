/** `npm run ask -- --explain`: each candidate's features, score, probability and verdict, as plain lines. */
import type { CandidateExplanation } from "../search/engine.js";

export function explainText(candidates: CandidateExplanation[]): string {
  if (!candidates.length) return "explain: no candidate (no content word the articles have)";
  return candidates
    .map((c, i) => {
      const features = Object.entries(c.features)
        .filter(([, v]) => v !== 0)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      const text = c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text;
      return [
        `#${i + 1} ${c.quoted ? "quoted" : "not quoted"}  score ${c.score}  p(answers) ${c.probability}  [${c.rule}] ${c.detail}`,
        `   ${c.articleTitle}: ${text}`,
        `   ${features}`,
      ].join("\n");
    })
    .join("\n");
}
