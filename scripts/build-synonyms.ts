/**
 * Compiles Sudachi's synonym dictionary (the npm package sudachi-synonyms-dictionary, a 14 MB JSON file, a
 * devDependency) into data/synonyms.tsv: only what src/search/synonyms.ts needs to look a word up, in the
 * analyzer's terms, so that no start ever reads the JSON.
 *
 *   npm run build:synonyms            writes data/synonyms.tsv
 *   npm run build:synonyms -- --check exits 1 when the committed file differs from what it would write
 *
 * Run it again after a change to the analyzer that changes how a headword is analysed
 * (tests/search/synonyms.test.ts fails until then), or after updating the package.
 *
 * What is kept (the format is documented in the file's header, written below):
 * - Each headword becomes the analyzer's terms for it, as a question or a passage holding it would be indexed:
 *   `国際連合` -> `国際 連合` (several terms are joined by one space), `ＵＮ` -> `un`.
 * - Expansion control (field 2 of Sudachi's format): flag 2 (never used) is left out; flag 1 (does not trigger
 *   expansion, but other words of its group expand to it) is marked with a leading `~`.
 * - Forms of one vocabulary item (field 3: spellings, abbreviations, translations) stay in one field, so that a
 *   lookup can tell `国連` = `国際連合` (the same word) from `価格` ~ `値段` (another word of the same sense).
 * - A headword that the analyzer cuts short (`会社員` -> `会社`: the suffix 員 is not indexed) is kept only when no
 *   other headword analyses to the same form; otherwise it would stand for that other word (会社 is no 社員).
 *   `従業員` -> `従業` stays: no headword is 従業.
 * - Headwords that analyse to nothing (stop words, single kana) or hold an amount (`2人`, `二重`) are dropped, forms equal after analysis are merged
 *   (a form that may trigger wins over one that may not), and groups left with nothing to expand are dropped.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Analyzer } from "../src/search/analyzer.js";
import { loadTokenizer } from "../src/search/dictionary.js";
import { normalizeText } from "../src/search/normalize.js";

/** One headword of Sudachi's synonyms.txt as the package gives it (only the fields used here). */
export interface SudachiEntry {
  /** 0: always used; 1: not a trigger, but expanded to; 2: never used (kept in the source as a deletion record). */
  expandControl: 0 | 1 | 2;
  /** Words with one number in a group are one vocabulary item (spellings, abbreviations, translations). */
  vocabularyNumber: number | undefined;
  midashi: string;
}

export interface SudachiGroup {
  id: string;
  items: SudachiEntry[];
}

/** Prefix of a form that is expanded to but never triggers expansion (Sudachi's flag 1). */
export const NOT_A_TRIGGER = "~";

const require = createRequire(import.meta.url);
/** Where src/search/synonyms.ts looks for it. */
export const SYNONYMS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data", "synonyms.tsv");

/** The installed package's folder and version. */
export function sudachiPackage(): { dir: string; version: string } {
  const dir = path.dirname(require.resolve("sudachi-synonyms-dictionary"));
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return { dir, version };
}

export function readSudachiGroups(dir: string): SudachiGroup[] {
  return JSON.parse(readFileSync(path.join(dir, "sudachi-synonyms-dictionary.json"), "utf8")) as SudachiGroup[];
}

export function header(version: string): string {
  return [
    `# Synonym groups for query expansion, compiled by \`npm run build:synonyms\` (scripts/build-synonyms.ts) from the npm package sudachi-synonyms-dictionary ${version}.`,
    "# Source: Sudachi's synonym dictionary (https://github.com/WorksApplications/SudachiDict, src/main/text/synonyms.txt), Copyright (c) 2017 Works Applications Co., Ltd.",
    "# License: Apache-2.0 (http://www.apache.org/licenses/LICENSE-2.0); this file is a derived form of it.",
    "# Format: one group (one sense) per line; tab-separated fields, one per vocabulary item; within a field, the item's forms (spellings, abbreviations, translations) separated by ','.",
    `# A form is the kiji-bot analyzer's terms for the headword, space-separated when several (国際連合 -> '国際 連合'). '${NOT_A_TRIGGER}' before a form: expanded to, never expands (Sudachi flag 1). Headwords with flag 2 (never expand) are left out.`,
  ].join("\n");
}

