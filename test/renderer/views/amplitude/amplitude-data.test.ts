import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OverTimePayload } from '../../../../shared/contract/view-types.js';
import {
  fmt,
  lassoInData,
  overTimeLayout,
  overTimeScene,
} from '../../../../renderer/views/amplitude/amplitude-data.js';

const payload: OverTimePayload = {
  attribute: 'amplitude',
  durationS: 100,
  clusters: [
    {
      clusterId: 1,
      spikes: Uint32Array.from([0, 1, 2]),
      timeS: Float32Array.from([10, 50, 90]),
      values: Float32Array.from([20, 30, 40]),
      histogram: Uint32Array.from([1, 1, 1]),
    },
  ],
  background: {
    spikes: Uint32Array.from([3]),
    timeS: Float32Array.from([5]),
    values: Float32Array.from([10]),
    clusters: Int32Array.from([2]),
  },
  histogramEdges: Float64Array.from([20, 26.666666666666668, 33.333333333333336, 40]),
};
const style = { width: 500, height: 300, colors: ['#5a9bff'], dark: true };

test('time spans the recording; values span background and clusters', () => {
  const L = overTimeLayout(payload, style);
  assert.equal(L.mx(0), L.plot.x0);
  assert.equal(L.mx(100), L.plot.x1);
  // 10..40, padded by 3 % of 30 on each side.
  assert.ok(Math.abs(L.my.inverse(L.plot.y1) - 9.1) < 1e-9);
  assert.ok(Math.abs(L.my.inverse(L.plot.y0) - 40.9) < 1e-9);
});

test('a pixel lasso comes back as (time, value)', () => {
  const L = overTimeLayout(payload, style);
  const poly = lassoInData(L, [L.mx(10), L.my(20), L.mx(60), L.my(20), L.mx(60), L.my(35)]);
  [10, 20, 60, 20, 60, 35].forEach((v, i) => assert.ok(Math.abs(poly[i]! - v) < 1e-9));
});

test('points and one histogram bar per non-empty bin', () => {
  const s = overTimeScene(payload, style, 'amp.');
  assert.equal(s.points.length / 2, 4);
  assert.equal(s.triangles.length / 6, 3 * 2);
  assert.equal(fmt(0.0123), '0.012');
  assert.equal(fmt(1234.4), '1234');
});
