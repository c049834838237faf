/**
 * The incremental dictionary lookup (src/search/prefix-search.ts) finds exactly what kuromoji's own
 * commonPrefixSearch finds, at every position of the seed articles and of odd input.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { commonPrefixSearch } from "../../src/search/prefix-search.js";

describe("the incremental prefix search", () => {
  it("returns kuromoji's matches for every suffix of the seeds and of odd text, and is the one the tokenizer uses", async () => {
    const tokenizer = (await loadTokenizer()) as unknown as { viterbi_builder: { trie: Parameters<typeof commonPrefixSearch>[0] & object } };
    const trie = tokenizer.viterbi_builder.trie;
    const theirs = Object.getPrototypeOf(trie).commonPrefixSearch as (key: string) => unknown;
    expect(Object.hasOwn(trie, "commonPrefixSearch")).toBe(true);
    const seeds = readdirSync("seeds").map((name) => readFileSync(path.join("seeds", name), "utf8"));
    const odd = "ｶﾀｶﾅ ﾄﾗﾝﾌﾟ 😀👍🏽 emoji ABC abc 123 ５,０００億ドル 𠮷野家の\uFFFFテスト ヴァンス　バンス ーーー";
    let matches = 0;
    for (const text of [...seeds, odd]) {
      for (let start = 0; start < text.length; start++) {
        // kuromoji walks code points: a suffix never starts inside a surrogate pair.
        if (/[\uDC00-\uDFFF]/.test(text[start]!)) continue;
        const key = text.slice(start);
        const ours = commonPrefixSearch(trie, key);
        expect(ours).toEqual(theirs.call(trie, key));
        matches += ours.length;
      }
    }
    expect(matches).toBeGreaterThan(5_000);
  });
});
