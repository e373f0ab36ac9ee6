/**
 * @file Scatter points as one CPU-drawn image (point-raster.ts) on a full-canvas triangle, for
 * views on a software WebGL rasteriser (software-gl.ts), where SwiftShader pays a fixed setup cost
 * per point primitive. Shared by the 2D views and the 3D view's selected spikes. The image is
 * premultiplied and blended once over what was drawn before it; its texture is reused while the
 * canvas size stays the same (a new selection or camera only uploads new pixels). A large cloud
 * can be drawn within a time budget per frame: the previous image stays on screen until the new
 * one is complete.
 */
import {
  BufferAttribute,
  BufferGeometry,
  CustomBlending,
  DataTexture,
  Mesh,
  NearestFilter,
  OneFactor,
  OneMinusSrcAlphaFactor,
  RGBAFormat,
  ShaderMaterial,
  UnsignedByteType,
  type Material,
} from 'three';
import { PointRaster } from './point-raster.js';

/** Points rasterised between two looks at the clock when drawing within a time budget. */
const BLOCK = 4096;

/** Draws a premultiplied image (rows top to bottom) over the whole canvas. */
const IMAGE_VERTEX = /* glsl */ `
  varying vec2 vUv;
  void main() {
    vUv = vec2(position.x * 0.5 + 0.5, 0.5 - position.y * 0.5);
    gl_Position = vec4(position.xy, 0.0, 1.0);
  }
`;
const IMAGE_FRAGMENT = /* glsl */ `
  uniform sampler2D map;
  varying vec2 vUv;
  void main() {
    gl_FragColor = texture2D(map, vUv);
  }
`;

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

  constructor() {
    const triangle = new BufferGeometry();
    triangle.setAttribute(
      'position',
      new BufferAttribute(new Float32Array([-1, -1, 0, 3, -1, 0, -1, 3, 0]), 3),
    );
    this.mesh = new Mesh(
      triangle,
      new ShaderMaterial({
        vertexShader: IMAGE_VERTEX,
        fragmentShader: IMAGE_FRAGMENT,
        uniforms: { map: { value: null } },
        transparent: true,
        depthTest: false,
        depthWrite: false,
        blending: CustomBlending,
        blendSrc: OneFactor,
        blendDst: OneMinusSrcAlphaFactor,
        blendSrcAlpha: OneFactor,
        blendDstAlpha: OneMinusSrcAlphaFactor,
      }),
    );
    this.mesh.frustumCulled = false;
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
      this.#raster.finish(t.image.data as Uint8Array);
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
