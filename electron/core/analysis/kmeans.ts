/**
 * @file k-means with k-means++ seeding (Arthur & Vassilvitskii 2007), Lloyd iterations and several
 * restarts keeping the lowest inertia. Deterministic for a given seeded Random.
 */

import type { Random } from '../../../shared/util/random.js';

export interface KMeansResult {
  /** Cluster of each row, 0..k-1. */
  labels: Int32Array;
  /** k x d row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of rows to their centroid. */
  inertia: number;
}

function sqDist(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += ((x[i * d + t] as number) - (c[j * d + t] as number)) ** 2;
  return s;
}

/** Index of the nearest centroid to row i, and the squared distance. */
function nearest(
  x: Float64Array,
  i: number,
  c: Float64Array,
  k: number,
  d: number,
): [number, number] {
  let best = 0;
  let bestD = Infinity;
  for (let j = 0; j < k; j++) {
    const v = sqDist(x, i, c, j, d);
    if (v < bestD) {
      bestD = v;
      best = j;
    }
  }
  return [best, bestD];
}

/** k-means++: first centre uniform, each next one drawn with probability ∝ D(x)². */
function seedPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Random): Float64Array {
  const c = new Float64Array(k * d);
  const first = rng.int(n);
  c.set(x.subarray(first * d, first * d + d), 0);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = sqDist(x, i, c, 0, d);
  for (let j = 1; j < k; j++) {
    const total = d2.reduce((s, v) => s + v, 0);
    let pick = n - 1;
    if (total > 0) {
      let u = rng.next() * total;
      for (let i = 0; i < n; i++) {
        u -= d2[i] as number;
        if (u < 0) {
          pick = i;
          break;
        }
      }
    } else pick = rng.int(n);
    c.set(x.subarray(pick * d, pick * d + d), j * d);
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i] as number, sqDist(x, i, c, j, d));
  }
  return c;
}

/** One Lloyd run from the given centres (modified in place). */
function lloyd(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  c: Float64Array,
  maxIter: number,
): KMeansResult {
  const labels = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      const [j, v] = nearest(x, i, c, k, d);
      inertia += v;
      if (labels[i] !== j) {
        labels[i] = j;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const j = labels[i] as number;
      counts[j]++;
      for (let t = 0; t < d; t++) sums[j * d + t] += x[i * d + t] as number;
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        // Empty cluster: restart it on the row farthest from its centre (keeps k clusters).
        let far = 0;
        let farD = -1;
        for (let i = 0; i < n; i++) {
          const v = sqDist(x, i, c, labels[i] as number, d);
          if (v > farD) {
            farD = v;
            far = i;
          }
        }
        c.set(x.subarray(far * d, far * d + d), j * d);
        continue;
      }
      for (let t = 0; t < d; t++)
        c[j * d + t] = (sums[j * d + t] as number) / (counts[j] as number);
    }
  }
  return { labels, centroids: c, inertia };
}

/** Best of `nInit` k-means++ / Lloyd runs on n x d rows. */
export function kMeans(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Random,
  opts: { nInit?: number; maxIter?: number } = {},
): KMeansResult {
  const nInit = opts.nInit ?? 5;
  const maxIter = opts.maxIter ?? 100;
  let best: KMeansResult | null = null;
  for (let r = 0; r < nInit; r++) {
    const res = lloyd(x, n, d, k, seedPlusPlus(x, n, d, k, rng), maxIter);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best as KMeansResult;
}

/** Nearest-centroid label of every row of y (m x d). */
export function assignToCentroids(
  y: Float64Array,
  m: number,
  d: number,
  c: Float64Array,
  k: number,
): Int32Array {
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) labels[i] = nearest(y, i, c, k, d)[0];
  return labels;
}
