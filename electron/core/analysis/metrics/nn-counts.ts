/**
 * @file The hit and miss counts of SpikeInterface's nearest-neighbour metrics, exactly as a full
 * k-NN search would give them, without searching the neighbours of most rows.
 *
 * The counts only ask, per row, how many of its k nearest others lie on the other side of the
 * self/other boundary (rows `< nSelf` are "self"). An upper bound U of a row's k-th neighbour
 * distance is the k-th smallest distance to any k other rows; we take rows of its own group
 * (label and side) that are close in the group's k-d tree. If no row of the opposite side lies
 * within U, all k nearest neighbours are on the row's own side and the count is known. Otherwise a
 * wider window gives a tighter U and a second test; only the remaining rows (about 2 % on spike
 * features, most of them truly at a boundary) get an exact search restricted to U.
 *
 * Rows are found through k-d trees over the leading principal coordinates (`prefix-tree.ts`,
 * `pca-prefix.ts`), whose distances are lower bounds of the true ones (pruning only, with a slack
 * for rounding). Every decision is then made with the exhaustive search's own squared-distance
 * arithmetic (original columns, in column order), so the counts equal those of the exhaustive
 * search bit for bit, ties included.
 */
import { ProjectionKnn } from './fast-knn.js';
import { PREFIX_DIMS, principalPrefix } from './pca-prefix.js';
import { PrefixTree } from './prefix-tree.js';
import { offerNeighbour } from './k-nearest-list.js';

/** Rows of one group (same label, same side). */
interface Group {
  self: boolean;
  tree: PrefixTree;
}

/** Positions in a group's tree order on each side whose distances give the first U. */
const WINDOW = 4;
/** Positions on each side searched for a tighter U when the first one does not settle a row. */
const REFINE = 16;

/** The rows, the current query's coordinates, scratch space, and the rounding slack. */
interface Search {
  x: Float64Array;
  d: number;
  k: number;
  slack: number;
  /** Principal coordinates of the current query row. */
  qy: Float64Array;
  /** Traversal stack (nodes and their box gaps), sized for the largest tree. */
  stack: Int32Array;
  gaps: Float64Array;
  /** Scratch k-list. */
  kb: Float64Array;
}

function buildGroups(y: Float64Array, nSelf: number, labels: ArrayLike<number>): Group[] {
  const lists = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = `${labels[i] as number}:${i < nSelf ? 1 : 0}`;
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(i);
  }
  return [...lists.values()].map((list) => ({
    self: (list[0] as number) < nSelf,
    tree: new PrefixTree(y, Int32Array.from(list)),
  }));
}

/** Inserts value v into the ascending k-list at `base` of `kb` (v below its last entry). */
function insertValue(kb: Float64Array, base: number, k: number, v: number): void {
  let z = k - 1;
  while (z > 0 && v < (kb[base + z - 1] as number)) {
    kb[base + z] = kb[base + z - 1] as number;
    z--;
  }
  kb[base + z] = v;
}

/**
 * Squared distance of rows i and j with the exhaustive search's arithmetic (terms added one by
 * one in column order), or a partial sum above `limit` once one is (the sums only grow).
 */
function distance2(x: Float64Array, d: number, i: number, j: number, limit: number): number {
  const oi = i * d;
  const oj = j * d;
  let s = 0;
  let c = 0;
  for (; c + 4 <= d; c += 4) {
    const t0 = (x[oi + c] as number) - (x[oj + c] as number);
    const t1 = (x[oi + c + 1] as number) - (x[oj + c + 1] as number);
    const t2 = (x[oi + c + 2] as number) - (x[oj + c + 2] as number);
    const t3 = (x[oi + c + 3] as number) - (x[oj + c + 3] as number);
    s += t0 * t0;
    s += t1 * t1;
    s += t2 * t2;
    s += t3 * t3;
    if (s > limit) return s;
  }
  for (; c < d; c++) {
    const t = (x[oi + c] as number) - (x[oj + c] as number);
    s += t * t;
  }
  return s;
}

