/**
 * @file Exact k nearest neighbours of every row among the other rows, much faster than the
 * exhaustive search on clustered spike features, with the same answer as
 * `nearest-neighbours.ts::kNearestOthers` (same distance arithmetic, ties to the lower index).
 *
 * Rows are sorted by their projection on the data's first principal axis v. Since |v·(x − y)| ≤
 * ‖x − y‖ for a unit vector, a query scans outward from its own position in that order and stops
 * in each direction once the projection gap exceeds its current k-th distance. Spike clusters are
 * spread along the leading axis, so most rows of other clusters are never visited. Distances are
 * summed over the original columns in column order, so every distance equals the exhaustive one
 * bit for bit; the projection only prunes (with a small slack for its own rounding).
 */
import { offerNeighbour } from './k-nearest-list.js';

/** Leading principal axis (unit vector) of n × d rows, by power iteration on the covariance. */
export function leadingAxis(
  x: ArrayLike<number>,
  n: number,
  d: number,
  iterations = 30,
): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += (x[i * d + c] as number) / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) row[c] = (x[i * d + c] as number) - (mean[c] as number);
    for (let a = 0; a < d; a++) {
      const ra = row[a] as number;
      for (let b = a; b < d; b++) cov[a * d + b] += ra * (row[b] as number);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a] as number;
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  for (let it = 0; it < iterations; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += (cov[a * d + b] as number) * (v[b] as number);
      w[a] = s;
    }
    const norm = Math.hypot(...w);
    if (!(norm > 0)) break;
    for (let a = 0; a < d; a++) w[a] = (w[a] as number) / norm;
    v = w;
  }
  return v;
}

/**
 * The projection-pruned exact search over n rows (d columns, row-major), built once and queried
 * row by row: `nearestOf(i, ...)` gives row i's k nearest other rows, nearest first, ties to the
 * lower index (-1 where fewer than k exist).
 */
export class ProjectionKnn {
  private readonly proj: Float64Array;
  private readonly order: Int32Array;
  /** Position of each row in `order`. */
  private readonly rank: Int32Array;
  private readonly slack: number;

  constructor(
    private readonly x: Float64Array,
    private readonly n: number,
    private readonly d: number,
  ) {
    const v = leadingAxis(x, n, d);
    const proj = new Float64Array(n);
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (x[i * d + c] as number) * (v[c] as number);
      proj[i] = s;
      maxAbs = Math.max(maxAbs, Math.abs(s));
    }
    this.proj = proj;
    this.order = Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (proj[a] as number) - (proj[b] as number) || a - b,
    );
    this.rank = new Int32Array(n);
    for (let p = 0; p < n; p++) this.rank[this.order[p] as number] = p;
    // Rounding of the projections is far below this; it only makes the pruning a little lazier.
    this.slack = 1e-9 * (maxAbs + 1);
  }

  /** Rows in projection order (queries in this order touch memory that is close together). */
  get rowsInOrder(): Int32Array {
    return this.order;
  }

  /**
   * Row i's k nearest others into `idx` (squared distances into `best`), both of length k. With
   * `bound`, only rows at squared distance < bound are considered: the caller must know that at
   * least k rows are closer (it then only prunes); slots left unfilled keep `bound` and -1.
   */
  nearestOf(i: number, k: number, best: Float64Array, idx: Int32Array, bound = Infinity): void {
    const { x, n, d, proj, order, slack } = this;
    const oi = i * d;
    const pi = proj[i] as number;
    best.fill(bound);
    idx.fill(-1);
    const visit = (j: number): boolean => {
      const gap = Math.abs((proj[j] as number) - pi) - slack;
      const kth = best[k - 1] as number;
      if (gap > 0 && gap * gap > kth) return false;
      const oj = j * d;
      let s = 0;
      let c = 0;
      while (c < d) {
        const end = Math.min(c + 8, d);
        for (; c < end; c++) s += ((x[oi + c] as number) - (x[oj + c] as number)) ** 2;
        if (s > kth) return true;
      }
      // Also rejects NaN distances, as the exhaustive search does.
      offerNeighbour(best, idx, k, s, j);
      return true;
    };
    const pos = this.rank[i] as number;
    for (let q = pos + 1; q < n && visit(order[q] as number); q++);
    for (let q = pos - 1; q >= 0 && visit(order[q] as number); q--);
  }
}

/**
 * For each of the n rows (d columns, row-major) the indices of its k nearest other rows by
 * Euclidean distance, nearest first, ties to the lower index; -1 where fewer than k exist.
 */
export function kNearestOthersFast(x: Float64Array, n: number, d: number, k: number): Int32Array {
  const out = new Int32Array(n * k).fill(-1);
  if (n === 0 || k < 1) return out;
  const search = new ProjectionKnn(x, n, d);
  const best = new Float64Array(k);
  const bestIdx = new Int32Array(k);
  for (const i of search.rowsInOrder) {
    search.nearestOf(i, k, best, bestIdx);
    out.set(bestIdx, i * k);
  }
  return out;
}
