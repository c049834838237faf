/**
 * Synonyms for query expansion, from Sudachi's synonym dictionary (Apache-2.0), precompiled by
 * `npm run build:synonyms` into data/synonyms.tsv (see scripts/build-synonyms.ts and the file's header).
 *
 * Usage: keys and results are the analyzer's terms (`Word.term`, normalised); a question's 従業員 is the term 従業
 * (the suffix 員 is not indexed), and its 国際連合 the two terms 国際, 連合.
 *
 *   synonymsOf("従業")              -> ["従事", "社員", "労働 従事", ..., "職員"]
 *   synonymsOf("国連")              -> ["国際 連合", "un", "united nations"]
 *   synonymsOf("国際 連合")         -> ["un", "国連", "united nations"]     (a phrase: its terms joined by a space)
 *   findSynonyms(["国際", "連合", "加盟"]) -> [{ start: 0, length: 2, synonyms: [{ form: "un", ... }, ...] }, ...]
 *   synonyms().entriesOf("国連")    -> [{ form: "国際 連合", terms: ["国際", "連合"], sameWord: true }, ...]
 *
 * A headword that kuromoji splits (国際連合 -> 国際|連合) is stored as the analyzer's terms joined by one space,
 * both as a key and as an expansion: a question's adjacent terms joined by a space find it (findSynonyms does
 * that for every run of up to `maxPhraseTerms` terms), and an expansion of several terms matches a passage
 * holding all of them, best side by side, which is how the passage's own 国際連合 was indexed.
 *
 * `sameWord` marks forms of one vocabulary item (国連 = 国際連合 = UN: spellings, abbreviations, translations)
 * as against other words of the same sense (価格 ~ 値段), which a ranking may trust more.
 *
 * Expansion control is honoured: headwords Sudachi marks never to be used are not in the file; those marked
 * not to trigger expansion (`~` in the file: 職員 in the group of 従業員) are expansions of their group's other
 * words but have no synonyms of their own there. A word in several groups (several senses) gets all of them.
 *
 * The file is read once, on the first lookup (0.9 MB; the cost is measured by `npm run bench`, see
 * docs/benchmarks.md), never the package's 14 MB JSON.
 */
import { existsSync, readFileSync } from "node:fs";
import { dataFile } from "./data-files.js";

/** The compiled file, in the project's data/ folder. */
const RELATIVE_FILE = "synonyms.tsv";
/** Prefix of a form that is expanded to but does not trigger expansion (Sudachi's flag 1). */
const NOT_A_TRIGGER_CODE = "~".charCodeAt(0);

export interface Synonym {
  /** The analyzer's terms joined by a space (`国際 連合`). */
  form: string;
  terms: string[];
  /** A form of the same vocabulary item (spelling, abbreviation, translation), not another word of the sense. */
  sameWord: boolean;
}

export interface SynonymMatch {
  /** Where in the given terms the matched word starts, and how many terms it spans. */
  start: number;
  length: number;
  synonyms: Synonym[];
}

const TAB = 9;
const NEWLINE = 10;
const COMMA = 44;
const HASH = 35;
const SPACE = 32;

export class Synonyms {
  /** The most terms any form spans: the longest run `find` tries. */
  readonly maxPhraseTerms: number;
  /** Where each group's line starts and ends in the text: groups are split into forms only when looked up. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Form -> the group (or groups) in which it triggers expansion. */
  private readonly triggers = new Map<string, number | number[]>();

