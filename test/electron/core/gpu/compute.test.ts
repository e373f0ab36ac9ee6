import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  computeCcgCounts,
  computeKmeans,
  computeKnn,
  computeMahalanobisSquared,
  runWithBackend,
} from '../../../../electron/core/gpu/compute.js';
import { GPU_ENV_SWITCH, releaseGpu } from '../../../../electron/core/gpu/device.js';
import { type CcgInput, ccgCountsCpu } from '../../../../electron/core/gpu/kernels/ccg/ccg.cpu.js';
import { Random } from '../../../../shared/util/random.js';
import { gpuOrSkip, randomPoints } from './gpu-test-util.js';

after(() => releaseGpu());

function ccgInput(): CcgInput {
  const rng = new Random(61);
  const n = 800;
  const times = new Float64Array(n);
  const slots = new Int32Array(n);
  for (let i = 1; i < n; i++) times[i] = times[i - 1] + rng.int(20);
  for (let i = 0; i < n; i++) slots[i] = rng.int(3);
  return { times, slots, nSlots: 3, binSize: 4, halfBins: 6 };
}

async function withGpuDisabled<T>(fn: () => Promise<T>): Promise<T> {
  await releaseGpu();
  const saved = process.env[GPU_ENV_SWITCH];
  process.env[GPU_ENV_SWITCH] = 'off';
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env[GPU_ENV_SWITCH];
    else process.env[GPU_ENV_SWITCH] = saved;
  }
}

test("backend 'cpu' computes on the CPU", async () => {
  const input = ccgInput();
  const r = await computeCcgCounts(input, { backend: 'cpu' });
  assert.equal(r.backend, 'cpu');
  assert.equal(r.fallbackReason, undefined);
  assert.deepEqual(r.value, ccgCountsCpu(input));
});

test("backend 'auto' uses the GPU when there is one, for every operation", async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const input = ccgInput();
  const ccg = await computeCcgCounts(input);
  assert.equal(ccg.backend, 'gpu');
  assert.deepEqual(ccg.value, ccgCountsCpu(input));
  const rng = new Random(62);
  const points = randomPoints(rng, 200, 4);
  const eye = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  const maha = await computeMahalanobisSquared({
    points,
    dims: 4,
    mean: new Float64Array(4),
    invCov: eye,
  });
  assert.equal(maha.backend, 'gpu');
  assert.ok(maha.value instanceof Float64Array && maha.value.length === 200);
  const knn = await computeKnn({ queries: points, references: points, dims: 4, k: 2 });
  assert.equal(knn.backend, 'gpu');
  assert.deepEqual(
    [...knn.value.indices.filter((_, e) => e % 2 === 0)],
    Array.from({ length: 200 }, (_, i) => i), // nearest of each point (no exclusion) is itself
  );
  const km = await computeKmeans({
    points,
    dims: 4,
    initialCentroids: Float64Array.from(points.subarray(0, 8)),
  });
  assert.equal(km.backend, 'gpu');
  assert.equal(km.value.assignments.length, 200);
});

test("'auto' falls back to the CPU with the reason; 'gpu' refuses", async () => {
  const input = ccgInput();
  await withGpuDisabled(async () => {
    const r = await computeCcgCounts(input);
    assert.equal(r.backend, 'cpu');
    assert.match(r.fallbackReason ?? '', new RegExp(GPU_ENV_SWITCH));
    assert.deepEqual(r.value, ccgCountsCpu(input));
    await assert.rejects(computeCcgCounts(input, { backend: 'gpu' }), /unavailable/);
  });
});

test('a failing GPU run falls back under auto, propagates under gpu and on abort', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const boom = () => Promise.reject(new Error('boom'));
  const r = await runWithBackend({}, boom, () => 42);
  assert.deepEqual(r, { value: 42, backend: 'cpu', fallbackReason: 'GPU run failed: boom' });
  await assert.rejects(
    runWithBackend({ backend: 'gpu' }, boom, () => 42),
    /boom/,
  );
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    runWithBackend({ signal: controller.signal }, boom, () => 42),
    /boom/,
  );
});

test('invalid input is rejected before any backend runs', () => {
  const input = { ...ccgInput(), binSize: 0 };
  assert.throws(() => computeCcgCounts(input), RangeError);
  assert.throws(
    () =>
      computeKnn({ queries: new Float32Array(2), references: new Float32Array(2), dims: 1, k: 9 }),
    RangeError,
  );
});
