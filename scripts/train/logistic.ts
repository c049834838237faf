/**
 * Logistic regression fitted by Newton's method with an L2 penalty: deterministic (no randomness, rows in the
 * order given) and exact to the last iteration, for a few dozen features and a million rows.
 */
export interface LogisticFit {
  weights: number[];
  bias: number;
  iterations: number;
}

/** X: n rows of d features, row-major; y: labels 0/1. The bias is not penalised. */
export function fitLogistic(X: Float32Array, y: Uint8Array, d: number, options: { l2?: number; iterations?: number; tolerance?: number } = {}): LogisticFit {
  const n = y.length;
  const l2 = options.l2 ?? 1;
  const m = d + 1; // weights, then the bias
  const beta = new Float64Array(m);
  let iteration = 0;
  for (; iteration < (options.iterations ?? 50); iteration++) {
    const gradient = new Float64Array(m);
    const hessian = new Float64Array(m * m);
    const row = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      let z = beta[d]!;
      for (let j = 0; j < d; j++) z += beta[j]! * (row[j] = X[i * d + j]!);
      row[d] = 1;
      const p = 1 / (1 + Math.exp(-z));
      const r = p - y[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < m; a++) {
        const ra = row[a]!;
        if (ra === 0) continue;
        gradient[a]! += r * ra;
        const wa = w * ra;
        for (let b = a; b < m; b++) hessian[a * m + b]! += wa * row[b]!;
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) hessian[a * m + b] = hessian[b * m + a]!;
    for (let j = 0; j < d; j++) {
      gradient[j]! += l2 * beta[j]!;
      hessian[j * m + j]! += l2;
    }
    hessian[d * m + d]! += 1e-9;
    const step = solve(hessian, gradient, m);
    let change = 0;
    for (let j = 0; j < m; j++) {
      beta[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < (options.tolerance ?? 1e-7)) {
      iteration++;
      break;
    }
  }
  return { weights: [...beta.slice(0, d)], bias: beta[d]!, iterations: iteration };
}

/** Solves A x = b (A symmetric positive definite, m x m) by Gaussian elimination with partial pivoting. */
export function solve(A: Float64Array, b: Float64Array, m: number): Float64Array {
  const a = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]!) > Math.abs(a[pivot * m + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < m; k++) [a[c * m + k], a[pivot * m + k]] = [a[pivot * m + k]!, a[c * m + k]!];
      [x[c], x[pivot]] = [x[pivot]!, x[c]!];
    }
    const diag = a[c * m + c]!;
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c]! / diag;
      if (f === 0) continue;
      for (let k = c; k < m; k++) a[r * m + k]! -= f * a[c * m + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < m; k++) s -= a[r * m + k]! * x[k]!;
    x[r] = s / a[r * m + r]!;
  }
  return x;
}
