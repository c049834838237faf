/**
 * `npm run eval -- --ablate NAME[,NAME...]|all [--weights FILE] [--sets jaquad-dev,dev,own,set-a,...]`: each feature's and each not-found rule's effect,
 * measured as qa-eval measures (hit@1/@3 on `expect`, strict hit on `anchors`, answerable questions declined,
 * negatives declined) on the JaQuAD dev-set, the dev questions, our own and eval/'s sets. A feature is turned off
 * by reading 0 (the model is not refitted: `npm run train -- --without NAME --out FILE` then `--weights FILE`
 * measures a refit); a rule by not applying it, and `+NAME` applies a rule that is off by default.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { loadArticles } from "../src/articles/load.js";
import { PASSAGE_RULES } from "../src/search/decision.js";
import { SearchEngine } from "../src/search/engine.js";
import type { RankConfig } from "../src/search/rank-config.js";
import { FEATURES } from "../src/search/rank-features.js";
import { defaultWeightsFile, loadRankConfig } from "../src/search/rank-weights.js";

interface QaSet {
  questions: Array<{ q: string; expect: string[]; anchors?: string[] }>;
  negatives?: string[];
  hard_negatives?: string[];
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const SETS: Array<{ name: string; qa: string; articles: string }> = [
  { name: "jaquad-dev", qa: "../shared/jaquad/dev-set/qa.json", articles: "../shared/jaquad/dev-set/articles" },
  { name: "dev", qa: "../shared/dev-qa.json", articles: "seeds" },
  { name: "own", qa: "tests/ask/own-qa.json", articles: "seeds" },
  ...readdirSync("eval")
    .filter((d) => d.startsWith("set-"))
    .sort()
    .map((d) => ({ name: d, qa: `eval/${d}/qa.json`, articles: `eval/${d}/articles` })),
];

const squash = (t: string) => t.replace(/\s+/g, "");

function measure(engine: SearchEngine, qa: QaSet): string {
  let h1 = 0, h3 = 0, s1 = 0, s3 = 0, declined = 0;
  for (const q of qa.questions) {
    const texts = engine.search(q.q, { top: 3 }).map((h) => h.text);
    if (!texts.length) declined++;
    const r = texts.findIndex((t) => t.length <= 400 && q.expect.some((e) => t.includes(e)));
    if (r === 0) h1++;
    if (r >= 0) h3++;
    const sr = q.anchors ? texts.findIndex((t) => t.length <= 400 && q.anchors!.some((a) => squash(t).includes(squash(a)))) : -1;
    if (sr === 0) s1++;
    if (sr >= 0) s3++;
  }
  const negatives = [...(qa.negatives ?? []), ...(qa.hard_negatives ?? [])];
  const negDeclined = negatives.filter((q) => engine.search(q, { top: 3 }).length === 0).length;
  const n = qa.questions.length;
  const strict = qa.questions[0]?.anchors ? ` strict ${(s1 / n).toFixed(3)}/${(s3 / n).toFixed(3)}` : "";
  return `hit ${(h1 / n).toFixed(3)}/${(h3 / n).toFixed(3)}${strict} declined ${declined}/${n} negatives ${negDeclined}/${negatives.length}`;
}

async function main(): Promise<void> {
  const requested = arg("--ablate") ?? "all";
  const names = requested === "all" ? [...FEATURES.map((f) => f.name), ...PASSAGE_RULES.map((r) => r.name), "probability"] : requested.split(",");
  const known = new Set([...FEATURES.map((f) => f.name), ...PASSAGE_RULES.map((r) => r.name), "probability", "none"]);
  const unknown = names.filter((n) => !known.has(n.replace(/^\+/, "")));
  if (unknown.length) throw new Error(`ablate: no feature or rule named ${unknown.join(", ")} (features: ${FEATURES.map((f) => f.name).join(", ")}; rules: ${PASSAGE_RULES.map((r) => r.name).join(", ")}, probability)`);
  const base = loadRankConfig(path.resolve(arg("--weights") ?? defaultWeightsFile()));
  // NAME turns a feature or rule off; +NAME turns on a rule that is off by default.
  const variant = (name: string): RankConfig => {
    if (name === "none") return base;
    if (name.startsWith("+")) return { ...base, disabledRules: new Set([...base.disabledRules].filter((r) => r !== name.slice(1))) };
    if (FEATURES.some((f) => f.name === name)) return { ...base, disabledFeatures: new Set([name]) };
    return { ...base, disabledRules: new Set([...base.disabledRules, name]) };
  };
  const only = arg("--sets")?.split(",");
  for (const set of SETS) {
    if (!existsSync(set.qa) || (only && !only.includes(set.name))) continue;
    const qa = JSON.parse(readFileSync(set.qa, "utf8")) as QaSet;
    const { articles, key, hashes } = await loadArticles(set.articles);
    const engine = await SearchEngine.open({ articles, articlesKey: key, articleHashes: hashes, articlesDir: path.resolve(set.articles), cacheDir: path.resolve(".cache"), rankConfig: base });
    console.log(`${set.name.padEnd(11)} ${"(all on)".padEnd(17)} ${measure(engine, qa)}`);
    for (const name of names) console.log(`${set.name.padEnd(11)} ${(name.startsWith("+") ? name : `-${name}`).padEnd(17)} ${measure(engine.withRankConfig(variant(name)), qa)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
