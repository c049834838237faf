/**
 * `npm run bench:deadline`: does every interaction get its first response (the callback) within Discord's 3 s?
 * Starts the real bot (startBot, on a live library as `npm start` does) against the fake Discord on 127.0.0.1
 * and, per scenario, sends 100 concurrent /ask, then 100 mixed interactions (/summary, /sources and their
 * autocompletes), recording the time from dispatching each INTERACTION_CREATE to the callback's arrival at the
 * fake Discord. Then it changes one article and reloads while interactions keep arriving every 50 ms, and
 * records the longest event-loop stall (perf_hooks monitorEventLoopDelay) and the callbacks meanwhile.
 * Not part of `npm test`.
 *
 *   npm run bench:deadline                                  seeds, 3k (generated), big (seeds + a 1.5 MB one-line article)
 *   npm run bench:deadline -- --scenarios seeds,big         some of them
 *   npm run bench:deadline -- --no-reload                   skip the reload-under-load part (at 3k it rebuilds the index: minutes)
 *
 * The fake Discord runs in a worker thread and times each interaction on its own event loop (from sending the
 * INTERACTION_CREATE to reading the whole callback request), as Discord does: the bot's CPU work on the main
 * thread delays a callback only as much as it delays the bot sending it. Figures are printed as a
 * Markdown table for docs/benchmarks.md and written to bench/corpora/deadline-results.json; corpora, copies and
 * caches live under bench/corpora/ (gitignored), and the generated 3k corpus is reused.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { openLiveLibrary, type LiveLibrary } from "../src/answers/live-library.js";
import { createLogger } from "../src/bot/log.js";
import { startBot, type RunningBot } from "../src/bot/start.js";
import { IDS, OPTION, type CommandOption } from "../tests/e2e/fake-discord.js";
import type { ThreadMessage, ThreadRequest } from "./lib/fake-discord-thread.js";
import { generateCorpus, isGenerated, questionsFile } from "./corpus/generate.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPORA = path.join(ROOT, "bench", "corpora");
const WORK = path.join(CORPORA, "work", "deadline");
const DEADLINE_MS = 3000;
const BATCH = 100;
const TOKEN = "ZmFrZS1ib3Q.fake.token-for-the-deadline-bench";
/** A callback later than this counts as none (Discord gives up at 3 s; waiting longer shows how late they are). */
const CALLBACK_TIMEOUT_MS = 60_000;
/** The 1.5 MB single-line article of issue 13: one line of Japanese sentences, no headings. */
const BIG_BYTES = 1_500_000;

interface Sample {
  kind: string;
  ms: number;
  /** The callback's type: 4 (message), 5 (deferred), 8 (autocomplete choices); null when none came. */
  type: number | null;
}

interface BatchResult {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
  missed: number;
  deferred: number;
  /** The longest event-loop stall while the batch ran. */
  maxBlockMs: number;
}

interface ScenarioResult {
  scenario: string;
  articles: number;
  batches: BatchResult[];
  reload?: { ms: number; maxBlockMs: number; answered: number; p99: number; missed: number; changed: string[] };
}

function parseOptions(args: string[]) {
  let scenarios = ["seeds", "3k", "big"];
  let reload = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--scenarios") scenarios = (args[++i] ?? "").split(",").filter(Boolean);
    else if (arg.startsWith("--scenarios=")) scenarios = arg.slice("--scenarios=".length).split(",").filter(Boolean);
    else if (arg === "--no-reload") reload = false;
    else {
      console.error(`usage: npm run bench:deadline [-- --scenarios seeds,3k,big] [--no-reload]\nunknown argument ${arg}`);
      process.exit(2);
    }
  }
  for (const name of scenarios) if (!["seeds", "3k", "big"].includes(name)) throw new Error(`unknown scenario ${name} (seeds, 3k, big)`);
  return { scenarios, reload };
}

