/**
 * @file Scatter points drawn on the CPU into an image, for the 2D views on a software WebGL
 * rasteriser (software-gl.ts). SwiftShader pays a fixed setup cost per point primitive, and a
 * feature view holds 80 thousand of them; writing their few pixels here and drawing the image as
 * one textured triangle costs a fraction of that. The result reproduces what WebGL draws for the
 * same points: squares of `size` device pixels covering the pixels whose centres lie inside
 * (centre-clipped, as GL clips points, positions snapped to the rasteriser's sub-pixel grid),
 * colours written as given (the 2D renderer outputs display colours unconverted), each point
 * blended over the ones before it ("over", straight alpha in, the image premultiplied for one
 * final blend over the lines and fills below).
 *
 * {@link PointRaster} does the same in pieces (`add` a range of points at a time, `finish` writes
 * the image), so a caller can spread a large cloud over several frames and keep each one short.
 */

/** Sub-pixel positions per pixel of the rasteriser's vertex grid (SwiftShader's, measured). */
const SUBPIXELS = 16;

/** A rectangle of pixels, bounds inclusive; empty when `x0 > x1`. */
export interface PixelRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const EMPTY: PixelRect = { x0: 0, x1: -1, y0: 0, y1: -1 };

/**
 * Rasterises points into a premultiplied RGBA8 image in pieces: `add` blends a range of points
 * (in order) into a float accumulator, `finish` writes the image. The accumulator is kept between
 * images of the same size, so a new image costs no allocation; only the rectangle the points
 * touched is cleared and converted (a selected cluster covers a small part of a 3D view), every
 * other pixel of the accumulator staying zero.
 */
export class PointRaster {
  #acc = new Float32Array(0);
  #width = 0;
  #height = 0;
  #size = 1;
  #pixelRatio = 1;
  /** Pixels the points of the current image touched (nonzero in the accumulator only there). */
  #rect: PixelRect = { ...EMPTY };

