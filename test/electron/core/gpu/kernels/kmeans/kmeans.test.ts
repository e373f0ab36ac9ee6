import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../../../electron/core/gpu/device.js';
import { kmeansGpu } from '../../../../../../electron/core/gpu/kernels/kmeans/kmeans.js';
import { kmeansCpu } from '../../../../../../electron/core/gpu/kernels/kmeans/kmeans.cpu.js';
import { countMismatches, FLOAT_REL_TOL } from '../../../../../../electron/core/gpu/parity.js';
import { Random } from '../../../../../../shared/util/random.js';
import { gpuOrSkip, randomPoints } from '../../gpu-test-util.js';

after(() => releaseGpu());

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** m points in k Gaussian blobs (σ = 1) whose centres are ~20 apart. */
function blobs(rng: Random, m: number, d: number, k: number): Float32Array {
  const centres = randomPoints(rng, k, d, 10);
  const out = new Float32Array(m * d);
  for (let i = 0; i < m; i++) {
    const c = rng.int(k);
    for (let t = 0; t < d; t++) out[i * d + t] = centres[c * d + t] + rng.normal();
  }
  return out;
}

test('GPU k-means converges to the oracle on separated blobs', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(51);
  for (const [m, d, k] of [
    [5000, 12, 4],
    [1001, 3, 7],
  ]) {
    const points = blobs(rng, m, d, k);
    // Initial centroids: the first k points (may start two centroids in one blob).
    const input = {
      points,
      dims: d,
      initialCentroids: Float64Array.from(points.subarray(0, k * d)),
    };
    const cpu = kmeansCpu(input);
    const gpuResult = await kmeansGpu(gpu, input);
    assert.equal(countMismatches(gpuResult.assignments, cpu.assignments), 0);
    assert.deepEqual(gpuResult.counts, cpu.counts);
    assert.equal(gpuResult.iterations, cpu.iterations);
    assert.equal(gpuResult.converged, true);
    const tol = FLOAT_REL_TOL * maxAbs(points);
    for (let e = 0; e < cpu.centroids.length; e++) {
      assert.ok(Math.abs(gpuResult.centroids[e] - cpu.centroids[e]) <= tol, `centroid value ${e}`);
    }
  }
});

test('one GPU Lloyd step: assignments equal except near-ties, then equal sums', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(52);
  for (const [m, d, k] of [
    [3000, 8, 5],
    [1000, 64, 64],
  ]) {
    const points = randomPoints(rng, m, d);
    const init = randomPoints(rng, k, d);
    const input = { points, dims: d, initialCentroids: Float64Array.from(init), maxIterations: 1 };
    const cpu = kmeansCpu(input);
    const gpuResult = await kmeansGpu(gpu, input);
    assert.equal(gpuResult.iterations, 1);
    let mismatches = 0;
    for (let i = 0; i < m; i++) {
      const a = cpu.assignments[i];
      const b = gpuResult.assignments[i];
      if (a === b) continue;
      mismatches++;
      const da = dist2(points, i, init, a, d);
      const db = dist2(points, i, init, b, d);
      assert.ok(Math.abs(da - db) <= FLOAT_REL_TOL * da, `point ${i}: not a near-tie`);
    }
    if (mismatches > 0) continue; // centroids legitimately differ with the assignments
    const tol = FLOAT_REL_TOL * maxAbs(points);
    for (let e = 0; e < cpu.centroids.length; e++) {
      assert.ok(Math.abs(gpuResult.centroids[e] - cpu.centroids[e]) <= tol, `centroid value ${e}`);
    }
  }
});

function dist2(p: Float32Array, i: number, c: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (p[i * d + t] - c[j * d + t]) ** 2;
  return s;
}

test('GPU k-means: empty input and an empty cluster', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const empty = await kmeansGpu(gpu, {
    points: new Float32Array(0),
    dims: 2,
    initialCentroids: new Float64Array([1, 2]),
  });
  assert.deepEqual([...empty.centroids], [1, 2]);
  assert.equal(empty.assignments.length, 0);
  const r = await kmeansGpu(gpu, {
    points: new Float32Array([0, 0, 1, 1]),
    dims: 2,
    initialCentroids: new Float64Array([0, 0, 100, 100]),
  });
  assert.deepEqual([...r.centroids], [0.5, 0.5, 100, 100]);
  assert.deepEqual([...r.counts], [2, 0]);
  assert.equal(r.iterations, 2);
});
