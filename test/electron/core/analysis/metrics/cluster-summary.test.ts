import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clusterSummary,
  summaryOfGathered,
} from '../../../../../electron/core/analysis/metrics/merge-stage.js';
import type { Dataset } from '../../../../../electron/core/dataset/dataset.js';

/** Independent definitions: sort, middle value or mean of the two middle values. */
const sortedMedian = (xs: number[]) => {
  const s = Float64Array.from(xs).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const MAD_TO_SD = 0.6744897501960817;

function standIn(amplitudes: Float32Array, positions: Float32Array): Dataset {
  return { amplitudes: () => amplitudes, spikePositions: () => positions } as unknown as Dataset;
}

test('clusterSummary: median and MAD spread of the amplitudes, medians of x and y (selection = sort)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 100 - 30;
  for (const n of [1, 2, 5, 64, 1001]) {
    const nAll = 3 * n + 5;
    const amplitudes = Float32Array.from({ length: nAll }, rand);
    const positions = Float32Array.from({ length: 2 * nAll }, rand);
    // Every third spike, with repeated values to exercise ties.
    const spikes = Uint32Array.from({ length: n }, (_, k) => 3 * k + 1);
    if (n > 4) amplitudes[spikes[1]!] = amplitudes[spikes[2]!]!;
    const amps = Array.from(spikes, (s) => amplitudes[s]!);
    const med = sortedMedian(amps);
    const expected = {
      amplitudeMedian: med,
      amplitudeSpread: sortedMedian(amps.map((a) => Math.abs(a - med))) / MAD_TO_SD,
      positionX: sortedMedian(Array.from(spikes, (s) => positions[2 * s]!)),
      positionY: sortedMedian(Array.from(spikes, (s) => positions[2 * s + 1]!)),
    };
    const got = clusterSummary(standIn(amplitudes, positions), spikes);
    assert.deepEqual(got, expected, `n = ${n}`);
    const gathered = summaryOfGathered(
      Float32Array.from(spikes, (s) => amplitudes[s]!),
      Float32Array.from({ length: 2 * n }, (_, i) => positions[2 * spikes[i >> 1]! + (i & 1)]!),
    );
    assert.deepEqual(gathered, expected, `gathered, n = ${n}`);
  }
});

test('clusterSummary: NaN for an empty cluster, fields absent without the inputs', () => {
  const empty = clusterSummary(
    standIn(new Float32Array(3), new Float32Array(6)),
    new Uint32Array(0),
  );
  assert.ok(Number.isNaN(empty.amplitudeMedian) && Number.isNaN(empty.positionY));
  const none = { amplitudes: () => null, spikePositions: () => null } as unknown as Dataset;
  assert.deepEqual(clusterSummary(none, Uint32Array.of(0)), {});
  assert.deepEqual(summaryOfGathered(null, null), {});
});
