import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WIRE_CHANNELS } from '../../../shared/contract/codec.js';
import type { Reply, WireTransport } from '../../../shared/contract/codec.js';
import { createClient, unwrap } from '../../../renderer/api/client.js';
import { RemoteError } from '../../../renderer/api/remote-error.js';
import type { FakeContract } from '../../electron/server/fake-contract.js';

/** A scripted transport: records calls, answers with `answer`, lets the test push. */
function scripted(answer: (channel: string, payload: unknown) => Reply) {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: WireTransport = {
    call: async (channel, payload) => {
      calls.push([channel, payload]);
      return answer(channel, payload);
    },
    listen: (channel, deliver) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(deliver);
      return () => set.delete(deliver);
    },
  };
  const push = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((deliver) => deliver(payload));
  return { transport, calls, push, listeners };
}

describe('contract client', () => {
  it('unwraps values and errors', async () => {
    assert.equal(unwrap({ ok: true, value: 3 }), 3);
    assert.throws(
      () => unwrap({ ok: false, error: { code: 'busy', operation: 'x:y', message: 'later' } }),
      (err: unknown) =>
        err instanceof RemoteError && err.message === 'x:y: later' && err.code === 'busy',
    );
  });

  it('sends a job start with a fresh id and routes progress and result by id', async () => {
    const s = scripted((channel, payload) =>
      channel === 'test:count'
        ? { ok: true, value: (payload as { jobId: string }).jobId }
        : { ok: true, value: true },
    );
    const client = createClient<FakeContract>(s.transport);
    const seen: number[] = [];
    const a = client.startJob('test:count', { steps: 2, delayMs: 0 }, (p) => seen.push(p.done));
    const b = client.startJob('test:count', { steps: 2, delayMs: 0 });
    const [idA, idB] = [await a.jobId, await b.jobId];
    assert.notEqual(idA, idB);
    assert.deepEqual(s.calls[0], ['test:count', { jobId: idA, args: { steps: 2, delayMs: 0 } }]);
    s.push(WIRE_CHANNELS.jobProgress, { jobId: idB, done: 9, total: 9, message: '' });
    s.push(WIRE_CHANNELS.jobProgress, { jobId: idA, done: 1, total: 2, message: '' });
    s.push(WIRE_CHANNELS.jobSettled, { jobId: idA, reply: { ok: true, value: 2 } });
    s.push(WIRE_CHANNELS.jobSettled, {
      jobId: idB,
      reply: { ok: false, error: { code: 'cancelled', operation: 'test:count', message: 'stop' } },
    });
    assert.equal(await a.result, 2);
    await assert.rejects(b.result, /test:count: stop/);
    assert.deepEqual(seen, [1]);
    a.cancel();
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(s.calls.at(-1), [WIRE_CHANNELS.jobCancel, idA]);
  });

  it('a refused start rejects both jobId and result', async () => {
    const s = scripted(() => ({
      ok: false,
      error: { code: 'read-only', operation: 'test:count', message: 'no' },
    }));
    const run = createClient<FakeContract>(s.transport).startJob('test:count', {
      steps: 1,
      delayMs: 0,
    });
    await assert.rejects(run.jobId, RemoteError);
    await assert.rejects(run.result, RemoteError);
  });

  it('event subscriptions unsubscribe; dispose stops job listening', () => {
    const s = scripted(() => ({ ok: true, value: null }));
    const client = createClient<FakeContract>(s.transport);
    const got: unknown[] = [];
    const off = client.on('curation:changed', (p) => got.push(p));
    s.push('curation:changed', 1);
    off();
    s.push('curation:changed', 2);
    assert.deepEqual(got, [1]);
    client.dispose();
    assert.equal(s.listeners.get(WIRE_CHANNELS.jobSettled)?.size, 0);
  });
});
