/**
 * @file A 2D scene as typed arrays in CSS pixels (origin top-left, y down): line segments,
 * points and triangles with per-vertex RGBA colours, plus text labels drawn by the DOM. The views'
 * pure data modules build these; `PlotRenderer` uploads them to WebGL as they are. Building in
 * pixels keeps the renderer generic and lets tests check where things land on screen.
 */

export type Rgba = readonly [number, number, number, number];

export interface TextLabel {
  x: number;
  y: number;
  text: string;
  /** Horizontal anchor (default 'start'). */
  align?: 'start' | 'middle' | 'end';
  /** CSS colour (default: the theme's muted text). */
  color?: string;
}

export interface Scene2D {
  /** Segment endpoints, (x, y) pairs; two vertices per segment. */
  lines: Float32Array;
  lineColors: Float32Array;
  /** Point centres, (x, y) pairs. */
  points: Float32Array;
  pointColors: Float32Array;
  /** Point diameter in CSS pixels. */
  pointSize: number;
  /** Triangle vertices, (x, y) pairs; three per triangle. */
  triangles: Float32Array;
  triangleColors: Float32Array;
  labels: TextLabel[];
}

/** Growable Float32Array (amortised doubling, no per-vertex number[] boxing). */
class Floats {
  data = new Float32Array(1024);
  length = 0;
  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) this.grow();
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  push4(c: Rgba): void {
    if (this.length + 4 > this.data.length) this.grow();
    this.data[this.length++] = c[0];
    this.data[this.length++] = c[1];
    this.data[this.length++] = c[2];
    this.data[this.length++] = c[3];
  }
  /** Room for `n` more values without growing. */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.resize(this.length + n);
  }
  private grow(): void {
    this.resize(this.data.length * 2);
  }
  private resize(capacity: number): void {
    const next = new Float32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** The values; the array itself when it is exactly full (the builder is used once). */
  done(): Float32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

/** Accumulates a Scene2D. */
export class SceneBuilder {
  readonly #lines = new Floats();
  readonly #lineColors = new Floats();
  readonly #points = new Floats();
  readonly #pointColors = new Floats();
  readonly #tris = new Floats();
  readonly #triColors = new Floats();
  readonly labels: TextLabel[] = [];
  pointSize = 2;

  line(x0: number, y0: number, x1: number, y1: number, color: Rgba): void {
    this.#lines.push2(x0, y0);
    this.#lines.push2(x1, y1);
    this.#lineColors.push4(color);
    this.#lineColors.push4(color);
  }

  /** A polyline through (xs[k], ys[k]); NaN vertices break it. */
  polyline(xs: ArrayLike<number>, ys: ArrayLike<number>, color: Rgba): void {
    for (let k = 1; k < xs.length; k++) {
      const x0 = xs[k - 1]!;
      const y0 = ys[k - 1]!;
      const x1 = xs[k]!;
      const y1 = ys[k]!;
      if (Number.isFinite(x0 + y0 + x1 + y1)) this.line(x0, y0, x1, y1, color);
    }
  }

  /** Room for `n` more points (a view that knows its point count saves the regrowing). */
  reservePoints(n: number): void {
    this.#points.reserve(2 * n);
    this.#pointColors.reserve(4 * n);
  }

  point(x: number, y: number, color: Rgba): void {
    this.#points.push2(x, y);
    this.#pointColors.push4(color);
  }

  /**
   * Scatter points in one colour: `point(mx(xs[k]), my(ys[k]), color)` for every k, in order,
   * skipping those outside `clip` (edges inside) when given, and NaN positions. The same points
   * as that loop, without two map calls and two pushes per point: a feature view's grid holds 32
   * different maps, so the loop's calls cannot be inlined, and it draws 80 000 points.
   */
  scatter(
    xs: ArrayLike<number>,
    ys: ArrayLike<number>,
    mx: LinearMap,
    my: LinearMap,
    color: Rgba,
    clip?: Box,
  ): void {
    const n = Math.min(xs.length, ys.length);
    this.#points.reserve(2 * n);
    this.#pointColors.reserve(4 * n);
    const points = this.#points.data;
    const colors = this.#pointColors.data;
    let at = this.#points.length;
    let colorAt = this.#pointColors.length;
    const { d0: xd0, span: xSpan, p0: xp0, dp: xdp } = mx.terms;
    const { d0: yd0, span: ySpan, p0: yp0, dp: ydp } = my.terms;
    const [r, g, b, a] = color;
    const x0 = clip ? clip.x0 : -Infinity;
    const x1 = clip ? clip.x1 : Infinity;
    const y0 = clip ? clip.y0 : -Infinity;
    const y1 = clip ? clip.y1 : Infinity;
    for (let k = 0; k < n; k++) {
      const px = xp0 + ((xs[k]! - xd0) / xSpan) * xdp;
      const py = yp0 + ((ys[k]! - yd0) / ySpan) * ydp;
      // Also false for NaN, as the clip test of a caller's loop would be.
      if (!(px >= x0 && px <= x1 && py >= y0 && py <= y1)) continue;
      points[at++] = px;
      points[at++] = py;
      colors[colorAt++] = r;
      colors[colorAt++] = g;
      colors[colorAt++] = b;
      colors[colorAt++] = a;
    }
    this.#points.length = at;
    this.#pointColors.length = colorAt;
  }

  triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, c: Rgba): void {
    this.#tris.push2(ax, ay);
    this.#tris.push2(bx, by);
    this.#tris.push2(cx, cy);
    this.#triColors.push4(c);
    this.#triColors.push4(c);
    this.#triColors.push4(c);
  }

  /** A filled axis-aligned rectangle. */
  rect(x0: number, y0: number, x1: number, y1: number, color: Rgba): void {
    this.triangle(x0, y0, x1, y0, x1, y1, color);
    this.triangle(x0, y0, x1, y1, x0, y1, color);
  }

  /** A rectangle outline. */
  frame(x0: number, y0: number, x1: number, y1: number, color: Rgba): void {
    this.line(x0, y0, x1, y0, color);
    this.line(x1, y0, x1, y1, color);
    this.line(x1, y1, x0, y1, color);
    this.line(x0, y1, x0, y0, color);
  }

  label(l: TextLabel): void {
    this.labels.push(l);
  }

  build(): Scene2D {
    return {
      lines: this.#lines.done(),
      lineColors: this.#lineColors.done(),
      points: this.#points.done(),
      pointColors: this.#pointColors.done(),
      pointSize: this.pointSize,
      triangles: this.#tris.done(),
      triangleColors: this.#triColors.done(),
      labels: this.labels,
    };
  }
}

