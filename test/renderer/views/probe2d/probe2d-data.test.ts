import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProbeGeometry } from '../../../../shared/contract/types.js';
import {
  fitProbe,
  highlightChannels,
  nearestChannels,
} from '../../../../renderer/views/probe2d/probe2d-data.js';

const geometry: ProbeGeometry = {
  positions: Float32Array.from([0, 0, 16, 20, 0, 40, 16, 60, 250, 0, 266, 20, 250, 40, 266, 60]),
  channelMap: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
  shanks: Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
};

test('nearest channels stay on the shank, the centre first', () => {
  // From channel 1 (16, 20): ch0 d²=656, ch2 d²=656, ch3 d²=1600; the other shank is excluded.
  assert.deepEqual(nearestChannels(geometry, 1, 3), [1, 0, 2]);
  assert.deepEqual(nearestChannels(geometry, 1, 10), [1, 0, 2, 3]);
  assert.deepEqual(nearestChannels(geometry, -1, 3), []);
});

test('highlight: first selected cluster wins a shared channel, peaks marked', () => {
  const h = highlightChannels(geometry, [1, 2, 6], 2);
  // Ties in distance go to the lower channel: 6 at (250, 40) takes 5 before 7.
  assert.deepEqual([...h.slot], [0, 0, 1, -1, -1, 2, 2, -1]);
  assert.deepEqual([...h.peak], [0, 1, 1, 0, 0, 0, 1, 0]);
});

test('fit keeps the aspect ratio and puts deeper (smaller y) contacts lower', () => {
  const f = fitProbe(geometry, 300, 100, 10);
  // Width 266 µm, height 60 µm: scale = min(280 / 266, 80 / 60).
  assert.ok(Math.abs(f.scale - 280 / 266) < 1e-12);
  assert.ok(f.toY(0) > f.toY(60));
  assert.ok(Math.abs(f.toX(0) - 10) < 1e-9);
  assert.ok(Math.abs(f.toX(266) - 290) < 1e-9);
});
