import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../../../electron/core/gpu/device.js';
import { ccgCountsGpu } from '../../../../../../electron/core/gpu/kernels/ccg/ccg.js';
import {
  type CcgInput,
  ccgCountsCpu,
} from '../../../../../../electron/core/gpu/kernels/ccg/ccg.cpu.js';
import { Random } from '../../../../../../shared/util/random.js';
import { gpuOrSkip } from '../../gpu-test-util.js';

after(() => releaseGpu());

function train(rng: Random, n: number, nSlots: number, maxGap: number, t0: number): CcgInput {
  const times = new Float64Array(n);
  const slots = new Int32Array(n);
  let t = t0;
  for (let i = 0; i < n; i++) {
    if (rng.next() > 0.15) t += rng.int(maxGap);
    times[i] = t;
    slots[i] = rng.int(nSlots);
  }
  return { times, slots, nSlots, binSize: 1, halfBins: 0 };
}

test('GPU counts equal the CPU oracle exactly on random trains', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(21);
  for (const [n, nSlots, maxGap, binSize, halfBins] of [
    [3000, 7, 60, 30, 25],
    [2000, 21, 8, 1, 0],
    [1500, 3, 200, 13, 40],
  ]) {
    const input = { ...train(rng, n, nSlots, maxGap, rng.int(1e6)), binSize, halfBins };
    const expected = ccgCountsCpu(input);
    assert.ok(
      expected.some((c) => c > 0),
      'test data must produce counts',
    );
    assert.deepEqual(await ccgCountsGpu(gpu, input), expected);
  }
});

test('GPU handles time offsets beyond 2^32 samples (hi/lo split with borrow)', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(5);
  // A first spike, then a dense burst straddling offset 2^32 (the lo word wraps inside the burst),
  // then one far beyond 2^33.
  const burst = train(rng, 600, 4, 5, 2 ** 32 - 700);
  const times = new Float64Array([3, ...burst.times.map((x) => x + 3), 2 ** 33 + 17]);
  const slots = new Int32Array([1, ...burst.slots, 2]);
  const input: CcgInput = { times, slots, nSlots: 4, binSize: 7, halfBins: 10 };
  const expected = ccgCountsCpu(input);
  assert.ok(expected.reduce((a, b) => a + b, 0) > 1000);
  assert.deepEqual(await ccgCountsGpu(gpu, input), expected);
});

test('GPU edge cases: empty, single spike, all spikes at one time', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const empty: CcgInput = {
    times: new Float64Array(0),
    slots: new Int32Array(0),
    nSlots: 2,
    binSize: 3,
    halfBins: 2,
  };
  assert.deepEqual(await ccgCountsGpu(gpu, empty), new Uint32Array(12));
  const single = { ...empty, times: new Float64Array([9]), slots: new Int32Array([1]) };
  assert.deepEqual(await ccgCountsGpu(gpu, single), new Uint32Array(12));
  const same = {
    ...empty,
    times: new Float64Array(5).fill(100),
    slots: new Int32Array([0, 1, 0, 1, 1]),
  };
  const expected = ccgCountsCpu(same);
  assert.equal(
    expected.reduce((a, b) => a + b, 0),
    10,
  ); // all 5·4/2 pairs at lag 0
  assert.deepEqual(await ccgCountsGpu(gpu, same), expected);
});
