import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  kNearestOthers,
  nearestNeighbourRates,
  nnSubsample,
} from '../../../../electron/core/analysis/nearest-neighbours.js';
import { gaussianBlobs } from './gaussian-blobs.js';
import { SMALL, SMALL_EXPECTED } from './small-dataset.js';

/** Oracle: sort all distances of each row (self excluded) and take the first k. */
function bruteForceNeighbours(x: Float64Array, n: number, d: number, k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const all: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      all.push([Math.sqrt(s), j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.push(all.slice(0, k).map(([, j]) => j));
  }
  return out;
}

test('k nearest others equal the sorted brute force', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 150, mean: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], sd: 1 },
      { label: 2, n: 100, mean: [1, 1, 0, 0, 0, 0, 0, 0, 0, 2], sd: 2 },
    ],
    9,
  );
  const x = Float64Array.from(f.data);
  for (const k of [1, 4, 7]) {
    const got = kNearestOthers(x, f.n, f.d, k);
    const want = bruteForceNeighbours(x, f.n, f.d, k);
    want.forEach((row, i) => assert.deepEqual(Array.from(got.subarray(i * k, (i + 1) * k)), row));
  }
});

test('hit and miss rates match the numpy replica on the literal dataset', () => {
  const r = nearestNeighbourRates(SMALL, 7);
  assert.equal(r.hitRate, SMALL_EXPECTED.nnHitRate);
  assert.equal(r.missRate, SMALL_EXPECTED.nnMissRate);
});

test('hit and miss rates equal a brute-force count with 4 neighbours (n_neighbors 5 incl. self)', () => {
  const f = gaussianBlobs(
    [
      { label: 5, n: 120, mean: [0, 0, 0], sd: 1 },
      { label: 6, n: 80, mean: [1.5, 0, 0], sd: 1 },
      { label: 8, n: 60, mean: [0, 1.5, 0], sd: 1 },
    ],
    17,
  );
  // Rows of unit 5 come first in f, so the stacked order [self; other] is f's own order.
  const nn = bruteForceNeighbours(Float64Array.from(f.data), f.n, f.d, 4);
  const isSelf = (j: number): boolean => f.labels[j] === 5;
  let hits = 0;
  let misses = 0;
  nn.forEach((row, i) => {
    const c = row.filter(isSelf).length;
    if (isSelf(i)) hits += c;
    else misses += c;
  });
  const r = nearestNeighbourRates(f, 5);
  assert.ok(Math.abs(r.hitRate - hits / (120 * 4)) < 1e-15);
  assert.ok(Math.abs(r.missRate - misses / (140 * 4)) < 1e-15);
});

test('subsampling follows np.arange(0, total - 1, 1 / ratio) (values from numpy)', () => {
  assert.equal(nnSubsample(100, 10000), null);
  assert.deepEqual(Array.from(nnSubsample(7, 3) ?? []), [0, 2, 4]);
  const cases: Array<[number, number, number, number[], number[]]> = [
    [30001, 10000, 10000, [0, 3, 6, 9], [29991, 29994, 29997]],
    [10001, 10000, 10000, [0, 1, 2, 3], [9997, 9998, 9999]],
    [12345, 10000, 10000, [0, 1, 2, 3], [12341, 12342, 12343]],
    [20000, 10000, 10000, [0, 2, 4, 6], [19994, 19996, 19998]],
  ];
  for (const [total, max, len, head, tail] of cases) {
    const s = nnSubsample(total, max);
    assert.ok(s);
    assert.equal(s.length, len);
    assert.deepEqual(Array.from(s.subarray(0, 4)), head);
    assert.deepEqual(Array.from(s.subarray(len - 3)), tail);
  }
});

test('subsampled rates equal the brute force on the subsampled rows', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 90, mean: [0, 0], sd: 1 },
      { label: 2, n: 110, mean: [2, 0], sd: 1 },
    ],
    33,
  );
  const keep = nnSubsample(200, 70);
  assert.ok(keep);
  const x = new Float64Array(keep.length * 2);
  keep.forEach((r, i) => {
    x[i * 2] = f.data[r * 2] as number;
    x[i * 2 + 1] = f.data[r * 2 + 1] as number;
  });
  const nSelf = Math.floor(90 * (70 / 200)); // SI's int(n_self * ratio) = 31
  const nn = bruteForceNeighbours(x, keep.length, 2, 4);
  let hits = 0;
  let misses = 0;
  nn.forEach((row, i) => {
    const c = row.filter((j) => j < nSelf).length;
    if (i < nSelf) hits += c;
    else misses += c;
  });
  const r = nearestNeighbourRates(f, 1, { maxSpikes: 70 });
  assert.equal(r.hitRate, hits / (nSelf * 4));
  assert.equal(r.missRate, misses / ((keep.length - nSelf) * 4));
});

test('well separated: hit ~ 1, miss ~ 0; only one unit: (1, 0); too few rows: NaN', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 300, mean: [0, 0, 0, 0], sd: 1 },
      { label: 2, n: 300, mean: [15, 0, 0, 0], sd: 1 },
    ],
    5,
  );
  assert.deepEqual(nearestNeighbourRates(f, 1), { hitRate: 1, missRate: 0 });
  const lone = gaussianBlobs([{ label: 1, n: 20, mean: [0], sd: 1 }], 1);
  assert.deepEqual(nearestNeighbourRates(lone, 1), { hitRate: 1, missRate: 0 });
  const tiny = { data: Float64Array.from([0, 1, 2]), n: 3, d: 1, labels: [1, 2, 2] };
  assert.ok(Number.isNaN(nearestNeighbourRates(tiny, 1).hitRate));
});
