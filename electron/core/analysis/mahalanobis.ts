/**
 * @file Isolation distance and L-ratio (Schmitzer-Torbert et al. 2005), exactly as SpikeInterface's
 * `mahalanobis_metrics` (spikemetrics heritage) computes them.
 *
 * Σ and μ come from the unit's own spikes (covariance with ddof = 1, like numpy.cov); every other
 * spike gets d² = (y − μ)ᵀ Σ⁻¹ (y − μ). The inverse is applied through a Cholesky factor rather
 * than an explicit inverse (same value, better conditioned). Where SI's np.linalg.inv would return
 * garbage for a nearly singular Σ, we return NaN (relative pivot test in {@link cholesky}).
 */

import type { FeatureMatrix } from './feature-matrix.js';
import { partitionRows } from './feature-matrix.js';
import { chi2Sf } from './incomplete-gamma.js';
import { cholesky, covariance, mahalanobisSquared, rowMean } from './linalg.js';

/** Isolation distance (d², unitless) and L-ratio (unitless); NaN when undefined. */
export interface MahalanobisMetrics {
  isolationDistance: number;
  lRatio: number;
}

/**
 * Isolation distance = the n-th smallest d² among other spikes with n = min(N_self, N_other);
 * L-ratio = Σ_other (1 − χ²_CDF(d²; df = d)) / N_self. Both NaN when n < 2 or Σ is singular.
 */
export function mahalanobisMetrics(features: FeatureMatrix, unit: number): MahalanobisMetrics {
  const nan = { isolationDistance: NaN, lRatio: NaN };
  const { self, other } = partitionRows(features.labels, unit);
  const n = Math.min(self.length, other.length);
  if (n < 2) return nan;
  const mean = rowMean(features, self);
  const l = cholesky(covariance(features, mean, self, 1), features.d);
  if (!l) return nan;
  const d2 = mahalanobisSquared(features, mean, l, other).sort();
  let lSum = 0;
  for (let i = 0; i < d2.length; i++) lSum += chi2Sf(d2[i] as number, features.d);
  return { isolationDistance: d2[n - 1] as number, lRatio: lSum / self.length };
}