/**
 * Per row, the k-th smallest squared distance to the rows of its group within `window` positions
 * in the group's tree order (rows close in the principal coordinates): an upper bound of the
 * row's k-th nearest-neighbour distance over all rows. Each pair is computed once and offered to
 * both rows. Groups of <= k rows are left at Infinity.
 */
function upperBounds(s: Search, window: number, groups: Group[], out: Float64Array) {
  const { x, d, k } = s;
  for (const { tree } of groups) {
    const m = tree.size;
    if (m <= k) continue;
    const rows = tree.rows;
    const kb = new Float64Array(m * k).fill(Infinity);
    for (let a = 0; a < m; a++) {
      const last = Math.min(m - 1, a + window);
      for (let b = a + 1; b <= last; b++) {
        const ka = kb[a * k + k - 1] as number;
        const kbb = kb[b * k + k - 1] as number;
        const v = distance2(x, d, rows[a] as number, rows[b] as number, Math.max(ka, kbb));
        if (v < ka) insertValue(kb, a * k, k, v);
        if (v < kbb) insertValue(kb, b * k, k, v);
      }
      // Row a has now met every row within `window` positions on both sides.
      out[rows[a] as number] = kb[a * k + k - 1] as number;
    }
  }
}

/**
 * A tighter bound than the shared window's for row i at position `at` of its group's tree: the
 * k-th smallest squared distance to the rows within `window` positions on each side (at most u).
 */
function refinedBound(s: Search, i: number, tree: PrefixTree, at: number, u: number): number {
  const { x, d, k, kb } = s;
  kb.fill(u);
  const to = Math.min(tree.size - 1, at + REFINE);
  for (let b = Math.max(0, at - REFINE); b <= to; b++) {
    if (b === at) continue;
    const kth = kb[k - 1] as number;
    const v = distance2(x, d, i, tree.rows[b] as number, kth);
    if (v < kth) insertValue(kb, 0, k, v);
  }
  return kb[k - 1] as number;
}

/** True when some row of `groups` lies within squared distance `u` of row i. */
function anyWithin(s: Search, i: number, u: number, groups: Group[]): boolean {
  const { x, d, qy, stack } = s;
  const r = Math.sqrt(u) + s.slack;
  const r2 = r * r;
  for (const { tree } of groups) {
    if (tree.size === 0) continue;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      if (tree.boxGap(node, qy, r2) > r2) continue;
      // Mostly no row is found and every box within reach is visited, so the order is moot.
      if ((tree.left[node] as number) >= 0) {
        stack[top++] = tree.right[node] as number;
        stack[top++] = tree.left[node] as number;
        continue;
      }
      const end = tree.end[node] as number;
      for (let a = tree.start[node] as number; a < end; a++) {
        if (tree.rowGap(a, qy, r2) > r2) continue;
        if (distance2(x, d, i, tree.rows[a] as number, u) <= u) return true;
      }
    }
  }
  return false;
}

/**
 * Row i's k nearest others among rows at squared distance < bound (at least k of them must
 * exist), nearest first, ties to the lower index: the exhaustive search's answer, visiting only
 * rows whose tree boxes and principal coordinates can hold them, nearest boxes first.
 */
