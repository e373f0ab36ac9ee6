import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  getGpu,
  GPU_ENV_SWITCH,
  gpuStatus,
  releaseGpu,
} from '../../../../electron/core/gpu/device.js';
import { gpuOrSkip } from './gpu-test-util.js';

after(() => releaseGpu());

test('getGpu returns one shared device and reports it', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  assert.equal(await getGpu(), gpu);
  const [x, y] = await Promise.all([getGpu(), getGpu()]);
  assert.equal(x, y);
  const status = gpuStatus();
  assert.equal(status.available, true);
  if (status.available) assert.equal(status.adapterName, gpu.adapterName);
  assert.ok(gpu.limits.maxStorageBufferBindingSize >= 128 * 1024 * 1024);
});

test('a lost device is forgotten and replaced on the next call', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  gpu.device.destroy(); // what a driver reset looks like from here
  await gpu.device.lost;
  assert.equal(gpu.lost, true);
  const fresh = await getGpu();
  assert.ok(fresh);
  assert.notEqual(fresh, gpu);
  assert.equal(fresh.lost, false);
});

test('releaseGpu destroys the device; the environment switch disables the GPU', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  await releaseGpu();
  assert.equal(gpu.lost, true);
  assert.deepEqual(gpuStatus(), { available: false, reason: 'GPU released' });
  const saved = process.env[GPU_ENV_SWITCH];
  process.env[GPU_ENV_SWITCH] = 'off';
  try {
    assert.equal(await getGpu(), null);
    const status = gpuStatus();
    assert.ok(!status.available && status.reason.includes(GPU_ENV_SWITCH));
  } finally {
    if (saved === undefined) delete process.env[GPU_ENV_SWITCH];
    else process.env[GPU_ENV_SWITCH] = saved;
  }
  assert.ok(await getGpu());
});
