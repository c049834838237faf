/**
 * `--explain` and the not-found decision on the seed articles: every candidate carries its features, score,
 * probability of answering and the rule that kept or declined it; answerable questions are answered through the
 * `probability` rule, and the articles' silences are declined by a named rule.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import type { Library } from "../../src/answers/library.js";
import { explainText } from "../../src/cli/explain.js";
import { associationsOf } from "../../src/search/associations.js";
import { FEATURES } from "../../src/search/rank-features.js";
import { answeredOwnQuestions, openSeedLibrary, ownQa } from "./library.js";

let library: Library;
beforeAll(async () => {
  library = await openSeedLibrary();
});

const QUESTION = "採掘産業の収益の何%をファンドに入れる?";

describe("explain", () => {
  it("lists the candidates best first, the quoted ones kept by the probability rule, with every feature", () => {
    const candidates = library.engine.explain(QUESTION, { top: 3 });
    expect(candidates.length).toBeGreaterThan(0);
    const [best] = candidates;
    expect(best!.quoted).toBe(true);
    expect(best!.rule).toBe("probability");
    expect(best!.text).toContain("50%");
    expect(best!.probability).toBeGreaterThanOrEqual(library.engine.rankConfig.model.threshold);
    expect(Object.keys(best!.features)).toEqual(FEATURES.map((f) => f.name));
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));
    expect(candidates.filter((c) => c.quoted).length).toBeLessThanOrEqual(3);
    const text = explainText(candidates);
    expect(text).toMatch(/^#1 quoted {2}score -?[\d.]+ {2}p\(answers\) [\d.]+ {2}\[probability\] p [\d.]+ >= threshold/);
    expect(text).toContain("answerType=1");
  });

  // Pinned: a fact the articles never give about a person they name, declined by the answer-type rule or by the
  // answer model's probability.
  it.each(["ゼレンスキー大統領は何歳?", "プーチン大統領の年齢は?", "ゼレンスキー大統領の好きな食べ物は?", "トランプ氏の趣味は何?", "ウクライナの首都の人口は?"])(
    "declines %s, and names the rule that declined its best candidate",
    (question) => {
      const candidates = library.engine.explain(question, { top: 3 });
      expect(candidates.every((c) => !c.quoted)).toBe(true);
      expect(candidates[0]?.rule).toMatch(/^(probability|answer-type|names|min-coverage)$/);
    },
  );

  it("declines nearly all of the own hard negatives and every off-topic question", () => {
    const declined = ownQa.hard_negatives.filter((q) => library.engine.explain(q, { top: 3 }).every((c) => !c.quoted));
    expect(declined.length).toBeGreaterThanOrEqual(ownQa.hard_negatives.length - 1);
    for (const q of ownQa.negatives) expect(library.engine.explain(q, { top: 3 }).every((c) => !c.quoted), q).toBe(true);
  });

  it("tells an attribute the articles never mention (attributeUnknown) from one they do", () => {
    const attributeUnknown = (q: string) => library.engine.explain(q, { top: 3 })[0]?.features.attributeUnknown;
    // `身長` and `趣味` appear nowhere in the seeds; `課題` does.
    expect(attributeUnknown("スターマー首相の身長は?")).toBe(1);
    expect(attributeUnknown("トランプ氏の趣味は何?")).toBe(1);
    expect(attributeUnknown("停戦交渉の課題は何?")).toBe(0);
    expect(ask(library, "停戦交渉の課題は何?").kind).toBe("answered");
  });

  it("credits a word no seed has but a passage says otherwise, as learned from real questions (associated)", () => {
    // `きっかけ` is in no seed; real questions taught that a sentence saying `始まる` or `受ける` answers it.
    expect(associationsOf("きっかけ").map((a) => a.term)).toEqual(expect.arrayContaining(["始まる", "受ける"]));
    const candidates = library.engine.explain("口論のきっかけは何だった?", { top: 3 });
    const credited = candidates.filter((c) => c.features.associated! > 0);
    expect(credited.length).toBeGreaterThan(0);
    expect(credited.length).toBeLessThan(candidates.length);
    expect(credited.some((c) => /始ま|受け/.test(c.text))).toBe(true);
    // Every word of this question stands in its answer: nothing to say otherwise.
    expect(library.engine.explain(QUESTION, { top: 3 })[0]!.features.associated).toBe(0);
  });

  it("answers the own answerable questions through the probability rule", () => {
    for (const { q } of answeredOwnQuestions) expect(library.engine.explain(q, { top: 3 }).find((c) => c.quoted)?.rule, q).toBeDefined();
  });
});

describe("npm run ask -- --explain", () => {
  const env = { ...process.env, ARTICLES_DIR: "seeds", CACHE_DIR: path.join(mkdtempSync(path.join(tmpdir(), "kiji-explain-")), "cache"), NO_COLOR: "1" };
  const ask = (args: string[]) => spawnSync(path.resolve("node_modules/.bin/tsx"), ["src/cli/ask.ts", ...args], { encoding: "utf8", env, timeout: 60_000 });

  it("with --json: the candidates go under an explain key, only when --explain is given", () => {
    const plain = JSON.parse(ask(["--json", QUESTION]).stdout) as Record<string, unknown>;
    expect(plain).not.toHaveProperty("explain");
    const explained = JSON.parse(ask(["--json", "--explain", QUESTION]).stdout) as { explain: Array<{ rule: string; features: Record<string, number> }> };
    expect(explained.explain[0]?.rule).toBe("probability");
    expect(Object.keys(explained.explain[0]!.features)).toEqual(FEATURES.map((f) => f.name));
  }, 60_000);
});
