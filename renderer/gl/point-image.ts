/**
 * @file Scatter points as one CPU-drawn image (point-raster.ts) on a full-canvas triangle, for
 * views on a software WebGL rasteriser (software-gl.ts), where SwiftShader pays a fixed setup cost
 * per point primitive. Shared by the 2D views and the 3D view's selected spikes. The image is
 * premultiplied and blended once over what was drawn before it; its texture is reused while the
 * canvas size stays the same (a new selection or camera only uploads new pixels). A large cloud
 * can be drawn within a time budget per frame: the previous image stays on screen until the new
 * one is complete. An image can also be drawn ahead (`prepare`, while the page waits for other
 * views' payloads) into a second buffer; the frame that shows it then only uploads it.
 */
import type { Mesh, ShaderMaterial } from 'three';
import {
  CustomBlending,
  DataTexture,
  NearestFilter,
  OneFactor,
  OneMinusSrcAlphaFactor,
  RGBAFormat,
  UnsignedByteType,
  type Material,
} from 'three';
import { fullScreenTexture } from './full-screen-texture.js';
import { PointRaster, type PixelRect } from './point-raster.js';

/** No pixels. */
const NONE: PixelRect = { x0: 0, x1: -1, y0: 0, y1: -1 };

/** Points rasterised between two looks at the clock when drawing within a time budget. */
const BLOCK = 4096;

export class PointImage {
  readonly mesh: Mesh;
  #texture: DataTexture | null = null;
  #xy: Float32Array = new Float32Array(0);
  #rgba: Float32Array = new Float32Array(0);
  #size = 1;
  #stale = true;
  readonly #raster = new PointRaster();
  /** The next point to rasterise of an image in progress; -1 when the texture is current. */
  #next = -1;
  /** The pixels the texture's image may hold (transparent everywhere else). */
  #written: PixelRect | undefined;
  /** The second image buffer (drawn ahead), and the pixels it may hold. */
  #spare: { image: Uint8Array; written: PixelRect } | null = null;
  /** What the spare buffer holds when it was drawn ahead for points not shown yet. */
  #prepared: {
    xy: Float32Array;
    rgba: Float32Array;
    size: number;
    width: number;
    height: number;
    pixelRatio: number;
  } | null = null;
  #pixelRatio = 1;

  constructor() {
    // The image is premultiplied: blended once over what was drawn before it.
    this.mesh = fullScreenTexture(null, true, {
      transparent: true,
      blending: CustomBlending,
      blendSrc: OneFactor,
      blendDst: OneMinusSrcAlphaFactor,
      blendSrcAlpha: OneFactor,
      blendDstAlpha: OneMinusSrcAlphaFactor,
    });
  }

  /**
   * The points to draw: `xy` centres in CSS pixels (y down), `rgba` straight-alpha colours 0..1
   * per point, `size` the side in device pixels. Drawn at the next {@link update}.
   */
  set(xy: Float32Array, rgba: Float32Array, size: number): void {
    [this.#xy, this.#rgba, this.#size] = [xy, rgba, size];
    this.#stale = true;
  }

  /**
   * Draws the image again when the points or the canvas size (device pixels) changed. With a
   * `budgetMs`, stops once that much time is spent and returns false (call again, typically on the
   * next frame, to go on; the texture still holds the previous image); true once the texture holds
   * the current points.
   */
  update(width: number, height: number, pixelRatio: number, budgetMs = Infinity): boolean {
    const t0 = performance.now();
    const t = this.#texture;
    const sameSize =
      t !== null &&
      t.image.width === width &&
      t.image.height === height &&
      this.#pixelRatio === pixelRatio;
    if (!this.#stale && sameSize && this.#next < 0) return true;
    this.#pixelRatio = pixelRatio;
    if (this.#stale && this.#showPrepared(width, height, pixelRatio)) return true;
    if (this.#stale || !sameSize) {
      this.#stale = false;
      this.#raster.begin(width, height, this.#size, pixelRatio);
      this.#next = 0;
    }
    const n = this.#xy.length / 2;
    while (this.#next < n) {
      const to = Math.min(n, this.#next + BLOCK);
      this.#raster.add(this.#xy, this.#rgba, this.#next, to);
      this.#next = to;
      if (this.#next < n && performance.now() - t0 > budgetMs) return false;
    }
    this.#next = -1;
    // Shown or hidden only now: until the new image is complete the previous one stays.
    this.mesh.visible = n > 0;
    if (t && sameSize) {
      // Same size: write into the texture's own pixels and upload them into the same GL texture.
      this.#raster.finish(t.image.data as Uint8Array, this.#written);
      this.#written = this.#raster.touched;
      t.needsUpdate = true;
      return true;
    }
    this.#setTexture(
      new DataTexture(this.#raster.finish(), width, height, RGBAFormat, UnsignedByteType),
    );
    this.#written = this.#raster.touched;
    return true;
  }

  /**
   * Draws the image of these points ahead into the spare buffer, without showing it: a later
   * `set` of the same arrays and `update` at the same size swap it in instead of drawing again.
   * (A worker thread was tried for this: with the page, the core and the compositor already
   * sharing the CPU cores, the worker's image came later than drawing it here.)
   */
  prepare(
    xy: Float32Array,
    rgba: Float32Array,
    size: number,
    width: number,
    height: number,
    pixelRatio: number,
  ): void {
    // An image drawn within a budget is in progress in the raster: leave it alone.
    if (this.#next >= 0 || width <= 0 || height <= 0) return;
    const n = 4 * width * height;
    if (this.#spare?.image.length !== n) this.#spare = { image: new Uint8Array(n), written: NONE };
    this.#raster.begin(width, height, size, pixelRatio);
    this.#raster.add(xy, rgba, 0, xy.length / 2);
    this.#raster.finish(this.#spare.image, this.#spare.written);
    this.#spare.written = this.#raster.touched;
    this.#prepared = { xy, rgba, size, width, height, pixelRatio };
  }

  /** Shows the image drawn ahead when it is the one of the current points; false otherwise. */
  #showPrepared(width: number, height: number, pixelRatio: number): boolean {
    const p = this.#prepared;
    const spare = this.#spare;
    this.#prepared = null;
    if (
      !p ||
      !spare ||
      p.xy !== this.#xy ||
      p.rgba !== this.#rgba ||
      p.size !== this.#size ||
      p.width !== width ||
      p.height !== height ||
      p.pixelRatio !== pixelRatio
    )
      return false;
    this.#stale = false;
    this.#next = -1;
    this.mesh.visible = this.#xy.length > 0;
    const t = this.#texture;
    if (t && t.image.width === width && t.image.height === height) {
      // Swap: the texture shows the spare buffer; its old pixels become the spare.
      const old = { image: t.image.data as Uint8Array, written: this.#written ?? NONE };
      t.image.data = spare.image;
      this.#written = spare.written;
      this.#spare = old;
      t.needsUpdate = true;
      return true;
    }
    this.#setTexture(new DataTexture(spare.image, width, height, RGBAFormat, UnsignedByteType));
    this.#written = spare.written;
    this.#spare = null;
    return true;
  }

  #setTexture(texture: DataTexture): void {
    texture.minFilter = texture.magFilter = NearestFilter;
    texture.needsUpdate = true;
    this.#texture?.dispose();
    this.#texture = texture;
    (this.mesh.material as ShaderMaterial).uniforms['map']!.value = texture;
  }

  dispose(): void {
    this.#texture?.dispose();
    this.mesh.geometry.dispose();
    (this.mesh.material as Material).dispose();
  }
}
