import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  excludeSelf,
  type KnnInput,
  knnCpu,
} from '../../../../../../electron/core/gpu/kernels/knn/knn.cpu.js';
import { Random } from '../../../../../../shared/util/random.js';

const refs1d = new Float32Array([0, 1, 3, 6, 10]);

test('hand case: sorted by distance, ties to the smaller index', () => {
  // From 2: refs 1 and 3 are both at 1 (indices 1, 2), then 0 at 2.
  const r = knnCpu({ queries: new Float32Array([2]), references: refs1d, dims: 1, k: 3 });
  assert.deepEqual([...r.indices], [1, 2, 0]);
  assert.deepEqual([...r.distances], [1, 1, 2]);
});

test('excluding self when querying the reference set', () => {
  // Point 2 (at 3): 1 at distance 2, then 0 and 6 tie at 3 → index 0 first.
  const r = knnCpu({ queries: refs1d, references: refs1d, dims: 1, k: 2, exclude: excludeSelf(5) });
  assert.deepEqual([...r.indices], [1, 2, 0, 2, 1, 0, 2, 4, 3, 2]);
  assert.deepEqual([...r.distances], [1, 3, 1, 2, 2, 3, 3, 4, 4, 7]);
});

test('2-D Euclidean distances and a single exclusion', () => {
  const refs = new Float32Array([0, 0, 3, 4, 1, 1]);
  const r = knnCpu({
    queries: new Float32Array([0, 0]),
    references: refs,
    dims: 2,
    k: 2,
    exclude: new Int32Array([0]),
  });
  assert.deepEqual([...r.indices], [2, 1]);
  assert.deepEqual([...r.distances], [Math.SQRT2, 5]);
});

test('fewer eligible references than k: −1 and Infinity; NaN references are skipped', () => {
  const refs = new Float32Array([0, NaN, 4]);
  const r = knnCpu({ queries: new Float32Array([1]), references: refs, dims: 1, k: 4 });
  assert.deepEqual([...r.indices], [0, 2, -1, -1]);
  assert.deepEqual([...r.distances], [1, 3, Infinity, Infinity]);
});

test('rejects bad k, dims and exclusion length', () => {
  const base = { queries: refs1d, references: refs1d, dims: 1, k: 2 };
  assert.throws(() => knnCpu({ ...base, k: 9 }), /k 9/);
  assert.throws(() => knnCpu({ ...base, k: 0 }), /k 0/);
  assert.throws(() => knnCpu({ ...base, dims: 65 }), /dims/);
  assert.throws(() => knnCpu({ ...base, exclude: new Int32Array(2) }), /exclude/);
});

/** Independent brute force: all candidates, full sort by (distance², index). */
function bySorting(input: KnnInput): { indices: number[]; distances: number[] } {
  const { queries, references, dims: d, k, exclude } = input;
  const indices: number[] = [];
  const distances: number[] = [];
  for (let q = 0; q < queries.length / d; q++) {
    const all: [number, number][] = [];
    for (let j = 0; j < references.length / d; j++) {
      if (exclude && exclude[q] === j) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += (queries[q * d + c] - references[j * d + c]) ** 2;
      if (!Number.isNaN(s)) all.push([s, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let s = 0; s < k; s++) {
      indices.push(s < all.length ? all[s][1] : -1);
      distances.push(s < all.length ? Math.sqrt(all[s][0]) : Infinity);
    }
  }
  return { indices, distances };
}

test('equals a full-sort brute force on random and tie-heavy data', () => {
  const rng = new Random(43);
  for (const [m, n, d, k, grid] of [
    [60, 90, 3, 8, 0],
    [50, 50, 2, 5, 1],
    [40, 5, 4, 8, 1],
  ]) {
    const value = () => (grid ? rng.int(3) : rng.normal());
    const references = Float32Array.from({ length: n * d }, value);
    const queries = m === n ? references : Float32Array.from({ length: m * d }, value);
    const input: KnnInput = {
      queries,
      references,
      dims: d,
      k,
      exclude: m === n ? excludeSelf(n) : undefined,
    };
    const r = knnCpu(input);
    const expected = bySorting(input);
    assert.deepEqual([...r.indices], expected.indices);
    assert.deepEqual([...r.distances], expected.distances);
  }
});
