import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dPrime } from '../../../../electron/core/analysis/lda.js';
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
