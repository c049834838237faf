/**
 * Multinomial logistic regression (softmax) over sparse binary features, with an L2 penalty on the weights (not the
 * biases), fitted by L-BFGS with a backtracking line search. Deterministic: no randomness, rows and features in
 * the order given, a fixed number of iterations at most, so the same data gives the same weights bit for bit.
 */

/** Rows of present feature indices: row i is indices[offsets[i] .. offsets[i + 1]). */
export interface SparseRows {
  offsets: Int32Array;
  indices: Int32Array;
}

export interface SoftmaxFit {
  /** Feature-major: weights[f * classes + k]. */
  weights: Float64Array;
  bias: Float64Array;
  iterations: number;
  loss: number;
}

export interface SoftmaxOptions {
  l2?: number;
  iterations?: number;
  /** Past updates L-BFGS remembers. */
  memory?: number;
  /** Each class's weight in the likelihood (all 1 when absent): how much one row of that class counts. */
  classWeights?: ArrayLike<number>;
}

/**
 * Fits `classes` classes on `features` features. The loss is the summed negative log-likelihood (each row weighed
 * by its class's weight) plus l2 / 2 * |weights|^2.
 */
export function fitSoftmax(rows: SparseRows, labels: Uint8Array, features: number, classes: number, options: SoftmaxOptions = {}): SoftmaxFit {
  const l2 = options.l2 ?? 1;
  const size = features * classes + classes;
  const classWeights = Float64Array.from({ length: classes }, (_, k) => options.classWeights?.[k] ?? 1);
  const lossAndGradient = (theta: Float64Array, gradient: Float64Array): number => softmaxLoss(rows, labels, features, classes, l2, classWeights, theta, gradient);
  const { theta, iterations, loss } = lbfgs(new Float64Array(size), lossAndGradient, options.iterations ?? 200, options.memory ?? 10);
  return { weights: theta.slice(0, features * classes), bias: theta.slice(features * classes), iterations, loss };
}

function softmaxLoss(rows: SparseRows, labels: Uint8Array, features: number, classes: number, l2: number, classWeights: Float64Array, theta: Float64Array, gradient: Float64Array): number {
  const biasAt = features * classes;
  gradient.fill(0);
  const z = new Float64Array(classes);
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    const start = rows.offsets[i]!;
    const end = rows.offsets[i + 1]!;
    for (let k = 0; k < classes; k++) z[k] = theta[biasAt + k]!;
    for (let j = start; j < end; j++) {
      const base = rows.indices[j]! * classes;
      for (let k = 0; k < classes; k++) z[k]! += theta[base + k]!;
    }
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, z[k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += z[k] = Math.exp(z[k]! - max);
    const y = labels[i]!;
    const weight = classWeights[y]!;
    loss -= weight * Math.log(z[y]! / sum);
    for (let k = 0; k < classes; k++) z[k] = weight * (z[k]! / sum - (k === y ? 1 : 0));
    for (let j = start; j < end; j++) {
      const base = rows.indices[j]! * classes;
      for (let k = 0; k < classes; k++) gradient[base + k]! += z[k]!;
    }
    for (let k = 0; k < classes; k++) gradient[biasAt + k]! += z[k]!;
  }
  for (let j = 0; j < biasAt; j++) {
    loss += 0.5 * l2 * theta[j]! * theta[j]!;
    gradient[j]! += l2 * theta[j]!;
  }
  return loss;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Minimises f by L-BFGS (two-loop recursion), each step found by backtracking to the Armijo condition. */
export function lbfgs(start: Float64Array, f: (x: Float64Array, gradient: Float64Array) => number, iterations: number, memory: number): { theta: Float64Array; iterations: number; loss: number } {
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const alpha = new Float64Array(memory);
  let iteration = 0;
  for (; iteration < iterations; iteration++) {
    // The search direction: -H g, H the inverse Hessian as the remembered updates estimate it.
    const d = Float64Array.from(g, (v) => -v);
    for (let m = ss.length - 1; m >= 0; m--) {
      alpha[m] = dot(ss[m]!, d) / dot(ys[m]!, ss[m]!);
      for (let i = 0; i < n; i++) d[i]! -= alpha[m]! * ys[m]![i]!;
    }
    if (ss.length) {
      const last = ss.length - 1;
      const gamma = dot(ss[last]!, ys[last]!) / dot(ys[last]!, ys[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const scale = 1 / Math.max(Math.sqrt(dot(g, g)), 1e-12);
      for (let i = 0; i < n; i++) d[i]! *= scale;
    }
    for (let m = 0; m < ss.length; m++) {
      const beta = dot(ys[m]!, d) / dot(ys[m]!, ss[m]!);
      for (let i = 0; i < n; i++) d[i]! += ss[m]![i]! * (alpha[m]! - beta);
    }
    const slope = dot(g, d);
    if (!(slope < 0)) break;
    let step = 1;
    const next = new Float64Array(n);
    const nextG = new Float64Array(n);
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++, step /= 2) {
      for (let i = 0; i < n; i++) next[i] = x[i]! + step * d[i]!;
      fNext = f(next, nextG);
      if (fNext <= fx + 1e-4 * step * slope) break;
    }
    if (!(fNext < fx)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = next[i]! - x[i]!;
      y[i] = nextG[i]! - g[i]!;
    }
    // Only updates of positive curvature keep the estimate positive definite.
    if (dot(s, y) > 1e-10) {
      ss.push(s);
      ys.push(y);
      if (ss.length > memory) {
        ss.shift();
        ys.shift();
      }
    }
    const improvement = fx - fNext;
    x = next;
    g = nextG;
    fx = fNext;
    if (improvement < 1e-9 * Math.max(1, Math.abs(fx))) {
      iteration++;
      break;
    }
  }
  return { theta: x, iterations: iteration, loss: fx };
}
