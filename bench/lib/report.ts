/**
 * The bench's figures as rows (one measured quantity, kiji-bot and Lucene side by side), the printed table, and
 * the issue-6 targets checked against the medians.
 */
import type { Stat } from "./stats.js";

export type Unit = "ms" | "bytes" | "per-second" | "count";

export interface Row {
  /** Stable name for the JSON and the target checks, e.g. `cold.cached`. */
  key: string;
  label: string;
  unit: Unit;
  kiji: Stat | null;
  lucene: Stat | null;
  /** What the Lucene figure is, when it is not the same thing measured the same way. */
  note?: string;
}

/** Generated questions: the source article among the top 3 (hits), and questions nothing answers declined. */
export interface Found {
  answerable: number;
  hits: number;
  unanswerable: number;
  declined: number;
}

export interface CorpusResult {
  name: string;
  articles: number;
  passages: number | null;
  characters: number | null;
  questions: number;
  rows: Row[];
  /** kiji-bot answered / declined counts in the timed warm pass (informational: not a quality figure). */
  answered: { kiji: number | null; lucene: number | null };
  /** For generated corpora (from the first warm run of each side); null for the seeds. */
  found?: { kiji: Found | null; lucene: Found | null } | null;
  /** Whether the index was written to the cache and then served from it. */
  savedAndLoaded: boolean;
  errors: string[];
}

export interface Target {
  corpus: string;
  what: string;
  holds: boolean | null;
  measured: string;
  limit: string;
}

function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "ms":
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
    case "bytes":
      return value >= 1024 ** 3 ? `${(value / 1024 ** 3).toFixed(2)} GB` : value >= 1024 ** 2 ? `${(value / 1024 ** 2).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} KB`;
    case "per-second":
      return `${Math.round(value).toLocaleString("en-US")}/s`;
    case "count":
      return Math.round(value).toLocaleString("en-US");
  }
}

export function formatStat(stat: Stat | null, unit: Unit): string {
  if (!stat) return "-";
  const median = formatValue(stat.median, unit);
  if (stat.runs < 2 || stat.min === stat.max) return `${median}${stat.runs < 2 ? " (1 run)" : ""}`;
  return `${median} (${formatValue(stat.min, unit)}–${formatValue(stat.max, unit)})`;
}

/** kiji-bot's median over Lucene's: below 1 is kiji-bot faster (or smaller); for rates, above 1 is faster. */
export function ratio(row: Row): string {
  if (!row.kiji || !row.lucene || row.lucene.median === 0) return "";
  return `${(row.kiji.median / row.lucene.median).toFixed(2)}×`;
}

function pad(text: string, width: number): string {
  // Count East Asian wide characters as two columns, so the table lines up in a terminal.
  const columns = [...text].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - columns));
}

