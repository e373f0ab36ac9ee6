/**
 * @file Lasso geometry: point-in-polygon tests (even-odd rule) for lasso splits. Polygons are flat
 * vertex lists `[x0, y0, x1, y1, ...]`, implicitly closed.
 */

/** Axis-aligned bounds of a polygon, for a cheap rejection before the exact test. */
export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Checks a flat polygon (>= 3 finite vertices) and returns its bounds. */
export function polygonBounds(polygon: ArrayLike<number>): Bounds {
  if (polygon.length < 6 || polygon.length % 2 !== 0)
    throw new RangeError('a lasso polygon needs at least 3 (x, y) vertices');
  const b: Bounds = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (let i = 0; i < polygon.length; i += 2) {
    const x = polygon[i] as number;
    const y = polygon[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new RangeError('lasso vertices must be finite');
    b.minX = Math.min(b.minX, x);
    b.maxX = Math.max(b.maxX, x);
    b.minY = Math.min(b.minY, y);
    b.maxY = Math.max(b.maxY, y);
  }
  return b;
}

/**
 * Even-odd (crossing number) test: a horizontal ray from (x, y) to +x crosses the boundary an odd
 * number of times. Same rule as matplotlib's Path.contains_points, which Phy's lasso uses.
 */
export function pointInPolygon(x: number, y: number, polygon: ArrayLike<number>): boolean {
  const n = polygon.length / 2;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[2 * i] as number;
    const yi = polygon[2 * i + 1] as number;
    const xj = polygon[2 * j] as number;
    const yj = polygon[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether each point (xs[k], ys[k]) is inside; NaN coordinates are never inside. */
export function insidePolygon(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  polygon: ArrayLike<number>,
): Uint8Array {
  const b = polygonBounds(polygon);
  const out = new Uint8Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k] as number;
    const y = ys[k] as number;
    if (!(x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY)) continue;
    if (pointInPolygon(x, y, polygon)) out[k] = 1;
  }
  return out;
}
