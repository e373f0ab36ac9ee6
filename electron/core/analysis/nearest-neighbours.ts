/**
 * @file Nearest-neighbour hit and miss rates (Chung et al. 2017) as SpikeInterface's
 * `nearest_neighbors_metrics` computes them, including its subsampling rule.
 *
 * SI stacks [unit rows; other rows], keeps every (1/ratio)-th row when there are more than
 * max_spikes rows, then calls sklearn `kneighbors(X)` with n_neighbors = 5 on the same X: the first
 * neighbour is the query point itself and is dropped, so each spike votes with its 4 nearest other
 * spikes. We search exhaustively (exact Euclidean, no tree) and exclude the query row by index.
 */

import type { FeatureMatrix } from './feature-matrix.js';
import { partitionRows } from './feature-matrix.js';

/** SI defaults (`NearestNeighbor.metric_params`). */
export const NN_DEFAULTS = { maxSpikes: 10000, nNeighbors: 5 } as const;

/** Hit rate and miss rate, both fractions in [0, 1]. */
export interface NearestNeighbourRates {
  hitRate: number;
  missRate: number;
}

/**
 * For each of the `n` rows (d columns, row-major), the indices of its `k` nearest other rows by
 * Euclidean distance, nearest first; ties go to the lower index. Output is n x k row-major.
 * Exhaustive O(n² d) with partial-distance pruning, which pays off in clustered data.
 */
export function kNearestOthers(x: Float64Array, n: number, d: number, k: number): Int32Array {
  const idx = new Int32Array(n * k).fill(-1);
  const dist = new Float64Array(n * k).fill(Infinity);
  const insert = (row: number, j: number, v: number): void => {
    const base = row * k;
    if (!(v < (dist[base + k - 1] as number))) return;
    let p = k - 1;
    while (p > 0 && v < (dist[base + p - 1] as number)) {
      dist[base + p] = dist[base + p - 1] as number;
      idx[base + p] = idx[base + p - 1] as number;
      p--;
    }
    dist[base + p] = v;
    idx[base + p] = j;
  };
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const bound = Math.max(dist[i * k + k - 1] as number, dist[j * k + k - 1] as number);
      const oj = j * d;
      let s = 0;
      let c = 0;
      while (c < d) {
        const end = Math.min(c + 8, d);
        for (; c < end; c++) s += ((x[oi + c] as number) - (x[oj + c] as number)) ** 2;
        if (s >= bound) break;
      }
      if (s >= bound) continue;
      insert(i, j, s);
      insert(j, i, s);
    }
  }
  return idx;
}

/**
 * SI's subsample of `total` stacked rows: when ratio = maxSpikes / total < 1, the positions
 * floor(i * (1 / ratio)) for i * (1 / ratio) < total − 1 (np.arange(0, total − 1, 1 / ratio)); null when
 * every row is kept. The unit's share is then taken as floor(nSelf * ratio) leading rows, which
 * SI does without checking that the kept rows match it exactly.
 */
export function nnSubsample(total: number, maxSpikes: number): Int32Array | null {
  const ratio = maxSpikes / total;
  if (!(ratio < 1)) return null;
  const step = 1 / ratio;
  const count = Math.max(0, Math.ceil((total - 1) / step));
  const kept = new Int32Array(count);
  for (let i = 0; i < count; i++) kept[i] = Math.floor(i * step);
  return kept;
}

/**
 * NN hit rate = fraction of the neighbours of the unit's spikes that belong to the unit; NN miss
 * rate = fraction of the neighbours of other spikes that belong to the unit. Returns (1, 0) when
 * only one label is present (SI), NaN when fewer rows than `nNeighbors` remain.
 */
export function nearestNeighbourRates(
  features: FeatureMatrix,
  unit: number,
  params: { maxSpikes?: number; nNeighbors?: number } = {},
): NearestNeighbourRates {
  const maxSpikes = params.maxSpikes ?? NN_DEFAULTS.maxSpikes;
  const nNeighbors = params.nNeighbors ?? NN_DEFAULTS.nNeighbors;
  const { d } = features;
  const { self, other } = partitionRows(features.labels, unit);
  const total = self.length + other.length;
  if (total > 0 && (self.length === 0 || other.length === 0)) {
    return { hitRate: 1, missRate: 0 };
  }
  // Stacked order [self; other], then SI's evenly spaced subsample.
  const stacked = Int32Array.from([...self, ...other]);
  const kept = nnSubsample(total, maxSpikes);
  const order = kept ? kept.map((i) => stacked[i] as number) : stacked;
  const nSelf = kept ? Math.floor(self.length * (maxSpikes / total)) : self.length;
  const n = order.length;
  const k = nNeighbors - 1;
  if (n < nNeighbors || k < 1) return { hitRate: NaN, missRate: NaN };
  const x = new Float64Array(n * d);
  order.forEach((r, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = features.data[r * d + j] as number;
  });
  const nn = kNearestOthers(x, n, d, k);
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      if ((nn[i * k + c] as number) >= nSelf) continue;
      if (i < nSelf) hits++;
      else misses++;
    }
  }
  return { hitRate: hits / (nSelf * k), missRate: misses / ((n - nSelf) * k) };
}
