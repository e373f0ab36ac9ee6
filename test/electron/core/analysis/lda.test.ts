import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dPrime, fisherDirection } from '../../../../electron/core/analysis/lda.js';
import { partitionRows } from '../../../../electron/core/analysis/feature-matrix.js';
import { symmetricEigen } from '../../../../electron/core/analysis/linalg.js';
import type { FeatureMatrix } from '../../../../electron/core/analysis/feature-matrix.js';
import { gaussianBlobs, gaussJordanInverse, rowsOf } from './gaussian-blobs.js';
import { SMALL, SMALL_EXPECTED } from './small-dataset.js';

/** Oracle: w = Sw^{-1} (mu_a - mu_b) with Sw the pooled scatter, inverted by Gauss-Jordan. */
function bruteForceDPrime(a: number[][], b: number[][]): number {
  const d = a[0]?.length ?? 0;
  const mean = (rows: number[][]): number[] =>
    Array.from(
      { length: d },
      (_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / rows.length,
    );
  const ma = mean(a);
  const mb = mean(b);
  const sw = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const [rows, m] of [
    [a, ma],
    [b, mb],
  ] as const) {
    for (const r of rows) {
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          (sw[i] as number[])[j] +=
            ((r[i] as number) - (m[i] as number)) * ((r[j] as number) - (m[j] as number));
        }
      }
    }
  }
  const inv = gaussJordanInverse(sw);
  const w = inv.map((row) =>
    row.reduce((s, v, k) => s + v * ((ma[k] as number) - (mb[k] as number)), 0),
  );
  const proj = (rows: number[][]): number[] =>
    rows.map((r) => r.reduce((s, v, k) => s + v * (w[k] as number), 0));
  const stat = (p: number[]): [number, number] => {
    const m = p.reduce((s, v) => s + v, 0) / p.length;
    return [m, p.reduce((s, v) => s + (v - m) ** 2, 0) / p.length];
  };
  const [m1, v1] = stat(proj(a));
  const [m2, v2] = stat(proj(b));
  return (m1 - m2) / Math.sqrt((v1 + v2) / 2);
}

test('matches the numpy replica on the literal dataset', () => {
  assert.ok(Math.abs(dPrime(SMALL, 7) - SMALL_EXPECTED.dPrime) < 1e-10);
});

test('matches the Gauss-Jordan Fisher direction on correlated, unequal-size Gaussian clusters', () => {
  const f = gaussianBlobs(
    [
      { label: 4, n: 250, mean: [0, 0, 0, 0, 0], sd: [1, 3, 0.2, 1, 2] },
      { label: 9, n: 700, mean: [1, -2, 0.3, 0, 4], sd: [2, 1, 0.4, 1, 1] },
    ],
    8,
  );
  for (const [u, o] of [
    [4, 9],
    [9, 4],
  ] as const) {
    const expected = bruteForceDPrime(rowsOf(f, u), rowsOf(f, o));
    assert.ok(
      Math.abs(dPrime(f, u) - expected) < 1e-8 * expected,
      `${dPrime(f, u)} vs ${expected}`,
    );
  }
});

test('d′ ≈ separation / SD for isotropic Gaussians (known value)', () => {
  for (const sep of [1, 3, 6]) {
    const f = gaussianBlobs(
      [
        { label: 1, n: 3000, mean: [sep, 0, 0], sd: 1 },
        { label: 2, n: 3000, mean: [0, 0, 0], sd: 1 },
      ],
      100 + sep,
    );
    const dp = dPrime(f, 1);
    assert.ok(Math.abs(dp - sep) < 0.1, `sep ${sep}: d′ ${dp}`);
  }
});

test('a duplicated feature column (rank-deficient scatter) leaves d′ unchanged, like sklearn', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 200, mean: [0, 0, 0], sd: 1 },
      { label: 2, n: 300, mean: [2, 1, 0], sd: [1, 2, 1] },
    ],
    21,
  );
  const dup: FeatureMatrix = {
    data: new Float64Array(f.n * 4),
    n: f.n,
    d: 4,
    labels: f.labels,
  };
  for (let i = 0; i < f.n; i++) {
    for (let j = 0; j < 3; j++) dup.data[i * 4 + j] = f.data[i * 3 + j] as number;
    dup.data[i * 4 + 3] = f.data[i * 3] as number;
  }
  assert.ok(Math.abs(dPrime(dup, 1) - dPrime(f, 1)) < 1e-8);
});

