/**
 * Central sentences of an article, for a summary when the article has no 💡 conclusions of its own: the
 * sentences closest (tf-idf cosine) to the article as a whole, picked one by one with a penalty for repeating
 * what an earlier pick already said (maximal marginal relevance).
 */
import type { SearchIndex } from "./search-index.js";

/** Sentences shorter than this are asides (`えー、怖い。`), not statements worth a summary line. */
const MIN_LENGTH = 20;
/** How much resemblance to an earlier pick costs (0: none, 1: as much as centrality gains). */
const REDUNDANCY = 0.6;

type Vector = Map<number, number>;

export function centralSentences(index: SearchIndex, articleId: string, count: number): string[] {
  if (count <= 0) return [];
  const n = index.passageCount;
  const idf = (id: number) => Math.log(1 + (n - (index.data.documentFrequency[id] ?? 0) + 0.5) / ((index.data.documentFrequency[id] ?? 0) + 0.5));

  const candidates: Array<{ text: string; vector: Normed }> = [];
  const seen = new Set<string>();
  const range = index.data.passages.rangeOf(articleId) ?? { start: 0, end: 0 };
  for (let id = range.start; id < range.end; id++) {
    const passage = index.passage(id)!;
    if (!["lead", "text", "point"].includes(passage.kind)) continue;
    for (const sentence of passage.sentences) {
      const text = passage.text.slice(sentence.start, sentence.end).trim();
      if (text.length < MIN_LENGTH || /[?？]$/.test(text) || seen.has(text)) continue;
      seen.add(text);
      const vector: Vector = new Map();
      for (const id of sentence.terms) vector.set(id, (vector.get(id) ?? 0) + idf(id));
      if (vector.size) candidates.push({ text, vector: normed(vector) });
    }
  }

  const centroid: Vector = new Map();
  for (const { vector } of candidates) for (const [id, w] of vector.vector) centroid.set(id, (centroid.get(id) ?? 0) + w);
  const center = normed(centroid);
  const centrality = candidates.map((c) => cosine(c.vector, center));

  const picked: number[] = [];
  while (picked.length < Math.min(count, candidates.length)) {
    let best = -1;
    let bestScore = -Infinity;
    candidates.forEach((candidate, i) => {
      if (picked.includes(i)) return;
      const redundancy = Math.max(0, ...picked.map((j) => cosine(candidate.vector, candidates[j]!.vector)));
      const score = centrality[i]! - REDUNDANCY * redundancy;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    picked.push(best);
  }
  return picked.map((i) => candidates[i]!.text);
}

/** A vector with its norm, computed once: the centroid is compared with every sentence (a reload ranks them all). */
interface Normed {
  vector: Vector;
  norm: number;
}

function normed(vector: Vector): Normed {
  return { vector, norm: Math.sqrt([...vector.values()].reduce((s, w) => s + w * w, 0)) };
}

function cosine(a: Normed, b: Normed): number {
  let dot = 0;
  for (const [id, w] of a.vector) dot += w * (b.vector.get(id) ?? 0);
  const denominator = a.norm * b.norm;
  return denominator ? dot / denominator : 0;
}
