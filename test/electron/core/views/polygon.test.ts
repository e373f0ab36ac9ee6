/**
 * @file Lasso polygons: hand cases (square, concave "U") and random points against an independent
 * winding-number test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  insidePolygon,
  pointInPolygon,
  polygonBounds,
} from '../../../../electron/core/views/polygon.js';
import { Random } from '../../../../shared/util/random.js';

/** Winding number by summing signed angles (a different algorithm from the crossing test). */
function winding(x: number, y: number, poly: number[]): boolean {
  let total = 0;
  const n = poly.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const a1 = Math.atan2((poly[2 * i + 1] as number) - y, (poly[2 * i] as number) - x);
    const a2 = Math.atan2((poly[2 * j + 1] as number) - y, (poly[2 * j] as number) - x);
    let d = a2 - a1;
    while (d > Math.PI) d -= 2 * Math.PI;
    while (d < -Math.PI) d += 2 * Math.PI;
    total += d;
  }
  return Math.abs(total) > Math.PI;
}

// A "U": outer 0..10 x 0..10 with the notch 3..7 x 3..10 cut out.
const U = [0, 0, 10, 0, 10, 10, 7, 10, 7, 3, 3, 3, 3, 10, 0, 10];

test('hand cases', () => {
  const square = [0, 0, 1, 0, 1, 1, 0, 1];
  assert.equal(pointInPolygon(0.5, 0.5, square), true);
  assert.equal(pointInPolygon(1.5, 0.5, square), false);
  assert.equal(pointInPolygon(5, 1, U), true);
  assert.equal(pointInPolygon(5, 5, U), false); // in the notch
  assert.equal(pointInPolygon(1, 8, U), true);
  assert.equal(pointInPolygon(8.5, 9, U), true);
  assert.deepEqual(Array.from(insidePolygon([5, 5, NaN, 1], [1, 5, 1, 8], U)), [1, 0, 0, 1]);
  assert.deepEqual(polygonBounds(U), { minX: 0, maxX: 10, minY: 0, maxY: 10 });
});

test('random points agree with the winding number', () => {
  const rng = new Random(5);
  // A random star-shaped polygon (non-convex) around (0, 0).
  const poly: number[] = [];
  const n = 12;
  for (let k = 0; k < n; k++) {
    const r = rng.uniform(0.3, 1);
    poly.push(r * Math.cos((2 * Math.PI * k) / n), r * Math.sin((2 * Math.PI * k) / n));
  }
  const xs = Float64Array.from({ length: 3000 }, () => rng.uniform(-1.1, 1.1));
  const ys = Float64Array.from({ length: 3000 }, () => rng.uniform(-1.1, 1.1));
  const inside = insidePolygon(xs, ys, poly);
  let count = 0;
  for (let k = 0; k < xs.length; k++) {
    assert.equal(inside[k] === 1, winding(xs[k] as number, ys[k] as number, poly), `point ${k}`);
    count += inside[k] as number;
  }
  assert.ok(count > 300 && count < 2700);
});

test('degenerate polygons are refused', () => {
  assert.throws(() => polygonBounds([0, 0, 1, 1]), RangeError);
  assert.throws(() => polygonBounds([0, 0, 1, 1, 2]), RangeError);
  assert.throws(() => polygonBounds([0, 0, 1, NaN, 2, 2]), RangeError);
});
