/**
 * @file Automatic split proposal for one cluster: k-means on standardised, PCA-rotated features for
 * k = 1..kMax, k chosen by the BIC of a diagonal-covariance Gaussian mixture fitted to the k-means
 * partition (classification likelihood, with mixing weights).
 *
 * Why this criterion: after rotating onto the cluster's principal axes a single Gaussian blob has
 * uncorrelated features, so a diagonal model fits it well and splitting it never pays: halving a
 * Gaussian along an axis gains ½·ln(1/(1 − 2/π)) ≈ 0.50 nats per spike but costs ln 2 ≈ 0.69 nats of
 * mixing weight, so k = 1 wins even before the parameter penalty. Two blobs separated by more than
 * ~3.5 within-blob SDs along some axis gain more than ln 2 per spike and are split.
 */

import { Random } from '../../../shared/util/random.js';
import { assignToCentroids, kMeans } from './kmeans.js';
import type { Rows } from './linalg.js';
import { covariance, rowMean, symmetricEigen } from './linalg.js';

export interface AutoSplitParams {
  /** Largest k tried. Default 4. */
  kMax: number;
  /** Principal components kept after standardisation. Default 6. */
  nComponents: number;
  /** k-means restarts per k. Default 5. */
  nInit: number;
  maxIter: number;
  /** Rows used for fitting (evenly spaced subsample); all rows are then assigned. Default 20000. */
  maxFitRows: number;
  /** A k whose smallest group is below this size (in fitted rows) is not eligible. Default 20. */
  minClusterSize: number;
  seed: number;
}

export const AUTO_SPLIT_DEFAULTS: AutoSplitParams = {
  kMax: 4,
  nComponents: 6,
  nInit: 5,
  maxIter: 100,
  maxFitRows: 20000,
  minClusterSize: 20,
  seed: 1,
};

export interface AutoSplitResult {
  /** Chosen number of groups (1 = do not split). */
  k: number;
  /** Group of every input row, 0..k-1, groups numbered by decreasing size. */
  labels: Int32Array;
  /** Per group, the input rows (or `ids[row]` when ids were given), ascending. */
  groups: Int32Array[];
  /** BIC for k = 1..kMax (Infinity where not eligible); lower is better. */
  bic: number[];
}

/** Concatenates PC features with optional per-row extras (e.g. positions n x 2, amplitudes n x 1). */
export function concatColumns(blocks: Rows[]): Rows {
  const n = blocks[0]?.n ?? 0;
  const d = blocks.reduce((s, b) => s + b.d, 0);
  const data = new Float64Array(n * d);
  let off = 0;
  for (const b of blocks) {
    if (b.n !== n) throw new Error(`concatColumns: ${b.n} rows, expected ${n}`);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < b.d; j++) data[i * d + off + j] = b.data[i * b.d + j] as number;
    off += b.d;
  }
  return { data, n, d };
}

/** z-scores columns (zero-variance columns become 0), then projects on the top principal axes. */
export function standardisedScores(m: Rows, nComponents: number): Rows {
  const { n, d } = m;
  const mean = rowMean(m);
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += ((m.data[i * d + j] as number) - (mean[j] as number)) ** 2;
    sd[j] = Math.sqrt(s / n) || 1;
  }
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      z[i * d + j] = ((m.data[i * d + j] as number) - (mean[j] as number)) / (sd[j] as number);
  }
  const { values, vectors } = symmetricEigen(
    covariance({ data: z, n, d }, new Float64Array(d), undefined, 0),
    d,
  );
  const top = values[0] as number;
  let q = 0;
  while (q < Math.min(nComponents, d) && (values[q] as number) > 1e-12 * top) q++;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < q; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (z[i * d + j] as number) * (vectors[j * d + c] as number);
      out[i * q + c] = s;
    }
  }
  return { data: out, n, d: q };
}

/**
 * BIC = −2ℓ + p·ln n of the diagonal Gaussian mixture given by a hard partition:
 * ℓ = Σ_i [ln π_z + ln N(x_i; μ_z, diag σ²_z)], ML estimates, σ² floored at 1e-9 (units are SDs);
 * p = k·2d + (k − 1). Infinity when a group has fewer than `minSize` rows.
 */
export function partitionBic(x: Rows, labels: Int32Array, k: number, minSize: number): number {
  const { n, d } = x;
  const counts = new Float64Array(k);
  const sum = new Float64Array(k * d);
  const sumSq = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const g = labels[i] as number;
    counts[g]++;
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j] as number;
      sum[g * d + j] += v;
      sumSq[g * d + j] += v * v;
    }
  }
  let ll = 0;
  for (let g = 0; g < k; g++) {
    const ng = counts[g] as number;
    if (ng < minSize || ng === 0) return Infinity;
    ll += ng * Math.log(ng / n);
    for (let j = 0; j < d; j++) {
      const mu = (sum[g * d + j] as number) / ng;
      const v = Math.max((sumSq[g * d + j] as number) / ng - mu * mu, 1e-9);
      // Σ over the group of the log density at ML estimates: −½ n_g (ln 2πσ² + 1).
      ll -= 0.5 * ng * (Math.log(2 * Math.PI * v) + 1);
    }
  }
  const p = k * 2 * d + (k - 1);
  return -2 * ll + p * Math.log(n);
}

/** Proposes a split of one cluster's spikes (rows of `features`). */
export function autoSplit(
  features: Rows,
  params: Partial<AutoSplitParams> = {},
  ids?: ArrayLike<number>,
): AutoSplitResult {
  const p = { ...AUTO_SPLIT_DEFAULTS, ...params };
  const scores = standardisedScores(features, p.nComponents);
  const { n, d } = scores;
  const x = scores.data as Float64Array;
  // Evenly spaced fitting subsample (deterministic; spikes are time-ordered so this spans the session).
  const m = Math.min(n, p.maxFitRows);
  const fit = new Float64Array(m * d);
  for (let i = 0; i < m; i++) {
    const r = Math.floor((i * n) / m);
    fit.set(x.subarray(r * d, r * d + d), i * d);
  }
  const rng = new Random(p.seed);
  const bic: number[] = [];
  let best = { k: 1, centroids: rowMean({ data: fit, n: m, d }), score: Infinity };
  for (let k = 1; k <= p.kMax && k <= m; k++) {
    const km = kMeans(fit, m, d, k, rng, { nInit: k === 1 ? 1 : p.nInit, maxIter: p.maxIter });
    const score = partitionBic({ data: fit, n: m, d }, km.labels, k, Math.min(p.minClusterSize, m));
    bic.push(score);
    if (score < best.score) best = { k, centroids: km.centroids, score };
  }
  const raw = assignToCentroids(x, n, d, best.centroids, best.k);
  // Renumber groups by decreasing size (ties: lower original index) for a stable presentation.
  const sizes = new Array<number>(best.k).fill(0);
  for (const g of raw) sizes[g] = (sizes[g] as number) + 1;
  const order = sizes
    .map((_, g) => g)
    .sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const rank = new Int32Array(best.k);
  order.forEach((g, r) => (rank[g] = r));
  const labels = raw.map((g) => rank[g] as number);
  const groups = order.map((_, r) => {
    const rows: number[] = [];
    labels.forEach((g, i) => {
      if (g === r) rows.push(ids ? (ids[i] as number) : i);
    });
    return Int32Array.from(rows).sort();
  });
  return { k: best.k, labels, groups: groups.filter((g) => g.length > 0), bic };
}
