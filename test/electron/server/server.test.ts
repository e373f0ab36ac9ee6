import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeFrame } from '../../../shared/contract/codec.js';
import { createClient } from '../../../renderer/api/client.js';
import { RemoteError } from '../../../renderer/api/remote-error.js';
import { laterLog, type FakeContract, type QueuedContract } from './fake-contract.js';
import { connect, rawGet, rawSocket, startHarness } from './server-harness.js';
import type { Harness } from './server-harness.js';

const CAP = 1024 * 1024;
let h: Harness;
before(async () => {
  h = await startHarness({ maxMessageBytes: CAP });
});
after(() => h.close());

/** The server still answers HTTP and a fresh WebSocket client. */
async function assertAlive() {
  assert.equal((await rawGet(h.server.port, `/?token=${h.server.token}`)).status, 200);
  const transport = await connect(h);
  const client = createClient<FakeContract>(transport);
  assert.deepEqual(await client.invoke('test:echo', { value: [1, 'x'] }), [1, 'x']);
  transport.close();
}

describe('serve mode: HTTP', () => {
  it('prints a loopback URL with a long random token', () => {
    assert.match(h.server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the renderer with the token, then by cookie, with a strict CSP', async () => {
    const first = await rawGet(h.server.port, `/?token=${h.server.token}`);
    assert.equal(first.status, 200);
    assert.match(first.body, /<title>kilocurate/);
    const csp = String(first.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.equal(first.headers['referrer-policy'], 'no-referrer');
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    assert.match(cookie, new RegExp(`^kilocurate_token_${h.server.port}=`));
    assert.match(String(first.headers['set-cookie']), /HttpOnly/);
    const asset = await rawGet(h.server.port, '/assets/app.js', { cookie });
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /javascript/);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const port = h.server.port;
    assert.equal((await rawGet(port, '/')).status, 401);
    assert.equal((await rawGet(port, '/assets/app.js')).status, 401);
    assert.equal((await rawGet(port, '/?token=wrong')).status, 401);
    assert.equal((await rawGet(port, `/?token=${h.server.token}x`)).status, 401);
    assert.equal(
      (await rawGet(port, '/', { cookie: `kilocurate_token_${port}=nope` })).status,
      401,
    );
  });

  it('refuses a foreign Host header (DNS rebinding) and non-GET methods', async () => {
    const r = await rawGet(h.server.port, `/?token=${h.server.token}`, {
      host: `evil.example:${h.server.port}`,
    });
    assert.equal(r.status, 403);
  });

  it('never serves a file outside the renderer, plain or encoded', async () => {
    const t = `token=${h.server.token}`;
    const paths = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      `/${encodeURIComponent(`${h.base}/secret.txt`)}`,
      `/${h.base}/secret.txt`,
    ];
    for (const path of paths) {
      const r = await rawGet(h.server.port, `${path}?${t}`);
      assert.ok(r.status >= 400 && r.status < 500, `${path}: ${r.status}`);
      assert.ok(!r.body.includes('TOP SECRET'), path);
    }
    await assertAlive();
  });
});

