import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import { assignToCentroids, kMeans } from '../../../../electron/core/analysis/kmeans.js';
import { gaussianBlobs } from './gaussian-blobs.js';

test('k-means recovers three separated blobs and is a Lloyd fixed point', () => {
  const f = gaussianBlobs(
    [
      { label: 0, n: 100, mean: [0, 0], sd: 0.5 },
      { label: 1, n: 150, mean: [10, 0], sd: 0.5 },
      { label: 2, n: 80, mean: [0, 10], sd: 0.5 },
    ],
    6,
  );
  const x = Float64Array.from(f.data);
  const r = kMeans(x, f.n, 2, 3, new Random(1));
  // Same partition as the truth, up to renaming.
  const map = new Map<number, number>();
  for (let i = 0; i < f.n; i++) {
    const t = f.labels[i] as number;
    if (!map.has(t)) map.set(t, r.labels[i] as number);
    assert.equal(r.labels[i], map.get(t));
  }
  assert.equal(new Set(map.values()).size, 3);
  // Fixed point: centroids are the group means, labels the nearest centroid, inertia the sum.
  assert.deepEqual(assignToCentroids(x, f.n, 2, r.centroids, 3), r.labels);
  let inertia = 0;
  for (let j = 0; j < 3; j++) {
    const rows = [...r.labels.keys()].filter((i) => r.labels[i] === j);
    for (let t = 0; t < 2; t++) {
      const mean = rows.reduce((s, i) => s + (x[i * 2 + t] as number), 0) / rows.length;
      assert.ok(Math.abs(mean - (r.centroids[j * 2 + t] as number)) < 1e-9);
      inertia += rows.reduce((s, i) => s + ((x[i * 2 + t] as number) - mean) ** 2, 0);
    }
  }
  assert.ok(Math.abs(inertia - r.inertia) < 1e-6);
});

test('deterministic for a seed', () => {
  const f = gaussianBlobs([{ label: 0, n: 200, mean: [0, 0, 0], sd: 1 }], 2);
  const x = Float64Array.from(f.data);
  const a = kMeans(x, f.n, 3, 4, new Random(9));
  const b = kMeans(x, f.n, 3, 4, new Random(9));
  assert.deepEqual(a, b);
});
