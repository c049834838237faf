/**
 * The questions of the warm-latency runs: at least MIN_QUESTIONS per corpus.
 *
 * Base questions: the development questions (dev-qa.json: answerable, negatives and hard negatives) when the
 * file is there, and the seeds' own reader questions and card headlines (so a clean clone without
 * /work/shared still has a set). Variants of them are what users type around the same words: other question
 * marks, polite or casual frames, chat markup, emoji, full-width digits, two questions in one message. For a
 * generated corpus, its generated questions come first. Deterministic: the same inputs give the same list.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Article } from "../../src/articles/model.js";

export const MIN_QUESTIONS = 1000;
export const DEFAULT_DEV_QA = "/work/shared/dev-qa.json";

interface DevQa {
  questions?: { q: string }[];
  negatives?: (string | { q: string })[];
  hard_negatives?: (string | { q: string })[];
}

/** The dev questions (answerable ones first), or [] when the file is missing or unreadable. */
export function readDevQuestions(file = process.env.KIJI_DEV_QA ?? DEFAULT_DEV_QA): string[] {
  if (!existsSync(file)) return [];
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as DevQa;
    const text = (item: string | { q: string }) => (typeof item === "string" ? item : item.q);
    return [...(data.questions ?? []).map(text), ...(data.negatives ?? []).map(text), ...(data.hard_negatives ?? []).map(text)];
  } catch {
    return [];
  }
}

/** Questions the seeds themselves ask (reader questions) and headlines of their sources, made into questions. */
export function seedQuestions(articles: readonly Article[]): string[] {
  const questions: string[] = [];
  for (const article of articles) {
    for (const section of article.sections) {
      if (section.question) questions.push(section.question);
      for (const card of section.sources) if (card.title) questions.push(`${card.title.slice(0, 40)}について教えて`);
    }
  }
  return questions;
}

const VARIANTS: ((question: string) => string)[] = [
  (q) => q,
  (q) => q.replace(/[?？]$/, "") + "？",
  (q) => q.replace(/[?？]$/, "") + "?",
  (q) => `ねえ、${q}`,
  (q) => `${q.replace(/[?？]$/, "")}について教えてください`,
  (q) => `${q.replace(/[?？]$/, "")}のですか？`,
  (q) => `${q} 🤔`,
  (q) => `**${q}**`,
  (q) => `@everyone ${q}`,
  (q) => q.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
  (q) => `質問です。${q}`,
  (q) => q.replace(/[?？]$/, "").replace(/は/, "って") + "?",
];

/**
 * The base questions, each in every variant, then pairs of those in one message, until there are at least
 * `minimum` (duplicates dropped; fewer only when a single base question has too few variants to pair).
 */
export function withVariants(base: readonly string[], minimum = MIN_QUESTIONS): string[] {
  const out = new Set<string>();
  const clean = base.map((q) => q.replace(/\s+/g, " ").trim()).filter((q) => q !== "");
  if (clean.length === 0) return [];
  for (const variant of VARIANTS) for (const q of clean) out.add(variant(q));
  const single = [...out];
  for (let step = 1; out.size < minimum && step < single.length; step++) {
    for (let i = 0; i < single.length && out.size < minimum; i++) out.add(`${single[i]} それと、${single[(i + step) % single.length]}`);
  }
  return [...out];
}

/** A generated corpus's question file (`{"q", "articleId"}` lines), questions only. */
export function readGeneratedQuestions(file: string): { q: string; articleId: string | null }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { q: string; articleId: string | null });
}

/** The question list of one corpus; the first question is answerable, for the cold-start runs. */
export function benchQuestions(options: { dev: string[]; seeds: string[]; generated: { q: string; articleId: string | null }[] }): string[] {
  const base = [...options.dev, ...options.seeds];
  if (options.generated.length === 0) return withVariants(base);
  const generated = options.generated.map((question) => question.q);
  const firstAnswerable = options.generated.find((question) => question.articleId !== null)?.q;
  const list = [...new Set([...(firstAnswerable ? [firstAnswerable] : []), ...generated, ...base])];
  if (list.length >= MIN_QUESTIONS) return list;
  const more = withVariants([...generated, ...base], MIN_QUESTIONS);
  return [...new Set([...list, ...more])].slice(0, Math.max(MIN_QUESTIONS, list.length));
}
