import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assignNearestCpu,
  kmeansCpu,
} from '../../../../../../electron/core/gpu/kernels/kmeans/kmeans.cpu.js';

test('hand-traced Lloyd iterations in 1-D', () => {
  // Step 1 from (0, 1): {0} | {1, 10, 11} → centroids 0, 22/3. Step 2: 1 moves to cluster 0 →
  // centroids 0.5, 10.5. Step 3: no change → converged after 3 assignment steps.
  const r = kmeansCpu({
    points: new Float32Array([0, 1, 10, 11]),
    dims: 1,
    initialCentroids: new Float64Array([0, 1]),
  });
  assert.deepEqual([...r.assignments], [0, 0, 1, 1]);
  assert.deepEqual([...r.centroids], [0.5, 10.5]);
  assert.deepEqual([...r.counts], [2, 2]);
  assert.equal(r.iterations, 3);
  assert.equal(r.converged, true);
});

test('an empty cluster keeps its centroid', () => {
  const r = kmeansCpu({
    points: new Float32Array([0, 0, 1, 1]),
    dims: 2,
    initialCentroids: new Float64Array([0, 0, 100, 100]),
  });
  assert.deepEqual([...r.centroids], [0.5, 0.5, 100, 100]);
  assert.deepEqual([...r.counts], [2, 0]);
  assert.equal(r.iterations, 2);
});

test('ties go to the lowest centroid index; NaN points to centroid 0', () => {
  const labels = assignNearestCpu(new Float32Array([5, NaN, 6]), 1, [4, 6, 6]);
  assert.deepEqual([...labels], [0, 0, 1]);
});

test('maxIterations caps the steps and reports non-convergence', () => {
  const r = kmeansCpu({
    points: new Float32Array([0, 1, 10, 11]),
    dims: 1,
    initialCentroids: new Float64Array([0, 1]),
    maxIterations: 1,
  });
  assert.equal(r.iterations, 1);
  assert.equal(r.converged, false);
  assert.deepEqual([...r.assignments], [0, 1, 1, 1]);
  assert.deepEqual([...r.centroids], [0, 22 / 3]);
});

test('rejects bad shapes', () => {
  const points = new Float32Array(4);
  assert.throws(
    () => kmeansCpu({ points, dims: 3, initialCentroids: new Float64Array(3) }),
    /multiple/,
  );
  assert.throws(() => kmeansCpu({ points, dims: 2, initialCentroids: new Float64Array(0) }), /k 0/);
  assert.throws(
    () => kmeansCpu({ points, dims: 2, initialCentroids: new Float64Array(2), maxIterations: 0 }),
    /maxIterations/,
  );
});
