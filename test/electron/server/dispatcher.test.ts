import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WIRE_CHANNELS } from '../../../shared/contract/codec.js';
import type { JobSettled, Reply } from '../../../shared/contract/codec.js';
import type { JobProgress } from '../../../shared/contract/define.js';
import { createDispatcher } from '../../../electron/server/dispatcher.js';
import type { Peer } from '../../../electron/server/dispatcher.js';
import {
  fakeContract,
  fakeHandlers,
  laterLog,
  queuedContract,
  queuedHandlers,
} from './fake-contract.js';

/** A peer that records its pushes and can wait for a job to settle. */
function recordingPeer(canWrite: boolean) {
  const progress: JobProgress[] = [];
  const settled = new Map<string, Reply>();
  const waiters = new Map<string, (r: Reply) => void>();
  const peer: Peer = {
    canWrite,
    push: (channel, payload) => {
      if (channel === WIRE_CHANNELS.jobProgress) progress.push(payload as JobProgress);
      if (channel === WIRE_CHANNELS.jobSettled) {
        const { jobId, reply } = payload as JobSettled;
        settled.set(jobId, reply);
        waiters.get(jobId)?.(reply);
      }
    },
  };
  const settledOf = (jobId: string) =>
    settled.has(jobId)
      ? Promise.resolve(settled.get(jobId)!)
      : new Promise<Reply>((resolve) => waiters.set(jobId, resolve));
  return { peer, progress, settledOf };
}

const errorOf = (reply: Reply) => {
  assert.equal(reply.ok, false);
  return (reply as Extract<Reply, { ok: false }>).error;
};