/** "#rrggbb" and an alpha -> RGBA in 0..1. */
export function rgba(hex: string, alpha = 1): Rgba {
  const v = parseInt(hex.replace('#', ''), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255, alpha];
}

/** A linear map from a data interval onto a pixel interval (either may be reversed). */
export interface LinearMap {
  (v: number): number;
  inverse(p: number): number;
  /** Its terms: v maps to `p0 + ((v - d0) / span) * dp` (what bulk loops compute inline). */
  readonly terms: { d0: number; span: number; p0: number; dp: number };
}

export function linearMap(d0: number, d1: number, p0: number, p1: number): LinearMap {
  const span = d1 - d0 || 1;
  const dp = p1 - p0;
  const f = ((v: number) => p0 + ((v - d0) / span) * dp) as LinearMap & {
    terms: LinearMap['terms'];
  };
  f.inverse = (p: number) => d0 + ((p - p0) / (dp || 1)) * span;
  f.terms = { d0, span, p0, dp };
  return f;
}

/** A plot box in pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Splits a box into a rows x cols grid of cells with `gap` pixels between them. */
export function gridCells(box: Box, rows: number, cols: number, gap = 4): Box[][] {
  const w = (box.x1 - box.x0 - gap * (cols - 1)) / cols;
  const h = (box.y1 - box.y0 - gap * (rows - 1)) / rows;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => ({
      x0: box.x0 + c * (w + gap),
      y0: box.y0 + r * (h + gap),
      x1: box.x0 + c * (w + gap) + w,
      y1: box.y0 + r * (h + gap) + h,
    })),
  );
}

/** The min and max of the finite values of some arrays ([0, 1] when there are none). */
export function finiteRange(arrays: ReadonlyArray<ArrayLike<number>>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Draws a step histogram (bars from `baseY`) of `values` over bins [edges[k], edges[k+1]). */
export function histogramBars(
  b: SceneBuilder,
  xs: LinearMap,
  ys: LinearMap,
  edges: ArrayLike<number>,
  values: ArrayLike<number>,
  color: Rgba,
): void {
  const base = ys(0);
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v > 0)) continue;
    b.rect(xs(edges[k]!), ys(v), xs(edges[k + 1]!), base, color);
  }
}