/** One Markdown table per corpus (valid Markdown and readable in a terminal). */
export function formatTables(results: CorpusResult[], options: { lucene: boolean }): string {
  const out: string[] = [];
  for (const result of results) {
    const facts = [`${result.articles.toLocaleString("en-US")} articles`];
    if (result.passages !== null) facts.push(`${result.passages.toLocaleString("en-US")} passages`);
    if (result.characters !== null) facts.push(`${result.characters.toLocaleString("en-US")} characters`);
    facts.push(`${result.questions.toLocaleString("en-US")} questions`);
    out.push(`### ${result.name} (${facts.join(", ")})`, "");
    const header = options.lucene ? ["figure", "kiji-bot median (min–max)", "Lucene 8 median (min–max)", "kiji/Lucene"] : ["figure", "kiji-bot median (min–max)"];
    const lines = result.rows.map((row) => {
      const cells = [row.label + (row.note && options.lucene ? ` [${row.note}]` : ""), formatStat(row.kiji, row.unit)];
      if (options.lucene) cells.push(formatStat(row.lucene, row.unit), ratio(row));
      return cells;
    });
    const widths = header.map((title, i) => Math.max(title.length, ...lines.map((cells) => [...cells[i]!].length + 2)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => pad(cell, widths[i]!)).join(" | ")} |`;
    out.push(line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...lines.map(line));
    if (result.answered.kiji !== null) {
      const lucene = result.answered.lucene !== null ? `; Lucene returned passages for ${result.answered.lucene} (it never declines)` : "";
      out.push("", `Answered in the timed pass: kiji-bot ${result.answered.kiji} of ${result.questions}${lucene}.`);
    }
    if (result.found) {
      const describe = (name: string, found: Found | null) =>
        found
          ? `${name} found the article a question was made from in its top 3 for ${percent(found.hits, found.answerable)} of ${found.answerable}, declined ${percent(found.declined, found.unanswerable)} of ${found.unanswerable} that nothing answers`
          : null;
      const parts = [describe("kiji-bot", result.found.kiji), describe("Lucene", result.found.lucene)].filter(Boolean);
      const kind = result.name === "jaquad" ? "JaQuAD questions (by article, not answer span: qa-eval measures that)" : "Generated questions (a sanity check across sizes, not qa-eval)";
      if (parts.length) out.push("", `${kind}: ${parts.join("; ")}.`);
    }
    for (const error of result.errors) out.push("", `**Error:** ${error.split("\n")[0]}`);
    out.push("");
  }
  return out.join("\n");
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}

const MB = 1024 ** 2;

/** Issues 6, 12 and 15's targets, checked against the medians of the corpora that were run. */
export function checkTargets(results: CorpusResult[]): Target[] {
  const targets: Target[] = [];
  const row = (result: CorpusResult, key: string) => result.rows.find((r) => r.key === key);
  const limit = (result: CorpusResult, what: string, key: string, max: number, unit: Unit) => {
    const stat = row(result, key)?.kiji ?? null;
    targets.push({
      corpus: result.name,
      what,
      holds: stat ? stat.median <= max : null,
      measured: formatStat(stat, unit),
      limit: `<= ${formatValue(max, unit)}`,
    });
  };
  const servingRss = (result: CorpusResult): Stat | null => {
    // The larger of the two serving processes: a cold `npm run ask` from the cache, and the warm run.
    const stats = [row(result, "rss.cold")?.kiji, row(result, "rss.warm")?.kiji].filter((s): s is Stat => Boolean(s));
    return stats.sort((a, b) => b.median - a.median)[0] ?? null;
  };
  const rssTarget = (result: CorpusResult, max: number) => {
    const stat = servingRss(result);
    targets.push({ corpus: result.name, what: "peak RSS (serving)", holds: stat ? stat.median <= max : null, measured: formatStat(stat, "bytes"), limit: `<= ${formatValue(max, "bytes")}` });
  };
  for (const result of results) {
    if (result.name === "seeds") {
      limit(result, "cold start to first answer, cache built", "cold.cached", 600, "ms");
      limit(result, "warm /ask p99", "warm.p99", 5, "ms");
      rssTarget(result, 400 * MB);
      for (const [key, what] of [
        ["cold.cached", "ahead of Lucene: cold start"],
        ["warm.p50", "ahead of Lucene: warm p50"],
        ["warm.p99", "ahead of Lucene: warm p99"],
      ] as const) {
        const r = row(result, key);
        const holds = r?.kiji && r.lucene ? r.kiji.median < r.lucene.median : null;
        targets.push({ corpus: result.name, what, holds, measured: r ? `${formatStat(r.kiji, "ms")} vs ${formatStat(r.lucene, "ms")}` : "-", limit: "kiji-bot < Lucene" });
      }
    } else if (result.name === "jaquad") {
      // Issues 12 and 15: real Wikipedia articles, longer than the news digests, with real questions.
      limit(result, "warm /ask p99", "warm.p99", 30, "ms");
      limit(result, "cold start to first answer, cache built", "cold.cached", 1000, "ms");
      limit(result, "index build", "build.time", 15_000, "ms");
      const serving = servingRss(result);
      const lucene = row(result, "rss.warm")?.lucene ?? null;
      targets.push({
        corpus: result.name,
        what: "peak RSS (serving), against Lucene's warm run",
        holds: serving && lucene ? serving.median <= 2 * lucene.median : null,
        measured: `${formatStat(serving, "bytes")} vs ${formatStat(lucene, "bytes")}`,
        limit: "<= 2x Lucene",
      });
    } else if (result.articles >= 900 && result.articles < 5000) {
      limit(result, "cache load", "index.load", 500, "ms");
      limit(result, "warm /ask p99", "warm.p99", 50, "ms");
      rssTarget(result, 1024 * MB);
    } else if (result.articles >= 5000) {
      limit(result, "warm /ask p99", "warm.p99", 200, "ms");
      if (result.articles <= 10_000) {
        // Issue 15, on the 10k corpus.
        limit(result, "cold start to first answer, cache built", "cold.cached", 2000, "ms");
        rssTarget(result, 1024 * MB);
      }
      limit(result, "cache load", "index.load", 5000, "ms");
      rssTarget(result, 2.5 * 1024 * MB);
      const limited = row(result, "rss.warm.limited");
      if (limited?.kiji) {
        const stat = limited.kiji;
        targets.push({
          corpus: result.name,
          what: `peak RSS (warm run) with ${limited.label.replace(/^.*, /, "")}, as docs/retrieval.md advises`,
          holds: stat.median <= 2.5 * 1024 * MB,
          measured: formatStat(stat, "bytes"),
          limit: `<= ${formatValue(2.5 * 1024 * MB, "bytes")}`,
        });
      }
      targets.push({ corpus: result.name, what: "index saves and loads", holds: result.savedAndLoaded, measured: result.savedAndLoaded ? "saved, then served from the cache" : "not served from a saved cache", limit: "yes" });
    }
  }
  return targets;
}

export function formatTargets(targets: Target[]): string {
  if (targets.length === 0) return "";
  const mark = (holds: boolean | null) => (holds === null ? "not measured" : holds ? "holds" : "DOES NOT HOLD");
  const lines = ["| corpus | target | limit | measured | |", "|---|---|---|---|---|"];
  for (const t of targets) lines.push(`| ${t.corpus} | ${t.what} | ${t.limit} | ${t.measured} | ${mark(t.holds)} |`);
  return lines.join("\n");
}