describe('serve mode: WebSocket access', () => {
  const url = (token: string) => `ws://127.0.0.1:${h.server.port}/ws?token=${token}`;

  it('refuses upgrades without the token, with a wrong token, or from another origin', async () => {
    assert.deepEqual(await rawSocket(url(''), { origin: h.origin }), { refused: 401 });
    assert.deepEqual(await rawSocket(url('wrong'), { origin: h.origin }), { refused: 401 });
    const good = h.server.token;
    assert.deepEqual(await rawSocket(url(good), { origin: 'http://evil.example' }), {
      refused: 403,
    });
    assert.deepEqual(await rawSocket(url(good), { origin: `http://localhost:1` }), {
      refused: 403,
    });
    assert.deepEqual(await rawSocket(url(good), {}), { refused: 403 }, 'no Origin at all');
    await assert.rejects(connect(h, 'wrong'), /could not connect/);
    await assertAlive();
  });

  it('closes with 1009 on a frame over the cap, and stays up', async () => {
    const result = await rawSocket(url(h.server.token), { origin: h.origin }, (ws) =>
      ws.send(new Uint8Array(CAP + 1)),
    );
    assert.equal(result.closed, 1009);
    await assertAlive();
  });

  it('closes on text frames, garbage and wrong message shapes, and stays up', async () => {
    const send = (data: string | Uint8Array) =>
      rawSocket(url(h.server.token), { origin: h.origin }, (ws) => ws.send(data));
    assert.equal((await send('{"t":"call"}')).closed, 1003);
    assert.equal((await send(new Uint8Array([1, 2, 3, 4, 5]))).closed, 1007);
    assert.equal((await send(encodeFrame({ t: 'call', id: -1, channel: 'x' }))).closed, 1007);
    assert.equal((await send(encodeFrame([1, 2]))).closed, 1007);
    const corrupt = encodeFrame({
      t: 'call',
      id: 1,
      channel: 'test:echo',
      payload: new Float64Array(4),
    });
    corrupt[13] ^= 0xff; // breaks the JSON text
    assert.equal((await send(corrupt)).closed, 1007);
    await assertAlive();
  });
});

describe('serve mode: the contract over WebSocket', () => {
  it('round-trips typed arrays in both directions as typed arrays', async () => {
    const transport = await connect(h);
    const client = createClient<FakeContract>(transport);
    const value = {
      x: new Float32Array([1.5, NaN, -3]),
      nested: { ids: new Int32Array([-1, 7]), list: [new Uint8Array([255]), 'µ'] },
      big: new BigInt64Array([-5n]),
    };
    const back = (await client.invoke('test:echo', { value })) as typeof value;
    assert.ok(back.x instanceof Float32Array);
    assert.deepEqual(Array.from(back.x), [1.5, NaN, -3]);
    assert.ok(back.nested.ids instanceof Int32Array);
    assert.deepEqual(Array.from(back.nested.ids), [-1, 7]);
    assert.ok(back.nested.list[0] instanceof Uint8Array);
    assert.equal(back.big[0], -5n);
    const spikes = new Uint32Array(100_000);
    for (let i = 0; i < spikes.length; i++) spikes[i] = i;
    assert.equal(await client.invoke('test:sum', { spikes }), (99_999 * 100_000) / 2);
    transport.close();
  });

  it('a call cancelled by the client is answered at once and never runs if still queued', async () => {
    const transport = await connect(h);
    const client = createClient<QueuedContract>(transport);
    laterLog.length = 0;
    // While the core is busy, a queued call and its cancel arrive together: the call never runs.
    const busy = client.invoke('test:block', { ms: 300 });
    const cancel = new AbortController();
    const later = client.invoke('test:later', { value: 'stale' }, { signal: cancel.signal });
    const kept = client.invoke('test:later', { value: 'kept' });
    cancel.abort();
    await assert.rejects(later, (err: unknown) => {
      assert.ok(err instanceof RemoteError);
      assert.equal(err.code, 'cancelled');
      return true;
    });
    assert.equal(await busy, 300);
    assert.equal(await kept, 'kept');
    assert.deepEqual(laterLog, ['kept']);
    transport.close();
  });

  it('rejects with RemoteError carrying code and operation', async () => {
    const transport = await connect(h);
    const client = createClient<FakeContract>(transport);
    await assert.rejects(client.invoke('test:fail', {}), (err: unknown) => {
      assert.ok(err instanceof RemoteError);
      assert.equal(err.code, 'failed');
      assert.equal(err.operation, 'test:fail');
      assert.equal(err.message, 'test:fail: the disk is on fire');
      return true;
    });
    await assert.rejects(
      client.invoke('test:sum', { spikes: [1] as never }),
      /test:sum: invalid arguments/,
    );
    transport.close();
  });

  it('runs jobs with throttled progress, cancel and errors', async () => {
    const transport = await connect(h);
    const client = createClient<FakeContract>(transport);
    const seen: number[] = [];
    const start = Date.now();
    const run = client.startJob('test:count', { steps: 40, delayMs: 5 }, (p) => seen.push(p.done));
    assert.match(await run.jobId, /^j/);
    assert.equal(await run.result, 40);
    const elapsed = Date.now() - start;
    assert.ok(
      seen.length >= 2 && seen.length <= Math.ceil(elapsed / 50) + 1,
      `${seen.length} in ${elapsed} ms`,
    );

    const long = client.startJob('test:count', { steps: 100_000, delayMs: 1 });
    await long.jobId;
    long.cancel();
    await assert.rejects(long.result, (err: unknown) => {
      assert.ok(err instanceof RemoteError && err.code === 'cancelled');
      assert.equal(err.operation, 'test:count');
      return true;
    });
    const failing = client.startJob('test:count', { steps: 5, delayMs: 1, failAt: 1 });
    await assert.rejects(failing.result, /test:count: step 1 failed/);
    const invalid = client.startJob('test:count', { steps: -4, delayMs: 1 });
    await assert.rejects(invalid.jobId, /invalid arguments/);
    await assert.rejects(invalid.result, /invalid arguments/);
    transport.close();
  });

  it('pushes events with typed arrays to every client', async () => {
    const transports = [await connect(h), await connect(h)];
    const received = transports.map(
      (t) =>
        new Promise<Float64Array>((resolve) =>
          createClient<FakeContract>(t).on('curation:changed', (p) => resolve(p.data)),
        ),
    );
    h.events.emit('curation:changed', {
      data: new Float64Array([0.25, 1e-300]),
      status: { canWrite: true },
    });
    for (const data of await Promise.all(received)) {
      assert.ok(data instanceof Float64Array);
      assert.deepEqual(Array.from(data), [0.25, 1e-300]);
    }
    for (const t of transports) t.close();
  });
});

