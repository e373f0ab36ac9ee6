/**
 * @file The hit and miss counts of SpikeInterface's nearest-neighbour metrics, exactly as a full
 * k-NN search would give them, without searching the neighbours of most rows.
 *
 * The counts only ask, per row, how many of its k nearest others lie on the other side of the
 * self/other boundary (rows `< nSelf` are "self"). An upper bound U of a row's k-th neighbour
 * distance is the k-th smallest distance to any k other rows; we take rows of its own group
 * (label and side) that are close along the group's leading axis. If no row of the opposite side
 * lies within U, all k nearest neighbours are on the row's own side and the count is known; only
 * the remaining rows (a few percent on spike features) get the exact search of `fast-knn.ts`.
 * Opposite-side rows are found with an annulus test around each group's centroid
 * (|‖q − c‖ − ‖s − c‖| ≤ ‖q − s‖), then confirmed with the same squared-distance arithmetic as
 * the search, so the counts equal those of the exhaustive search bit for bit (ties included).
 */
import { leadingAxis, ProjectionKnn } from './fast-knn.js';

/** Rows of one group (same label, same side), with what the pruning needs. */
interface Group {
  rows: Int32Array;
  self: boolean;
  centroid: Float64Array;
  /** Distances of `sortedRows` to the centroid, ascending. */
  radii: Float64Array;
  sortedRows: Int32Array;
}

/** Positions in a group's leading-axis order searched on each side for the bound U. */
const WINDOW = 16;
/** Rows (at most about) whose covariance gives a group's ordering axis. */
const AXIS_ROWS = 64;

function buildGroups(x: Float64Array, d: number, nSelf: number, labels: ArrayLike<number>) {
  const lists = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = `${labels[i] as number}:${i < nSelf ? 1 : 0}`;
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(i);
  }
  const groups: Group[] = [];
  for (const list of lists.values()) {
    const rows = Int32Array.from(list);
    const centroid = new Float64Array(d);
    for (const r of rows) for (let c = 0; c < d; c++) centroid[c] += x[r * d + c] as number;
    for (let c = 0; c < d; c++) centroid[c] = (centroid[c] as number) / rows.length;
    const radius = new Float64Array(x.length / d);
    for (const r of rows) radius[r] = distanceTo(x, d, r, centroid);
    const sortedRows = Int32Array.from(rows).sort(
      (a, b) => (radius[a] as number) - (radius[b] as number),
    );
    const radii = Float64Array.from(sortedRows, (r) => radius[r] as number);
    groups.push({ rows, self: (rows[0] as number) < nSelf, centroid, radii, sortedRows });
  }
  return groups;
}

function distanceTo(x: Float64Array, d: number, r: number, point: Float64Array): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += ((x[r * d + c] as number) - (point[c] as number)) ** 2;
  return Math.sqrt(s);
}

/**
 * Per row, the k-th smallest squared distance to rows of its group within WINDOW positions along
 * the group's leading axis (Infinity when the group has no k other rows): an upper bound of the
 * row's k-th nearest-neighbour distance over all rows.
 */
function upperBounds(x: Float64Array, d: number, k: number, groups: Group[], out: Float64Array) {
  const kb = new Float64Array(k);
  for (const { rows } of groups) {
    const m = rows.length;
    if (m <= k) continue;
    const sub = new Float64Array(m * d);
    rows.forEach((r, a) => sub.set(x.subarray(r * d, r * d + d), a * d));
    // Any axis gives a valid bound; the leading one of a few evenly spaced rows is a good one.
    const step = Math.max(1, Math.floor(m / AXIS_ROWS));
    const probe = new Float64Array(Math.ceil(m / step) * d);
    let np = 0;
    for (let a = 0; a < m; a += step, np++) probe.set(sub.subarray(a * d, a * d + d), np * d);
    const v = leadingAxis(probe, np, d, 10);
    const proj = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (sub[a * d + c] as number) * (v[c] as number);
      proj[a] = s;
    }
    const order = Int32Array.from({ length: m }, (_, a) => a).sort(
      (a, b) => (proj[a] as number) - (proj[b] as number) || a - b,
    );
    const width = Math.min(2 * WINDOW, m - 1);
    for (let p = 0; p < m; p++) {
      const i = rows[order[p] as number] as number;
      const oi = i * d;
      kb.fill(Infinity);
      const lo = Math.max(0, Math.min(p - WINDOW, m - 1 - width));
      for (let q = lo; q <= lo + width; q++) {
        if (q === p) continue;
        const kth = kb[k - 1] as number;
        const oj = (rows[order[q] as number] as number) * d;
        let s = 0;
        let c = 0;
        for (; c < d && s < kth; c++) s += ((x[oi + c] as number) - (x[oj + c] as number)) ** 2;
        if (!(s < kth) || c < d) continue;
        let z = k - 1;
        while (z > 0 && s < (kb[z - 1] as number)) {
          kb[z] = kb[z - 1] as number;
          z--;
        }
        kb[z] = s;
      }
      out[i] = kb[k - 1] as number;
    }
  }
}

