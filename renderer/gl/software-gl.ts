/**
 * @file Whether WebGL is rasterised in software (SwiftShader, llvmpipe: a browser without a GPU,
 * a remote desktop, a VM). There every fragment costs CPU time, so the views skip what multiplies
 * it (multisample anti-aliasing draws each pixel four times and resolves it on every frame).
 */

/** What a WebGL context tells about its renderer (the part of the API used here). */
interface GlInfo {
  readonly RENDERER: number;
  getParameter(name: number): unknown;
  getExtension(name: string): unknown;
}

/** The renderer names of software rasterisers, as WebGL reports them. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

/** Whether a renderer name (UNMASKED_RENDERER_WEBGL, else RENDERER) is a software rasteriser. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/** The renderer name of a context (the unmasked one when the browser exposes it). */
export function rendererName(gl: GlInfo): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info') as {
    UNMASKED_RENDERER_WEBGL: number;
  } | null;
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

interface CanvasLike {
  getContext(kind: 'webgl2' | 'webgl'): unknown;
}

let software: boolean | null = null;

/** Whether this page's WebGL is software-rasterised (probed once, on a throwaway canvas). */
export function softwareWebGl(): boolean {
  if (software !== null) return software;
  software = false;
  try {
    // Through globalThis: this module is also type-checked (and tested) without the DOM typings.
    const doc = (globalThis as { document?: { createElement(tag: 'canvas'): CanvasLike } })
      .document;
    const canvas = doc?.createElement('canvas');
    const gl = (canvas?.getContext('webgl2') ??
      canvas?.getContext('webgl') ??
      null) as GlInfo | null;
    if (gl) {
      software = isSoftwareRenderer(rendererName(gl));
      (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
    }
  } catch {
    // No WebGL at all: the views fall back on their own; anti-aliasing does not matter then.
  }
  return software;
}
