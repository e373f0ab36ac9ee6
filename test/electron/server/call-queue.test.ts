import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallQueue } from '../../../electron/server/call-queue.js';
import type { InvokePriority } from '../../../shared/contract/define.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CallQueue', () => {
  it('runs interactive calls at once and queued calls one per turn, view before idle', async () => {
    const q = new CallQueue();
    const order: string[] = [];
    const call = (name: string, priority: InvokePriority, cancelled = () => false) =>
      q.schedule(
        priority,
        () => {
          order.push(name);
          return Promise.resolve(name);
        },
        cancelled,
        () => `${name} dropped`,
      );
    const results = [call('idle1', 'idle'), call('view1', 'view'), call('view2', 'view')];
    results.push(call('now', 'interactive'));
    assert.deepEqual(order, ['now']); // queued calls wait for a later turn
    await turn();
    assert.deepEqual(order, ['now', 'view1']);
    // An interactive call arriving between turns goes before the next queued one.
    results.push(call('now2', 'interactive'));
    await turn();
    assert.deepEqual(order, ['now', 'view1', 'now2', 'view2']);
    await turn();
    assert.deepEqual(order, ['now', 'view1', 'now2', 'view2', 'idle1']);
    assert.deepEqual(await Promise.all(results), ['idle1', 'view1', 'view2', 'now', 'now2']);
    assert.equal(q.waiting, 0);
  });

  it('never starts a call cancelled while queued, and answers it at once', async () => {
    const q = new CallQueue();
    let cancelled = false;
    let ran = 0;
    const first = q.schedule(
      'view',
      () => Promise.resolve(++ran),
      () => false,
      () => -1,
    );
    const second = q.schedule(
      'view',
      () => Promise.resolve(++ran),
      () => cancelled,
      () => -1,
    );
    cancelled = true;
    assert.equal(await first, 1);
    assert.equal(await second, -1);
    assert.equal(ran, 1);
  });

  it('starts the next call while an async one is still running', async () => {
    const q = new CallQueue();
    let release!: () => void;
    const slow = q.schedule(
      'idle',
      () => new Promise<string>((resolve) => (release = () => resolve('slow'))),
      () => false,
      () => '',
    );
    await turn();
    const fast = q.schedule(
      'view',
      () => Promise.resolve('fast'),
      () => false,
      () => '',
    );
    assert.equal(await fast, 'fast');
    release();
    assert.equal(await slow, 'slow');
  });
});
