import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PREFIX_DIMS } from '../../../../../electron/core/analysis/metrics/pca-prefix.js';
import { PrefixTree } from '../../../../../electron/core/analysis/metrics/prefix-tree.js';
import { Random } from '../../../../../shared/util/random.js';

const P = PREFIX_DIMS;

/** Squared distance between query coordinates and row r of y. */
function dist2(q: Float64Array, y: Float64Array, r: number): number {
  let s = 0;
  for (let c = 0; c < P; c++) s += ((q[c] as number) - (y[r * P + c] as number)) ** 2;
  return s;
}

test('leaves partition the rows; box and row gaps are exact lower bounds', () => {
  const rng = new Random(12);
  for (const m of [1, 5, 16, 17, 300]) {
    const n = m + 20;
    const y = Float64Array.from({ length: n * P }, () => Math.round(rng.normal() * 3));
    // The tree holds every other row of a larger table.
    const rows = Int32Array.from({ length: m }, (_, i) => i + 20);
    const tree = new PrefixTree(y, rows);
    assert.equal(tree.size, m);
    assert.deepEqual(
      [...tree.rows].sort((a, b) => a - b),
      [...rows],
    );
    // Walk the tree: children split their parent's range; leaves cover it all once.
    const covered = new Int32Array(m);
    const q = Float64Array.from({ length: P }, () => rng.normal() * 4);
    const walk = (node: number, from: number, to: number) => {
      assert.equal(tree.start[node], from);
      assert.equal(tree.end[node], to);
      let minRow = Infinity;
      for (let a = from; a < to; a++) {
        const r = tree.rows[a] as number;
        const exact = dist2(q, y, r);
        minRow = Math.min(minRow, exact);
        // Summed in another order: equal up to rounding.
        const full = tree.rowGap(a, q, Infinity);
        assert.ok(Math.abs(full - exact) <= 1e-12 * exact, `${full} vs ${exact}`);
        // A partial sum is returned only above the limit.
        const limited = tree.rowGap(a, q, exact / 2);
        assert.ok(limited === full || limited > exact / 2);
      }
      const gap = tree.boxGap(node, q, Infinity);
      assert.ok(gap <= minRow * (1 + 1e-12), `box gap ${gap} > nearest row ${minRow}`);
      const l = tree.left[node] as number;
      if (l < 0) {
        assert.ok(to - from <= 16);
        for (let a = from; a < to; a++) covered[a] = (covered[a] as number) + 1;
        return;
      }
      const mid = tree.end[l] as number;
      walk(l, from, mid);
      walk(tree.right[node] as number, mid, to);
    };
    walk(0, 0, m);
    assert.ok(covered.every((c) => c === 1));
  }
});

test('a query inside a box has gap 0; a far one has its per-axis distance', () => {
  const y = new Float64Array(4 * P);
  for (let r = 0; r < 4; r++) for (let c = 0; c < P; c++) y[r * P + c] = r; // rows on the diagonal
  const tree = new PrefixTree(y, Int32Array.of(0, 1, 2, 3));
  const inside = new Float64Array(P).fill(1.5);
  assert.equal(tree.boxGap(0, inside, Infinity), 0);
  const far = new Float64Array(P).fill(5); // 2 beyond the box [0, 3] on every axis
  assert.equal(tree.boxGap(0, far, Infinity), 4 * P);
});
