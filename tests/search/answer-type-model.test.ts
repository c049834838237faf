/**
 * The answer-type model: the committed data/answer-types.json tells what kind of answer news questions want,
 * question words or not, formal or colloquial; its probabilities sum to 1; a missing or malformed file is an error
 * naming the file and `npm run train:answer-types`; and training is reproducible on a fixed slice of JaQuAD train.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readExamples, serialise, trainAnswerTypes } from "../../scripts/train/answer-types.js";
import {
  ANSWER_TYPES,
  AnswerTypeModelError,
  type AnswerType,
  answerTypeGrams,
  answerTypeProbabilities,
  defaultAnswerTypesFile,
  readAnswerTypeModel,
} from "../../src/search/answer-type-model.js";

const work = mkdtempSync(path.join(tmpdir(), "kiji-answer-types-"));
const committed = JSON.parse(readFileSync(defaultAnswerTypesFile(), "utf8")) as {
  attribution: string;
  provenance: { command: string; heldOut: { accuracy: number; perType: Record<AnswerType, { recall: number }> } };
  model: { bias: number[]; grams: Record<string, number[]> };
};

function write(name: string, content: string): string {
  const file = path.join(work, name);
  writeFileSync(file, content);
  return file;
}

const mostProbable = (question: string): AnswerType => {
  const p = answerTypeProbabilities(question);
  return ANSWER_TYPES.reduce((best, t) => (p[t] > p[best] ? t : best));
};

describe("answerTypeProbabilities", () => {
  it.each([
    ["ゼレンスキー大統領が感謝したのは誰?", "person"],
    ["部会のまとめ役って誰がやってるの?", "person"],
    ["会談はいつ行われた?", "date"],
    ["地震が起きたのっていつ?", "date"],
    ["東京五輪は何年に開かれた?", "date"],
    ["台湾の相手企業はどこ?", "place"],
    ["手塚治虫の出身地は?", "place"],
    ["なぜ停戦交渉は決裂した?", "reason"],
    ["日銀が利上げを決めた理由は?", "reason"],
    ["被害額はいくら?", "other"],
  ] as const)("%s wants a %s above all", (question, type) => {
    expect(mostProbable(question)).toBe(type);
  });

  it("gives probabilities that sum to 1, for any text", () => {
    for (const text of ["会談はいつ行われた?", "", "?", "🎌🎌", "Who won the election?", "あ".repeat(2000)]) {
      const p = answerTypeProbabilities(text);
      expect(Object.keys(p).sort()).toEqual([...ANSWER_TYPES].sort());
      expect(Object.values(p).every((x) => x >= 0 && x <= 1)).toBe(true);
      expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it("reads full-width, half-width and unpunctuated questions alike", () => {
    expect(answerTypeProbabilities("会談はいつ行われた？")).toEqual(answerTypeProbabilities("会談はいつ行われた?"));
    expect(answerTypeProbabilities("会談は いつ 行われた")).toEqual(answerTypeProbabilities("会談はいつ行われた。"));
    expect(answerTypeGrams("2024年")).toEqual(answerTypeGrams("1999年"));
  });
});

describe("data/answer-types.json", () => {
  it("is the project's file, with JaQuAD's attribution and its held-out figures", () => {
    expect(defaultAnswerTypesFile()).toBe(path.resolve("data/answer-types.json"));
    expect(committed.attribution).toContain("JaQuAD, Skelter Labs, CC BY-SA 3.0");
    expect(committed.provenance.command).toMatch(/^npm run train:answer-types/);
    expect(committed.provenance.heldOut.accuracy).toBeGreaterThan(0.85);
    for (const t of ANSWER_TYPES) expect(committed.provenance.heldOut.perType[t].recall).toBeGreaterThan(0.5);
    expect(readAnswerTypeModel(defaultAnswerTypesFile()).grams.size).toBe(Object.keys(committed.model.grams).length);
  });

  it("missing: an error naming the file and npm run train:answer-types", () => {
    const file = path.join(work, "absent.json");
    expect(() => readAnswerTypeModel(file)).toThrow(AnswerTypeModelError);
    expect(() => readAnswerTypeModel(file)).toThrow(/absent\.json cannot be read \(ENOENT\); run `npm run train:answer-types`/);
  });

  it("corrupt or fitted on other features: an error saying what is wrong", () => {
    expect(() => readAnswerTypeModel(write("cut.json", readFileSync(defaultAnswerTypesFile(), "utf8").slice(0, 500)))).toThrow(/cut\.json is not valid JSON; run `npm run train:answer-types`/);
    expect(() => readAnswerTypeModel(write("other.json", "{}"))).toThrow(/is not format "kiji-bot answer types" version 1/);
    const features = structuredClone(committed) as unknown as { model: { features: string } };
    features.model.features = "word unigrams";
    expect(() => readAnswerTypeModel(write("features.json", JSON.stringify(features)))).toThrow(/was fitted on other features/);
    const short = structuredClone(committed);
    short.model.grams["誰"] = [1, 2];
    expect(() => readAnswerTypeModel(write("short.json", JSON.stringify(short)))).toThrow(/no 5 finite numbers for the n-gram "誰"/);
    const bias = structuredClone(committed) as unknown as { model: { bias: unknown[] } };
    bias.model.bias[0] = "0";
    expect(() => readAnswerTypeModel(write("bias.json", JSON.stringify(bias)))).toThrow(/model\.bias/);
  });
});

const slice = "../shared/jaquad/train/jaquad_train_0000.json";

describe.skipIf(!existsSync(slice))("npm run train:answer-types on a fixed slice", () => {
  it("gives the same model twice, and one that learned something", () => {
    const options = { l2: 1, minCount: 2, iterations: 40, balance: 1, prune: 0.01 };
    const examples = readExamples(slice, 6);
    expect(new Set(examples.map((e) => e.type)).size).toBeGreaterThanOrEqual(4);
    const first = trainAnswerTypes(examples, options);
    const second = trainAnswerTypes(readExamples(slice, 6), options);
    expect(serialise({ model: second.model })).toBe(serialise({ model: first.model }));
    const file = write("slice.json", serialise({ ...committed, model: first.model }));
    const model = readAnswerTypeModel(file);
    expect(model.grams.size).toBeGreaterThan(50);
    // The n-gram 誰 pulls towards person even when learned from a handful of articles.
    const who = model.grams.get("誰")!;
    expect(who[ANSWER_TYPES.indexOf("person")]).toBe(Math.max(...who));
  });
});