/** First index of ascending `a` whose value is >= v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when some row of `groups` lies within squared distance `u` of row i. */
function anyWithin(
  x: Float64Array,
  d: number,
  i: number,
  u: number,
  groups: Group[],
  slack: number,
): boolean {
  const r = Math.sqrt(u) + slack;
  const oi = i * d;
  for (const g of groups) {
    const dq = distanceTo(x, d, i, g.centroid);
    const end = lowerBound(g.radii, dq + r + Number.MIN_VALUE);
    for (let p = lowerBound(g.radii, dq - r); p < end; p++) {
      const oj = (g.sortedRows[p] as number) * d;
      let s = 0;
      let c = 0;
      for (; c < d; c++) {
        s += ((x[oi + c] as number) - (x[oj + c] as number)) ** 2;
        if (s > u) break;
      }
      if (c === d) return true;
    }
  }
  return false;
}

/**
 * Row i's k nearest others among rows at squared distance < bound (at least k of them must
 * exist), nearest first, ties to the lower index: the exhaustive search's answer, visiting only
 * rows whose group annulus can hold them.
 */
function nearestWithin(
  x: Float64Array,
  d: number,
  i: number,
  bound: number,
  groups: Group[],
  slack: number,
  best: Float64Array,
  idx: Int32Array,
): void {
  const k = best.length;
  best.fill(bound);
  idx.fill(-1);
  const oi = i * d;
  for (const g of groups) {
    const dq = distanceTo(x, d, i, g.centroid);
    const r = Math.sqrt(best[k - 1] as number) + slack;
    const end = lowerBound(g.radii, dq + r + Number.MIN_VALUE);
    for (let p = lowerBound(g.radii, dq - r); p < end; p++) {
      const j = g.sortedRows[p] as number;
      if (j === i) continue;
      const oj = j * d;
      const kth = best[k - 1] as number;
      let s = 0;
      let c = 0;
      for (; c < d; c++) {
        s += ((x[oi + c] as number) - (x[oj + c] as number)) ** 2;
        if (s > kth) break;
      }
      if (c < d) continue;
      if (!(s < kth) && !(s === kth && j < (idx[k - 1] as number))) continue;
      let z = k - 1;
      while (
        z > 0 &&
        (s < (best[z - 1] as number) || (s === best[z - 1] && j < (idx[z - 1] as number)))
      ) {
        best[z] = best[z - 1] as number;
        idx[z] = idx[z - 1] as number;
        z--;
      }
      best[z] = s;
      idx[z] = j;
    }
  }
}

/**
 * SI's nearest-neighbour counts over n rows (d columns, row-major): `hits` = neighbours of self
 * rows (index < nSelf) that are self rows, `misses` = neighbours of other rows that are self rows,
 * over the k nearest other rows of each (ties to the lower index). `labels` groups rows for the
 * bound (any grouping gives the same counts; cluster labels make it tight).
 */
export function nnHitMissCounts(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  nSelf: number,
  labels: ArrayLike<number>,
): { hits: number; misses: number } {
  let hits = 0;
  let misses = 0;
  if (n === 0 || k < 1) return { hits, misses };
  let scale = 0;
  for (let t = 0; t < n * d; t++) scale = Math.max(scale, Math.abs(x[t] as number));
  const finite = Number.isFinite(scale);
  const u = new Float64Array(n).fill(Infinity);
  const groups = finite ? buildGroups(x, d, nSelf, labels) : [];
  if (finite) upperBounds(x, d, k, groups, u);
  const selfGroups = groups.filter((g) => g.self);
  const otherGroups = groups.filter((g) => !g.self);
  // Centroid and radius rounding is ~d ulps of the coordinates' size; this is far above it.
  const slack = 1e-9 * (scale * Math.sqrt(d) + 1);
  let search: ProjectionKnn | null = null;
  const best = new Float64Array(k);
  const idx = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const isSelf = i < nSelf;
    const ui = u[i] as number;
    if (ui < Infinity && !anyWithin(x, d, i, ui, isSelf ? otherGroups : selfGroups, slack)) {
      if (isSelf) hits += k;
      continue;
    }
    if (ui < Infinity) {
      // Rows at distance <= ui include the k nearest (ui bounds the k-th): prune beyond it.
      nearestWithin(x, d, i, ui * (1 + 1e-12) + Number.MIN_VALUE, groups, slack, best, idx);
    } else {
      search ??= new ProjectionKnn(x, n, d);
      search.nearestOf(i, k, best, idx);
    }
    for (let c = 0; c < k; c++) {
      const j = idx[c] as number;
      if (j < 0 || j >= nSelf) continue;
      if (isSelf) hits++;
      else misses++;
    }
  }
  return { hits, misses };
}
