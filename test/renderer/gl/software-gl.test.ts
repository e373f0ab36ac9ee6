import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSoftwareRenderer, rendererName } from '../../../renderer/gl/software-gl.js';

test('software rasterisers are recognised by their WebGL renderer names', () => {
  for (const name of [
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
  ])
    assert.equal(isSoftwareRenderer(name), true, name);
  for (const name of [
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Apple M2',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
  ])
    assert.equal(isSoftwareRenderer(name), false, name);
});

test('the unmasked renderer name is preferred when the extension exists', () => {
  const params: Record<number, string> = { 1: 'WebKit WebGL', 2: 'SwiftShader' };
  const gl = (ext: boolean) => ({
    RENDERER: 1,
    getParameter: (p: number) => params[p],
    getExtension: (name: string) =>
      ext && name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 2 } : null,
  });
  assert.equal(rendererName(gl(true)), 'SwiftShader');
  assert.equal(rendererName(gl(false)), 'WebKit WebGL');
});
