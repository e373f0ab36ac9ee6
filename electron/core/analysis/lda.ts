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
  // Pooled within-class SD per column (np.std over the class-centred rows, ddof = 0).
  const sq = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  const row = new Float64Array(d);
  [a, b].forEach((rows, k) => {
    const mu = means[k] as Float64Array;
    for (const r of rows) {
      for (let j = 0; j < d; j++) {
        row[j] = (data[r * d + j] as number) - (mu[j] as number);
        sq[j] += (row[j] as number) ** 2;
      }
      for (let i = 0; i < d; i++) {
        for (let j = i; j < d; j++) scatter[i * d + j] += (row[i] as number) * (row[j] as number);
      }
    }
  });
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
  const stats = (rows: Int32Array): [number, number] => {
    const p = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      let s = 0;
      for (let j = 0; j < features.d; j++)
        s += (features.data[r * features.d + j] as number) * (w[j] as number);
      p[i] = s;
    });
    const mean = p.reduce((x, y) => x + y, 0) / p.length;
    const variance = p.reduce((x, y) => x + (y - mean) ** 2, 0) / p.length;
    return [mean, variance];
  };
  const [m1, v1] = stats(self);
  const [m2, v2] = stats(other);
  return (m1 - m2) / Math.sqrt(0.5 * (v1 + v2));
}
