/**
 * @file A texture drawn over the whole canvas by one triangle, without depth: the 3D view's cached
 * background and the CPU-drawn point images (point-image.ts).
 */
import {
  BufferAttribute,
  BufferGeometry,
  Mesh,
  ShaderMaterial,
  type ShaderMaterialParameters,
  type Texture,
} from 'three';

const VERTEX = /* glsl */ `
  varying vec2 vUv;
  void main() {
    #ifdef ROWS_TOP_DOWN
      vUv = vec2(position.x * 0.5 + 0.5, 0.5 - position.y * 0.5);
    #else
      vUv = position.xy * 0.5 + 0.5;
    #endif
    gl_Position = vec4(position.xy, 0.0, 1.0);
  }
`;
const FRAGMENT = /* glsl */ `
  uniform sampler2D map;
  varying vec2 vUv;
  void main() {
    gl_FragColor = texture2D(map, vUv);
  }
`;

/**
 * A mesh that copies `map` onto the canvas. `rowsTopDown`: the texture's first row is the top of
 * the canvas (a CPU image), else the bottom (a render target). `material` adds blending etc.
 */
export function fullScreenTexture(
  map: Texture | null,
  rowsTopDown: boolean,
  material: Omit<ShaderMaterialParameters, 'vertexShader' | 'fragmentShader' | 'uniforms'> = {},
): Mesh<BufferGeometry, ShaderMaterial> {
  // One triangle covering the clip square (cheaper than two: no diagonal seam to rasterise twice).
  const triangle = new BufferGeometry();
  triangle.setAttribute(
    'position',
    new BufferAttribute(new Float32Array([-1, -1, 0, 3, -1, 0, -1, 3, 0]), 3),
  );
  const mesh = new Mesh(
    triangle,
    new ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: { map: { value: map } },
      defines: rowsTopDown ? { ROWS_TOP_DOWN: '' } : {},
      depthTest: false,
      depthWrite: false,
      ...material,
    }),
  );
  mesh.frustumCulled = false;
  return mesh;
}
