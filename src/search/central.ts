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

/**
 * A sentence's tf-idf weights: its distinct word ids in order of first use, each with its weight, and the norm.
 * Kept as arrays, with the lookups done in dense scratch arrays indexed by word id: a reload ranks the sentences
 * of every article, and a Map per sentence made that mostly garbage collection. The sums run in the same order
 * as they would over Maps, so the scores are the same to the last bit.
 */
interface SparseVector {
  ids: number[];
  weights: number[];
  norm: number;
}

/** Scratch space by word id, zeroed again after each use. */
let slots = new Int32Array(0);
let dense = new Float64Array(0);

function ensureScratch(size: number): void {
  if (slots.length >= size) return;
  slots = new Int32Array(size);
  dense = new Float64Array(size);
}

function normOf(weights: readonly number[]): number {
  let sum = 0;
  for (const w of weights) sum += w * w;
  return Math.sqrt(sum);
}

/** Adds weights by id into a vector that keeps ids in order of first use (slots: position + 1 of each id). */
function accumulate(target: { ids: number[]; weights: number[] }, id: number, weight: number): void {
  const at = slots[id]!;
  if (at) target.weights[at - 1]! += weight;
  else {
    slots[id] = target.ids.push(id);
    target.weights.push(weight);
  }
}

function clearSlots(ids: readonly number[]): void {
  for (const id of ids) slots[id] = 0;
}

/** The cosine of `a` with the vector spread out in `dense` (whose norm is given). */
function cosineWithDense(a: SparseVector, norm: number): number {
  let dot = 0;
  for (let k = 0; k < a.ids.length; k++) dot += a.weights[k]! * dense[a.ids[k]!]!;
  const denominator = a.norm * norm;
  return denominator ? dot / denominator : 0;
}

function spread(vector: { ids: readonly number[]; weights: readonly number[] }): void {
  for (let k = 0; k < vector.ids.length; k++) dense[vector.ids[k]!] = vector.weights[k]!;
}

function unspread(ids: readonly number[]): void {
  for (const id of ids) dense[id] = 0;
}

export function centralSentences(index: SearchIndex, articleId: string, count: number): string[] {
  if (count <= 0) return [];
  const n = index.passageCount;
  const idf = (id: number) => Math.log(1 + (n - (index.data.documentFrequency[id] ?? 0) + 0.5) / ((index.data.documentFrequency[id] ?? 0) + 0.5));
  ensureScratch(index.data.vocabulary.length);

  const candidates: Array<{ text: string; vector: SparseVector }> = [];
  const seen = new Set<string>();
  const range = index.data.passages.rangeOf(articleId) ?? { start: 0, end: 0 };
  for (let id = range.start; id < range.end; id++) {
    const passage = index.passage(id)!;
    if (!["lead", "text", "point"].includes(passage.kind)) continue;
    for (const sentence of passage.sentences) {
      const text = passage.text.slice(sentence.start, sentence.end).trim();
      if (text.length < MIN_LENGTH || /[?？]$/.test(text) || seen.has(text)) continue;
      seen.add(text);
      const vector = { ids: [] as number[], weights: [] as number[], norm: 0 };
      for (const term of sentence.terms) accumulate(vector, term, idf(term));
      clearSlots(vector.ids);
      vector.norm = normOf(vector.weights);
      if (vector.ids.length) candidates.push({ text, vector });
    }
  }

  const centroid = { ids: [] as number[], weights: [] as number[] };
  for (const { vector } of candidates) for (let k = 0; k < vector.ids.length; k++) accumulate(centroid, vector.ids[k]!, vector.weights[k]!);
  clearSlots(centroid.ids);
  spread(centroid);
  const centroidNorm = normOf(centroid.weights);
  const centrality = candidates.map((c) => cosineWithDense(c.vector, centroidNorm));
  unspread(centroid.ids);

  // Each candidate's greatest resemblance to a sentence already picked, updated as each pick is made.
  const redundancy = candidates.map(() => 0);
  const picked: number[] = [];
  while (picked.length < Math.min(count, candidates.length)) {
    let best = -1;
    let bestScore = -Infinity;
    candidates.forEach((_, i) => {
      if (picked.includes(i)) return;
      const score = centrality[i]! - REDUNDANCY * redundancy[i]!;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    picked.push(best);
    const pick = candidates[best]!.vector;
    spread(pick);
    candidates.forEach((candidate, i) => {
      if (!picked.includes(i)) redundancy[i] = Math.max(redundancy[i]!, cosineWithDense(candidate.vector, pick.norm));
    });
    unspread(pick.ids);
  }
  return picked.map((i) => candidates[i]!.text);
}
