import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { Contract } from '../../../shared/contract/contract.js';
import { serveCommand } from '../../../electron/server/serve-command.js';
import { createClient } from '../../../renderer/api/client.js';
import { connectSocket, socketUrlFromPage } from '../../../renderer/api/ws-client.js';
import { writeMiniDataset } from '../../helpers/mini-dataset.js';
import { rawGet } from './server-harness.js';

const root = mkdtempSync(join(tmpdir(), 'kc-serve-cmd-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('kilocurate serve', () => {
  it('serves a dataset with the real core; the printed URL works in a client', async () => {
    const dir = join(root, 'ds');
    const renderer = join(root, 'renderer');
    mkdirSync(dir);
    mkdirSync(renderer);
    writeMiniDataset(dir);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>k</title>');
    const out: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let printed: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => (printed = resolve));
    const exit = serveCommand([dir, '--renderer', renderer], {
      out: (line) => {
        out.push(line);
        const m = /^Open (\S+)/.exec(line);
        if (m) printed(m[1]);
      },
      err: (line) => out.push(line),
      stopped,
      userDataDir: join(root, 'user'),
    });
    const url = await urlPrinted;
    const { hostname, port } = new URL(url);
    assert.equal(hostname, '127.0.0.1');
    assert.equal(
      (await rawGet(Number(port), new URL(url).search ? `/${new URL(url).search}` : '/')).status,
      200,
    );

    const transport = await connectSocket(
      socketUrlFromPage(url),
      (u) => new WebSocket(u, { origin: `http://127.0.0.1:${port}` }),
    );
    const api = createClient<Contract>(transport);
    const status = await api.invoke('session:status', {});
    assert.equal(status.dataset?.dir, dir);
    assert.equal(status.canWrite, true);
    const table = await api.invoke('clusters:table', {});
    assert.ok(table.nSpikes instanceof Int32Array);
    assert.deepEqual(Array.from(table.nSpikes), [4, 4, 4]);
    const cloud = await api.invoke('spikes:ofClusters', { axis: 'time', clusterIds: [1] });
    assert.ok(cloud.x instanceof Float32Array && cloud.x.length === 4);
    // The browser opens datasets under the root only (default: the folder holding DIR).
    const outside = mkdtempSync(join(tmpdir(), 'kc-outside-'));
    writeMiniDataset(outside);
    await assert.rejects(
      api.invoke('dataset:open', { dir: outside }),
      /opens folders under .* only/,
    );
    const sibling = join(root, 'sibling');
    mkdirSync(sibling);
    writeMiniDataset(sibling);
    assert.equal((await api.invoke('dataset:open', { dir: sibling })).dir, sibling);
    rmSync(outside, { recursive: true, force: true });
    transport.close();

    stop();
    assert.equal(await exit, 0);
    assert.ok(out.some((l) => l.startsWith('Kilocurate is serving')));
  });

  it('rejects bad options with usage and status 2', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l), stopped: Promise.resolve() };
    assert.equal(await serveCommand(['--port', 'abc'], io), 2);
    assert.equal(await serveCommand(['a', 'b'], io), 2);
    assert.equal(await serveCommand(['/tmp', '--root', '/nonexistent-root'], io), 2);
    assert.ok(err.some((l) => /outside --root/.test(l)));
    assert.match(err[0], /usage: kilocurate serve/);
  });
});
