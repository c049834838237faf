/**
 * Generic knowledge of Japanese and of Japanese news writing that the analyzer and the ranking use. Nothing
 * here comes from particular articles or questions: these are closed classes of the language (light verbs,
 * question frames), the press's short forms for countries, and the titles it puts after names. The words
 * themselves are data files (data/words/), each saying where its list comes from.
 */
import { readWordLines, readWords } from "./word-lists.js";

/** Verbs and adjectives that carry grammar rather than content (data/words/stop-words.txt). */
export const STOP_WORDS = new Set(readWords("stop-words"));

/**
 * Nouns that frame a question rather than name its topic: `口論のきっかけは?` asks for a cause, `協定の内容は?`
 * for content. A passage may answer without repeating them, so they weigh little and their absence is no
 * reason to decline (data/words/frame-nouns.txt).
 */
export const FRAME_NOUNS = new Set(readWords("frame-nouns"));

/**
 * Words that ask where a report came from (`どこのメディア?`, `記事の公開日`): with them a question wants a
 * source card's line, and they are not the topic (data/words/source-words.txt).
 */
export const SOURCE_WORDS = new Set(readWords("source-words"));

/**
 * Frame nouns that ask the same thing (`態度` and `姿勢`, `動き` and `動向`): a passage using one answers a
 * question using another (data/words/frame-families.txt, a family a line).
 */
export const FRAME_FAMILIES: string[][] = readWordLines("frame-families");

/** Verbs that frame a question (`何を言った?`, `どう説明した?`): weak content, like FRAME_NOUNS. */
export const FRAME_VERBS = new Set(readWords("frame-verbs"));

/** Titles the press puts after a name (`バンス副大統領`, `スターマー首相`): they point at a person. */
export const TITLES = new Set(readWords("titles"));

/**
 * The press's one-character country forms (米ロ, 中露, 英仏, 米ウ) and full names, folded to one term so
 * that `米国`, `アメリカ` and the `米` of `米ロ` match each other (data/words/country-forms.txt: the term, then
 * its forms).
 */
export const COUNTRY_FORMS: Record<string, string> = Object.fromEntries(
  readWordLines("country-forms").flatMap(([term, ...forms]) => forms.map((form) => [form, term!])),
);

/** The short forms that are also ordinary words or kana (`ロ`, `中`, `日`): folded only beside another country. */
export const AMBIGUOUS_COUNTRY_FORMS = new Set(readWords("ambiguous-country-forms"));

/** One alternation matching any of the words as text (each escaped): for the cue lists below. */
export function anyOf(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

/**
 * A list of data/words/NAME.txt whose lines are a kind's name, then its words: the words of one kind, or an error
 * naming the file when it has no line for that kind.
 */
function byKind(name: string): (kind: string) => string[] {
  const lists = new Map(readWordLines(name).map(([kind, ...words]) => [kind!, words]));
  return (kind) => {
    const words = lists.get(kind);
    if (!words?.length) throw new Error(`the word list data/words/${name}.txt has no line for "${kind}"; it ships with kiji-bot in data/words/`);
    return words;
  };
}

/**
 * Words that show what kind of answer a sentence gives (data/words/sentence-cues.txt): `reason`, `speech`,
 * `stance`, `organization`.
 */
export const sentenceCues = byKind("sentence-cues");

/**
 * Question words and the kind of answer they ask for (data/words/question-cues.txt): `date`, `person`, `place`,
 * `reason`, `speech`, `stance`, `number`.
 */
export const questionCues = byKind("question-cues");

/** Words of a question about a report rather than its content (data/words/source-cues.txt). */
export const SOURCE_CUES = readWords("source-cues");

/** Words that refer back to a person or body named before (data/words/refers-back.txt). */
export const REFERS_BACK_WORDS = readWords("refers-back");
