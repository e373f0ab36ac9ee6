/**
 * @file Scatter points as one CPU-drawn image (point-raster.ts) on a full-canvas triangle, for
 * views on a software WebGL rasteriser (software-gl.ts), where SwiftShader pays a fixed setup cost
 * per point primitive. Shared by the 2D views and the 3D view's selected spikes. The image is
 * premultiplied and blended once over what was drawn before it; its texture is reused while the
 * canvas size stays the same (a new selection or camera only uploads new pixels). A large cloud
 * can be drawn within a time budget per frame: the previous image stays on screen until the new
 * one is complete.
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
    const sameSize = t !== null && t.image.width === width && t.image.height === height;
    if (!this.#stale && sameSize && this.#next < 0) return true;
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
    const texture = new DataTexture(
      this.#raster.finish(),
      width,
      height,
      RGBAFormat,
      UnsignedByteType,
    );
    this.#written = this.#raster.touched;
    texture.minFilter = texture.magFilter = NearestFilter;
    texture.needsUpdate = true;
    t?.dispose();
    this.#texture = texture;
    (this.mesh.material as ShaderMaterial).uniforms['map']!.value = texture;
    return true;
  }

  dispose(): void {
    this.#texture?.dispose();
    this.mesh.geometry.dispose();
    (this.mesh.material as Material).dispose();
  }
}
