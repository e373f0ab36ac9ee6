/**
 * @file The one WebGL renderer of the 2D views (three.js): draws a {@link Scene2D} (lines, points,
 * triangles with per-vertex RGBA) with an orthographic camera in CSS pixels, y down. Renders on
 * demand: `invalidate()` schedules one frame; nothing loops while the view is idle. Colours are
 * display colours and reach the screen unconverted (as in the 3D view). Lines are
 * anti-aliased (MSAA) unless WebGL runs in software (software-gl.ts); there the points are also
 * drawn on the CPU into one image (point-raster.ts), the same pixels for far less work.
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DoubleSide,
  LinearSRGBColorSpace,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  OrthographicCamera,
  Points,
  PointsMaterial,
  Scene,
  Vector2,
  WebGLRenderer,
  type Material,
} from 'three';
import { PointImage } from './point-image.js';
import type { Scene2D } from './scene2d.js';
import { softwareWebGl } from './software-gl.js';

export class PlotRenderer {
  readonly #renderer: WebGLRenderer;
  readonly #scene = new Scene();
  readonly #camera = new OrthographicCamera(0, 1, 0, 1, -10, 10);
  readonly #tris = new Mesh(
    new BufferGeometry(),
    // y points down, which flips the winding: draw both faces.
    new MeshBasicMaterial({
      vertexColors: true,
      transparent: true,
      depthTest: false,
      side: DoubleSide,
    }),
  );
  readonly #lines = new LineSegments(
    new BufferGeometry(),
    new LineBasicMaterial({ vertexColors: true, transparent: true, depthTest: false }),
  );
  readonly #points = new Points(
    new BufferGeometry(),
    new PointsMaterial({
      vertexColors: true,
      transparent: true,
      depthTest: false,
      sizeAttenuation: false,
      size: 2,
    }),
  );
  /** Software rasteriser: the points as one CPU-drawn image instead of #points. */
  readonly #pointImage: PointImage | null;
  #frame = 0;
  #after: Array<() => void> = [];
  #pixelRatio = 1;

  /** @throws Error when WebGL is unavailable. */
  constructor(canvas: HTMLCanvasElement) {
    const software = softwareWebGl();
    // Anti-aliased lines, except on a software rasteriser where MSAA about doubles a frame's cost.
    this.#renderer = new WebGLRenderer({
      canvas,
      antialias: !software,
      preserveDrawingBuffer: true,
    });
    // Scene colours are display colours ("#5a9bff" must show as #5a9bff): written unconverted.
    this.#renderer.outputColorSpace = LinearSRGBColorSpace;
    this.#pointImage = software ? new PointImage() : null;
    this.#pixelRatio = Math.min(2, globalThis.devicePixelRatio ?? 1);
    this.#renderer.setPixelRatio(this.#pixelRatio);
    // Draw order: fills, then lines, then points on top.
    this.#tris.renderOrder = 1;
    this.#lines.renderOrder = 2;
    this.#points.renderOrder = 3;
    for (const o of [this.#tris, this.#lines, this.#points]) o.frustumCulled = false;
    this.#scene.add(this.#tris, this.#lines, this.#pointImage?.mesh ?? this.#points);
    if (this.#pointImage) this.#pointImage.mesh.renderOrder = 3;
  }

  setBackground(css: string): void {
    this.#scene.background = new Color().setStyle(css, LinearSRGBColorSpace);
    this.invalidate();
  }

  resize(width: number, height: number): void {
    this.#renderer.setSize(width, height, false);
    // top = 0, bottom = height: y grows downwards, as in the DOM.
    Object.assign(this.#camera, { left: 0, right: width, top: 0, bottom: height });
    this.#camera.updateProjectionMatrix();
    this.invalidate();
  }

  setScene(s: Scene2D): void {
    replace(this.#tris, s.triangles, s.triangleColors);
    replace(this.#lines, s.lines, s.lineColors);
    if (this.#pointImage) {
      this.#pointImage.set(s.points, s.pointColors, s.pointSize * this.#pixelRatio);
    } else {
      replace(this.#points, s.points, s.pointColors);
      (this.#points.material as PointsMaterial).size = s.pointSize * this.#pixelRatio;
    }
    this.invalidate();
  }

  /**
   * Does ahead the work of drawing `s` that shows nothing yet: on a software rasteriser, its
   * point image. The frame after a later `setScene(s)` then only uploads and draws. Used while
   * the page waits for the other views' payloads of a selection (view-data.svelte.ts).
   */
  prepare(s: Scene2D): void {
    if (!this.#pointImage) return;
    const size = this.#renderer.getDrawingBufferSize(new Vector2());
    this.#pointImage.prepare(
      s.points,
      s.pointColors,
      s.pointSize * this.#pixelRatio,
      size.x,
      size.y,
      this.#pixelRatio,
    );
  }

  /** Runs `fn` once after the next frame is drawn. */
  afterNextRender(fn: () => void): void {
    this.#after.push(fn);
    this.invalidate();
  }

  invalidate(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#pointImage) {
        const size = this.#renderer.getDrawingBufferSize(new Vector2());
        this.#pointImage.update(size.x, size.y, this.#pixelRatio);
      }
      this.#renderer.render(this.#scene, this.#camera);
      const after = this.#after;
      this.#after = [];
      for (const fn of after) fn();
    });
  }

  dispose(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    for (const o of [this.#tris, this.#lines, this.#points]) {
      o.geometry.dispose();
      (o.material as Material).dispose();
    }
    this.#pointImage?.dispose();
    this.#renderer.dispose();
  }
}

function replace(obj: Mesh | LineSegments | Points, xy: Float32Array, rgba: Float32Array): void {
  obj.geometry.dispose();
  const g = new BufferGeometry();
  const n = xy.length / 2;
  const xyz = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    xyz[3 * i] = xy[2 * i]!;
    xyz[3 * i + 1] = xy[2 * i + 1]!;
  }
  g.setAttribute('position', new BufferAttribute(xyz, 3));
  g.setAttribute('color', new BufferAttribute(rgba, 4));
  obj.geometry = g;
  obj.visible = n > 0;
}
