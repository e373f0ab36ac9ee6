import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import {
  backSubstitute,
  cholesky,
  covariance,
  forwardSubstitute,
  logDetFromCholesky,
  mahalanobisSquared,
  rowMean,
  symmetricEigen,
} from '../../../../electron/core/analysis/linalg.js';
import { gaussJordanInverse } from './gaussian-blobs.js';

/** A random symmetric positive-definite d x d matrix B B^T + d I. */
function randomSpd(d: number, rng: Random): number[][] {
  const b = Array.from({ length: d }, () => Array.from({ length: d }, () => rng.normal()));
  return b.map((bi, i) =>
    b.map((bj, j) => bi.reduce((s, v, k) => s + v * (bj[k] as number), 0) + (i === j ? d : 0)),
  );
}

test('cholesky reproduces A = L L^T and solves A x = b like a Gauss-Jordan inverse', () => {
  const rng = new Random(11);
  for (const d of [1, 3, 8]) {
    const a = randomSpd(d, rng);
    const l = cholesky(Float64Array.from(a.flat()), d);
    assert.ok(l);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += (l[i * d + k] as number) * (l[j * d + k] as number);
        assert.ok(Math.abs(s - (a[i]?.[j] as number)) < 1e-9);
      }
    }
    const b = Array.from({ length: d }, () => rng.normal());
    const x = backSubstitute(l, d, forwardSubstitute(l, d, Float64Array.from(b)));
    const inv = gaussJordanInverse(a);
    inv.forEach((row, i) => {
      const expected = row.reduce((s, v, k) => s + v * (b[k] as number), 0);
      assert.ok(Math.abs((x[i] as number) - expected) < 1e-10);
    });
  }
});

test('cholesky rejects singular and indefinite matrices', () => {
  assert.equal(cholesky([1, 1, 1, 1], 2), null);
  assert.equal(cholesky([1, 2, 2, 1], 2), null);
  assert.equal(cholesky([0], 1), null);
});

test('log-determinant from the factor matches a 2x2 and 3x3 hand computation', () => {
  const l2 = cholesky([4, 2, 2, 3], 2);
  assert.ok(l2);
  assert.ok(Math.abs(logDetFromCholesky(l2, 2) - Math.log(8)) < 1e-12);
  const a3 = [2, -1, 0, -1, 2, -1, 0, -1, 2]; // det = 4
  const l3 = cholesky(a3, 3);
  assert.ok(l3);
  assert.ok(Math.abs(logDetFromCholesky(l3, 3) - Math.log(4)) < 1e-12);
});

test('mean, covariance (ddof 1) and Mahalanobis distances match a direct computation', () => {
  const data = [1, 2, 3, 5, 4, 4, 0, 1, 2, 7, 6, 3]; // 4 rows x 3
  const m = { data, n: 4, d: 3 };
  const mean = rowMean(m);
  assert.deepEqual(Array.from(mean), [3.25, 3.25, 3]);
  const cov = covariance(m, mean);
  // np.cov(X.T), values from numpy
  const expected = [
    [32.75 / 3, 21.75 / 3, 5 / 3],
    [21.75 / 3, 14.75 / 3, 1],
    [5 / 3, 1, 2 / 3],
  ];
  expected.flat().forEach((v, i) => assert.ok(Math.abs((cov[i] as number) - v) < 1e-12));
  const l = cholesky(cov, 3);
  assert.ok(l);
  const inv = gaussJordanInverse(expected);
  const d2 = mahalanobisSquared(m, mean, l, [2, 0]);
  [2, 0].forEach((r, k) => {
    const z = [0, 1, 2].map((j) => (data[r * 3 + j] as number) - (mean[j] as number));
    const q = z.reduce(
      (s, zi, i) => s + zi * z.reduce((t, zj, j) => t + (inv[i]?.[j] as number) * zj, 0),
      0,
    );
    assert.ok(Math.abs((d2[k] as number) - q) < 1e-9);
  });
});

test('Mahalanobis distances in blocks of four rows are bit-identical to one row at a time', () => {
  const rng = new Random(17);
  for (const [n, d] of [
    [0, 3],
    [1, 1],
    [7, 5],
    [33, 12],
  ] as const) {
    const data = Float64Array.from({ length: n * d }, () => rng.normal() * 3 + 1);
    const m = { data, n, d };
    const mean = Float64Array.from({ length: d }, () => rng.normal());
    const l = cholesky(Float64Array.from(randomSpd(d, rng).flat()), d);
    assert.ok(l);
    const rows = Array.from({ length: n }, (_, i) => (i * 5) % Math.max(1, n));
    for (const selection of [undefined, rows]) {
      const got = mahalanobisSquared(m, mean, l, selection);
      const count = selection ? selection.length : n;
      assert.equal(got.length, count);
      for (let k = 0; k < count; k++) {
        const r = selection ? (selection[k] as number) : k;
        const z = Float64Array.from({ length: d }, (_, j) => data[r * d + j]! - mean[j]!);
        forwardSubstitute(l, d, z);
        let want = 0;
        for (let j = 0; j < d; j++) want += z[j]! ** 2;
        assert.ok(Object.is(got[k], want), `row ${r}: ${got[k]} vs ${want}`);
      }
    }
  }
});

test('symmetric eigendecomposition: A v = lambda v, orthonormal, sorted descending', () => {
  const rng = new Random(5);
  const d = 7;
  const a = randomSpd(d, rng).map((row, i) => row.map((v, j) => (i === j ? v - d - 2 : v)));
  const flat = Float64Array.from(a.flat());
  const { values, vectors } = symmetricEigen(flat, d);
  let trace = 0;
  for (let i = 0; i < d; i++) trace += a[i]?.[i] as number;
  assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) < 1e-9);
  for (let k = 0; k < d; k++) {
    if (k > 0) assert.ok((values[k - 1] as number) >= (values[k] as number));
    for (let i = 0; i < d; i++) {
      let av = 0;
      for (let j = 0; j < d; j++) av += (a[i]?.[j] as number) * (vectors[j * d + k] as number);
      assert.ok(Math.abs(av - (values[k] as number) * (vectors[i * d + k] as number)) < 1e-9);
    }
    for (let k2 = 0; k2 < d; k2++) {
      let dot = 0;
      for (let i = 0; i < d; i++)
        dot += (vectors[i * d + k] as number) * (vectors[i * d + k2] as number);
      assert.ok(Math.abs(dot - (k === k2 ? 1 : 0)) < 1e-10);
    }
  }
  // A rank-1 matrix u u^T has one eigenvalue |u|^2 and the rest ~0.
  const u = [1, 2, 3];
  const r1 = symmetricEigen(
    u.flatMap((x) => u.map((y) => x * y)),
    3,
  );
  assert.ok(Math.abs((r1.values[0] as number) - 14) < 1e-12);
  assert.ok(Math.abs(r1.values[1] as number) < 1e-12 && Math.abs(r1.values[2] as number) < 1e-12);
});
