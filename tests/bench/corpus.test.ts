import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCorpus, generateCorpusText, isGenerated, questionsFile } from "../../bench/corpus/generate.js";
import { loadArticles } from "../../src/articles/load.js";

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "kiji-corpus-"));
  temporary.push(dir);
  return dir;
}

describe("the benchmark corpus generator", () => {
  it("writes the same bytes for the same seed, other bytes for another seed, and article i independent of N", () => {
    const a = generateCorpusText({ articles: 12, seed: 7, questions: 50 });
    const b = generateCorpusText({ articles: 12, seed: 7, questions: 50 });
    const other = generateCorpusText({ articles: 12, seed: 8, questions: 50 });
    const shorter = generateCorpusText({ articles: 5, seed: 7, questions: 50 });
    expect(b.files).toEqual(a.files);
    expect(b.questions).toEqual(a.questions);
    expect(other.files.map((file) => file.text)).not.toEqual(a.files.map((file) => file.text));
    expect(shorter.files).toEqual(a.files.slice(0, 5));
  });

  it("writes articles that loadArticles reads without a warning, with sections, cards and conclusions", async () => {
    const out = path.join(await scratch(), "corpus");
    const manifest = await generateCorpus({ articles: 40, seed: 3, out, questions: 200 });
    expect(await isGenerated({ articles: 40, seed: 3, out, questions: 200 })).toBe(true);
    expect(await isGenerated({ articles: 41, seed: 3, out, questions: 200 })).toBe(false);

    const { articles, warnings } = await loadArticles(out);
    expect(warnings).toEqual([]);
    expect(articles.map((article) => `${article.id}.txt`)).toEqual(manifest.files);
    for (const article of articles) {
      expect(article.title.length).toBeGreaterThan(10);
      expect(article.lead.length).toBeGreaterThan(30);
      expect(article.sections.length).toBeGreaterThanOrEqual(3);
      expect(article.conclusions).toHaveLength(3);
      for (const section of article.sections) {
        expect(section.question).toMatch(/？$/);
        expect(section.answer).toMatch(/。$/);
        expect(section.paragraphs.length).toBeGreaterThanOrEqual(4);
        expect(section.sources.length).toBeGreaterThanOrEqual(1);
        for (const card of section.sources) {
          expect(card.title).not.toBeNull();
          expect(card.publisher).not.toBeNull();
          expect(card.url).toMatch(/^https:\/\/news\d+\.example\.jp\//);
          expect(card.points.length).toBeGreaterThanOrEqual(2);
        }
      }
    }
    const dated = articles.flatMap((article) => article.sections.flatMap((section) => section.sources)).filter((card) => card.publishedAt);
    expect(dated.length).toBeGreaterThan(0);

    // A regenerated corpus replaces the old articles rather than adding to them.
    await generateCorpus({ articles: 10, seed: 3, out, questions: 20 });
    expect((await readdir(out)).filter((name) => name.endsWith(".txt"))).toHaveLength(10);
  });

  it("writes questions about generated passages, and some that nothing in the corpus answers", async () => {
    const out = path.join(await scratch(), "corpus");
    await generateCorpus({ articles: 30, seed: 5, out, questions: 400 });
    const lines = (await readFile(questionsFile(out), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(400);
    const questions = lines.map((line) => JSON.parse(line) as { q: string; articleId: string | null });
    const texts = new Map<string, string>();
    for (const name of await readdir(out)) if (name.endsWith(".txt")) texts.set(name.slice(0, -4), await readFile(path.join(out, name), "utf8"));

    const unanswerable = questions.filter((question) => question.articleId === null);
    expect(unanswerable.length / questions.length).toBeGreaterThan(0.08);
    expect(unanswerable.length / questions.length).toBeLessThan(0.25);
    for (const question of questions) {
      expect(question.q.length).toBeGreaterThan(4);
      if (question.articleId === null) continue;
      const text = texts.get(question.articleId);
      expect(text).toBeDefined();
      // The question's first word (before の/と/は/が) is in the article it was made from.
      const first = question.q.split(/[のとはが]/)[0]!;
      expect(text).toContain(first);
    }
    expect(new Set(questions.map((question) => question.q)).size).toBeGreaterThan(questions.length * 0.5);
  });

  it("draws thousands of distinct words with a Zipf-like spread", () => {
    const { words } = generateCorpusText({ articles: 150, seed: 1, questions: 0 });
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const frequencies = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeGreaterThan(3000);
    // No word dominates, and a long tail of words occurs once.
    expect(frequencies[0]! / words.length).toBeLessThan(0.05);
    expect(frequencies.filter((count) => count === 1).length).toBeGreaterThan(counts.size * 0.3);
    // Rank-frequency slope in log-log space over ranks 10-1000: about -1 for Zipf's law.
    const points = frequencies.slice(9, 1000).map((count, i) => [Math.log(i + 10), Math.log(count)] as const);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const mx = mean(points.map(([x]) => x));
    const my = mean(points.map(([, y]) => y));
    const slope =
      points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
    expect(slope).toBeLessThan(-0.5);
    expect(slope).toBeGreaterThan(-1.5);
  });
});
