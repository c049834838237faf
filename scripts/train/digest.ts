/**
 * Rewrites part of a squad-set corpus as news-digest pages (`.txt`, the seeds' layout), so that the features of
 * that layout (a section's reader question, its heading) vary in the training data as they do in the digests the
 * bot serves. Each JaQuAD paragraph becomes a section: a heading (the title, then the paragraph's first clause),
 * one of the paragraph's own JaQuAD questions as the reader question, that question's answer as the one-line
 * answer, then the paragraph's sentences. A question used as a reader question is left out of the training
 * questions: only the OTHER questions of a paragraph are asked. Train split only; deterministic.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SquadParagraph {
  context: string;
  qas: Array<{ question: string; answers: Array<{ text: string }> }>;
}

/** JaQuAD's train split, title -> paragraphs. */
export function readTrain(): Map<string, SquadParagraph[]> {
  const root = path.resolve("../shared/jaquad/train");
  const byTitle = new Map<string, SquadParagraph[]>();
  for (const file of readdirSync(root).filter((f) => f.endsWith(".json")).sort()) {
    const data = (JSON.parse(readFileSync(path.join(root, file), "utf8")) as { data: Array<{ title: string; paragraphs: SquadParagraph[] }> }).data;
    for (const article of data) byTitle.set(article.title, article.paragraphs);
  }
  return byTitle;
}

const asReaderQuestion = (q: string) => {
  const t = q.trim().replace(/[。．.]$/, "");
  return /[?？]$/.test(t) ? t.replace(/\?$/, "？") : `${t}？`;
};

/** Sentences of a paragraph, grouped into lines of about a digest paragraph's length. */
function digestLines(context: string): string[] {
  const sentences = context.replace(/\n+/g, "").split(/(?<=。)/).map((s) => s.trim()).filter(Boolean);
  const lines: string[] = [];
  for (const s of sentences) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + s.length <= 80) lines[lines.length - 1] = last + s;
    else lines.push(s);
  }
  return lines;
}

/** A heading in the digests' `label:subtitle` shape, never ending like a sentence. */
function headingOf(title: string, context: string): string {
  const clause = (context.split(/[、。,，(（「]/)[0] ?? "").slice(0, 24);
  return `${title}:${clause}`.replace(/[。．.!！」』…?？]+$/, "");
}

/**
 * Rewrites every `every`-th article of `dir/articles` (by file name) as a digest page and returns the reader
 * questions used, as `title\tquestion`, to leave out of the asked questions.
 */
export interface Digests {
  /** Questions used as reader questions, or about a left-out paragraph: not asked as answerable (`title\tq`). */
  used: Set<string>;
  /** Questions about a paragraph left out of its page, whose answer the page does not hold, by title. */
  negatives: Map<string, string[]>;
}

/** Questions about the left-out paragraph asked as hard negatives, per page. */
const NEGATIVES_PER_PAGE = 2;

export function writeDigests(dir: string, every: number, cards = true): Digests {
  const used = new Set<string>();
  const negatives = new Map<string, string[]>();
  if (every <= 0) return { used, negatives };
  const train = readTrain();
  const folder = path.join(dir, "articles");
  const files = readdirSync(folder).filter((f) => f.endsWith(".md")).sort();
  files.forEach((file, i) => {
    if (i % every !== 0) return;
    const md = readFileSync(path.join(folder, file), "utf8");
    const title = /^title: (.*)$/m.exec(md)?.[1];
    const paragraphs = title === undefined ? undefined : train.get(title);
    if (!title || !paragraphs) return;
    const out: string[] = [title, ""];
    // The last paragraph is left out (of pages with at least three): its questions are about the page's subject
    // and the page does not answer them, as a digest's hard negatives are.
    const left = paragraphs.length >= 3 ? paragraphs.at(-1)! : null;
    const kept = left ? paragraphs.slice(0, -1) : paragraphs;
    kept.forEach((p, k) => {
      const qa = p.qas.find((x) => x.answers[0]?.text);
      const lines = digestLines(p.context);
      if (!qa || lines.length === 0) {
        out.push(...lines.flatMap((l) => [l, ""]));
        return;
      }
      used.add(`${title}\t${qa.question.trim()}`);
      out.push(headingOf(title, p.context), asReaderQuestion(qa.question), `${qa.answers[0]!.text}。`, "");
      // Every other section quotes its source as the digests do: a card of `✅` points, then its link.
      const card = cards && k % 2 === 1 && lines.length >= 3 ? lines.slice(0, 3) : [];
      if (card.length) out.push(...card.flatMap((l) => [`✅ ${l}`, ""]), `さらに読む ⇒ウィキペディア出典/画像元: https://ja.wikipedia.org/wiki/${encodeURIComponent(title)}`, "");
      out.push(...lines.slice(card.length).flatMap((l) => [l, ""]));
    });
    if (left) {
      const page = out.join("").replace(/\s+/g, "");
      const asked = left.qas.filter((x) => x.answers.every((a) => !page.includes(a.text.replace(/\s+/g, ""))));
      for (const x of left.qas) used.add(`${title}\t${x.question.trim()}`);
      negatives.set(title, asked.slice(0, NEGATIVES_PER_PAGE).map((x) => x.question.trim()));
    }
    rmSync(path.join(folder, file));
    writeFileSync(path.join(folder, file.replace(/\.md$/, ".txt")), `${out.join("\n")}\n`);
  });
  return { used, negatives };
}
