/**
 * Hard negatives of the shape served folders get: a person or thing the corpus names, asked for an attribute it
 * never gives (`…の趣味は?`, `…の出身地はどこ?`). From the training questions of the form `SのXは R`
 * (`手塚治虫の出身地はどこ?`): the subject S of one question joined to the attribute X and its question R of
 * another, where X appears nowhere in the corpus the question is asked of. squad-set's hard negatives ask about
 * articles the corpus does not hold and left-out.ts's about a paragraph taken away; neither asks for an attribute
 * the page never mentions, which the seeds' and the news sets' hard questions mostly do. Train split only;
 * deterministic (questions in file order, attributes taken round-robin).
 */
import { attributeAsked, type AttributeQuestion } from "../../src/search/question.js";

/**
 * Up to `perCorpus` negatives for a corpus: its own attribute questions, each given another question's attribute
 * and ending whose attribute the corpus's text never contains. `pool` is every attribute question of the training
 * set (the attributes asked about); `own` the corpus's answerable questions; `text` its articles' text.
 */
export function swappedNegatives(own: readonly string[], pool: readonly AttributeQuestion[], text: string, perCorpus: number, start: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let k = start;
  for (const q of own) {
    if (out.length >= perCorpus) break;
    const parts = attributeAsked(q);
    if (!parts || !pool.length) continue;
    // The next attribute in the pool that the corpus never mentions (at most a pool's length of tries).
    for (let tries = 0; tries < pool.length; tries++) {
      const other = pool[k++ % pool.length]!;
      if (other.attribute === parts.attribute || text.includes(other.attribute)) continue;
      const negative = `${parts.subject}の${other.attribute}は${other.ending}`;
      if (!seen.has(negative)) {
        seen.add(negative);
        out.push(negative);
      }
      break;
    }
  }
  return out;
}
