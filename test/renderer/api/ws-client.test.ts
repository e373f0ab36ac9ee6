import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { socketUrlFromPage } from '../../../renderer/api/ws-client.js';
import { connect, startHarness } from '../../electron/server/server-harness.js';
import type { Harness } from '../../electron/server/server-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

describe('WebSocket client transport', () => {
  it('derives the socket URL and token from the page URL', () => {
    assert.equal(
      socketUrlFromPage('http://127.0.0.1:8123/?token=abc'),
      'ws://127.0.0.1:8123/ws?token=abc',
    );
    assert.equal(
      socketUrlFromPage('https://host.example/index.html?token=a-b_c#x'),
      'wss://host.example/ws?token=a-b_c',
    );
    assert.equal(socketUrlFromPage('http://localhost:1/'), 'ws://localhost:1/ws');
  });

  it('answers pending and later calls with a failed reply once the socket closes', async () => {
    const transport = await connect(h);
    let closedWith = 0;
    transport.onClose((code) => (closedWith = code));
    // A call in flight while the server shuts down is answered (by the server or the close).
    const pending = transport.call('test:echo', { value: 1 });
    await h.server.close();
    const first = await pending;
    assert.ok(first.ok || first.error.code === 'failed');
    const later = await transport.call('test:echo', { value: 1 });
    assert.equal(later.ok, false);
    assert.ok(
      !later.ok &&
        /not connected/.test(later.error.message) &&
        later.error.operation === 'test:echo',
    );
    assert.equal(closedWith, 1001);
  });
});
