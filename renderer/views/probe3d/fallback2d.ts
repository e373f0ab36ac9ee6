/**
 * @file The 3D view without WebGL: an x–y scatter on a 2D canvas (the probe plane seen from the
 * front), with the same interface, so picking and the lasso work unchanged through `mvp()`
 * (an orthographic matrix that ignores the third axis). Drag pans, the wheel zooms.
 */
import { clusterColor } from '../../ui/colors.js';
import type { ProbeOutline, SceneTransform } from './probe3d-data.js';
import type { SpikeRenderer } from './probe3d-renderer.js';

/** Canvas 2D draws every point as a rectangle: cap the background so a frame stays fast. */
const MAX_BACKGROUND_DRAWN = 200_000;

export class Fallback2dRenderer implements SpikeRenderer {
  readonly #ctx: CanvasRenderingContext2D;
  #w = 1;
  #h = 1;
  #bounds: readonly number[] = [0, 0, 0, 1, 1, 1];
  #center = [0.5, 0.5];
  #scale = 1;
  #home = { cx: 0.5, cy: 0.5, scale: 1 };
  #outline: ProbeOutline | null = null;
  #background: Float32Array = new Float32Array(0);
  #selected: Float32Array = new Float32Array(0);
  #slots: Float32Array = new Float32Array(0);
  #dark = true;
  #frame = 0;
  #after: Array<() => void> = [];

  constructor(
    canvas: HTMLCanvasElement,
    private readonly onRendered: (ms: number) => void,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    this.#ctx = ctx;
  }

  setTheme(dark: boolean): void {
    this.#dark = dark;
    this.invalidate();
  }

  setProbe(outline: ProbeOutline, t: SceneTransform): void {
    this.#outline = outline;
    this.#bounds = t.bounds;
    this.#fit();
  }

  #fit(): void {
    const [x0, y0, , x1, y1] = this.#bounds as [number, number, number, number, number, number];
    const scale = 0.9 * Math.min(this.#w / Math.max(x1 - x0, 1), this.#h / Math.max(y1 - y0, 1));
    this.#home = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, scale };
    this.reset();
  }

  setBackground(positions: Float32Array): void {
    this.#background = positions;
    this.invalidate();
  }

  setSelected(positions: Float32Array, slots: Float32Array): void {
    this.#selected = positions;
    this.#slots = slots;
    this.invalidate();
  }

  resize(width: number, height: number): void {
    this.#ctx.canvas.width = width;
    this.#ctx.canvas.height = height;
    this.#w = width;
    this.#h = height;
    this.#fit();
  }

  /** Orthographic: clip x = (x - cx) * 2s / w, clip y = (y - cy) * 2s / h; z ignored. */
  mvp(): Float32Array {
    const sx = (2 * this.#scale) / this.#w;
    const sy = (2 * this.#scale) / this.#h;
    const m = new Float32Array(16);
    m[0] = sx;
    m[5] = sy;
    m[12] = -this.#center[0]! * sx;
    m[13] = -this.#center[1]! * sy;
    m[15] = 1;
    return m;
  }

  afterNextRender(fn: () => void): void {
    this.#after.push(fn);
    this.invalidate();
  }

  invalidate(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const t0 = performance.now();
      this.#draw();
      this.onRendered(performance.now() - t0);
      const after = this.#after;
      this.#after = [];
      for (const fn of after) fn();
    });
  }

  reset(): void {
    this.#center = [this.#home.cx, this.#home.cy];
    this.#scale = this.#home.scale;
    this.invalidate();
  }

  drag(dx: number, dy: number): void {
    this.#center = [this.#center[0]! - dx / this.#scale, this.#center[1]! + dy / this.#scale];
    this.invalidate();
  }

  zoom(deltaY: number): void {
    this.#scale *= Math.exp(-deltaY * 0.001);
    this.invalidate();
  }

  #draw(): void {
    const ctx = this.#ctx;
    const toX = (x: number) => this.#w / 2 + (x - this.#center[0]!) * this.#scale;
    const toY = (y: number) => this.#h / 2 - (y - this.#center[1]!) * this.#scale;
    ctx.fillStyle = this.#dark ? '#15171c' : '#f4f5f7';
    ctx.fillRect(0, 0, this.#w, this.#h);
    if (this.#outline) {
      ctx.strokeStyle = '#8899aa';
      for (const s of this.#outline.shanks) {
        ctx.strokeRect(
          toX(s.x0),
          toY(s.y1),
          (s.x1 - s.x0) * this.#scale,
          (s.y1 - s.y0) * this.#scale,
        );
      }
    }
    const bg = this.#background;
    const n = bg.length / 3;
    const stride = Math.max(1, Math.ceil(n / MAX_BACKGROUND_DRAWN));
    ctx.fillStyle = this.#dark ? 'rgba(140,140,155,0.35)' : 'rgba(110,110,125,0.35)';
    for (let i = 0; i < n; i += stride)
      ctx.fillRect(toX(bg[3 * i]!), toY(bg[3 * i + 1]!), 1.5, 1.5);
    const sel = this.#selected;
    for (let i = 0; i < sel.length / 3; i++) {
      ctx.fillStyle = clusterColor(this.#slots[i]!);
      ctx.fillRect(toX(sel[3 * i]!) - 1, toY(sel[3 * i + 1]!) - 1, 3, 3);
    }
  }

  dispose(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
  }
}
