/**
 * @file Small dense linear algebra for feature-space metrics: row means, covariance, Cholesky
 * factorisation and triangular solves, log-determinant, and the symmetric eigendecomposition.
 *
 * Matrices are row-major Float64Array (d x d). Dimensions here are the PC feature count of one unit
 * (tens, rarely > 100), so simple O(d^3) algorithms are the right tool; everything is computed in
 * float64 even when the features arrive as float32.
 */

/** Row-major samples: `n` rows of `d` values. */
export interface Rows {
  data: ArrayLike<number>;
  n: number;
  d: number;
}

/** Mean over the selected rows (all rows when `rows` is omitted). */
export function rowMean(m: Rows, rows?: ArrayLike<number>): Float64Array {
  const { data, d } = m;
  const mean = new Float64Array(d);
  const count = rows ? rows.length : m.n;
  for (let r = 0; r < count; r++) {
    const off = (rows ? (rows[r] as number) : r) * d;
    for (let j = 0; j < d; j++) mean[j] += data[off + j] as number;
  }
  if (count > 0) for (let j = 0; j < d; j++) mean[j] /= count;
  return mean;
}

/**
 * Covariance of the selected rows around `mean`, divided by (count - ddof). ddof = 1 matches
 * numpy.cov; pass ddof = 0 for the maximum-likelihood estimate. Returns a d x d matrix.
 */
export function covariance(
  m: Rows,
  mean: ArrayLike<number>,
  rows?: ArrayLike<number>,
  ddof = 1,
): Float64Array {
  const { data, d } = m;
  const cov = new Float64Array(d * d);
  const count = rows ? rows.length : m.n;
  const centred = new Float64Array(d);
  for (let r = 0; r < count; r++) {
    const off = (rows ? (rows[r] as number) : r) * d;
    for (let j = 0; j < d; j++) centred[j] = (data[off + j] as number) - (mean[j] as number);
    for (let a = 0; a < d; a++) {
      const ca = centred[a] as number;
      for (let b = a; b < d; b++) cov[a * d + b] += ca * (centred[b] as number);
    }
  }
  const denom = count - ddof;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b] as number) / denom;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return cov;
}

/**
 * Lower-triangular Cholesky factor L with A = L L^T, or null when A is not (numerically) positive
 * definite: a pivot <= relTol * max(diag A) counts as singular. Relative, so that feature scale
 * (arbitrary units in KS4) does not change the verdict.
 */
export function cholesky(a: ArrayLike<number>, d: number, relTol = 1e-12): Float64Array | null {
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i] as number));
  const tol = relTol * maxDiag;
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j] as number;
    for (let k = 0; k < j; k++) s -= (l[j * d + k] as number) ** 2;
    if (!(s > tol)) return null;
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j] as number;
      for (let k = 0; k < j; k++) t -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = t / ljj;
    }
  }
  return l;
}

/** Solves L z = b in place (forward substitution); L lower-triangular from {@link cholesky}. */
export function forwardSubstitute(l: ArrayLike<number>, d: number, b: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (b[k] as number);
    b[i] = s / (l[i * d + i] as number);
  }
  return b;
}

/** Solves L^T x = b in place (back substitution). */
export function backSubstitute(l: ArrayLike<number>, d: number, b: Float64Array): Float64Array {
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (b[k] as number);
    b[i] = s / (l[i * d + i] as number);
  }
  return b;
}

/** log det A from its Cholesky factor: 2 * sum(log L_ii). */
export function logDetFromCholesky(l: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[i * d + i] as number);
  return 2 * s;
}

/**
 * Squared Mahalanobis distance of every selected row to `mean` under covariance L L^T:
 * d^2 = |L^{-1}(x - mean)|^2. Returns one value per selected row, in row order.
 *
 * Rows are solved four at a time, so each entry of L is loaded once per four rows; every row
 * still sees exactly the operations of {@link forwardSubstitute} followed by the sum of squares
 * in index order, so the values are the same as one row at a time.
 */
export function mahalanobisSquared(
  m: Rows,
  mean: ArrayLike<number>,
  l: ArrayLike<number>,
  rows?: ArrayLike<number>,
): Float64Array {
  const { data, d } = m;
  const count = rows ? rows.length : m.n;
  const out = new Float64Array(count);
  const lf = l instanceof Float64Array ? l : Float64Array.from(l);
  const mu = Float64Array.from({ length: d }, (_, j) => mean[j] as number);
  const rowOf = (r: number): number => (rows ? (rows[r] as number) : r);
  // z holds four rows side by side: z[4 * j + q] is entry j of the block's row q.
  const z = new Float64Array(4 * d);
  let r = 0;
  for (; r + 4 <= count; r += 4) {
    for (let q = 0; q < 4; q++) {
      const off = rowOf(r + q) * d;
      for (let j = 0; j < d; j++) z[4 * j + q] = (data[off + j] as number) - (mu[j] as number);
    }
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (let i = 0; i < d; i++) {
      let s0 = z[4 * i] as number;
      let s1 = z[4 * i + 1] as number;
      let s2 = z[4 * i + 2] as number;
      let s3 = z[4 * i + 3] as number;
      const li = i * d;
      for (let k = 0; k < i; k++) {
        const lk = lf[li + k] as number;
        s0 -= lk * (z[4 * k] as number);
        s1 -= lk * (z[4 * k + 1] as number);
        s2 -= lk * (z[4 * k + 2] as number);
        s3 -= lk * (z[4 * k + 3] as number);
      }
      const pivot = lf[li + i] as number;
      s0 /= pivot;
      s1 /= pivot;
      s2 /= pivot;
      s3 /= pivot;
      z[4 * i] = s0;
      z[4 * i + 1] = s1;
      z[4 * i + 2] = s2;
      z[4 * i + 3] = s3;
      q0 += s0 ** 2;
      q1 += s1 ** 2;
      q2 += s2 ** 2;
      q3 += s3 ** 2;
    }
    out[r] = q0;
    out[r + 1] = q1;
    out[r + 2] = q2;
    out[r + 3] = q3;
  }
  const single = new Float64Array(d);
  for (; r < count; r++) {
    const off = rowOf(r) * d;
    for (let j = 0; j < d; j++) single[j] = (data[off + j] as number) - (mu[j] as number);
    forwardSubstitute(lf, d, single);
    let s = 0;
    for (let j = 0; j < d; j++) s += (single[j] as number) ** 2;
    out[r] = s;
  }
  return out;
}

/** Eigendecomposition of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** Row-major d x d; column k is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi eigendecomposition of a symmetric d x d matrix (input not modified). Jacobi is
 * slower than QR for large d but unconditionally accurate, including tiny eigenvalues, which the
 * LDA rank test depends on.
 */
export function symmetricEigen(a: ArrayLike<number>, d: number, maxSweeps = 100): SymmetricEigen {
  const m = Float64Array.from(a as ArrayLike<number>);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < d; p++) {
      diag += (m[p * d + p] as number) ** 2;
      for (let q = p + 1; q < d; q++) off += (m[p * d + q] as number) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q] as number;
        if (apq === 0) continue;
        const app = m[p * d + p] as number;
        const aqq = m[q * d + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p] as number;
          const mkq = m[k * d + q] as number;
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k] as number;
          const mqk = m[q * d + k] as number;
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p] as number;
          const vkq = v[k * d + q] as number;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => (m[j * d + j] as number) - (m[i * d + i] as number),
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((src, dst) => {
    values[dst] = m[src * d + src] as number;
    for (let k = 0; k < d; k++) vectors[k * d + dst] = v[k * d + src] as number;
  });
  return { values, vectors };
}
