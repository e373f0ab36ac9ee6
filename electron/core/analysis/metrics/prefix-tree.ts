/**
 * @file A k-d tree over the principal coordinates (`pca-prefix.ts`) of one group of rows, for the
 * range tests of `nn-counts.ts`.
 *
 * Each node keeps the bounding box of its rows' coordinates; the squared distance from a query's
 * coordinates to a box is a lower bound of its squared distance to every row inside (the
 * coordinates are an orthonormal projection), so whole subtrees are skipped. The group's rows are
 * stored in tree order (leaves contiguous) with their coordinates, so a leaf scan reads
 * consecutive memory. The hot tests are unrolled over the fixed {@link PREFIX_DIMS} coordinates and
 * stop after 2 or 4 of them when the leading ones already exceed the limit.
 */
import { PREFIX_DIMS } from './pca-prefix.js';

/** Rows per leaf: small enough to prune, large enough that box tests stay a minor cost. */
const LEAF_SIZE = 16;
const P = PREFIX_DIMS;

/** Squared distance from v to the interval [lo, hi]. */
function gap2(v: number, lo: number, hi: number): number {
  const t = v < lo ? lo - v : v > hi ? v - hi : 0;
  return t * t;
}

/** The tree of one group (built once per group, queried once per row of the opposite side). */
export class PrefixTree {
  /** Original row index per tree position. */
  readonly rows: Int32Array;
  /** Principal coordinates (m × PREFIX_DIMS) per tree position. */
  readonly y: Float64Array;
  /** Per node: box corners (PREFIX_DIMS each), rows [start, end) in tree order, children. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children; -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  private nodes = 0;

  /** Tree of `rows`, whose coordinates are rows of y (n × PREFIX_DIMS). */
  constructor(y: Float64Array, rows: Int32Array) {
    const m = rows.length;
    // Every leaf holds >= LEAF_SIZE / 2 rows (a split halves more than LEAF_SIZE rows).
    const maxNodes = 2 * Math.ceil(m / Math.floor(LEAF_SIZE / 2)) + 1;
    this.lo = new Float64Array(maxNodes * P);
    this.hi = new Float64Array(maxNodes * P);
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes);
    this.right = new Int32Array(maxNodes);
    const order = Int32Array.from(rows);
    if (m > 0) this.build(y, order, 0, m);
    this.rows = order;
    this.y = new Float64Array(m * P);
    for (let a = 0; a < m; a++) {
      const r = order[a] as number;
      for (let c = 0; c < P; c++) this.y[a * P + c] = y[r * P + c] as number;
    }
  }

  /** Number of rows. */
  get size(): number {
    return this.rows.length;
  }

  /** Upper bound of the number of nodes (for traversal stacks). */
  get capacity(): number {
    return this.left.length;
  }

  /** Builds the node over order[from, to) (reordering it) and returns its index. */
  private build(y: Float64Array, order: Int32Array, from: number, to: number): number {
    const node = this.nodes++;
    const o = node * P;
    const { lo, hi } = this;
    for (let c = 0; c < P; c++) {
      let min = Infinity;
      let max = -Infinity;
      for (let a = from; a < to; a++) {
        const v = y[(order[a] as number) * P + c] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      lo[o + c] = min;
      hi[o + c] = max;
    }
    this.start[node] = from;
    this.end[node] = to;
    this.left[node] = -1;
    this.right[node] = -1;
    if (to - from <= LEAF_SIZE) return node;
    // Split the widest coordinate at its median.
    let axis = 0;
    for (let c = 1; c < P; c++) {
      const w = (this.hi[o + c] as number) - (this.lo[o + c] as number);
      if (w > (this.hi[o + axis] as number) - (this.lo[o + axis] as number)) axis = c;
    }
    const mid = (from + to) >>> 1;
    selectNth(order, from, to, mid, y, axis);
    this.left[node] = this.build(y, order, from, mid);
    this.right[node] = this.build(y, order, mid, to);
    return node;
  }

  /**
   * Squared distance from coordinates `q` (PREFIX_DIMS values) to the box of `node`; once the
   * leading coordinates exceed `limit`, that partial sum (also above `limit`).
   */
  boxGap(node: number, q: Float64Array, limit: number): number {
    const { lo, hi } = this;
    const o = node * P;
    let s =
      gap2(q[0] as number, lo[o] as number, hi[o] as number) +
      gap2(q[1] as number, lo[o + 1] as number, hi[o + 1] as number);
    if (s > limit) return s;
    s +=
      gap2(q[2] as number, lo[o + 2] as number, hi[o + 2] as number) +
      gap2(q[3] as number, lo[o + 3] as number, hi[o + 3] as number);
    if (s > limit) return s;
    return (
      s +
      gap2(q[4] as number, lo[o + 4] as number, hi[o + 4] as number) +
      gap2(q[5] as number, lo[o + 5] as number, hi[o + 5] as number) +
      gap2(q[6] as number, lo[o + 6] as number, hi[o + 6] as number) +
      gap2(q[7] as number, lo[o + 7] as number, hi[o + 7] as number)
    );
  }

  /** Like {@link boxGap}, for the row at tree position `a`. */
  rowGap(a: number, q: Float64Array, limit: number): number {
    const y = this.y;
    const o = a * P;
    let s =
      ((q[0] as number) - (y[o] as number)) ** 2 + ((q[1] as number) - (y[o + 1] as number)) ** 2;
    if (s > limit) return s;
    s +=
      ((q[2] as number) - (y[o + 2] as number)) ** 2 +
      ((q[3] as number) - (y[o + 3] as number)) ** 2;
    if (s > limit) return s;
    return (
      s +
      ((q[4] as number) - (y[o + 4] as number)) ** 2 +
      ((q[5] as number) - (y[o + 5] as number)) ** 2 +
      ((q[6] as number) - (y[o + 6] as number)) ** 2 +
      ((q[7] as number) - (y[o + 7] as number)) ** 2
    );
  }
}

/**
 * Reorders order[from, to) so that position `nth` holds the row whose coordinate `axis` would be
 * there after sorting, smaller-or-equal ones before it and larger-or-equal ones after
 * (quickselect, median-of-three pivots; O(length) on average).
 */
function selectNth(
  order: Int32Array,
  from: number,
  to: number,
  nth: number,
  y: Float64Array,
  axis: number,
): void {
  const key = (a: number): number => y[(order[a] as number) * P + axis] as number;
  const swap = (a: number, b: number): void => {
    const t = order[a] as number;
    order[a] = order[b] as number;
    order[b] = t;
  };
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < key(lo)) swap(mid, lo);
    if (key(hi) < key(lo)) swap(hi, lo);
    if (key(hi) < key(mid)) swap(hi, mid);
    const pivot = key(mid);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) swap(i++, j--);
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