  /**
   * Starts an empty image of `width` x `height` device pixels, with points of side `size`
   * device pixels whose centres come in CSS pixels (`pixelRatio` device pixels each).
   */
  begin(width: number, height: number, size: number, pixelRatio: number): void {
    const n = 4 * width * height;
    if (this.#acc.length !== n || width !== this.#width) this.#acc = new Float32Array(n);
    else fillRect(this.#acc, width, this.#rect, 0);
    this.#width = width;
    this.#height = height;
    this.#size = size;
    this.#pixelRatio = pixelRatio;
    this.#rect = { ...EMPTY };
  }

  /** The pixels the image's points touched so far (outside it the image is transparent). */
  get touched(): PixelRect {
    return { ...this.#rect };
  }

  /** Blends points `from` (inclusive) to `to` (exclusive) of `xy` / `rgba` over the image. */
  add(xy: Float32Array, rgba: Float32Array, from: number, to: number): void {
    const acc = this.#acc;
    const width = this.#width;
    const height = this.#height;
    const pixelRatio = this.#pixelRatio;
    const half = this.#size / 2;
    const rect = this.#rect;
    for (let p = from; p < to; p++) {
      // Rasterisers snap vertices to a sub-pixel grid first (SwiftShader: 1/16 pixel).
      const x = Math.round(xy[2 * p]! * pixelRatio * SUBPIXELS) / SUBPIXELS;
      const y = Math.round(xy[2 * p + 1]! * pixelRatio * SUBPIXELS) / SUBPIXELS;
      if (!(x >= 0 && x <= width && y >= 0 && y <= height)) continue;
      const a = rgba[4 * p + 3]!;
      if (!(a > 0)) continue;
      const r = rgba[4 * p]! * a;
      const g = rgba[4 * p + 1]! * a;
      const b = rgba[4 * p + 2]! * a;
      const keep = 1 - a;
      // Column i is covered when its centre i + 0.5 lies in [x - half, x + half); row j (counted
      // from the top) when j + 0.5 lies in (y - half, y + half]: GL's half-open rule in window
      // coordinates, whose y axis points up (checked against SwiftShader).
      const i0 = Math.max(0, Math.ceil(x - half - 0.5));
      const i1 = Math.min(width - 1, Math.ceil(x + half - 0.5) - 1);
      const j0 = Math.max(0, Math.floor(y - half - 0.5) + 1);
      const j1 = Math.min(height - 1, Math.floor(y + half - 0.5));
      if (i0 > i1 || j0 > j1) continue;
      if (rect.x0 > rect.x1) {
        [rect.x0, rect.x1, rect.y0, rect.y1] = [i0, i1, j0, j1];
      } else {
        if (i0 < rect.x0) rect.x0 = i0;
        if (i1 > rect.x1) rect.x1 = i1;
        if (j0 < rect.y0) rect.y0 = j0;
        if (j1 > rect.y1) rect.y1 = j1;
      }
      if (i1 === i0 + 1 && j1 === j0 + 1) {
        // The common case (2 x 2 device pixels, not clipped): two pixel pairs, the same
        // arithmetic in the same order as the loop below.
        const k0 = 4 * (j0 * width + i0);
        blendPair(acc, k0, r, g, b, a, keep);
        blendPair(acc, k0 + 4 * width, r, g, b, a, keep);
        continue;
      }
      for (let j = j0; j <= j1; j++) {
        for (let i = i0, k = 4 * (j * width + i0); i <= i1; i++, k += 4) {
          acc[k] = r + acc[k]! * keep;
          acc[k + 1] = g + acc[k + 1]! * keep;
          acc[k + 2] = b + acc[k + 2]! * keep;
          acc[k + 3] = a + acc[k + 3]! * keep;
        }
      }
    }
  }

  /**
   * Writes the image (premultiplied RGBA8, rows top to bottom) into `out` and returns it. Only
   * the touched rectangle is converted: `out` must be transparent elsewhere, except within
   * `stale` (what an earlier image wrote into the same `out`), which is cleared first.
   */
  finish(
    out: Uint8Array = new Uint8Array(4 * this.#width * this.#height),
    stale: PixelRect = EMPTY,
  ): Uint8Array {
    const acc = this.#acc;
    const width = this.#width;
    fillRect(out, width, stale, 0);
    const { x0, x1, y0, y1 } = this.#rect;
    for (let j = y0; j <= y1; j++) {
      const end = 4 * (j * width + x1 + 1);
      for (let k = 4 * (j * width + x0); k < end; k += 4) {
        // No point reached this pixel (alpha 0, so all four are 0): `out` is transparent there.
        const alpha = acc[k + 3]!;
        if (alpha === 0) continue;
        out[k] = toByte(acc[k]!);
        out[k + 1] = toByte(acc[k + 1]!);
        out[k + 2] = toByte(acc[k + 2]!);
        out[k + 3] = toByte(alpha);
      }
    }
    return out;
  }
}

/** Blends premultiplied (r, g, b, a) "over" the two pixels from index `k` (a 2-pixel run). */
function blendPair(
  acc: Float32Array,
  k: number,
  r: number,
  g: number,
  b: number,
  a: number,
  keep: number,
): void {
  acc[k] = r + acc[k]! * keep;
  acc[k + 1] = g + acc[k + 1]! * keep;
  acc[k + 2] = b + acc[k + 2]! * keep;
  acc[k + 3] = a + acc[k + 3]! * keep;
  acc[k + 4] = r + acc[k + 4]! * keep;
  acc[k + 5] = g + acc[k + 5]! * keep;
  acc[k + 6] = b + acc[k + 6]! * keep;
  acc[k + 7] = a + acc[k + 7]! * keep;
}

/**
 * A channel value (>= 0; clamped to 1) as a byte, rounded half up as Math.round does. `+ 0.5 | 0`
 * gives the same byte here (a float32 times 255 is exact in float64, so the sum never rounds up
 * to an integer it should not reach), at half the cost in the conversion's loop (~4 instead of
 * ~7 ms for a feature view's image).
 */
function toByte(v: number): number {
  return ((v < 1 ? v : 1) * 255 + 0.5) | 0;
}

/** Sets the RGBA channels of the pixels of `rect` to `value` (rows `width` pixels long). */
function fillRect(a: Float32Array | Uint8Array, width: number, rect: PixelRect, value: number) {
  for (let j = rect.y0; j <= rect.y1 && rect.x0 <= rect.x1; j++)
    a.fill(value, 4 * (j * width + rect.x0), 4 * (j * width + rect.x1 + 1));
}

/**
 * Rasterises points into a premultiplied RGBA8 image of `width` x `height` device pixels, rows
 * top to bottom. `xy` are centres in CSS pixels (y down), `rgba` straight-alpha colours 0..1 per
 * point, `size` the side in device pixels, `pixelRatio` device pixels per CSS pixel.
 */
export function rasterizePoints(
  xy: Float32Array,
  rgba: Float32Array,
  size: number,
  pixelRatio: number,
  width: number,
  height: number,
  out: Uint8Array = new Uint8Array(4 * width * height),
): Uint8Array {
  const raster = new PointRaster();
  raster.begin(width, height, size, pixelRatio);
  raster.add(xy, rgba, 0, xy.length / 2);
  return raster.finish(out);
}
