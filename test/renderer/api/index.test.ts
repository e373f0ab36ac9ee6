import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { WIRE_CHANNELS } from '../../../shared/contract/codec.js';
import type { Reply, WireTransport } from '../../../shared/contract/codec.js';
import { connectApi } from '../../../renderer/api/index.js';
import type { WebSocketLike } from '../../../renderer/api/ws-client.js';
import { startHarness } from '../../electron/server/server-harness.js';
import type { Harness } from '../../electron/server/server-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

describe('connectApi', () => {
  it('uses window.api on the desktop, with the native folder dialog', async () => {
    const calls: string[] = [];
    const bridge: WireTransport = {
      call: async (channel): Promise<Reply> => {
        calls.push(channel);
        return { ok: true, value: channel === WIRE_CHANNELS.chooseFolder ? '/data/ks4' : null };
      },
      listen: () => () => {},
    };
    const api = await connectApi({ api: bridge });
    assert.equal(api.mode, 'desktop');
    assert.equal(await api.shell?.chooseFolder(), '/data/ks4');
    await api.client.invoke('curation:save', {});
    assert.deepEqual(calls, [WIRE_CHANNELS.chooseFolder, 'curation:save']);
  });

  it('uses a WebSocket with the page token in a browser', async () => {
    const origin = h.origin;
    // The browser sends Origin itself; the ws package needs it given.
    const BrowserLikeSocket = class extends WebSocket {
      constructor(url: string) {
        super(url, { origin });
      }
    } as unknown as new (url: string) => WebSocketLike;
    const api = await connectApi({
      location: { href: h.server.url },
      WebSocket: BrowserLikeSocket,
    });
    assert.equal(api.mode, 'serve');
    assert.equal(api.shell, null);
    assert.equal(
      ((await api.client.invoke('session:status', {})) as { canWrite: boolean }).canWrite,
      true,
    );
    const lost = new Promise<string>((resolve) => api.onDisconnect(resolve));
    await h.server.close();
    assert.match(await lost, /connection closed \(1001/);
  });

  it('says so when neither transport exists', async () => {
    await assert.rejects(connectApi({}), /neither window.api nor WebSocket/);
  });
});
