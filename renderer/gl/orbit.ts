/**
 * @file A small orbit camera: rotate around a target (drag), pan (right/middle drag or
 * Shift+drag), zoom (wheel), reset. Framework-free; calls `onChange` so the owner can render on
 * demand instead of looping.
 */
import { PerspectiveCamera, Spherical, Vector3 } from 'three';

export class OrbitCamera {
  readonly camera: PerspectiveCamera;
  readonly target = new Vector3();
  readonly #spherical = new Spherical();
  #home: { target: Vector3; radius: number; theta: number; phi: number } | null = null;

  constructor(
    aspect: number,
    private readonly onChange: () => void,
  ) {
    this.camera = new PerspectiveCamera(40, aspect, 1, 1e6);
    this.camera.up.set(0, 1, 0);
  }

  /** Frames a bounding box (scene units) and remembers it as the home view. */
  frame(bounds: readonly [number, number, number, number, number, number]): void {
    const [x0, y0, z0, x1, y1, z1] = bounds;
    const center = new Vector3((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
    const size = Math.max(x1 - x0, y1 - y0, z1 - z0, 1);
    const radius = (size / (2 * Math.tan((this.camera.fov * Math.PI) / 360))) * 1.15;
    // A three-quarter view: mostly facing the probe plane, rotated a little to show depth.
    this.#home = { target: center, radius, theta: 0.6, phi: Math.PI / 2 - 0.15 };
    this.camera.near = radius / 1000;
    this.camera.far = radius * 100;
    this.reset();
  }

  reset(): void {
    if (!this.#home) return;
    this.target.copy(this.#home.target);
    this.#spherical.set(this.#home.radius, this.#home.phi, this.#home.theta);
    this.#apply();
  }

  setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
  }

  /** Rotates by pixel deltas (a full drag across the height is about half a turn). */
  rotate(dx: number, dy: number, height: number): void {
    const k = Math.PI / Math.max(height, 1);
    this.#spherical.theta -= dx * k;
    this.#spherical.phi = Math.min(Math.PI - 0.01, Math.max(0.01, this.#spherical.phi - dy * k));
    this.#apply();
  }

  /** Pans by pixel deltas, in the camera plane. */
  pan(dx: number, dy: number, height: number): void {
    const perPixel =
      (2 * this.#spherical.radius * Math.tan((this.camera.fov * Math.PI) / 360)) /
      Math.max(height, 1);
    const right = new Vector3()
      .setFromMatrixColumn(this.camera.matrix, 0)
      .multiplyScalar(-dx * perPixel);
    const up = new Vector3()
      .setFromMatrixColumn(this.camera.matrix, 1)
      .multiplyScalar(dy * perPixel);
    this.target.add(right).add(up);
    this.#apply();
  }

  /** Zooms by a wheel delta (positive: out). */
  zoom(deltaY: number): void {
    this.#spherical.radius = Math.max(1e-3, this.#spherical.radius * Math.exp(deltaY * 0.001));
    this.#apply();
  }

  #apply(): void {
    this.camera.position.setFromSpherical(this.#spherical).add(this.target);
    this.camera.lookAt(this.target);
    this.camera.updateMatrixWorld();
    this.camera.updateProjectionMatrix();
    this.onChange();
  }
}