  /**
   * One pass over the text, allocating only the keys: ~65,000 forms, a Map of the ~55,000 that trigger
   * (the cost is measured in docs/benchmarks.md).
   */
  constructor(private readonly text: string, source = "synonyms") {
    let maxSpaces = 0;
    let line = 1;
    let i = 0;
    while (i < text.length && text.charCodeAt(i) === HASH) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
      line++;
    }
    let start = i;
    let lineStart = i;
    let forms = 0;
    let spaces = 0;
    for (; i <= text.length; i++) {
      const c = i === text.length ? NEWLINE : text.charCodeAt(i);
      if (c === SPACE) spaces++;
      if (c !== TAB && c !== COMMA && c !== NEWLINE) continue;
      if (i > start) {
        forms++;
        if (spaces > maxSpaces) maxSpaces = spaces;
        if (text.charCodeAt(start) !== NOT_A_TRIGGER_CODE) this.addTrigger(text.slice(start, i), this.starts.length);
      } else if (!(c === NEWLINE && i === lineStart)) {
        throw new Error(`${source}:${line}: empty form`);
      }
      spaces = 0;
      start = i + 1;
      if (c !== NEWLINE) continue;
      if (i > lineStart) {
        if (forms < 2) throw new Error(`${source}:${line}: a group needs at least two forms`);
        this.starts.push(lineStart);
        this.ends.push(i);
      }
      forms = 0;
      lineStart = i + 1;
      line++;
    }
    if (this.starts.length === 0) throw new Error(`${source}: no synonym groups`);
    this.maxPhraseTerms = maxSpaces + 1;
  }

  private addTrigger(form: string, group: number): void {
    const known = this.triggers.get(form);
    if (known === undefined) this.triggers.set(form, group);
    else if (typeof known === "number") {
      if (known !== group) this.triggers.set(form, [known, group]);
    } else if (!known.includes(group)) known.push(group);
  }

  /** The synonyms of a form (a term, or a phrase's terms joined by a space), without duplicates or itself. */
  entriesOf(form: string): Synonym[] {
    const known = this.triggers.get(form);
    if (known === undefined) return [];
    const found = new Map<string, Synonym>();
    for (const group of typeof known === "number" ? [known] : known) {
      const items = this.text.slice(this.starts[group], this.ends[group]).split("\t").map((field) => field.split(","));
      const own = items.findIndex((forms) => forms.includes(form));
      items.forEach((forms, item) => {
        for (const raw of forms) {
          const other = raw.charCodeAt(0) === NOT_A_TRIGGER_CODE ? raw.slice(1) : raw;
          if (other === form) continue;
          const sameWord = item === own;
          const seen = found.get(other);
          if (seen) seen.sameWord ||= sameWord;
          else found.set(other, { form: other, terms: other.split(" "), sameWord });
        }
      });
    }
    return [...found.values()];
  }

  /** Every run of the given terms (longest first at each start) that has synonyms. */
  find(terms: readonly string[]): SynonymMatch[] {
    const matches: SynonymMatch[] = [];
    for (let start = 0; start < terms.length; start++) {
      for (let length = Math.min(this.maxPhraseTerms, terms.length - start); length >= 1; length--) {
        const synonyms = this.entriesOf(terms.slice(start, start + length).join(" "));
        if (synonyms.length > 0) matches.push({ start, length, synonyms });
      }
    }
    return matches;
  }
}

/** The project's data/synonyms.tsv. */
export function synonymsFile(): string {
  const file = dataFile(RELATIVE_FILE);
  if (!existsSync(file)) throw new Error(`${file} not found: run npm run build:synonyms`);
  return file;
}

let loaded: Synonyms | undefined;

/** The process's synonyms, read from data/synonyms.tsv on the first call. */
export function synonyms(): Synonyms {
  if (!loaded) {
    const file = synonymsFile();
    loaded = new Synonyms(readFileSync(file, "utf8"), file);
  }
  return loaded;
}

/** The synonyms of an analyzed term or phrase (`国際 連合`), as forms; empty when it has none. */
export function synonymsOf(word: string): string[] {
  return synonyms()
    .entriesOf(word)
    .map((s) => s.form);
}

/** The runs of analyzed terms that have synonyms (see Synonyms.find). */
export function findSynonyms(terms: readonly string[]): SynonymMatch[] {
  return synonyms().find(terms);
}
