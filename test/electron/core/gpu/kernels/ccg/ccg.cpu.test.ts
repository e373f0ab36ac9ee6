import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CcgInput,
  ccgCountsCpu,
  ccgIndex,
} from '../../../../../../electron/core/gpu/kernels/ccg/ccg.cpu.js';
import { Random } from '../../../../../../shared/util/random.js';

/**
 * phylib's `correlograms(..., symmetrize=False)` transcribed literally (shift loop with a mask):
 * an independent route to the same counts.
 */
function phylibLiteral(input: CcgInput): Uint32Array {
  const { times, slots, nSlots, binSize, halfBins } = input;
  const n = times.length;
  const out = new Uint32Array(nSlots * nSlots * (halfBins + 1));
  const mask = new Array<boolean>(n).fill(true);
  for (let shift = 1; mask.slice(0, Math.max(0, n - shift)).some(Boolean); shift++) {
    const diffB: number[] = [];
    for (let i = 0; i < n - shift; i++)
      diffB.push(Math.floor((times[i + shift] - times[i]) / binSize));
    for (let i = 0; i < n - shift; i++) if (diffB[i] > halfBins) mask[i] = false;
    for (let i = 0; i < n - shift; i++) {
      if (!mask[i]) continue;
      out[ccgIndex(input, slots[i], slots[i + shift], diffB[i])] += 1;
    }
  }
  return out;
}

function randomTrain(rng: Random, n: number, nSlots: number, maxGap: number): CcgInput {
  const times = new Float64Array(n);
  const slots = new Int32Array(n);
  let t = rng.int(1000);
  for (let i = 0; i < n; i++) {
    // One gap in five is zero: equal times exercise phylib's index-order rule.
    if (rng.next() > 0.2) t += rng.int(maxGap);
    times[i] = t;
    slots[i] = rng.int(nSlots);
  }
  return { times, slots, nSlots, binSize: 1, halfBins: 0 };
}

test('hand-counted small train', () => {
  const input: CcgInput = {
    times: new Float64Array([0, 5, 10, 10, 40]),
    slots: new Int32Array([0, 1, 0, 1, 0]),
    nSlots: 2,
    binSize: 10,
    halfBins: 2,
  };
  // Pairs (i<j): (0,1) 5→[0][1][0]; (0,2) 10→[0][0][1]; (0,3) 10→[0][1][1]; (1,2) 5→[1][0][0];
  // (1,3) 5→[1][1][0]; (2,3) 0→[0][1][0]; every pair with spike 4 is ≥ 30 samples → lag 3 > 2.
  assert.deepEqual([...ccgCountsCpu(input)], [0, 1, 0, 2, 1, 0, 1, 0, 0, 1, 0, 0]);
});

test('lag boundary: diff // binSize must be ≤ halfBins', () => {
  const base = { slots: new Int32Array([0, 0]), nSlots: 1, binSize: 10, halfBins: 2 };
  assert.deepEqual([...ccgCountsCpu({ ...base, times: new Float64Array([0, 29]) })], [0, 0, 1]);
  assert.deepEqual([...ccgCountsCpu({ ...base, times: new Float64Array([0, 30]) })], [0, 0, 0]);
});

test('equals phylib literal shift/mask algorithm on random trains', () => {
  const rng = new Random(11);
  for (const [n, nSlots, maxGap, binSize, halfBins] of [
    [300, 3, 40, 7, 5],
    [500, 5, 20, 3, 12],
    [200, 1, 100, 30, 25],
    [250, 4, 10, 1, 0],
  ]) {
    const input = { ...randomTrain(rng, n, nSlots, maxGap), binSize, halfBins };
    assert.deepEqual(ccgCountsCpu(input), phylibLiteral(input));
  }
});

test('rejects unsorted times, bad slots and bad bins', () => {
  const ok: CcgInput = {
    times: new Float64Array([1, 2]),
    slots: new Int32Array([0, 1]),
    nSlots: 2,
    binSize: 1,
    halfBins: 1,
  };
  assert.throws(() => ccgCountsCpu({ ...ok, times: new Float64Array([2, 1]) }), /non-decreasing/);
  assert.throws(() => ccgCountsCpu({ ...ok, times: new Float64Array([1, 2.5]) }), /integer/);
  assert.throws(() => ccgCountsCpu({ ...ok, slots: new Int32Array([0, 2]) }), /out of range/);
  assert.throws(() => ccgCountsCpu({ ...ok, binSize: 0 }), /binSize/);
  assert.throws(() => ccgCountsCpu({ ...ok, halfBins: -1 }), /halfBins/);
  assert.throws(() => ccgCountsCpu({ ...ok, slots: new Int32Array([0]) }), /slots/);
});