test('NaN without a second class or with identical class means', () => {
  const f = gaussianBlobs([{ label: 1, n: 50, mean: [0, 0], sd: 1 }], 2);
  assert.ok(Number.isNaN(dPrime(f, 1)));
  const same = {
    data: Float64Array.from([0, 0, 1, 1, 0, 1, 1, 0]),
    n: 4,
    d: 2,
    labels: [1, 1, 2, 2],
  };
  assert.ok(Number.isNaN(dPrime(same, 1)));
});

/**
 * The direction as first written: pooled scatter accumulated row by row (a's rows, then b's),
 * then sklearn's scaled eigen-solve. The column-wise scatter sums the same products in the same
 * order, so fisherDirection must match it bit for bit.
 */
function rowWiseDirection(f: FeatureMatrix, a: Int32Array, b: Int32Array): Float64Array | null {
  const { data, d } = f;
  const n = a.length + b.length;
  const means = [a, b].map((rows) => {
    const m = new Float64Array(d);
    for (const r of rows) for (let j = 0; j < d; j++) m[j] += data[r * d + j] as number;
    return m.map((v) => v / rows.length);
  });
  const sq = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  const row = new Float64Array(d);
  [a, b].forEach((rows, k) => {
    for (const r of rows) {
      for (let j = 0; j < d; j++) {
        row[j] = (data[r * d + j] as number) - (means[k]![j] as number);
        sq[j] += (row[j] as number) ** 2;
      }
      for (let i = 0; i < d; i++)
        for (let j = i; j < d; j++) scatter[i * d + j] += (row[i] as number) * (row[j] as number);
    }
  });
  const std = sq.map((s) => Math.sqrt(s / n) || 1);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v =
        ((scatter[i * d + j] as number) * (1 / (n - 2))) /
        ((std[i] as number) * (std[j] as number));
      scatter[i * d + j] = v;
      scatter[j * d + i] = v;
    }
  }
  const { values, vectors } = symmetricEigen(scatter, d);
  const w = new Float64Array(d);
  let norm = 0;
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k] as number, 0));
    if (!(s > 1e-4)) continue;
    let u = 0;
    for (let j = 0; j < d; j++) {
      u +=
        ((vectors[j * d + k] as number) / (std[j] as number) / s) *
        ((means[0]![j] as number) - (means[1]![j] as number));
    }
    norm += u * u;
    for (let j = 0; j < d; j++)
      w[j] += ((vectors[j * d + k] as number) / (std[j] as number) / s) * u;
  }
  return norm > 0 ? w : null;
}

test('the column-wise scatter gives the row-wise direction bit for bit (odd sizes, d = 1..9)', () => {
  for (let d = 1; d <= 9; d++) {
    const mean = Array.from({ length: d }, (_, j) => (j % 3) - 1);
    const f = gaussianBlobs(
      [
        { label: 3, n: 101, mean, sd: 1 },
        { label: 5, n: 258, mean: mean.map((m) => m + 0.7), sd: 2 },
      ],
      40 + d,
    );
    const { self, other } = partitionRows(f.labels, 3);
    const w = rowWiseDirection(f, self, other);
    assert.deepEqual(fisherDirection(f, self, other), w, `d=${d}`);
    // d′ from that direction, projections summed column by column, row by row.
    const stats = (rows: Int32Array): [number, number] => {
      const p = Array.from(rows, (r) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += (f.data[r * d + j] as number) * (w![j] as number);
        return s;
      });
      const m = p.reduce((x, y) => x + y, 0) / p.length;
      return [m, p.reduce((x, y) => x + (y - m) ** 2, 0) / p.length];
    };
    const [m1, v1] = stats(self);
    const [m2, v2] = stats(other);
    assert.equal(dPrime(f, 3), Math.abs((m1 - m2) / Math.sqrt(0.5 * (v1 + v2))), `d′ d=${d}`);
  }
});
