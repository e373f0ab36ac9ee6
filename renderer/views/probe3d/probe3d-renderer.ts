/**
 * @file The 3D view's three.js renderer (no Svelte): the probe (shank outlines, contacts, a depth
 * axis), a dim background point cloud (a level-of-detail sample of every spike) and the selected
 * clusters' spikes in their colours, as Points with custom ShaderMaterials fed by typed arrays.
 * Renders on demand: `invalidate()` schedules one frame; nothing loops.
 *
 * The probe and the background are drawn into an offscreen texture that is kept until the camera,
 * the size, the theme or the background changes; a frame that only changes the selection copies
 * that texture and draws the selected points over it. On a software rasteriser (SwiftShader,
 * llvmpipe) redrawing a million background points costs tens of milliseconds per frame; the copy
 * costs one textured quad. Colours are given as display values and written unconverted (the
 * output colour space is linear), so the texture path and the direct path draw the same pixels.
 */
import type {
  Mesh} from 'three';
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  LinearSRGBColorSpace,
  LineBasicMaterial,
  LineSegments,
  NearestFilter,
  Points,
  Scene,
  ShaderMaterial,
  Vector2,
  Vector3,
  WebGLRenderer,
  WebGLRenderTarget,
} from 'three';
import { CLUSTER_PALETTE, hexToRgb } from '../../ui/colors.js';
import { projectPoints } from '../../gl/lasso.js';
import { OrbitCamera } from '../../gl/orbit.js';
import { fullScreenTexture } from '../../gl/full-screen-texture.js';
import { PointImage } from '../../gl/point-image.js';
import { softwareWebGl } from '../../gl/software-gl.js';
import { slotColors, type ProbeOutline, type SceneTransform } from './probe3d-data.js';

/** Frame time the level of detail aims for (ms). */
const FRAME_TARGET_MS = 40;
/** Background points drawn before the first frame is measured. */
const INITIAL_BACKGROUND_POINTS = 250_000;
/** Never fewer than this: the probe must still look populated. */
const MIN_BACKGROUND_POINTS = 20_000;
/** The selected spikes' point side (device pixels) and opacity. */
const SELECTED_SIZE = 3;
const SELECTED_ALPHA = 0.9;
/** CPU time a frame may spend rasterising new selected spikes on a software rasteriser (ms). */
const SELECTED_BUDGET_MS = 12;

const POINT_VERTEX = /* glsl */ `
  attribute float slot;
  uniform float size;
  uniform vec3 palette[${CLUSTER_PALETTE.length}];
  uniform vec3 baseColor;
  varying vec3 vColor;
  void main() {
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
    gl_PointSize = size;
    vColor = slot < 0.0 ? baseColor : palette[int(mod(slot, ${CLUSTER_PALETTE.length}.0))];
  }
`;
const POINT_FRAGMENT = /* glsl */ `
  uniform float alpha;
  varying vec3 vColor;
  void main() {
    gl_FragColor = vec4(vColor, alpha);
  }
`;

/** A display colour ("#rrggbb" as a number) taken as is: no sRGB decoding (see the file header). */
function displayColor(hex: number): Color {
  return new Color().setHex(hex, LinearSRGBColorSpace);
}

function pointMaterial(
  size: number,
  alpha: number,
  base: [number, number, number],
): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: POINT_VERTEX,
    fragmentShader: POINT_FRAGMENT,
    uniforms: {
      size: { value: size },
      alpha: { value: alpha },
      baseColor: { value: new Vector3(...base) },
      palette: { value: CLUSTER_PALETTE.map((h) => new Vector3(...hexToRgb(h))) },
    },
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

/** What the view needs from a renderer (WebGL, or the 2D fallback). */
export interface SpikeRenderer {
  setTheme(dark: boolean): void;
  setProbe(outline: ProbeOutline, t: SceneTransform): void;
  setBackground(positions: Float32Array): void;
  setSelected(positions: Float32Array, slots: Float32Array): void;
  resize(width: number, height: number): void;
  mvp(): Float32Array;
  afterNextRender(fn: () => void): void;
  invalidate(): void;
  reset(): void;
  /** Pointer drag by pixel deltas: rotate, or pan with `pan`. */
  drag(dx: number, dy: number, height: number, pan: boolean): void;
  zoom(deltaY: number): void;
  dispose(): void;
}

