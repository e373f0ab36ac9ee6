import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mahalanobisMetrics } from '../../../../electron/core/analysis/mahalanobis.js';
import { fromRows, gaussianBlobs, gaussJordanInverse, rowsOf } from './gaussian-blobs.js';
import { SMALL, SMALL_EXPECTED } from './small-dataset.js';

/** Oracle: explicit inverse of np.cov by Gauss-Jordan, d² per other row, sorted. */
function bruteForceD2(self: number[][], other: number[][]): number[] {
  const d = self[0]?.length ?? 0;
  const mean = Array.from(
    { length: d },
    (_, j) => self.reduce((s, r) => s + (r[j] as number), 0) / self.length,
  );
  const cov = Array.from({ length: d }, (_, a) =>
    Array.from(
      { length: d },
      (_, b) =>
        self.reduce(
          (s, r) =>
            s + ((r[a] as number) - (mean[a] as number)) * ((r[b] as number) - (mean[b] as number)),
          0,
        ) /
        (self.length - 1),
    ),
  );
  const inv = gaussJordanInverse(cov);
  return other
    .map((y) => {
      const z = y.map((v, j) => v - (mean[j] as number));
      return z.reduce(
        (s, zi, i) => s + zi * z.reduce((t, zj, j) => t + (inv[i]?.[j] as number) * zj, 0),
        0,
      );
    })
    .sort((x, y) => x - y);
}

test('matches numpy/scipy on the literal dataset', () => {
  const m = mahalanobisMetrics(SMALL, 7);
  assert.ok(Math.abs(m.isolationDistance - SMALL_EXPECTED.isolationDistance) < 1e-9);
  assert.ok(Math.abs(m.lRatio - SMALL_EXPECTED.lRatio) < 1e-12);
});

test('isolation distance and L-ratio match a Gauss-Jordan oracle (df = 4 closed-form chi2)', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 300, mean: [0, 0, 0, 0], sd: [1, 2, 0.5, 1] },
      { label: 2, n: 500, mean: [3, 1, 0, -2], sd: 1.5 },
    ],
    42,
  );
  for (const unit of [1, 2]) {
    const self = rowsOf(f, unit);
    const other = rowsOf(f, unit === 1 ? 2 : 1);
    const d2 = bruteForceD2(self, other);
    const n = Math.min(self.length, other.length);
    // chi2 survival with 4 dof = exp(-x/2)(1 + x/2).
    const lRatio = d2.reduce((s, x) => s + Math.exp(-x / 2) * (1 + x / 2), 0) / self.length;
    const m = mahalanobisMetrics(f, unit);
    assert.ok(Math.abs(m.isolationDistance - (d2[n - 1] as number)) < 1e-8 * (d2[n - 1] as number));
    assert.ok(Math.abs(m.lRatio - lRatio) < 1e-10);
  }
});

test('well separated clusters: large isolation distance, L-ratio ~ 0; overlapping: the reverse', () => {
  const far = gaussianBlobs(
    [
      { label: 1, n: 400, mean: [0, 0, 0], sd: 1 },
      { label: 2, n: 400, mean: [20, 0, 0], sd: 1 },
    ],
    3,
  );
  const mFar = mahalanobisMetrics(far, 1);
  assert.ok(mFar.isolationDistance > 200, `ID ${mFar.isolationDistance}`);
  assert.ok(mFar.lRatio < 1e-10);
  const same = gaussianBlobs(
    [
      { label: 1, n: 400, mean: [0, 0, 0], sd: 1 },
      { label: 2, n: 400, mean: [0, 0, 0], sd: 1 },
    ],
    4,
  );
  const mSame = mahalanobisMetrics(same, 1);
  // Same distribution: the 400th smallest of 400 others is their max, chi2(3) quantiles apply.
  assert.ok(mSame.isolationDistance < 30);
  assert.ok(Math.abs(mSame.lRatio - 0.5) < 0.1, `L-ratio ${mSame.lRatio}`);
});

test('NaN when fewer than 2 spikes on either side or the covariance is singular', () => {
  const one = fromRows([
    [
      1,
      [
        [0, 0],
        [1, 1],
        [0, 1],
      ],
    ],
    [2, [[5, 5]]],
  ]);
  assert.ok(Number.isNaN(mahalanobisMetrics(one, 1).isolationDistance));
  const flat = fromRows([
    [
      1,
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
      ],
    ],
    [
      2,
      [
        [5, 5],
        [6, 5],
      ],
    ],
  ]);
  const m = mahalanobisMetrics(flat, 1);
  assert.ok(Number.isNaN(m.isolationDistance) && Number.isNaN(m.lRatio));
  assert.ok(Number.isNaN(mahalanobisMetrics(flat, 9).isolationDistance));
});