/** The package writes a comma inside a headword as the escape `\\u002c` (United Nations Educational\\u002c ...). */
function unescape(midashi: string): string {
  return midashi.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A headword as the analyzer indexes it. */
interface Analysed {
  /** The analyzer's terms joined by a space; empty when it keeps none. */
  form: string;
  /** The terms spell the whole headword; false when the analyzer dropped a piece of it (`員` of `会社員`). */
  whole: boolean;
}

const letters = (text: string) => text.replace(/[^\p{L}\p{N}]|ー/gu, "");

function analyse(entry: SudachiEntry, analyzer: Analyzer): Analysed {
  const headword = unescape(entry.midashi);
  const words = analyzer.analyze(headword).words;
  // An amount is no word to expand: `2人` (analysed as 2) would make every 2 a synonym of ふたり.
  if (words.some((w) => w.role === "number")) return { form: "", whole: false };
  const form = words.map((w) => w.term).join(" ");
  // Surfaces, not base forms: `話し合い` is indexed as 話し合う (and its surface), and is whole.
  return { form, whole: letters(words.map((w) => w.alt ?? w.term).join("")) === letters(normalizeText(headword)) };
}

/**
 * One group's line, or null when it has nothing to expand (fewer than two forms, or none that triggers).
 * `wholeForms` are the forms of every headword the analyzer keeps whole: a headword it cuts (`会社員` ->
 * `会社`) is kept only when its form is no other headword's, or it would expand that word (会社) as this one.
 */
export function compileGroup(group: SudachiGroup, analyse: (entry: SudachiEntry) => Analysed, wholeForms: ReadonlySet<string>): string | null {
  // vocabulary number -> form -> may trigger
  const items = new Map<number, Map<string, boolean>>();
  const seen = new Map<string, boolean>();
  let next = -1;
  for (const entry of group.items) {
    if (entry.expandControl === 2) continue;
    const { form, whole } = analyse(entry);
    if (form === "" || (!whole && wholeForms.has(form))) continue;
    const triggers = entry.expandControl === 0;
    if (seen.has(form)) {
      // The same form under two headwords (サマリー, サマリ): kept once, in its first item, triggering if either does.
      if (triggers && !seen.get(form)) for (const forms of items.values()) if (forms.has(form)) forms.set(form, true);
      seen.set(form, seen.get(form)! || triggers);
      continue;
    }
    seen.set(form, triggers);
    // An entry without a vocabulary number is an item of its own.
    const number = entry.vocabularyNumber ?? next--;
    let forms = items.get(number);
    if (!forms) items.set(number, (forms = new Map()));
    forms.set(form, triggers);
  }
  if (seen.size < 2 || ![...seen.values()].some(Boolean)) return null;
  return [...items.values()].map((forms) => [...forms].map(([form, triggers]) => (triggers ? form : NOT_A_TRIGGER + form)).join(",")).join("\t");
}

/** The whole file's text. */
export function compile(groups: SudachiGroup[], analyzer: Analyzer, version: string): string {
  const analysed = new Map<SudachiEntry, Analysed>();
  for (const group of groups) for (const entry of group.items) if (entry.expandControl !== 2) analysed.set(entry, analyse(entry, analyzer));
  const wholeForms = new Set([...analysed.values()].filter((a) => a.whole && a.form !== "").map((a) => a.form));
  const lines = [header(version)];
  for (const group of groups) {
    const line = compileGroup(group, (entry) => analysed.get(entry)!, wholeForms);
    if (line !== null) lines.push(line);
  }
  return lines.join("\n") + "\n";
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const started = performance.now();
  const { dir, version } = sudachiPackage();
  const analyzer = new Analyzer(await loadTokenizer());
  const text = compile(readSudachiGroups(dir), analyzer, version);
  const lines = text.split("\n").filter((line) => line && !line.startsWith("#")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (check) {
    let committed = "";
    try {
      committed = readFileSync(SYNONYMS_FILE, "utf8");
    } catch {
      // A missing file differs.
    }
    if (committed !== text) {
      console.error(`${path.relative(process.cwd(), SYNONYMS_FILE)} is not what sudachi-synonyms-dictionary ${version} compiles to: run npm run build:synonyms`);
      process.exitCode = 1;
      return;
    }
    console.log(`${path.relative(process.cwd(), SYNONYMS_FILE)} is up to date (${lines} groups, ${seconds} s)`);
    return;
  }
  mkdirSync(path.dirname(SYNONYMS_FILE), { recursive: true });
  writeFileSync(SYNONYMS_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SYNONYMS_FILE)}: ${lines} groups, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, from sudachi-synonyms-dictionary ${version} in ${seconds} s`);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) await main();
