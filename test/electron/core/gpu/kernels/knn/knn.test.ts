import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../../../electron/core/gpu/device.js';
import { knnGpu } from '../../../../../../electron/core/gpu/kernels/knn/knn.js';
import {
  excludeSelf,
  type KnnInput,
  knnCpu,
} from '../../../../../../electron/core/gpu/kernels/knn/knn.cpu.js';
import { FLOAT_REL_TOL, knnAgreement } from '../../../../../../electron/core/gpu/parity.js';
import { Random } from '../../../../../../shared/util/random.js';
import { gpuOrSkip, randomPoints } from '../../gpu-test-util.js';

after(() => releaseGpu());

test('GPU k-NN matches the oracle (indices up to near-ties, distances 1e-4)', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(41);
  // Sizes straddle workgroup (64 queries) and tile (2048 / d references) boundaries.
  for (const [m, n, d, k, self] of [
    [700, 700, 3, 8, 1],
    [300, 1500, 30, 5, 0],
    [130, 200, 64, 1, 1],
    [65, 7, 2, 8, 0],
  ]) {
    const references = randomPoints(rng, n, d, 3, 10);
    const queries = self ? references : randomPoints(rng, m, d, 3, 10);
    const input: KnnInput = {
      queries,
      references,
      dims: d,
      k,
      exclude: self ? excludeSelf(n) : undefined,
    };
    const cpu = knnCpu(input);
    const gpuResult = await knnGpu(gpu, input);
    const agree = knnAgreement(gpuResult, cpu);
    const label = `m=${m} n=${n} d=${d} k=${k}`;
    assert.equal(agree.unexplained, 0, `${label}: index mismatches beyond near-ties`);
    assert.ok(agree.maxDistanceRelError <= FLOAT_REL_TOL, `${label}: ${agree.maxDistanceRelError}`);
    assert.ok(agree.indexMismatches <= cpu.indices.length * 0.001, `${label}: too many near-ties`);
    if (self) for (let q = 0; q < m; q++) assert.notEqual(gpuResult.indices[q * k], q);
  }
});

test('GPU k-NN breaks exact ties like the CPU (integer grid: exact float32 distances)', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(42);
  const n = 400;
  const points = new Float32Array(n * 2).map(() => rng.int(4));
  const input: KnnInput = {
    queries: points,
    references: points,
    dims: 2,
    k: 8,
    exclude: excludeSelf(n),
  };
  const cpu = knnCpu(input);
  const gpuResult = await knnGpu(gpu, input);
  assert.deepEqual(gpuResult.indices, cpu.indices);
  assert.deepEqual(gpuResult.distances, cpu.distances);
});

test('GPU k-NN: fewer references than k, and NaN references', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const input: KnnInput = {
    queries: new Float32Array([1, 5]),
    references: new Float32Array([0, NaN, 4]),
    dims: 1,
    k: 4,
  };
  const r = await knnGpu(gpu, input);
  assert.deepEqual([...r.indices], [0, 2, -1, -1, 2, 0, -1, -1]);
  assert.deepEqual([...r.distances], [1, 3, Infinity, Infinity, 1, 5, Infinity, Infinity]);
  const none = await knnGpu(gpu, { ...input, references: new Float32Array(0) });
  assert.deepEqual([...none.indices], new Array(8).fill(-1));
});
