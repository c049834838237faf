/**
 * Recall for a question word the articles do not have as such: a name cut short (`ゼレンス`), spelled a little
 * differently, or a compound that kuromoji segments otherwise in the articles. The indexed words that share its
 * character bigrams stand in for it when candidates are searched.
 *
 * The bigrams index the vocabulary, not every passage's text: a few bigrams per distinct word instead of a
 * hundred per passage, which kept ~40% of all postings in a field of their own (and in the cache, and in
 * memory) for the few questions with an unknown word. It is built from the vocabulary on the first unknown word
 * and never stored.
 */
import { characterBigrams } from "./normalize.js";

export interface SimilarTerm {
  term: string;
  /** The share of the question word's bigrams that the indexed word holds, in (0, 1]. */
  similarity: number;
}

/** An indexed word holding at least this share of the question word's bigrams is a spelling of it. */
const MIN_SIMILARITY = 0.5;
/** Words tried per unknown question word, most similar first: enough for its spellings and its pieces. */
const MAX_SIMILAR = 8;

export class SimilarTerms {
  private byGram: Map<string, number[]> | undefined;

  constructor(private readonly vocabulary: readonly string[]) {}

  /**
   * Indexed words that hold most of `term`'s bigrams (`ゼレンスキ` for `ゼレンス`), or that `term` holds whole
   * (`資源` in `鉱物資源協定`), most similar first. Empty for a term with no katakana or kanji run.
   */
  find(term: string): SimilarTerm[] {
    const wanted = new Set(characterBigrams(term));
    if (wanted.size === 0) return [];
    this.byGram ??= this.build();
    const shared = new Map<number, number>();
    for (const gram of wanted) for (const id of this.byGram.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const found: SimilarTerm[] = [];
    for (const [id, count] of shared) {
      const other = this.vocabulary[id]!;
      if (other === term) continue;
      const similarity = count / wanted.size;
      if (similarity >= MIN_SIMILARITY || count === new Set(characterBigrams(other)).size) found.push({ term: other, similarity });
    }
    found.sort((a, b) => b.similarity - a.similarity || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    return found.slice(0, MAX_SIMILAR);
  }

  private build(): Map<string, number[]> {
    const byGram = new Map<string, number[]>();
    this.vocabulary.forEach((term, id) => {
      for (const gram of new Set(characterBigrams(term))) {
        const ids = byGram.get(gram);
        if (ids) ids.push(id);
        else byGram.set(gram, [id]);
      }
    });
    return byGram;
  }
}
