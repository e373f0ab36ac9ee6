import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TracesPayload } from '../../../../shared/contract/view-types.js';
import {
  spikeAt,
  traceLayout,
  traceScene,
  traceSpread,
} from '../../../../renderer/views/traces/traces-data.js';

// 3 channels, 100 samples; channel 1 carries a ±1 square wave.
const data = new Float32Array(100 * 3);
for (let t = 0; t < 100; t++) data[t * 3 + 1] = t % 2 ? 1 : -1;
const payload: TracesPayload = {
  startSample: 1000,
  startS: 1,
  nSamples: 100,
  sampleRate: 1000,
  channels: Int32Array.from([0, 1, 2]),
  data,
  spikes: {
    spikes: Uint32Array.from([5, 6]),
    timeS: Float64Array.from([1.02, 1.08]),
    clusters: Int32Array.from([4, 9]),
    peakChannels: Int32Array.from([1, 2]),
  },
};
const style = {
  width: 534,
  height: 314,
  colorOf: new Map([[4, '#5a9bff']]),
  scaleY: 1,
  dark: true,
};

test('spread is the standard deviation of the window', () => {
  // Values: 100 of ±1, 200 zeros: mean 0, variance 100/300.
  assert.ok(Math.abs(traceSpread(data) - Math.sqrt(1 / 3)) < 1e-6);
});

test('channel 0 is the bottom row; clicks pick the nearest spike on its peak channel', () => {
  const L = traceLayout(payload, style);
  assert.ok(L.rowY(0) > L.rowY(2));
  assert.equal(spikeAt(payload, L, L.mx(1.02), L.rowY(1)), 0);
  assert.equal(spikeAt(payload, L, L.mx(1.08) + 3, L.rowY(2) - 2), 1);
  assert.equal(spikeAt(payload, L, L.mx(1.5), L.rowY(0)), -1);
});

test('each trace is drawn once, each spike again on up to 5 rows around its peak', () => {
  // 500 px for 100 samples: no decimation, 99 segments per trace.
  const s = traceScene(payload, style);
  // Spike 0 on rows 0..2 (peak 1), 1 ms = 1 sample each side: samples 19..21 -> 1 segment each.
  // Spike 1 on rows 0..2 (peak 2): samples 79..81.
  assert.equal(s.lines.length / 4, 3 * 99 + 3 * 1 + 3 * 1);
});