describe('serve mode: one writer per dataset', () => {
  let w: Harness;
  before(async () => {
    w = await startHarness();
  });
  after(() => w.close());

  it('the first client writes, the second is read-only until the first leaves', async () => {
    const writer = await connect(w);
    const reader = await connect(w);
    const a = createClient<FakeContract>(writer);
    const b = createClient<FakeContract>(reader);
    const spikes = new Uint32Array([2, 3]);

    assert.equal((await a.invoke('session:status', {})).canWrite, true);
    assert.equal((await b.invoke('session:status', {})).canWrite, false);
    assert.equal(await a.invoke('test:sum', { spikes }), 5);
    await assert.rejects(b.invoke('test:sum', { spikes }), (err: unknown) => {
      assert.ok(err instanceof RemoteError && err.code === 'read-only');
      assert.match(err.message, /test:sum refused: this client is read-only/);
      return true;
    });
    assert.deepEqual(await b.invoke('test:echo', { value: 1 }), 1, 'reads still work');

    // Broadcast status: the reader sees canWrite false inside pushes too.
    const seenByReader = new Promise<boolean>((resolve) =>
      b.on('curation:changed', (p) => resolve(p.status.canWrite)),
    );
    w.events.emit('curation:changed', { data: new Float64Array(0), status: { canWrite: true } });
    assert.equal(await seenByReader, false);

    // A third client is read-only as well.
    const third = await connect(w);
    assert.equal(
      (await createClient<FakeContract>(third).invoke('session:status', {})).canWrite,
      false,
    );

    // The writer leaves: the oldest remaining client is promoted and told so.
    const promoted = new Promise<boolean>((resolve) =>
      b.on('session:changed', (s) => resolve(s.canWrite)),
    );
    writer.close();
    assert.equal(await promoted, true);
    assert.equal(await b.invoke('test:sum', { spikes }), 5);
    assert.equal(
      (await createClient<FakeContract>(third).invoke('session:status', {})).canWrite,
      false,
    );
    reader.close();
    third.close();
  });
});