function nearestWithin(
  s: Search,
  i: number,
  bound: number,
  groups: Group[],
  best: Float64Array,
  idx: Int32Array,
): void {
  const { x, d, k, qy, slack, stack, gaps } = s;
  best.fill(bound);
  idx.fill(-1);
  let r = Math.sqrt(bound) + slack;
  let r2 = r * r;
  for (const { tree } of groups) {
    if (tree.size === 0) continue;
    let top = 0;
    stack[top] = 0;
    gaps[top++] = tree.boxGap(0, qy, r2);
    while (top > 0) {
      const node = stack[--top] as number;
      // The radius may have shrunk since the box was pushed.
      if ((gaps[top] as number) > r2) continue;
      const l = tree.left[node] as number;
      if (l >= 0) {
        const rt = tree.right[node] as number;
        const gl = tree.boxGap(l, qy, r2);
        const gr = tree.boxGap(rt, qy, r2);
        // Nearer child on top: neighbours found early shrink the radius for the rest.
        const leftFirst = gl <= gr;
        stack[top] = leftFirst ? rt : l;
        gaps[top++] = leftFirst ? gr : gl;
        stack[top] = leftFirst ? l : rt;
        gaps[top++] = leftFirst ? gl : gr;
        continue;
      }
      const end = tree.end[node] as number;
      for (let a = tree.start[node] as number; a < end; a++) {
        const j = tree.rows[a] as number;
        if (j === i || tree.rowGap(a, qy, r2) > r2) continue;
        const v = distance2(x, d, i, j, best[k - 1] as number);
        if (!offerNeighbour(best, idx, k, v, j)) continue;
        r = Math.sqrt(best[k - 1] as number) + slack;
        r2 = r * r;
      }
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
  const best = new Float64Array(k);
  const idx = new Int32Array(k);
  const count = (isSelf: boolean) => {
    for (let c = 0; c < k; c++) {
      const j = idx[c] as number;
      if (j < 0 || j >= nSelf) continue;
      if (isSelf) hits++;
      else misses++;
    }
  };
  if (!Number.isFinite(scale)) {
    // NaN or infinite features: the plain search (which skips NaN distances as the exhaustive
    // one does); the pruning below assumes finite coordinates.
    const search = new ProjectionKnn(x, n, d);
    for (let i = 0; i < n; i++) {
      search.nearestOf(i, k, best, idx);
      count(i < nSelf);
    }
    return { hits, misses };
  }
  const y = principalPrefix(x, n, d);
  const groups = buildGroups(y, nSelf, labels);
  let capacity = 1;
  for (const g of groups) capacity = Math.max(capacity, g.tree.capacity);
  const s: Search = {
    x,
    d,
    k,
    // Rounding of the principal coordinates (and the basis' departure from orthonormality) is a
    // few ulps of the coordinates' size; this is far above it.
    slack: 1e-9 * (scale * Math.sqrt(d) + 1),
    qy: new Float64Array(PREFIX_DIMS),
    stack: new Int32Array(capacity + 1),
    gaps: new Float64Array(capacity + 1),
    kb: new Float64Array(k),
  };
  const u = new Float64Array(n).fill(Infinity);
  upperBounds(s, Math.max(WINDOW, k), groups, u);
  // Each row's group and tree position (for the refined bound); the exact search visits the
  // row's own group first, where its nearest rows mostly are.
  const groupOf = new Int32Array(n);
  const posOf = new Int32Array(n);
  groups.forEach((g, gi) => {
    g.tree.rows.forEach((r, a) => {
      groupOf[r] = gi;
      posOf[r] = a;
    });
  });
  const ownFirst = groups.map((g) => [g, ...groups.filter((o) => o !== g)]);
  const selfGroups = groups.filter((g) => g.self);
  const otherGroups = groups.filter((g) => !g.self);
  let fallback: ProjectionKnn | null = null;
  for (let i = 0; i < n; i++) {
    const isSelf = i < nSelf;
    const opposite = isSelf ? otherGroups : selfGroups;
    for (let c = 0; c < PREFIX_DIMS; c++) s.qy[c] = y[i * PREFIX_DIMS + c] as number;
    let ui = u[i] as number;
    if (ui === Infinity) {
      // The row's group has <= k rows: search every row.
      fallback ??= new ProjectionKnn(x, n, d);
      fallback.nearestOf(i, k, best, idx);
      count(isSelf);
      continue;
    }
    if (!anyWithin(s, i, ui, opposite)) {
      if (isSelf) hits += k;
      continue;
    }
    // A wider window often gives a bound tight enough to settle the row after all.
    const g = groupOf[i] as number;
    const tighter = refinedBound(s, i, (groups[g] as Group).tree, posOf[i] as number, ui);
    if (tighter < ui) {
      ui = tighter;
      if (!anyWithin(s, i, ui, opposite)) {
        if (isSelf) hits += k;
        continue;
      }
    }
    // Rows at distance <= ui include the k nearest (ui bounds the k-th): prune beyond it.
    nearestWithin(s, i, ui * (1 + 1e-12) + Number.MIN_VALUE, ownFirst[g] as Group[], best, idx);
    count(isSelf);
  }
  return { hits, misses };
}
