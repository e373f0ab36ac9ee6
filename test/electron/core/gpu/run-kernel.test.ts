import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../electron/core/gpu/device.js';
import {
  checkBindingSize,
  dispatchChunks,
  GpuAbortError,
  GpuCapacityError,
  packParams,
  withKernelBuffers,
} from '../../../../electron/core/gpu/run-kernel.js';
import { gpuOrSkip } from './gpu-test-util.js';

after(() => releaseGpu());

const PROBE = new URL('./fixtures/chunk-probe.wgsl', import.meta.url);

test('packParams lays out u32/f32 fields little-endian, padded to 16 bytes', () => {
  const buf = packParams([{ u32: 7 }, { f32: 1.5 }, { u32: 0xffffffff }, { u32: 2 }, { f32: -2 }]);
  assert.equal(buf.byteLength, 32);
  const view = new DataView(buf);
  assert.equal(view.getUint32(0, true), 7);
  assert.equal(view.getFloat32(4, true), 1.5);
  assert.equal(view.getUint32(8, true), 0xffffffff);
  assert.equal(view.getUint32(12, true), 2);
  assert.equal(view.getFloat32(16, true), -2);
  assert.equal(view.getUint32(20, true), 0);
  assert.equal(packParams([]).byteLength, 16);
});

test('dispatchChunks covers every item exactly once, chunk by chunk', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const pipeline = await gpu.pipelines.get(PROBE);
  const items = 1000;
  const progress: number[] = [];
  const { hits, tags } = await withKernelBuffers(gpu, async (buffers) => {
    const hitsBuf = buffers.zeros(items * 4, 'hits');
    const tagsBuf = buffers.zeros(items * 4, 'tags');
    await dispatchChunks(gpu, {
      pipeline,
      buffers,
      bindings: [hitsBuf, tagsBuf],
      items,
      itemsPerWorkgroup: 64,
      chunkItems: 300, // rounded down to 256, a multiple of the workgroup
      params: (start, count) => packParams([{ u32: start }, { u32: count }, { u32: start }]),
      onProgress: (done, total) => {
        assert.equal(total, items);
        progress.push(done);
      },
    });
    return {
      hits: new Uint32Array(await buffers.read(hitsBuf)),
      tags: new Uint32Array(await buffers.read(tagsBuf)),
    };
  });
  assert.deepEqual(progress, [256, 512, 768, 1000]);
  for (let i = 0; i < items; i++) {
    assert.equal(hits[i], 1, `item ${i}`);
    assert.equal(tags[i], Math.floor(i / 256) * 256, `item ${i}`);
  }
});

test('dispatchChunks stops between chunks when aborted', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const pipeline = await gpu.pipelines.get(PROBE);
  const controller = new AbortController();
  const hits = await withKernelBuffers(gpu, async (buffers) => {
    const hitsBuf = buffers.zeros(512 * 4, 'hits');
    const tagsBuf = buffers.zeros(512 * 4, 'tags');
    await assert.rejects(
      dispatchChunks(gpu, {
        pipeline,
        buffers,
        bindings: [hitsBuf, tagsBuf],
        items: 512,
        itemsPerWorkgroup: 64,
        chunkItems: 128,
        params: (start, count) => packParams([{ u32: start }, { u32: count }, { u32: 0 }]),
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
      GpuAbortError,
    );
    return new Uint32Array(await buffers.read(hitsBuf));
  });
  assert.equal(
    hits.reduce((a, b) => a + b, 0),
    128,
    'only the first chunk ran',
  );
});

test('KernelBuffers: upload/write/read round trip, zeros, capacity check', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  await withKernelBuffers(gpu, async (buffers) => {
    const data = new Float32Array([1.5, -2, 3e10, 0]);
    const a = buffers.upload(data, 'a');
    assert.deepEqual(new Float32Array(await buffers.read(a)), data);
    buffers.write(a, new Int32Array([-7]));
    assert.deepEqual([...new Int32Array(await buffers.read(a))], [-7, -1073741824, 1356825718, 0]);
    const z = buffers.zeros(40, 'z');
    assert.deepEqual(new Uint32Array(await buffers.read(z)), new Uint32Array(10));
    assert.throws(() => buffers.write(z, new Uint32Array(11)), RangeError);
  });
  assert.throws(() => checkBindingSize(gpu, 2 ** 40, 'huge'), GpuCapacityError);
  assert.doesNotThrow(() => checkBindingSize(gpu, 1024, 'small'));
});
