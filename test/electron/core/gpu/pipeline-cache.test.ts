import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../electron/core/gpu/device.js';
import { loadWgsl } from '../../../../electron/core/gpu/pipeline-cache.js';
import { gpuOrSkip } from './gpu-test-util.js';

after(() => releaseGpu());

const PROBE = new URL('./fixtures/chunk-probe.wgsl', import.meta.url);
const BROKEN = new URL('./fixtures/broken.wgsl', import.meta.url);

test('loadWgsl reads a shader relative to a module URL', () => {
  assert.match(loadWgsl(PROBE), /fn main/);
});

test('the same (file, entry, constants) yields the same pipeline', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const a = gpu.pipelines.get(PROBE);
  const b = gpu.pipelines.get(PROBE, 'main', {});
  assert.equal(a, b);
  assert.equal(await a, await b);
});

test('a WGSL error is reported with file and line, and not cached', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  await assert.rejects(gpu.pipelines.get(BROKEN), /broken\.wgsl:4:\d+: .*undefined_thing/);
  await assert.rejects(gpu.pipelines.get(BROKEN), /WGSL compilation failed/);
});