export class Probe3dRenderer implements SpikeRenderer {
  readonly orbit: OrbitCamera;
  readonly #renderer: WebGLRenderer;
  /** What each frame draws: the cached background (a textured triangle) and the selection. */
  readonly #scene = new Scene();
  /** The probe and the background points, drawn into #cache when they or the camera change. */
  readonly #backgroundScene = new Scene();
  readonly #cache = new WebGLRenderTarget(1, 1, {
    minFilter: NearestFilter,
    magFilter: NearestFilter,
    depthBuffer: false,
  });
  #cacheStale = true;
  readonly #copy: Mesh;
  readonly #background: Points;
  #backgroundTotal = 0;
  #backgroundLimit = INITIAL_BACKGROUND_POINTS;
  readonly #selected: Points;
  /**
   * Software rasteriser: the selected spikes drawn on the CPU into one image instead of
   * #selected. SwiftShader spends ~2 µs per point primitive in the GPU process, so a refinement
   * frame of a 150k-spike cluster held the page's thread for 200-400 ms (its commit waits for the
   * GPU process); projecting and rasterising the same points here takes ~10 ms.
   */
  readonly #selectedImage: PointImage | null;
  #selectedRgba: Float32Array = new Float32Array(0);
  #selectedPositions: Float32Array = new Float32Array(0);
  /**
   * What the selection image lacks: 'data' (new spikes: drawn over several frames if need be,
   * the previous image staying meanwhile) or 'view' (camera, size, theme: redrawn in the frame,
   * so that it never lags behind the background).
   */
  #selectedStale: 'none' | 'data' | 'view' = 'none';
  #selectedBudgetMs = Infinity;
  #cssWidth = 1;
  #cssHeight = 1;
  readonly #probe: LineSegments;
  #frame = 0;
  #afterRender: Array<() => void> = [];
  #onRendered: (ms: number) => void;

  /** @throws Error when WebGL is unavailable (the caller falls back to a 2D view). */
  constructor(canvas: HTMLCanvasElement, onRendered: (ms: number) => void) {
    this.#renderer = new WebGLRenderer({
      canvas,
      antialias: false,
      powerPreference: 'high-performance',
    });
    this.#renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio ?? 1));
    this.#renderer.outputColorSpace = LinearSRGBColorSpace;
    this.#onRendered = onRendered;
    this.orbit = new OrbitCamera(1, () => this.#invalidateBackground());
    this.#background = new Points(
      new BufferGeometry(),
      pointMaterial(1.5, 0.35, [0.55, 0.55, 0.6]),
    );
    this.#selected = new Points(
      new BufferGeometry(),
      pointMaterial(SELECTED_SIZE, SELECTED_ALPHA, [1, 1, 1]),
    );
    this.#probe = new LineSegments(
      new BufferGeometry(),
      new LineBasicMaterial({ color: displayColor(0x8899aa) }),
    );
    this.#background.renderOrder = 1;
    this.#selected.renderOrder = 2;
    this.#background.frustumCulled = false;
    this.#selected.frustumCulled = false;
    this.#backgroundScene.add(this.#probe, this.#background);
    // The cached background (a render target: rows bottom-up) copied under the selection.
    this.#copy = fullScreenTexture(this.#cache.texture, false);
    this.#copy.renderOrder = 0;
    this.#selectedImage = softwareWebGl() ? new PointImage() : null;
    if (this.#selectedImage) this.#selectedImage.mesh.renderOrder = 2;
    this.#scene.add(this.#copy, this.#selectedImage?.mesh ?? this.#selected);
  }

  /** The camera, the size, the theme or the background changed: redraw the cached layer. */
  #invalidateBackground(): void {
    this.#cacheStale = true;
    this.#selectedStale = 'view';
    this.invalidate();
  }

  setTheme(dark: boolean): void {
    this.#backgroundScene.background = displayColor(dark ? 0x15171c : 0xf4f5f7);
    const bg = this.#background.material as ShaderMaterial;
    bg.uniforms['baseColor']!.value = dark
      ? new Vector3(0.55, 0.55, 0.6)
      : new Vector3(0.45, 0.45, 0.5);
    this.#invalidateBackground();
  }

  /** Probe outline as line segments: shank rectangles, contact crosses and a depth axis. */
  setProbe(outline: ProbeOutline, t: SceneTransform): void {
    const v: number[] = [];
    const seg = (a: number[], b: number[]) => v.push(...a, ...b);
    for (const s of outline.shanks) {
      seg([s.x0, s.y0, 0], [s.x1, s.y0, 0]);
      seg([s.x1, s.y0, 0], [s.x1, s.y1, 0]);
      seg([s.x1, s.y1, 0], [s.x0, s.y1, 0]);
      seg([s.x0, s.y1, 0], [s.x0, s.y0, 0]);
    }
    const c = outline.contacts;
    for (let i = 0; i < c.length; i += 2) {
      seg([c[i]! - 3, c[i + 1]!, 0], [c[i]! + 3, c[i + 1]!, 0]);
      seg([c[i]!, c[i + 1]! - 3, 0], [c[i]!, c[i + 1]! + 3, 0]);
    }
    const ax = t.bounds[0] - 30;
    seg([ax, outline.yMin, 0], [ax, outline.yMax, 0]);
    for (const tick of outline.depthTicks) seg([ax - 8, tick, 0], [ax, tick, 0]);
    // The third axis, along z at the bottom-left corner.
    seg([ax, outline.yMin, 0], [ax, outline.yMin, t.bounds[5]]);
    this.#replace(this.#probe, Float32Array.from(v), null);
    this.orbit.frame(t.bounds);
    this.#invalidateBackground();
  }

  setBackground(positions: Float32Array): void {
    this.#replace(this.#background, positions, null);
    this.#backgroundTotal = positions.length / 3;
    this.#applyBackgroundLimit();
    this.#invalidateBackground();
  }

  /** Background points currently drawn (the level of detail), for tests and the status line. */
  get backgroundDrawn(): number {
    return Math.min(this.#backgroundLimit, this.#backgroundTotal);
  }

  #applyBackgroundLimit(): void {
    // The core sends the background in a progressive order (every prefix is an even sample of
    // the recording), so drawing a prefix is a coarser level of detail of the same cloud.
    this.#background.geometry.setDrawRange(0, this.backgroundDrawn);
  }

  /**
   * Level of detail: keeps a frame (measured to completion) near FRAME_TARGET_MS by drawing more
   * or fewer background points. On a real GPU the whole cloud fits; on a software rasteriser
   * (remote desktops, SwiftShader) the background shrinks until orbiting stays interactive.
   */
  #adaptLevelOfDetail(frameMs: number): void {
    const drawn = this.backgroundDrawn;
    let next = this.#backgroundLimit;
    if (frameMs > FRAME_TARGET_MS * 1.5 && drawn > MIN_BACKGROUND_POINTS) {
      next = Math.max(MIN_BACKGROUND_POINTS, Math.floor(drawn * (FRAME_TARGET_MS / frameMs)));
    } else if (frameMs < FRAME_TARGET_MS * 0.6 && drawn < this.#backgroundTotal) {
      next = Math.min(this.#backgroundTotal, drawn * 2);
    }
    if (next !== this.#backgroundLimit) {
      this.#backgroundLimit = next;
      this.#applyBackgroundLimit();
      // The cached layer keeps the old level of detail until the next background frame (the
      // camera moves, ...): a selection frame never pays for the background.
    }
  }

  /** The selected clusters' spikes; `slots` picks each point's palette colour. */
  setSelected(positions: Float32Array, slots: Float32Array): void {
    if (!this.#selectedImage) {
      this.#replace(this.#selected, positions, slots);
      return;
    }
    this.#selectedPositions = positions;
    this.#selectedRgba = slotColors(slots, SELECTED_ALPHA);
    if (this.#selectedStale === 'none') this.#selectedStale = 'data';
    this.invalidate();
  }

  /**
   * Software path: projects the selected spikes with the current camera and rasterises them.
   * Returns false while an image of new spikes is still in progress (within SELECTED_BUDGET_MS
   * a frame, so a refinement of a huge cluster never holds the page's thread for long).
   */
  #drawSelectedImage(): boolean {
    const image = this.#selectedImage;
    if (!image) return true;
    if (this.#selectedStale !== 'none') {
      const xy = projectPoints(
        this.#selectedPositions,
        this.mvp(),
        this.#cssWidth,
        this.#cssHeight,
      );
      image.set(xy, this.#selectedRgba, SELECTED_SIZE);
      this.#selectedBudgetMs = this.#selectedStale === 'view' ? Infinity : SELECTED_BUDGET_MS;
      this.#selectedStale = 'none';
    }
    const size = this.#renderer.getDrawingBufferSize(new Vector2());
    return image.update(size.x, size.y, this.#renderer.getPixelRatio(), this.#selectedBudgetMs);
  }

  #replace(obj: Points | LineSegments, positions: Float32Array, slots: Float32Array | null): void {
    obj.geometry.dispose();
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(positions, 3));
    if (slots) g.setAttribute('slot', new BufferAttribute(slots, 1));
    else if (obj instanceof Points)
      g.setAttribute(
        'slot',
        new BufferAttribute(new Float32Array(positions.length / 3).fill(-1), 1),
      );
    obj.geometry = g;
    this.invalidate();
  }

  reset(): void {
    this.orbit.reset();
  }

  drag(dx: number, dy: number, height: number, pan: boolean): void {
    if (pan) this.orbit.pan(dx, dy, height);
    else this.orbit.rotate(dx, dy, height);
  }

  zoom(deltaY: number): void {
    this.orbit.zoom(deltaY);
  }

  resize(width: number, height: number): void {
    this.#renderer.setSize(width, height, false);
    this.#cssWidth = Math.max(1, width);
    this.#cssHeight = Math.max(1, height);
    const size = this.#renderer.getDrawingBufferSize(new Vector2());
    this.#cache.setSize(Math.max(1, size.x), Math.max(1, size.y));
    this.orbit.setAspect(width / Math.max(1, height));
    this.#invalidateBackground();
  }

  /** projection * view, column-major (for picking and the lasso). */
  mvp(): Float32Array {
    const cam = this.orbit.camera;
    return Float32Array.from(
      cam.projectionMatrix.clone().multiply(cam.matrixWorldInverse).elements,
    );
  }

  /** Runs `fn` once after the next frame is drawn. */
  afterNextRender(fn: () => void): void {
    this.#afterRender.push(fn);
    this.invalidate();
  }

  invalidate(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const t0 = performance.now();
      const drawsBackground = this.#cacheStale;
      // A camera change redraws the selection image in full (see #selectedStale), so an image in
      // progress only ever waits when the background is unchanged: nothing to draw until done.
      const selectionDone = this.#drawSelectedImage();
      if (!selectionDone && !drawsBackground) {
        this.invalidate();
        return;
      }
      if (drawsBackground) {
        this.#cacheStale = false;
        this.#renderer.setRenderTarget(this.#cache);
        this.#renderer.render(this.#backgroundScene, this.orbit.camera);
        this.#renderer.setRenderTarget(null);
      }
      this.#renderer.render(this.#scene, this.orbit.camera);
      this.#onRendered(performance.now() - t0);
      // The next animation frame comes once this one is on screen (the GPU, or a software
      // rasteriser, has drawn it): that delay is what the user waits for. (gl.finish() returns
      // early in Chromium's command buffer, so it cannot measure this.) Only frames that drew
      // the background say anything about its level of detail.
      if (drawsBackground)
        requestAnimationFrame(() => this.#adaptLevelOfDetail(performance.now() - t0));
      if (!selectionDone) {
        this.invalidate();
        return;
      }
      const after = this.#afterRender;
      this.#afterRender = [];
      for (const fn of after) fn();
    });
  }

  dispose(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    for (const obj of [this.#background, this.#selected, this.#probe, this.#copy]) {
      obj.geometry.dispose();
      (obj.material as ShaderMaterial).dispose();
    }
    this.#selectedImage?.dispose();
    this.#cache.dispose();
    this.#renderer.dispose();
  }
}
