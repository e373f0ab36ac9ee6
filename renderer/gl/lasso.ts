/**
 * @file Screen-space geometry for picking and the lasso: projection of 3D points with a
 * column-major 4x4 matrix (three.js layout), point-in-polygon and nearest-point queries. Pure and
 * allocation-light, since a lasso may test millions of points.
 */

/** A polygon in screen pixels, interleaved [x0, y0, x1, y1, ...]. */
export type Polygon = ArrayLike<number>;

/** Even-odd rule point-in-polygon (edges are neither consistently in nor out). */
export function pointInPolygon(px: number, py: number, poly: Polygon): boolean {
  const n = poly.length >> 1;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = poly[2 * i]!;
    const yi = poly[2 * i + 1]!;
    const xj = poly[2 * j]!;
    const yj = poly[2 * j + 1]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Projects points (interleaved xyz) to screen pixels (origin top-left, y down) with `mvp`
 * (projection * view * model, column-major). Points behind the camera get NaN.
 * @param out optional reusable output, length >= 2 * nPoints
 */
export function projectPoints(
  xyz: ArrayLike<number>,
  mvp: ArrayLike<number>,
  width: number,
  height: number,
  out?: Float32Array,
): Float32Array {
  const n = Math.floor(xyz.length / 3);
  const res = out ?? new Float32Array(2 * n);
  // Only the rows producing clip x, y and w are needed (column-major: element (r, c) = mvp[4c + r]).
  const m0 = mvp[0]!,
    m4 = mvp[4]!,
    m8 = mvp[8]!,
    m12 = mvp[12]!;
  const m1 = mvp[1]!,
    m5 = mvp[5]!,
    m9 = mvp[9]!,
    m13 = mvp[13]!;
  const m3 = mvp[3]!,
    m7 = mvp[7]!,
    m11 = mvp[11]!,
    m15 = mvp[15]!;
  for (let i = 0; i < n; i++) {
    const x = xyz[3 * i]!;
    const y = xyz[3 * i + 1]!;
    const z = xyz[3 * i + 2]!;
    const w = m3 * x + m7 * y + m11 * z + m15;
    if (w <= 0) {
      res[2 * i] = NaN;
      res[2 * i + 1] = NaN;
      continue;
    }
    const cx = (m0 * x + m4 * y + m8 * z + m12) / w;
    const cy = (m1 * x + m5 * y + m9 * z + m13) / w;
    res[2 * i] = ((cx + 1) / 2) * width;
    res[2 * i + 1] = ((1 - cy) / 2) * height;
  }
  return res;
}

/** Indices of the projected points (interleaved xy) inside the polygon, ascending. */
export function pointsInPolygon(screen: ArrayLike<number>, poly: Polygon): number[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < poly.length; i += 2) {
    minX = Math.min(minX, poly[i]!);
    maxX = Math.max(maxX, poly[i]!);
    minY = Math.min(minY, poly[i + 1]!);
    maxY = Math.max(maxY, poly[i + 1]!);
  }
  const out: number[] = [];
  const n = screen.length >> 1;
  for (let i = 0; i < n; i++) {
    const x = screen[2 * i]!;
    const y = screen[2 * i + 1]!;
    // Bounding-box rejection first: most points of a large cloud fail it cheaply.
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (pointInPolygon(x, y, poly)) out.push(i);
  }
  return out;
}

/** The index of the projected point nearest (x, y) within `maxDist` pixels, or -1. */
export function nearestPoint(
  screen: ArrayLike<number>,
  x: number,
  y: number,
  maxDist: number,
): number {
  let best = -1;
  let bestD = maxDist * maxDist;
  const n = screen.length >> 1;
  for (let i = 0; i < n; i++) {
    const dx = screen[2 * i]! - x;
    const dy = screen[2 * i + 1]! - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
