import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Waiters } from '../../../renderer/state/waiters.js';

test('waits resolve at the next release, or at their own timeout', async () => {
  const w = new Waiters();
  const order: string[] = [];
  const a = w.wait(10_000).then(() => order.push('a'));
  const b = w.wait(10_000).then(() => order.push('b'));
  w.releaseAll();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a', 'b']);
  // A wait after the release is not resolved by it: only its timeout ends it.
  const t0 = Date.now();
  await w.wait(30);
  assert.ok(Date.now() - t0 >= 25);
  // Releasing with nobody waiting is harmless.
  w.releaseAll();
});
