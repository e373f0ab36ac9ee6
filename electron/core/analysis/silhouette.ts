/**
 * @file Simplified silhouette (Hruschka et al.), SpikeInterface's default `silhouette` method.
 *
 * Centroids replace pairwise distances: a_i = |x_i − c_self|, b_i = |x_i − c_B| where B is the
 * other cluster whose centroid has the smallest MEAN distance to the unit's spikes (chosen once for
 * the unit, not per spike), s = mean_i (b_i − a_i) / max(a_i, b_i). Range [−1, 1]; unitless.
 */

import type { FeatureMatrix } from './feature-matrix.js';
import { rowsByLabel } from './feature-matrix.js';
import { rowMean } from './linalg.js';

function distancesTo(features: FeatureMatrix, rows: Int32Array, c: Float64Array): Float64Array {
  const { data, d } = features;
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += ((data[r * d + j] as number) - (c[j] as number)) ** 2;
    out[i] = Math.sqrt(s);
  });
  return out;
}

/** Simplified silhouette of `unit`; NaN when the unit has no rows or there is no other cluster. */
export function simplifiedSilhouette(features: FeatureMatrix, unit: number): number {
  const groups = rowsByLabel(features.labels);
  const self = groups.get(unit);
  if (!self || self.length === 0 || groups.size < 2) return NaN;
  const a = distancesTo(features, self, rowMean(features, self));
  let best = Infinity;
  let b: Float64Array | null = null;
  for (const [label, rows] of groups) {
    if (label === unit) continue;
    const dist = distancesTo(features, self, rowMean(features, rows));
    const mean = dist.reduce((x, y) => x + y, 0) / dist.length;
    // Strict '<' keeps the first (lowest-label) cluster on ties, like SI's loop over np.unique.
    if (mean < best) {
      best = mean;
      b = dist;
    }
  }
  if (!b) return NaN;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    const bi = b[i] as number;
    s += (bi - ai) / Math.max(ai, bi);
  }
  return s / a.length;
}
