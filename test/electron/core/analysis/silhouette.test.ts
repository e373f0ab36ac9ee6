import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simplifiedSilhouette } from '../../../../electron/core/analysis/silhouette.js';
import { gaussianBlobs, rowsOf } from './gaussian-blobs.js';
import { SMALL, SMALL_EXPECTED } from './small-dataset.js';

const centroid = (rows: number[][]): number[] =>
  (rows[0] ?? []).map((_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / rows.length);
const dist = (a: number[], b: number[]): number =>
  Math.hypot(...a.map((v, j) => v - (b[j] as number)));

test('matches the scipy replica on the literal dataset', () => {
  assert.ok(Math.abs(simplifiedSilhouette(SMALL, 7) - SMALL_EXPECTED.silhouette) < 1e-12);
});

test('matches a direct computation with three clusters (nearest = smallest mean distance)', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 100, mean: [0, 0, 0], sd: 1 },
      { label: 2, n: 80, mean: [3, 0, 0], sd: 1 },
      { label: 3, n: 60, mean: [0, 5, 0], sd: 2 },
    ],
    12,
  );
  for (const unit of [1, 2, 3]) {
    const self = rowsOf(f, unit);
    const c = centroid(self);
    const others = [1, 2, 3].filter((l) => l !== unit).map((l) => centroid(rowsOf(f, l)));
    const meanDist = others.map((o) => self.reduce((s, x) => s + dist(x, o), 0) / self.length);
    const nearest = others[meanDist.indexOf(Math.min(...meanDist))] as number[];
    const s =
      self.reduce((acc, x) => {
        const a = dist(x, c);
        const b = dist(x, nearest);
        return acc + (b - a) / Math.max(a, b);
      }, 0) / self.length;
    assert.ok(Math.abs(simplifiedSilhouette(f, unit) - s) < 1e-12);
  }
});

test('far-apart tight clusters score near 1; no other cluster gives NaN', () => {
  const f = gaussianBlobs(
    [
      { label: 1, n: 200, mean: [0, 0], sd: 0.1 },
      { label: 2, n: 200, mean: [100, 0], sd: 0.1 },
    ],
    2,
  );
  assert.ok(simplifiedSilhouette(f, 1) > 0.99);
  assert.ok(
    Number.isNaN(simplifiedSilhouette(gaussianBlobs([{ label: 1, n: 5, mean: [0], sd: 1 }], 1), 1)),
  );
});
