import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../../shared/util/random.js';
import {
  finiteRange,
  gridCells,
  linearMap,
  rgba,
  SceneBuilder,
} from '../../../renderer/gl/scene2d.js';

test('builder: segments, NaN-broken polylines, rects as two triangles, growth past 1024', () => {
  const b = new SceneBuilder();
  b.polyline([0, 1, NaN, 3, 4], [0, 1, 2, 3, 4], [1, 0, 0, 1]);
  b.rect(0, 0, 2, 1, rgba('#ff0000', 0.5));
  for (let i = 0; i < 1000; i++) b.point(i, i, [0, 0, 1, 1]);
  const s = b.build();
  assert.equal(s.lines.length / 4, 2); // (0-1) and (3-4); the NaN vertex breaks two segments
  assert.deepEqual(Array.from(s.lines.slice(4)), [3, 3, 4, 4]);
  assert.equal(s.triangles.length / 2, 6);
  assert.deepEqual(Array.from(s.triangleColors.slice(0, 4)), [1, 0, 0, 0.5]);
  assert.equal(s.points.length, 2000);
  assert.equal(s.points[1999], 999);
});

test('maps, grids and ranges', () => {
  const m = linearMap(10, 20, 100, 0);
  assert.equal(m(10), 100);
  assert.equal(m(15), 50);
  assert.equal(m.inverse(25), 17.5);
  const g = gridCells({ x0: 0, y0: 0, x1: 104, y1: 50 }, 1, 2, 4);
  assert.deepEqual(g[0]![1], { x0: 54, y0: 0, x1: 104, y1: 50 });
  assert.deepEqual(finiteRange([[NaN, 3, -1], [Infinity]]), [-1, 3]);
  assert.deepEqual(finiteRange([[2]]), [1.5, 2.5]);
  assert.deepEqual(finiteRange([]), [0, 1]);
});

test('reservePoints changes nothing in the scene, reserved exactly or too much', () => {
  const build = (reserve: number | null) => {
    const b = new SceneBuilder();
    if (reserve !== null) b.reservePoints(reserve);
    for (let i = 0; i < 3000; i++) b.point(i, 2 * i, [i / 3000, 0, 1, 0.5]);
    b.line(0, 0, 1, 1, [1, 1, 1, 1]);
    return b.build();
  };
  const plain = build(null);
  assert.equal(plain.points.length, 6000);
  assert.deepEqual(build(3000), plain);
  assert.deepEqual(build(5000), plain);
  assert.deepEqual(build(10), plain);
});

test('scatter adds the points a map-and-point loop adds, clipped to the box, NaN skipped', () => {
  const rng = new Random(4);
  const xs = Float32Array.from({ length: 500 }, (_, k) =>
    k % 37 === 0 ? NaN : rng.uniform(-2, 12),
  );
  const ys = Float32Array.from({ length: 500 }, () => rng.uniform(-1, 6));
  const mx = linearMap(0, 10, 20, 220);
  const my = linearMap(0, 5, 140, 40); // y reversed, as plots draw it
  const box = { x0: 20, y0: 40, x1: 220, y1: 140 };
  const color = rgba('#5a9bff', 0.85);
  const bulk = new SceneBuilder();
  bulk.point(1, 2, color); // points before are kept
  bulk.scatter(xs, ys, mx, my, color, box);
  bulk.scatter(xs.subarray(0, 10), ys.subarray(0, 10), mx, my, color); // no clip
  const loop = new SceneBuilder();
  loop.point(1, 2, color);
  let inside = 0;
  for (let k = 0; k < xs.length; k++) {
    const [px, py] = [mx(xs[k]!), my(ys[k]!)];
    if (px >= box.x0 && px <= box.x1 && py >= box.y0 && py <= box.y1) {
      loop.point(px, py, color);
      inside++;
    }
  }
  for (let k = 0; k < 10; k++) if (!Number.isNaN(xs[k]!)) loop.point(mx(xs[k]!), my(ys[k]!), color);
  assert.ok(inside > 100 && inside < 450, `${inside} of 500 inside: some clipped, most drawn`);
  assert.deepEqual(bulk.build(), loop.build());
});
