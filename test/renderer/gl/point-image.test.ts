import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataTexture, ShaderMaterial } from 'three';
import { PointImage } from '../../../renderer/gl/point-image.js';
import { rasterizePoints } from '../../../renderer/gl/point-raster.js';
import { Random } from '../../../shared/util/random.js';

const textureOf = (image: PointImage) =>
  (image.mesh.material as ShaderMaterial).uniforms['map']!.value as DataTexture;
const pixels = (image: PointImage) => Array.from(textureOf(image).image.data as Uint8Array);

function cloud(rng: Random, n: number, w: number, h: number) {
  const xy = Float32Array.from({ length: 2 * n }, (_, i) => rng.uniform(0, i % 2 ? h : w));
  const rgba = Float32Array.from({ length: 4 * n }, () => rng.uniform(0.2, 1));
  return { xy, rgba };
}

test('an image drawn within a time budget keeps the previous one until it is complete', () => {
  const rng = new Random(3);
  const [w, h] = [64, 48];
  const image = new PointImage();
  const first = cloud(rng, 100, w, h);
  image.set(first.xy, first.rgba, 3);
  assert.equal(image.update(w, h, 1), true);
  const texture = textureOf(image);
  const before = pixels(image);
  assert.deepEqual(before, Array.from(rasterizePoints(first.xy, first.rgba, 3, 1, w, h)));

  // 20 000 points with no time to spare: at most one block of points per call.
  const second = cloud(rng, 20_000, w, h);
  image.set(second.xy, second.rgba, 3);
  let calls = 0;
  while (!image.update(w, h, 1, 0)) {
    calls++;
    assert.deepEqual(pixels(image), before, 'the previous image stays while drawing');
    assert.ok(calls < 100);
  }
  assert.ok(calls >= 4, `drawn in pieces (${calls} unfinished calls)`);
  // Same size: the same texture, new pixels.
  assert.equal(textureOf(image), texture);
  assert.deepEqual(pixels(image), Array.from(rasterizePoints(second.xy, second.rgba, 3, 1, w, h)));
  assert.equal(image.mesh.visible, true);
  // Nothing changed: nothing to do.
  assert.equal(image.update(w, h, 1, 0), true);
  image.dispose();
});

test('a new size makes a new texture; no points hide the image', () => {
  const rng = new Random(4);
  const image = new PointImage();
  const c = cloud(rng, 50, 20, 10);
  image.set(c.xy, c.rgba, 2);
  image.update(20, 10, 1);
  const t = textureOf(image);
  image.update(40, 20, 2);
  assert.notEqual(textureOf(image), t);
  assert.deepEqual(pixels(image), Array.from(rasterizePoints(c.xy, c.rgba, 2, 2, 40, 20)));
  image.set(new Float32Array(0), new Float32Array(0), 2);
  assert.equal(image.update(40, 20, 2), true);
  assert.equal(image.mesh.visible, false);
  image.dispose();
});

test('an image drawn ahead is shown as it is when the same points are set; never for others', () => {
  const rng = new Random(5);
  const [w, h] = [64, 48];
  const image = new PointImage();
  // Clouds of different extents, so each swap must clear what the older buffer held.
  const clouds = [
    cloud(rng, 300, w, h),
    cloud(rng, 40, w / 4, h / 4),
    cloud(rng, 200, w, h / 2),
    cloud(rng, 10, w / 8, h),
  ];
  for (const c of clouds) {
    image.prepare(c.xy, c.rgba, 3, w, h, 1);
    image.set(c.xy, c.rgba, 3);
    assert.equal(image.update(w, h, 1), true);
    assert.deepEqual(pixels(image), Array.from(rasterizePoints(c.xy, c.rgba, 3, 1, w, h)));
  }
  // Drawn ahead for other arrays (the selection moved on): the current points are drawn instead.
  const ahead = cloud(rng, 100, w, h);
  const shown = cloud(rng, 100, w, h);
  image.prepare(ahead.xy, ahead.rgba, 3, w, h, 1);
  image.set(shown.xy, shown.rgba, 3);
  image.update(w, h, 1);
  assert.deepEqual(pixels(image), Array.from(rasterizePoints(shown.xy, shown.rgba, 3, 1, w, h)));
  // Drawn ahead at another size: not used either.
  const resized = cloud(rng, 100, w, h);
  image.prepare(resized.xy, resized.rgba, 3, w, h, 1);
  image.set(resized.xy, resized.rgba, 3);
  image.update(w / 2, h / 2, 1);
  assert.deepEqual(
    pixels(image),
    Array.from(rasterizePoints(resized.xy, resized.rgba, 3, 1, w / 2, h / 2)),
  );
  image.dispose();
});
