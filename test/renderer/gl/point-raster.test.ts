import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PointRaster, rasterizePoints, type PixelRect } from '../../../renderer/gl/point-raster.js';
import { Random } from '../../../shared/util/random.js';

/** The covered pixels of an image as "x,y" strings (alpha > 0). */
function covered(img: Uint8Array, width: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < img.length; k += 4)
    if (img[k + 3]! > 0) out.push(`${(k / 4) % width},${Math.floor(k / 4 / width)}`);
  return out;
}

const white = (n: number) => new Float32Array(4 * n).fill(1);

test('coverage follows the GL rule measured on SwiftShader (1/16 px snapping, y ties downwards)', () => {
  // Cases read from SwiftShader's gl.POINTS (rows counted from the top).
  const cases: Array<[number, number, number, string[]]> = [
    [8, 8, 2, ['7,7', '8,7', '7,8', '8,8']],
    [8.5, 8.5, 2, ['7,8', '8,8', '7,9', '8,9']],
    [8.75, 8, 2, ['8,7', '9,7', '8,8', '9,8']],
    [8.531, 8.46, 2, ['7,7', '8,7', '7,8', '8,8']],
    [8.532, 8.469, 2, ['8,8', '9,8', '8,9', '9,9']],
    [8, 8, 3, ['6,7', '7,7', '8,7', '6,8', '7,8', '8,8', '6,9', '7,9', '8,9']],
    [8.25, 8.5, 3, ['7,7', '8,7', '9,7', '7,8', '8,8', '9,8', '7,9', '8,9', '9,9']],
  ];
  for (const [x, y, size, want] of cases) {
    const img = rasterizePoints(Float32Array.of(x, y), white(1), size, 1, 16, 16);
    assert.deepEqual(covered(img, 16), want, `point at ${x}, ${y} size ${size}`);
  }
});

test('CSS pixels scale by the pixel ratio; points with centres outside are dropped whole', () => {
  const img = rasterizePoints(Float32Array.of(2, 2, -0.1, 3, 3, 8.2), white(3), 2, 2, 8, 8);
  // (2, 2) CSS -> (4, 4) device; (-0.1, 3) and (3, 8.2) -> centres outside the 8 x 8 canvas.
  assert.deepEqual(covered(img, 8), ['3,3', '4,3', '3,4', '4,4']);
});

test('colours as given, straight alpha in, premultiplied "over" out', () => {
  // Red at alpha 0.5, then blue at alpha 0.5 over it, on the same pixels.
  const rgba = Float32Array.of(1, 0, 0, 0.5, 0, 0, 1, 0.5);
  const img = rasterizePoints(Float32Array.of(2, 2, 2, 2), rgba, 1, 1, 4, 4);
  // A 1 px point at (2, 2) covers column 1 (centre 1.5 in [1.5, 2.5)) and row 2 (2.5 in (1.5, 2.5]).
  const k = 4 * (2 * 4 + 1);
  // red: 1 * 0.5 * (1 - 0.5) = 0.25; blue: 0.5; alpha: 0.5 + 0.5 * 0.5 = 0.75 (premultiplied).
  assert.deepEqual(Array.from(img.subarray(k, k + 4)), [64, 0, 128, 191]);
});

test('many random points equal a per-pixel brute force', () => {
  const rng = new Random(7);
  const n = 300;
  const [w, h, size] = [40, 30, 3];
  const xy = Float32Array.from({ length: 2 * n }, (_, i) => rng.uniform(-2, i % 2 ? h + 2 : w + 2));
  const rgba = Float32Array.from({ length: 4 * n }, () => rng.uniform(0, 1));
  const img = rasterizePoints(xy, rgba, size, 1, w, h);
  // Brute force: for each pixel, blend every point (in order) whose snapped square holds it.
  for (let py = 0; py < h; py++) {
    for (let px = 0; px < w; px++) {
      const acc = [0, 0, 0, 0];
      for (let p = 0; p < n; p++) {
        const x = Math.round(xy[2 * p]! * 16) / 16;
        const y = Math.round(xy[2 * p + 1]! * 16) / 16;
        if (x < 0 || x > w || y < 0 || y > h) continue;
        const inX = px + 0.5 >= x - size / 2 && px + 0.5 < x + size / 2;
        const inY = py + 0.5 > y - size / 2 && py + 0.5 <= y + size / 2;
        if (!inX || !inY) continue;
        const a = rgba[4 * p + 3]!;
        for (let c = 0; c < 3; c++) acc[c] = rgba[4 * p + c]! * a + acc[c]! * (1 - a);
        acc[3] = a + acc[3]! * (1 - a);
      }
      const k = 4 * (py * w + px);
      for (let c = 0; c < 4; c++)
        assert.equal(img[k + c], Math.round(Math.min(1, acc[c]!) * 255), `pixel ${px},${py}`);
    }
  }
});

test('PointRaster in pieces, reused for a second image, equals rasterizePoints in one go', () => {
  const rng = new Random(11);
  const [w, h] = [50, 40];
  const raster = new PointRaster();
  for (const n of [500, 333]) {
    const xy = Float32Array.from({ length: 2 * n }, (_, i) =>
      rng.uniform(-1, i % 2 ? h + 1 : w + 1),
    );
    const rgba = Float32Array.from({ length: 4 * n }, () => rng.uniform(0, 1));
    raster.begin(w, h, 3, 1);
    // Uneven pieces, including an empty one.
    for (const [from, to] of [
      [0, 7],
      [7, 7],
      [7, 200],
      [200, n],
    ] as const)
      raster.add(xy, rgba, from, to);
    assert.deepEqual(raster.finish(), rasterizePoints(xy, rgba, 3, 1, w, h));
  }
});

test('images reusing one accumulator and one output clear exactly what the previous one touched', () => {
  const rng = new Random(5);
  const raster = new PointRaster();
  let out: Uint8Array | null = null;
  let written: PixelRect | undefined;
  let size = [0, 0];
  // Wide spread, a small patch in a corner, nothing, a patch elsewhere, then the same pixel
  // count with the shape swapped (the accumulator must not keep rows of the old width).
  const cases: { w: number; h: number; n: number; box: [number, number, number, number] }[] = [
    { w: 60, h: 40, n: 400, box: [-2, 62, -2, 42] },
    { w: 60, h: 40, n: 50, box: [45, 58, 2, 9] },
    { w: 60, h: 40, n: 0, box: [0, 1, 0, 1] },
    { w: 60, h: 40, n: 80, box: [3, 20, 25, 39] },
    { w: 40, h: 60, n: 120, box: [0, 40, 0, 60] },
  ];
  for (const { w, h, n, box } of cases) {
    const xy = Float32Array.from({ length: 2 * n }, (_, i) =>
      i % 2 ? rng.uniform(box[2], box[3]) : rng.uniform(box[0], box[1]),
    );
    const rgba = Float32Array.from({ length: 4 * n }, () => rng.uniform(0, 1));
    if (size[0] !== w || size[1] !== h) [out, written, size] = [null, undefined, [w, h]];
    raster.begin(w, h, 3, 1);
    raster.add(xy, rgba, 0, n);
    const img: Uint8Array = out ? raster.finish(out, written) : raster.finish();
    out = img;
    written = raster.touched;
    assert.deepEqual(img, rasterizePoints(xy, rgba, 3, 1, w, h), `${n} points in ${box}`);
  }
});
