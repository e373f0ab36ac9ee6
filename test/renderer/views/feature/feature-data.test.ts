import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeaturesPayload } from '../../../../shared/contract/view-types.js';
import {
  cellAt,
  dimRanges,
  featureCells,
  featureScene,
  lassoInData,
} from '../../../../renderer/views/feature/feature-data.js';

const cols = (t: number[], a: number[]) => ({
  time: Float32Array.from(t),
  '0A': Float32Array.from(a),
  '0B': Float32Array.from(a),
  '1A': Float32Array.from(a),
  '1B': Float32Array.from(a),
});

const payload: FeaturesPayload = {
  channels: Int32Array.from([3, 4]),
  dims: ['time', '0A', '0B', '1A', '1B'],
  grid: [
    [
      ['time', '0A'],
      ['1A', '0A'],
    ],
    [
      ['0A', '1A'],
      ['time', '1A'],
    ],
  ],
  clusters: [{ clusterId: 1, spikes: Uint32Array.from([0, 1]), columns: cols([0, 10], [-5, 5]) }],
  background: {
    spikes: Uint32Array.from([2]),
    columns: cols([5], [NaN]),
    clusters: Int32Array.from([2]),
  },
};
const style = { width: 400, height: 400, colors: ['#5a9bff'], scale: 1, dark: true };

test('dimension ranges cover all finite values, padded by 3 %', () => {
  const r = dimRanges(payload);
  assert.deepEqual(r['time'], [-0.3, 10.3]);
  assert.deepEqual(r['0A'], [-5.3, 5.3]);
});

test('a lasso maps back to the data of the cell it starts in', () => {
  const cells = featureCells(payload, style);
  const c = cellAt(cells, 50, 50)!;
  assert.deepEqual([c.row, c.col, c.x, c.y], [0, 0, 'time', '0A']);
  // The pixels of data points (2, -1), (8, -1), (8, 3) come back as those points.
  const pts = [
    [2, -1],
    [8, -1],
    [8, 3],
  ];
  const pixels = pts.flatMap(([x, y]) => [c.mx(x!), c.my(y!)]);
  const d = lassoInData(cells, pixels)!;
  assert.equal(d.x, 'time');
  assert.equal(d.y, '0A');
  d.polygon.forEach((v, i) => assert.ok(Math.abs(v - pts[i >> 1]![i & 1]!) < 1e-9));
  assert.equal(lassoInData(cells, [300, 300, 1, 1, 2, 2])?.x, 'time', 'cell [1][1] is time / 1A');
  assert.equal(lassoInData(cells, [201, 1, 202, 1, 202, 2]), null, 'starts in the gap');
});

test('the scene has one point per finite (x, y) per cell', () => {
  const s = featureScene(payload, style);
  // 4 cells x 2 cluster points; the background spike has NaN features except time.
  assert.equal(s.points.length / 2, 8);
});
