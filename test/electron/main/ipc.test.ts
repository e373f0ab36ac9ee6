import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { WIRE_CHANNELS } from '../../../shared/contract/codec.js';
import type { Reply, WireTransport } from '../../../shared/contract/codec.js';
import { contract } from '../../../shared/contract/contract.js';
import type { Contract } from '../../../shared/contract/contract.js';
import { createSessionHost } from '../../../electron/core/session/handlers.js';
import { registerIpc } from '../../../electron/main/ipc.js';
import { createBridge } from '../../../electron/preload/bridge.js';
import { createDispatcher } from '../../../electron/server/dispatcher.js';
import { createClient } from '../../../renderer/api/client.js';
import { RemoteError } from '../../../renderer/api/remote-error.js';
import { writeMiniDataset } from '../../helpers/mini-dataset.js';
import {
  fakeContract,
  fakeHandlers,
  FakeEvents,
  laterLog,
  queuedContract,
  queuedHandlers,
} from '../server/fake-contract.js';
import type { FakeContract, QueuedContract } from '../server/fake-contract.js';
import { withCallIds } from '../../../renderer/api/call-ids.js';
import { fakeIpcPair } from './fake-ipc.js';

const root = mkdtempSync(join(tmpdir(), 'kc-ipc-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The renderer side without the preload's allow-list (the fake contract is not the real one). */
const passThrough = (pair: ReturnType<typeof fakeIpcPair>): WireTransport => ({
  call: async (channel, payload, options) =>
    (await (options?.callId === undefined
      ? pair.ipcRenderer.invoke(channel, payload)
      : pair.ipcRenderer.invoke(channel, payload, options.callId))) as Reply,
  listen: (channel, deliver) => {
    const listener = (_e: unknown, p: unknown) => deliver(p);
    pair.ipcRenderer.on(channel, listener);
    return () => void pair.ipcRenderer.removeListener(channel, listener);
  },
});

function setup() {
  const pair = fakeIpcPair();
  const events = new FakeEvents();
  const dispatcher = createDispatcher(fakeContract, fakeHandlers, { progressIntervalMs: 50 });
  const unregister = registerIpc({
    ipcMain: pair.ipcMain,
    table: fakeContract,
    dispatcher,
    events,
    isTrusted: pair.isTrusted,
    send: pair.send,
  });
  const client = createClient<FakeContract>(passThrough(pair));
  return { pair, events, client, unregister };
}

describe('IPC registration generated from the table (fake IPC pair)', () => {
  it('registers one handler per invoke and job plus the wire calls, and removes them', () => {
    const { pair, unregister, events } = setup();
    assert.deepEqual(
      [...pair.handlers.keys()].sort(),
      [
        'session:status',
        'test:count',
        'test:echo',
        'test:fail',
        'test:sum',
        WIRE_CHANNELS.callCancel,
        WIRE_CHANNELS.chooseFolder,
        WIRE_CHANNELS.jobCancel,
      ].sort(),
    );
    assert.equal(events.listenerCount('curation:changed'), 1);
    unregister();
    assert.equal(pair.handlers.size, 0);
    assert.equal(events.listenerCount('curation:changed'), 0);
  });

  it('round-trips typed arrays through structured clone', async () => {
    const { client } = setup();
    const value = { a: new Float32Array([1, 2.5]), b: [new Uint16Array([65535])], c: NaN };
    const back = (await client.invoke('test:echo', { value })) as typeof value;
    assert.ok(back.a instanceof Float32Array && back.b[0] instanceof Uint16Array);
    assert.deepEqual(Array.from(back.a), [1, 2.5]);
    assert.ok(Number.isNaN(back.c));
    assert.equal(await client.invoke('test:sum', { spikes: new Uint32Array([5, 6]) }), 11);
  });

  it('validates arguments and reports failures with the operation', async () => {
    const { client } = setup();
    await assert.rejects(
      client.invoke('test:sum', { spikes: 'x' as never }),
      /test:sum: invalid arguments/,
    );
    await assert.rejects(
      client.invoke('test:fail', {}),
      (err: unknown) =>
        err instanceof RemoteError && err.operation === 'test:fail' && err.code === 'failed',
    );
  });

  it('refuses calls that do not come from our window', async () => {
    const { pair, client } = setup();
    pair.impersonate();
    await assert.rejects(
      client.invoke('test:echo', { value: 1 }),
      (err: unknown) => err instanceof RemoteError && err.code === 'forbidden',
    );
  });

  it('forwards events and runs jobs with progress and cancel', async () => {
    const { client, events } = setup();
    const got = new Promise<Float64Array>((resolve) =>
      client.on('curation:changed', (p) => resolve(p.data)),
    );
    events.emit('curation:changed', { data: new Float64Array([3]), status: { canWrite: true } });
    assert.deepEqual(Array.from(await got), [3]);

    const done: number[] = [];
    const run = client.startJob('test:count', { steps: 20, delayMs: 3 }, (p) => done.push(p.done));
    assert.equal(await run.result, 20);
    assert.ok(done.length >= 1 && done.length < 20, `${done.length} progress events`);
    const long = client.startJob('test:count', { steps: 100_000, delayMs: 1 });
    long.cancel();
    await assert.rejects(
      long.result,
      (err: unknown) => err instanceof RemoteError && err.code === 'cancelled',
    );
  });
});

/** The queued contract (a 'view'-priority call) registered over a fake IPC pair. */
function queuedSetup() {
  const pair = fakeIpcPair();
  const unregister = registerIpc({
    ipcMain: pair.ipcMain,
    table: queuedContract,
    dispatcher: createDispatcher(queuedContract, queuedHandlers),
    events: new FakeEvents(),
    isTrusted: pair.isTrusted,
    send: pair.send,
  });
  return { pair, unregister };
}

describe('cancelling calls over IPC (call ids)', () => {
  it('a queued call cancelled by the renderer is answered at once and never runs', async () => {
    const { pair, unregister } = queuedSetup();
    const client = createClient<QueuedContract>(withCallIds(passThrough(pair)));
    laterLog.length = 0;
    const cancel = new AbortController();
    // 'view' calls are queued (they start on a later turn), so the cancel arrives first.
    const stale = client.invoke('test:later', { value: 'stale' }, { signal: cancel.signal });
    const kept = client.invoke(
      'test:later',
      { value: 'kept' },
      { signal: new AbortController().signal },
    );
    cancel.abort();
    await assert.rejects(
      stale,
      (err: unknown) => err instanceof RemoteError && err.code === 'cancelled',
    );
    assert.equal(await kept, 'kept');
    assert.deepEqual(laterLog, ['kept']);
    // An already aborted signal never reaches the core.
    const gone = new AbortController();
    gone.abort();
    await assert.rejects(client.invoke('test:later', { value: 'x' }, { signal: gone.signal }));
    assert.deepEqual(laterLog, ['kept']);
    unregister();
  });

  it('a cancel from another window is refused', async () => {
    const { pair } = queuedSetup();
    laterLog.length = 0;
    const later = pair.ipcRenderer.invoke('test:later', { value: 'mine' }, 7);
    pair.impersonate();
    const reply = (await pair.ipcRenderer.invoke(WIRE_CHANNELS.callCancel, 7)) as Reply;
    assert.equal(reply.ok, false);
    assert.deepEqual(await later, { ok: true, value: 'mine' });
    assert.deepEqual(laterLog, ['mine']);
  });
});

describe('the real contract through preload bridge and IPC, with the real core', () => {
  it('opens a dataset, gets typed arrays, curates and hears the events', async () => {
    const dir = join(root, 'ds');
    mkdirSync(dir);
    writeMiniDataset(dir);
    const host = createSessionHost({ userDataDir: join(root, 'user') });
    const pair = fakeIpcPair();
    const dispatcher = createDispatcher(contract, host.handlers);
    const unregister = registerIpc({
      ipcMain: pair.ipcMain,
      table: contract,
      dispatcher,
      events: host.events,
      isTrusted: pair.isTrusted,
      send: pair.send,
    });
    const bridge = createBridge(pair.ipcRenderer);
    const api = createClient<Contract>(bridge);

    const opened = new Promise<string>((resolve) =>
      api.on('dataset:opened', (s) => resolve(s.dir)),
    );
    const summary = await api.invoke('dataset:open', { dir });
    assert.equal(summary.nClusters, 3);
    assert.equal(await opened, dir);

    const table = await api.invoke('clusters:table', {});
    assert.ok(table.ids instanceof Int32Array && table.fr instanceof Float32Array);
    assert.deepEqual(Array.from(table.ids), [0, 1, 2]);

    const changed = new Promise<readonly number[]>((resolve) =>
      api.on('curation:changed', (c) => resolve(c.change.added)),
    );
    const merge = await api.invoke('curation:merge', { clusterIds: [0, 2] });
    assert.deepEqual(await changed, merge.added);
    const split = await api.invoke('curation:split', { spikes: new Uint32Array([1, 4]) });
    assert.equal(split.added.length, 2);
    await assert.rejects(
      api.invoke('curation:merge', { clusterIds: [99, 98] }),
      (err: unknown) =>
        err instanceof RemoteError && err.operation === 'curation:merge' && err.code === 'failed',
    );

    // The bridge exposes only the table's channels.
    const refused = await bridge.call('ipc:secret', {});
    assert.equal(refused.ok, false);
    assert.throws(() => bridge.listen('ipc:secret', () => {}), /unknown channel/);
    assert.doesNotThrow(() => bridge.listen('menu:command', () => {})());
    unregister();
    host.close();
  });
});
