import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nnHitMissCounts } from '../../../../../electron/core/analysis/metrics/nn-counts.js';
import { Random } from '../../../../../shared/util/random.js';

/** Brute force: each row's k nearest others by (squared distance, index), then SI's counting. */
function bruteCounts(x: Float64Array, n: number, d: number, k: number, nSelf: number) {
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < n; i++) {
    const cand: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      if (!Number.isNaN(s)) cand.push([s, j]);
    }
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, j] of cand.slice(0, k)) {
      if (j >= nSelf) continue;
      if (i < nSelf) hits++;
      else misses++;
    }
  }
  return { hits, misses };
}

/** Rows of `nLabels` Gaussian clusters (the self cluster first), `spread` apart. */
function clustered(rng: Random, sizes: number[], d: number, spread: number) {
  const n = sizes.reduce((a, b) => a + b, 0);
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  let row = 0;
  sizes.forEach((size, label) => {
    const centre = Array.from({ length: d }, () => rng.normal() * spread);
    for (let r = 0; r < size; r++, row++) {
      labels[row] = label;
      for (let c = 0; c < d; c++) x[row * d + c] = (centre[c] as number) + rng.normal();
    }
  });
  return { x, n, labels };
}

test('counts equal the exhaustive search for separated, touching and overlapping clusters', () => {
  const rng = new Random(11);
  for (const spread of [0.5, 2, 6]) {
    for (const [d, k] of [
      [6, 4],
      [12, 3],
    ] as const) {
      const { x, n, labels } = clustered(rng, [120, 90, 60, 3, 40], d, spread);
      const got = nnHitMissCounts(x, n, d, k, 120, labels);
      assert.deepEqual(got, bruteCounts(x, n, d, k, 120), `spread=${spread} d=${d}`);
    }
  }
});

test('exact ties, duplicated rows and a self boundary that cuts a label still count exactly', () => {
  const rng = new Random(5);
  const d = 4;
  const { x, n, labels } = clustered(rng, [80, 80, 80], d, 1.5);
  // Integer rows make many equal distances; duplicates tie at distance 0.
  for (let t = 0; t < 60 * d; t++) x[t] = Math.round(x[t] as number);
  x.copyWithin(100 * d, 5 * d, 6 * d);
  x.copyWithin(101 * d, 5 * d, 6 * d);
  for (const nSelf of [80, 79, 83]) {
    assert.deepEqual(
      nnHitMissCounts(x, n, d, 4, nSelf, labels),
      bruteCounts(x, n, d, 4, nSelf),
      `nSelf=${nSelf}`,
    );
  }
});

test('any grouping of the rows gives the same counts, as does a single group', () => {
  const rng = new Random(8);
  const d = 5;
  const { x, n, labels } = clustered(rng, [70, 70, 70], d, 2);
  const expected = bruteCounts(x, n, d, 4, 70);
  assert.deepEqual(nnHitMissCounts(x, n, d, 4, 70, labels), expected);
  assert.deepEqual(nnHitMissCounts(x, n, d, 4, 70, new Int32Array(n)), expected);
  const random = Int32Array.from({ length: n }, () => rng.int(5));
  assert.deepEqual(nnHitMissCounts(x, n, d, 4, 70, random), expected);
});

test('non-finite features fall back to the full search (NaN distances rejected)', () => {
  const rng = new Random(2);
  const d = 3;
  const { x, n, labels } = clustered(rng, [30, 30], d, 1);
  x[7 * d + 1] = NaN;
  assert.deepEqual(nnHitMissCounts(x, n, d, 4, 30, labels), bruteCounts(x, n, d, 4, 30));
});

test('hand-counted case: two far pairs', () => {
  // Rows 0,1 (self) at 0 and 1; rows 2,3 at 100 and 101. k = 1: each row's neighbour is its pair.
  const x = Float64Array.from([0, 1, 100, 101]);
  assert.deepEqual(nnHitMissCounts(x, 4, 1, 1, 2, [0, 0, 1, 1]), { hits: 2, misses: 0 });
  // k = 2: the self rows' second neighbour is row 2 (other), row 2's second neighbour is row 1.
  assert.deepEqual(nnHitMissCounts(x, 4, 1, 2, 2, [0, 0, 1, 1]), { hits: 2, misses: 2 });
});

/** Spike-like rows: d = 30, clusters of a few hundred rows with unequal, anisotropic spreads. */
function spikeLike(rng: Random, sizes: number[], d: number, spread: number) {
  const n = sizes.reduce((a, b) => a + b, 0);
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  let row = 0;
  sizes.forEach((size, label) => {
    const centre = Array.from({ length: d }, (_, c) => (rng.normal() * spread) / (1 + c / 4));
    const sd = Array.from({ length: d }, (_, c) => 0.3 + 2 / (1 + c) + rng.uniform(0, 0.5));
    for (let r = 0; r < size; r++, row++) {
      labels[row] = 10 + label;
      // float32 values, as pc_features.npy delivers them.
      for (let c = 0; c < d; c++)
        x[row * d + c] = Math.fround((centre[c] as number) + rng.normal() * (sd[c] as number));
    }
  });
  return { x, n, labels };
}

test('30-column spike-like features (deep trees, refined bounds) count exactly', () => {
  const rng = new Random(31);
  for (const spread of [1, 3, 8]) {
    const sizes = [260, 200, 150, 90, 40, 5];
    const { x, n, labels } = spikeLike(rng, sizes, 30, spread);
    for (const k of [4, 1]) {
      const got = nnHitMissCounts(x, n, 30, k, 260, labels);
      assert.deepEqual(got, bruteCounts(x, n, 30, k, 260), `spread=${spread} k=${k}`);
    }
  }
});

test('many exact ties in 10 columns (coarse integer grid) count exactly, lower index first', () => {
  const rng = new Random(17);
  const d = 10;
  const { x, n, labels } = spikeLike(rng, [150, 150, 100], d, 2);
  for (let t = 0; t < x.length; t++) x[t] = Math.round((x[t] as number) / 2);
  for (const nSelf of [150, 149, 160]) {
    assert.deepEqual(
      nnHitMissCounts(x, n, d, 4, nSelf, labels),
      bruteCounts(x, n, d, 4, nSelf),
      `nSelf=${nSelf}`,
    );
  }
});

test('fewer columns than principal coordinates (zero padding) and one column', () => {
  const rng = new Random(23);
  for (const d of [1, 2, 7, 8, 9]) {
    const { x, n, labels } = clustered(rng, [90, 70, 50], d, 1.5);
    assert.deepEqual(
      nnHitMissCounts(x, n, d, 4, 90, labels),
      bruteCounts(x, n, d, 4, 90),
      `d=${d}`,
    );
  }
});
