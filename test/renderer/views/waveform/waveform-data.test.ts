import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WaveformsPayload } from '../../../../shared/contract/view-types.js';
import {
  amplitudeScale,
  channelBoxes,
  waveformLayout,
  waveformScene,
} from '../../../../renderer/views/waveform/waveform-data.js';

const style = {
  width: 200,
  height: 300,
  colors: ['#5a9bff', '#ff5a5a'],
  overlap: true,
  scaleX: 1,
  scaleY: 1,
  dark: true,
};

/** Two channels: (0, 0) and (0, 20) µm; one cluster whose template dips to -4 at sample 2 of 5. */
function payload(): WaveformsPayload {
  const mean = new Float32Array(5 * 2);
  mean[2 * 2 + 0] = -4; // sample 2, channel 0
  mean[1 * 2 + 1] = 2; // sample 1, channel 1
  return {
    mode: 'templates',
    channels: Int32Array.from([7, 8]),
    positions: Float32Array.from([0, 0, 0, 20]),
    nSamples: 5,
    before: 2,
    sampleRate: 30000,
    clusters: [
      {
        clusterId: 3,
        nSpikes: 10,
        bestChannels: Int32Array.from([7, 8]),
        template: { mean, constituents: Int32Array.from([3]), weights: Float32Array.from([1]) },
      },
    ],
  };
}

test('channel boxes follow the probe: the shallower channel is higher', () => {
  const { boxes } = channelBoxes(Float32Array.from([0, 0, 0, 20]), 200, 300);
  assert.equal(boxes.length, 2);
  assert.ok(boxes[1]!.y1 <= boxes[0]!.y0, 'y = 20 µm above y = 0');
  // One pitch of 20 µm over a 40 µm span fitted to (300 - 12) px, times 0.92.
  assert.ok(Math.abs(boxes[0]!.y1 - boxes[0]!.y0 - 0.92 * (288 / 2)) < 1e-9);
});

test('the trough lands at the bottom of the peak channel box at the trough sample', () => {
  const p = payload();
  assert.equal(amplitudeScale(p), 4);
  const L = waveformLayout(p, style);
  const b = L.boxes[0]!;
  // -4 (the largest |value|) maps to the box bottom; sample 2 of 5 to the box centre.
  assert.ok(Math.abs(L.y(0, -4) - b.y1) < 1e-9);
  assert.ok(Math.abs(L.x(0, 0, 2) - (b.x0 + b.x1) / 2) < 1e-9);
  const scene = waveformScene(p, style);
  // 2 frames x 4 segments + 2 channels x 4 segments of the line.
  assert.equal(scene.lines.length / 4, 8 + 8);
  assert.deepEqual(
    scene.labels.map((l) => l.text),
    ['7', '8'],
  );
});

test('overlap off puts clusters side by side in each box', () => {
  const p = payload();
  p.clusters.push({ ...p.clusters[0]!, clusterId: 4 });
  const L = waveformLayout(p, { ...style, overlap: false });
  const b = L.boxes[0]!;
  assert.ok(L.x(0, 0, 4) <= (b.x0 + b.x1) / 2 + 1e-9);
  assert.ok(L.x(1, 0, 0) >= (b.x0 + b.x1) / 2 - 1e-9);
});
