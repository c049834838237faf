/** Summaries of repeated measurements: every figure in the bench is the median of its runs, with min and max. */

export interface Stat {
  median: number;
  min: number;
  max: number;
  /** How many runs it summarises. */
  runs: number;
}

export function summarize(values: readonly number[]): Stat | null {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Summarizes one numeric field across runs' result objects (null or missing values skipped). */
export function summarizeField<T>(runs: readonly T[], pick: (run: T) => number | null | undefined): Stat | null {
  return summarize(runs.map(pick).filter((value): value is number => typeof value === "number"));
}
