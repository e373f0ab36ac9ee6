import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PerspectiveCamera, Vector3 } from 'three';
import { Random } from '../../../shared/util/random.js';
import {
  nearestPoint,
  pointInPolygon,
  pointsInPolygon,
  projectPoints,
} from '../../../renderer/gl/lasso.js';

test('point in polygon agrees with half-plane tests on a convex polygon, and handles a concave one', () => {
  const tri = [0, 0, 10, 0, 0, 10];
  const rnd = new Random(7);
  for (let i = 0; i < 2000; i++) {
    const x = rnd.uniform(-2, 12);
    const y = rnd.uniform(-2, 12);
    // Inside the right triangle iff x > 0, y > 0, x + y < 10 (points on edges have measure zero).
    assert.equal(pointInPolygon(x, y, tri), x > 0 && y > 0 && x + y < 10, `${x},${y}`);
  }
  // A "U": the notch (x in 4..6, y > 2) is outside.
  const u = [0, 0, 10, 0, 10, 10, 6, 10, 6, 2, 4, 2, 4, 10, 0, 10];
  assert.equal(pointInPolygon(5, 5, u), false);
  assert.equal(pointInPolygon(5, 1, u), true);
  assert.equal(pointInPolygon(2, 8, u), true);
  assert.deepEqual(pointsInPolygon([5, 5, 5, 1, 2, 8, 20, 20], u), [1, 2]);
});

test('projection matches three.js Vector3.project', () => {
  const cam = new PerspectiveCamera(45, 800 / 600, 0.1, 5000);
  cam.position.set(300, -200, 900);
  cam.lookAt(20, 40, 10);
  cam.updateMatrixWorld();
  const mvp = cam.projectionMatrix.clone().multiply(cam.matrixWorldInverse);
  const rnd = new Random(3);
  const xyz = new Float32Array(300);
  for (let i = 0; i < xyz.length; i++) xyz[i] = rnd.uniform(-200, 200);
  const screen = projectPoints(xyz, mvp.elements, 800, 600);
  for (let i = 0; i < 100; i++) {
    const v = new Vector3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]).project(cam);
    assert.ok(Math.abs(screen[2 * i]! - ((v.x + 1) / 2) * 800) < 1e-2);
    assert.ok(Math.abs(screen[2 * i + 1]! - ((1 - v.y) / 2) * 600) < 1e-2);
  }
  // A point behind the camera is not projected.
  const behind = projectPoints([300, -200, 1200], mvp.elements, 800, 600);
  assert.ok(Number.isNaN(behind[0]));
});

test('nearest point within a radius', () => {
  const pts = [0, 0, 10, 10, 20, 0];
  assert.equal(nearestPoint(pts, 9, 8, 5), 1);
  assert.equal(nearestPoint(pts, 50, 50, 5), -1);
  assert.equal(nearestPoint(pts, 18, 1, 5), 2);
});
