/**
 * Sudachi's synonyms as the ranking will look them up: through the analyzer's terms (a question's 従業員 is the
 * term 従業, its 国際連合 the phrase `国際 連合`), honouring Sudachi's expansion-control flags, from the compiled
 * data/synonyms.tsv, which must be what `npm run build:synonyms` writes from the installed package.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compile, readSudachiGroups, sudachiPackage, SYNONYMS_FILE } from "../../scripts/build-synonyms.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { loadTokenizer } from "../../src/search/dictionary.js";
import { findSynonyms, Synonyms, synonyms, synonymsFile, synonymsOf } from "../../src/search/synonyms.js";

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = new Analyzer(await loadTokenizer());
});

/** A word as a question holding it is analysed: its terms, joined as the synonyms' keys are. */
const form = (word: string) => analyzer.terms(word).join(" ");
/** The synonyms of a written word, each as written forms are analysed. */
const of = (word: string) => synonymsOf(form(word));

describe("synonymsOf, through the analyzer", () => {
  it("expands 従業員 to 社員 and back", () => {
    expect(of("従業員")).toContain(form("社員"));
    expect(of("社員")).toContain(form("従業員"));
  });

  it("expands 価格 to 値段 and back, as another word of the same sense", () => {
    expect(of("価格")).toContain(form("値段"));
    expect(of("値段")).toContain(form("価格"));
    expect(synonyms().entriesOf(form("価格")).find((s) => s.form === form("値段"))?.sameWord).toBe(false);
  });

  it("expands 国連 to the phrase 国際|連合 and back, as forms of the same word", () => {
    expect(form("国際連合")).toBe("国際 連合");
    expect(of("国連")).toContain("国際 連合");
    expect(of("国際連合")).toContain("国連");
    const entry = synonyms().entriesOf("国連").find((s) => s.form === "国際 連合");
    expect(entry).toEqual({ form: "国際 連合", terms: ["国際", "連合"], sameWord: true });
  });

  it("finds a phrase's synonyms among a question's terms", () => {
    const terms = analyzer.terms("国際連合の加盟国はいくつ？");
    const match = findSynonyms(terms).find((m) => m.synonyms.some((s) => s.form === "国連"));
    expect(match && terms.slice(match.start, match.start + match.length)).toEqual(["国際", "連合"]);
  });

  it("gives nothing for a word outside the dictionary, and never the word itself", () => {
    expect(of("ゼレンスキー")).toEqual([]);
    expect(of("価格")).not.toContain(form("価格"));
  });
});

describe("expansion control", () => {
  // Sudachi's group 000777: 損失 (0), 赤字 (1), 欠損 (1), マイナス (2).
  it("expands to a flag-1 word but not from it", () => {
    expect(of("損失")).toContain(form("赤字"));
    expect(of("赤字")).not.toContain(form("損失"));
    // 000464: 確認 (0), チェック (1), check (2).
    expect(of("確認")).toContain(form("チェック"));
    expect(of("チェック")).toEqual([]);
  });

  it("never uses a flag-2 word, in either direction", () => {
    expect(of("損失")).not.toContain(form("マイナス"));
    expect(of("マイナス")).not.toContain(form("損失"));
    // 000365: スケール (0), scale (0), 規模 (2); 000778: 損失, ロス, loss, all (2).
    expect(of("スケール")).toEqual(["scale"]);
    expect(of("規模")).not.toContain(form("スケール"));
    expect(of("ロス")).toEqual([]);
  });

  it("leaves out amounts, which are no words to expand", () => {
    // 二人 ~ ふたり ~ 2人: `2` as a synonym would match every 2.
    expect(of("ふたり")).not.toContain("2");
  });

  it("keeps a headword the analyzer cuts short only when no other headword has its form", () => {
    // 会社員 analyses to 会社 (員 is not indexed): as a synonym of 社員 it would make every 会社 one.
    expect(form("会社員")).toBe("会社");
    expect(of("社員")).not.toContain("会社");
    expect(of("会社")).not.toContain(form("社員"));
  });
});

describe("data/synonyms.tsv", () => {
  const text = readFileSync(synonymsFile(), "utf8");

  it("is the file the loader finds and the script writes", () => {
    expect(synonymsFile()).toBe(SYNONYMS_FILE);
  });

  it("names its source, its licence and the package version installed", () => {
    const header = text.split("\n").filter((line) => line.startsWith("#")).join("\n");
    expect(header).toContain(`sudachi-synonyms-dictionary ${sudachiPackage().version}`);
    expect(header).toContain("Apache-2.0");
    expect(header).toContain("Works Applications");
  });

  it("is what npm run build:synonyms compiles from the installed package", () => {
    const { dir, version } = sudachiPackage();
    expect(compile(readSudachiGroups(dir), analyzer, version) === text).toBe(true);
  });

  it("rejects a malformed file with the line at fault", () => {
    expect(() => new Synonyms("# header\n価格\t値段\n価格\n", "bad.tsv")).toThrow("bad.tsv:3: a group needs at least two forms");
    expect(() => new Synonyms("価格\t\t値段\n", "bad.tsv")).toThrow("bad.tsv:1: empty form");
    expect(() => new Synonyms("# only a header\n", "bad.tsv")).toThrow("no synonym groups");
  });
});
