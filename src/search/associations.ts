/**
 * Word associations learned from real questions (JaQuAD's train split, CC BY-SA 3.0) by `npm run build:associations`
 * into data/associations.tsv (see scripts/build-associations.ts and the file's header): for a question's word, the
 * words that mark the sentence answering it although the question does not use them (`亡くなる` -> `死去`, `死亡`;
 * `名前` -> `命名`, `名付ける`). Keys and words are the analyzer's terms.
 *
 *   associationsOf("亡くなる") -> [{ term: "肺炎", strength: 3.371 }, { term: "死去", strength: 2.577 }, ...]
 *
 * Strength is the logarithm of how much more often the answer sentence holds the word than its paragraph's other
 * sentences (at least log 2). The file (about 28 KB) is read once, on the first lookup.
 */
import { existsSync, readFileSync } from "node:fs";
import { dataFile } from "./data-files.js";

export interface Association {
  term: string;
  strength: number;
}

const RELATIVE_FILE = "associations.tsv";

/** Parses the file's text: `word<TAB>associated<TAB>strength<TAB>questions` lines, `#` comments first. */
export function parseAssociations(text: string, source = RELATIVE_FILE): Map<string, Association[]> {
  const byWord = new Map<string, Association[]>();
  text.split("\n").forEach((line, i) => {
    if (!line || line.startsWith("#")) return;
    const [word, term, strength] = line.split("\t");
    const value = Number(strength);
    if (!word || !term || !Number.isFinite(value) || value <= 0) throw new Error(`${source}:${i + 1}: expected word, associated word and a positive strength, tab-separated; run npm run build:associations`);
    let list = byWord.get(word);
    if (!list) byWord.set(word, (list = []));
    list.push({ term, strength: value });
  });
  if (byWord.size === 0) throw new Error(`${source}: no associations; run npm run build:associations`);
  return byWord;
}

let loaded: Map<string, Association[]> | undefined;

/** The words associated with an analyzed term (empty when none). */
export function associationsOf(term: string): readonly Association[] {
  if (!loaded) {
    const file = dataFile(RELATIVE_FILE);
    if (!existsSync(file)) throw new Error(`${file} not found: run npm run build:associations`);
    loaded = parseAssociations(readFileSync(file, "utf8"), file);
  }
  return loaded.get(term) ?? [];
}
