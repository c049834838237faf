/**
 * Hard negatives about the corpus's own subjects: the last paragraph of every N-th training article is left out of
 * its page, and (up to two of) its questions whose answers the rest of the page does not hold are asked as
 * unanswerable. squad-set's hard negatives ask about articles the corpus does not hold, which in a small corpus are
 * plainly off topic; a served folder's hard questions ask about a person or thing it names, for a fact it does not
 * give (`…の年齢は?`). Train split only; deterministic. Its questions are never asked as answerable.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readTrain, type Digests } from "./digest.js";

const squash = (t: string) => t.replace(/\s+/g, "");
const NEGATIVES_PER_PAGE = 2;

export function leaveOutParagraphs(dir: string, every: number): Digests {
  const used = new Set<string>();
  const negatives = new Map<string, string[]>();
  if (every <= 0) return { used, negatives };
  const train = readTrain();
  const folder = path.join(dir, "articles");
  readdirSync(folder)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .forEach((file, i) => {
      if (i % every !== 0) return;
      const md = readFileSync(path.join(folder, file), "utf8");
      const title = /^title: (.*)$/m.exec(md)?.[1];
      const paragraphs = title === undefined ? undefined : train.get(title);
      if (!title || !paragraphs || paragraphs.length < 3) return;
      const left = squash(paragraphs.at(-1)!.context);
      const end = md.indexOf("\n---", 3) + 4;
      const blocks = md.slice(end).split(/\n\s*\n/);
      const kept = blocks.filter((block) => !(squash(block) && left.includes(squash(block))));
      if (kept.length === blocks.length) return;
      const page = `${md.slice(0, end)}${kept.join("\n\n")}`;
      writeFileSync(path.join(folder, file), page.endsWith("\n") ? page : `${page}\n`);
      const text = squash(kept.join(""));
      for (const x of paragraphs.at(-1)!.qas) used.add(`${title}\t${x.question.trim()}`);
      const asked = paragraphs.at(-1)!.qas.filter((x) => x.answers.length > 0 && x.answers.every((a) => !text.includes(squash(a.text))));
      negatives.set(title, asked.slice(0, NEGATIVES_PER_PAGE).map((x) => x.question.trim()));
    });
  return { used, negatives };
}
