import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { BufferPool, BufferUsage } from '../../../../electron/core/gpu/buffer-pool.js';
import { releaseGpu } from '../../../../electron/core/gpu/device.js';
import { gpuOrSkip } from './gpu-test-util.js';

after(() => releaseGpu());

const STORAGE = BufferUsage.STORAGE | BufferUsage.COPY_DST;

test('sizes: logical length rounded to 4 bytes, buffers to power-of-two classes', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const pool = new BufferPool(gpu.device);
  const a = pool.acquire(5, STORAGE, 'a');
  assert.equal(a.byteLength, 8);
  assert.equal(a.buffer.size, 256);
  const b = pool.acquire(1000, STORAGE, 'b');
  assert.equal(b.byteLength, 1000);
  assert.equal(b.buffer.size, 1024);
  const c = pool.acquire(0, STORAGE, 'c');
  assert.equal(c.byteLength, 4);
  pool.clear();
});

test('released buffers are reused for the same usage and size class only', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const pool = new BufferPool(gpu.device);
  const a = pool.acquire(600, STORAGE, 'a');
  pool.release(a);
  assert.equal(pool.pooledBytes, 1024);
  const other = pool.acquire(600, BufferUsage.UNIFORM | BufferUsage.COPY_DST, 'u');
  assert.notEqual(other.buffer, a.buffer);
  const again = pool.acquire(900, STORAGE, 'again');
  assert.equal(again.buffer, a.buffer);
  assert.equal(again.byteLength, 900);
  assert.equal(pool.pooledBytes, 0);
  pool.clear();
});

test('the pool never holds more than its budget', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const pool = new BufferPool(gpu.device, 2048);
  const list = [1, 2, 3].map((i) => pool.acquire(1024, STORAGE, `b${i}`));
  for (const b of list) pool.release(b);
  assert.equal(pool.pooledBytes, 2048);
  pool.clear();
  assert.equal(pool.pooledBytes, 0);
});