/** The scenario's articles folder (a copy, since the reload part edits it) and its questions. */
async function prepare(scenario: string): Promise<{ dir: string; questions: string[] }> {
  const dir = path.join(WORK, scenario, "articles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const own = JSON.parse(readFileSync(path.join(ROOT, "tests", "ask", "own-qa.json"), "utf8")) as { questions: { q: string }[]; negatives: string[] };
  const seedQuestions = [...own.questions.map((q) => q.q), ...own.negatives];
  if (scenario === "3k") {
    const corpus = { articles: 3000, seed: 1, out: path.join(CORPORA, "3k"), questions: 300 };
    if (!(await isGenerated(corpus))) await generateCorpus(corpus);
    cpSync(corpus.out, dir, { recursive: true });
    const generated = readFileSync(questionsFile(corpus.out), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { q: string }).q);
    return { dir, questions: generated };
  }
  cpSync(path.join(ROOT, "seeds"), dir, { recursive: true });
  if (scenario === "big") {
    const sentence = "政府は来年度の予算案で防衛費を大幅に増やす方針を固め、与野党の議論が続いている。";
    const line = sentence.repeat(Math.ceil(BIG_BYTES / Buffer.byteLength(sentence)));
    writeFileSync(path.join(dir, "big_single_line.txt"), line);
  }
  return { dir, questions: seedQuestions };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

function summarizeBatch(label: string, samples: Sample[], maxBlockMs: number): BatchResult {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    label,
    count: samples.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    missed: samples.filter((s) => s.type === null || s.ms > DEADLINE_MS).length,
    deferred: samples.filter((s) => s.type === 5).length,
    maxBlockMs,
  };
}

/** The fake Discord in its own thread (bench/lib/fake-discord-thread.ts), and the interactions sent through it. */
class Driver {
  private turn = 0;
  private nextId = 0;
  private readonly pending = new Map<number, (sample: { ms: number; type: number | null }) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly apiUrl: string,
    private readonly questions: string[],
    private readonly titles: string[],
    private readonly ids: string[],
  ) {
    worker.on("message", (message: ThreadMessage) => {
      if (!("id" in message)) return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  static async start(questions: string[], titles: string[], ids: string[]): Promise<Driver> {
    const thread = new URL("./lib/fake-discord-thread.ts", import.meta.url);
    // Loader flags do not reach a worker: it registers tsx's hooks itself, then imports the TypeScript file.
    const script = `import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(thread.href)}); })`;
    const worker = new Worker(script, { eval: true });
    const [first] = (await once(worker, "message")) as [ThreadMessage];
    if (!("apiUrl" in first)) throw new Error("the fake Discord thread did not start");
    return new Driver(worker, first.apiUrl, questions, titles, ids);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  /** One interaction of `kind`; resolves with its time to callback (type null when none came in time). */
  send(kind: string): Promise<Sample> {
    const i = this.turn++;
    const str = (name: string, value: string, focused?: boolean): CommandOption => ({ name, type: OPTION.string, value, ...(focused ? { focused } : {}) });
    const title = this.titles[i % this.titles.length]!;
    const typed = Array.from(title.slice(0, 16)).slice(0, 2 + (i % 6)).join("");
    const spec =
      kind === "ask"
        ? { command: "ask", options: [str("question", this.questions[i % this.questions.length]!)] }
        : kind === "summary"
          ? { command: "summary", options: i % 3 === 0 ? [] : [str("article", this.ids[i % this.ids.length]!)] }
          : kind === "sources"
            ? { command: "sources", options: i % 3 === 0 ? [] : [str("article", this.ids[i % this.ids.length]!)] }
            : { command: kind === "autocomplete-summary" ? "summary" : "sources", autocomplete: true, options: [str("article", typed, true)] };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, ({ ms, type }) => resolve({ kind, ms, type }));
      this.worker.postMessage({ id, spec, timeoutMs: CALLBACK_TIMEOUT_MS } satisfies ThreadRequest);
    });
  }
}