describe('dispatcher', () => {
  const dispatcher = createDispatcher(fakeContract, fakeHandlers, { progressIntervalMs: 50 });

  it('validates, calls and answers', async () => {
    const { peer } = recordingPeer(true);
    assert.deepEqual(
      await dispatcher.call('test:sum', { spikes: new Uint32Array([1, 2, 40]) }, peer),
      { ok: true, value: 43 },
    );
    const bad = errorOf(await dispatcher.call('test:sum', { spikes: [1, 2] }, peer));
    assert.equal(bad.code, 'invalid-args');
    assert.equal(bad.operation, 'test:sum');
    assert.match(bad.message, /spikes/);
  });

  it('refuses unknown channels, events as calls and prototype names', async () => {
    const { peer } = recordingPeer(true);
    for (const channel of ['nope', 'test:happened', '__proto__', 'constructor'])
      assert.equal(errorOf(await dispatcher.call(channel, {}, peer)).code, 'unknown-operation');
  });

  it('refuses write operations from read-only peers, not reads', async () => {
    const { peer } = recordingPeer(false);
    const error = errorOf(await dispatcher.call('test:sum', { spikes: new Uint32Array(1) }, peer));
    assert.equal(error.code, 'read-only');
    assert.match(error.message, /read-only/);
    assert.deepEqual(await dispatcher.call('test:echo', { value: 5 }, peer), {
      ok: true,
      value: 5,
    });
  });

  it('answers interactive calls before queued view calls, and drops cancelled ones', async () => {
    const { peer } = recordingPeer(true);
    const dispatcher = createDispatcher(queuedContract, queuedHandlers);
    laterLog.length = 0;
    const order: string[] = [];
    const track = (name: string, p: Promise<Reply>) => p.then((r) => (order.push(name), r));
    const cancel = new AbortController();
    const calls = [
      track('later a', dispatcher.call('test:later', { value: 'a' }, peer)),
      track('later b', dispatcher.call('test:later', { value: 'b' }, peer, cancel.signal)),
      track('echo', dispatcher.call('test:echo', { value: 1 }, peer)),
    ];
    cancel.abort();
    const [a, b, echo] = await Promise.all(calls);
    assert.deepEqual(a, { ok: true, value: 'a' });
    assert.equal(errorOf(b!).code, 'cancelled');
    assert.deepEqual(echo, { ok: true, value: 1 });
    assert.equal(order[0], 'echo');
    assert.deepEqual(laterLog, ['a']); // b never ran
  });

  it('turns handler errors into replies with the operation and message', async () => {
    const { peer } = recordingPeer(true);
    assert.deepEqual(errorOf(await dispatcher.call('test:fail', {}, peer)), {
      code: 'failed',
      operation: 'test:fail',
      message: 'the disk is on fire',
    });
  });

  it('runs a job: ack, throttled progress, settled result', async () => {
    const { peer, progress, settledOf } = recordingPeer(true);
    const start = Date.now();
    const ack = await dispatcher.call(
      'test:count',
      { jobId: 'j1', args: { steps: 30, delayMs: 5 } },
      peer,
    );
    assert.deepEqual(ack, { ok: true, value: 'j1' });
    assert.deepEqual(await settledOf('j1'), { ok: true, value: 30 });
    const elapsed = Date.now() - start;
    assert.ok(progress.length >= 2, `${progress.length} progress pushes`);
    assert.ok(
      progress.length <= Math.ceil(elapsed / 50) + 1,
      `${progress.length} in ${elapsed} ms`,
    );
    assert.ok(progress.every((p) => p.jobId === 'j1' && p.total === 30));
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].done > progress[i - 1].done);
    assert.equal(dispatcher.runningJobs(), 0);
  });

  it('cancels a job and reports it as cancelled', async () => {
    const { peer, settledOf } = recordingPeer(true);
    await dispatcher.call('test:count', { jobId: 'c1', args: { steps: 10_000, delayMs: 2 } }, peer);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await dispatcher.call(WIRE_CHANNELS.jobCancel, 'c1', peer), {
      ok: true,
      value: true,
    });
    const error = errorOf(await settledOf('c1'));
    assert.equal(error.code, 'cancelled');
    assert.equal(error.operation, 'test:count');
    assert.deepEqual(await dispatcher.call(WIRE_CHANNELS.jobCancel, 'c1', peer), {
      ok: true,
      value: false,
    });
  });

  it('reports a failing job with its message and operation', async () => {
    const { peer, settledOf } = recordingPeer(true);
    await dispatcher.call(
      'test:count',
      { jobId: 'f1', args: { steps: 5, delayMs: 1, failAt: 2 } },
      peer,
    );
    assert.deepEqual(errorOf(await settledOf('f1')), {
      code: 'failed',
      operation: 'test:count',
      message: 'step 2 failed',
    });
  });

  it('refuses bad job ids, duplicate ids and bad job arguments', async () => {
    const { peer, settledOf } = recordingPeer(true);
    for (const payload of [{ args: { steps: 1, delayMs: 0 } }, { jobId: 'a b', args: {} }, null])
      assert.equal(
        errorOf(await dispatcher.call('test:count', payload, peer)).code,
        'invalid-args',
      );
    const bad = errorOf(
      await dispatcher.call('test:count', { jobId: 'x', args: { steps: -1, delayMs: 0 } }, peer),
    );
    assert.match(bad.message, /steps/);
    await dispatcher.call('test:count', { jobId: 'd1', args: { steps: 3, delayMs: 5 } }, peer);
    const dup = errorOf(
      await dispatcher.call('test:count', { jobId: 'd1', args: { steps: 3, delayMs: 5 } }, peer),
    );
    assert.match(dup.message, /already running/);
    assert.deepEqual(await settledOf('d1'), { ok: true, value: 3 });
  });

  it("a peer leaving cancels its jobs, not other peers' jobs", async () => {
    const a = recordingPeer(true);
    const b = recordingPeer(true);
    await dispatcher.call(
      'test:count',
      { jobId: 'same', args: { steps: 10_000, delayMs: 1 } },
      a.peer,
    );
    await dispatcher.call('test:count', { jobId: 'same', args: { steps: 5, delayMs: 1 } }, b.peer);
    dispatcher.release(a.peer);
    assert.equal(errorOf(await a.settledOf('same')).code, 'cancelled');
    assert.deepEqual(await b.settledOf('same'), { ok: true, value: 5 });
  });
});
