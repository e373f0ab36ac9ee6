/**
 * @file d′ (Hill et al. 2011) from a two-class Fisher linear discriminant, reproducing
 * scikit-learn's `LinearDiscriminantAnalysis(n_components=1)` with its default 'svd' solver, which
 * SpikeInterface and the Allen pipeline use.
 *
 * sklearn's svd solver: centre each class on its mean, scale columns by the pooled within-class SD
 * (zero SD -> 1), whiten with the SVD of that matrix / sqrt(n − K) keeping singular values > 1e-4,
 * then project on the whitened mean difference. For two classes this direction is
 * w = S⁺ Δμ (S = pooled within-class scatter, pseudo-inverse restricted to the kept rank); we build
 * it from the eigendecomposition of the same scaled matrix (eigenvalues = singular values²).
 */

import type { FeatureMatrix } from './feature-matrix.js';
import { partitionRows } from './feature-matrix.js';
import { rowMean, symmetricEigen } from './linalg.js';

/** sklearn's default `tol` for the within-class rank. */
const SVD_TOL = 1e-4;

/**
 * Upper triangle (i <= j) of Σ_t cols[i][t] · cols[j][t] over the n entries of each of the d
 * columns (column-major `cols`), each sum accumulated in t order. Four sums at a time share the
 * loads of column i.
 */
function columnScatter(cols: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const oi = i * n;
    let j = i;
    for (; j + 3 < d; j += 4) {
      const o0 = j * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < n; t++) {
        const v = cols[oi + t] as number;
        s0 += v * (cols[o0 + t] as number);
        s1 += v * (cols[o1 + t] as number);
        s2 += v * (cols[o2 + t] as number);
        s3 += v * (cols[o3 + t] as number);
      }
      out[i * d + j] = s0;
      out[i * d + j + 1] = s1;
      out[i * d + j + 2] = s2;
      out[i * d + j + 3] = s3;
    }
    // The last columns one at a time (every sum is still accumulated in t order).
    for (; j < d; j++) {
      let s = 0;
      for (let t = 0, oj = j * n; t < n; t++)
        s += (cols[oi + t] as number) * (cols[oj + t] as number);
      out[i * d + j] = s;
    }
  }
  return out;
}

/**
 * Rows `a` then rows `b` of `data` (d columns), each centred on its class mean, column-major
 * (d columns of a.length + b.length values). Rows are transposed in blocks that stay in cache.
 */
function centredColumns(
  data: ArrayLike<number>,
  d: number,
  classes: readonly (readonly [Int32Array, Float64Array])[],
): Float64Array {
  const n = classes.reduce((sum, [rows]) => sum + rows.length, 0);
  const cols = new Float64Array(d * n);
  const BLOCK = 256;
  let t0 = 0;
  for (const [rows, mu] of classes) {
    for (let from = 0; from < rows.length; from += BLOCK) {
      const to = Math.min(rows.length, from + BLOCK);
      for (let j = 0; j < d; j++) {
        const m = mu[j] as number;
        const o = j * n + t0;
        for (let q = from; q < to; q++)
          cols[o + q] = (data[(rows[q] as number) * d + j] as number) - m;
      }
    }
    t0 += rows.length;
  }
  return cols;
}

/**
 * Discriminant direction (length d) separating rows `a` from rows `b`, oriented so that projected
 * class-a values are larger; null when the classes are not separable by a line (identical means,
 * or zero within-class rank).
 */
export function fisherDirection(
  features: FeatureMatrix,
  a: Int32Array,
  b: Int32Array,
): Float64Array | null {
  const { data, d } = features;
  const n = a.length + b.length;
  const means = [rowMean(features, a), rowMean(features, b)] as const;
  // Class-centred rows, column-major (a's rows, then b's): each scatter entry is then one dot
  // product of two columns, summed in row order as a row-by-row accumulation would.
  const cols = centredColumns(data, d, [
    [a, means[0]],
    [b, means[1]],
  ]);
  const scatter = columnScatter(cols, n, d);
  // Pooled within-class SD per column (np.std over the class-centred rows, ddof = 0).
  const sq = new Float64Array(d);
  for (let j = 0; j < d; j++) sq[j] = scatter[j * d + j] as number;
  const std = sq.map((s) => Math.sqrt(s / n) || 1);
  const fac = 1 / (n - 2);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = ((scatter[i * d + j] as number) * fac) / ((std[i] as number) * (std[j] as number));
      scatter[i * d + j] = v;
      scatter[j * d + i] = v;
    }
  }
  const { values, vectors } = symmetricEigen(scatter, d);
  // scalings[:, k] = V[:, k] / std / s_k for singular values s_k = sqrt(lambda_k) > tol.
  const delta = new Float64Array(d);
  for (let j = 0; j < d; j++) delta[j] = (means[0][j] as number) - (means[1][j] as number);
  const w = new Float64Array(d);
  let norm = 0;
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k] as number, 0));
    if (!(s > SVD_TOL)) continue;
    let u = 0;
    for (let j = 0; j < d; j++) {
      u += ((vectors[j * d + k] as number) / (std[j] as number) / s) * (delta[j] as number);
    }
    norm += u * u;
    for (let j = 0; j < d; j++)
      w[j] += ((vectors[j * d + k] as number) / (std[j] as number) / s) * u;
  }
  return norm > 0 ? w : null;
}

/** w · row for each of `rows` (each sum in column order), two rows per pass over w. */
function project(data: ArrayLike<number>, d: number, rows: Int32Array, w: Float64Array) {
  const p = new Float64Array(rows.length);
  let i = 0;
  for (; i + 1 < rows.length; i += 2) {
    const o0 = (rows[i] as number) * d;
    const o1 = (rows[i + 1] as number) * d;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < d; j++) {
      const wj = w[j] as number;
      s0 += (data[o0 + j] as number) * wj;
      s1 += (data[o1 + j] as number) * wj;
    }
    p[i] = s0;
    p[i + 1] = s1;
  }
  if (i < rows.length) {
    const o = (rows[i] as number) * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += (data[o + j] as number) * (w[j] as number);
    p[i] = s;
  }
  return p;
}

/**
 * d′ of `unit` against all other rows: (mean_self − mean_other) / sqrt((var_self + var_other) / 2)
 * of the LDA projections, population variances (np.std). Unitless. NaN when either class is
 * empty or the LDA is degenerate. Always >= 0: sklearn's sign depends on LAPACK's SVD sign
 * convention, so we report the magnitude.
 */
export function dPrime(features: FeatureMatrix, unit: number): number {
  const { self, other } = partitionRows(features.labels, unit);
  if (self.length === 0 || other.length === 0 || self.length + other.length < 3) return NaN;
  const w = fisherDirection(features, self, other);
  if (!w) return NaN;
  const { data, d } = features;
  const stats = (rows: Int32Array): [number, number] => {
    const p = project(data, d, rows, w);
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += p[i] as number;
    const mean = sum / p.length;
    let ss = 0;
    for (let i = 0; i < p.length; i++) ss += ((p[i] as number) - mean) ** 2;
    return [mean, ss / p.length];
  };
  const [m1, v1] = stats(self);
  const [m2, v2] = stats(other);
  return (m1 - m2) / Math.sqrt(0.5 * (v1 + v2));
}