async function runScenario(scenario: string, reload: boolean): Promise<ScenarioResult> {
  const { dir, questions } = await prepare(scenario);
  const cacheDir = path.join(WORK, scenario, "cache");
  const logger = createLogger("warn", () => {});
  const started = performance.now();
  const live: LiveLibrary = openLiveLibrary({ articlesDir: dir, cacheDir, watch: false, log: logger });
  const library = await live.ready;
  console.error(`[${scenario}] ${library.articles.length} articles ready in ${Math.round(performance.now() - started)} ms (${library.index.source})`);
  const driver = await Driver.start(
    questions,
    library.articles.map((a) => a.title),
    library.articles.map((a) => a.id),
  );
  // One user sends everything here: no cooldown, or 99 of 100 /ask would be answered "wait a moment".
  const bot: RunningBot = await startBot({ discord: { token: TOKEN, clientId: IDS.application, guildId: undefined, apiUrl: driver.apiUrl }, library: live, logger, askCooldownMs: 0 });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const batch = async (label: string, kinds: string[]) => {
    delay.reset();
    const samples = await Promise.all(kinds.map((kind) => driver.send(kind)));
    return summarizeBatch(label, samples, delay.max / 1e6);
  };
  const mixedKinds = ["summary", "sources", "autocomplete-summary", "autocomplete-sources"];
  const result: ScenarioResult = { scenario, articles: library.articles.length, batches: [] };
  const restore: Array<() => void> = [];
  try {
    // One interaction first, so that the batches measure a warm bot, as Discord meets it after its first minute.
    await driver.send("ask");
    result.batches.push(await batch("100 concurrent /ask", Array.from({ length: BATCH }, () => "ask")));
    result.batches.push(await batch("100 mixed (/summary, /sources, autocomplete)", Array.from({ length: BATCH }, (_, i) => mixedKinds[i % mixedKinds.length]!)));
    for (const b of result.batches) console.error(`[${scenario}] ${b.label}: p50 ${b.p50.toFixed(0)} ms, p99 ${b.p99.toFixed(0)} ms, missed ${b.missed}, longest stall ${b.maxBlockMs.toFixed(0)} ms`);

    if (reload) {
      // One article changes; the reload runs while an interaction arrives every 50 ms. The cache of the
      // unchanged folder is put back afterwards, so the next run starts from it (at 3k a build takes minutes).
      const first = library.articles[0]!;
      const original = readFileSync(first.path);
      cpSync(cacheDir, `${cacheDir}.before-reload`, { recursive: true });
      restore.push(() => {
        writeFileSync(first.path, original);
        rmSync(cacheDir, { recursive: true, force: true });
        renameSync(`${cacheDir}.before-reload`, cacheDir);
      });
      appendFileSync(first.path, "\n追記:この記事は更新されました。\n");
      delay.reset();
      const reloadStarted = performance.now();
      const reloading = live.reload();
      let done = false;
      void reloading.finally(() => (done = true));
      const during: Promise<Sample>[] = [];
      const kinds = ["ask", ...mixedKinds];
      while (!done) {
        during.push(driver.send(kinds[during.length % kinds.length]!));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const report = await reloading;
      const samples = await Promise.all(during);
      const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
      result.reload = {
        ms: Math.round(performance.now() - reloadStarted),
        maxBlockMs: delay.max / 1e6,
        answered: samples.length,
        p99: percentile(sorted, 99),
        missed: samples.filter((s) => s.type === null || s.ms > DEADLINE_MS).length,
        changed: report.changed,
      };
      console.error(`[${scenario}] reload in ${result.reload.ms} ms: longest stall ${result.reload.maxBlockMs.toFixed(0)} ms; ${samples.length} interactions meanwhile, p99 ${result.reload.p99.toFixed(0)} ms, missed ${result.reload.missed}`);
    }
  } finally {
    delay.disable();
    live.close();
    await bot.stop();
    await driver.stop();
    for (const undo of restore) undo();
  }
  return result;
}

function table(results: ScenarioResult[]): string {
  const rows = [
    "| scenario | articles | batch | p50 to callback | p99 to callback | max | missed 3 s | deferred | longest event-loop stall |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|",
  ];
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : "none");
  for (const r of results) {
    for (const b of r.batches) rows.push(`| ${r.scenario} | ${r.articles} | ${b.label} | ${ms(b.p50)} | ${ms(b.p99)} | ${ms(b.max)} | ${b.missed} of ${b.count} | ${b.deferred} | ${ms(b.maxBlockMs)} |`);
    if (r.reload)
      rows.push(
        `| ${r.scenario} | ${r.articles} | reload (${r.reload.ms} ms) with ${r.reload.answered} interactions meanwhile | - | ${ms(r.reload.p99)} | - | ${r.reload.missed} of ${r.reload.answered} | - | ${ms(r.reload.maxBlockMs)} |`,
      );
  }
  return rows.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.error(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}`);
  const results: ScenarioResult[] = [];
  for (const scenario of options.scenarios) results.push(await runScenario(scenario, options.reload));
  console.error(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  writeFileSync(path.join(CORPORA, "deadline-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(results));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
