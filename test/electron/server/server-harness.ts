/**
 * @file Starts a real serve-mode server on 127.0.0.1 with the fake contract and a temp renderer
 * folder, and offers raw HTTP and WebSocket helpers. Not a test file (no .test.ts).
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer } from '../../../electron/server/server.js';
import type { RunningServer } from '../../../electron/server/server.js';
import { connectSocket } from '../../../renderer/api/ws-client.js';
import type { SocketTransport } from '../../../renderer/api/ws-client.js';
import { FakeEvents, queuedContract, queuedHandlers } from './fake-contract.js';

export interface Harness {
  server: RunningServer;
  events: FakeEvents;
  origin: string;
  base: string;
  close(): Promise<void>;
}

export async function startHarness(options: { maxMessageBytes?: number } = {}): Promise<Harness> {
  const base = mkdtempSync(join(tmpdir(), 'kc-serve-'));
  const staticDir = join(base, 'dist-renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kilocurate</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  const events = new FakeEvents();
  const server = await startServer({
    table: queuedContract,
    handlers: queuedHandlers,
    events,
    staticDir,
    progressIntervalMs: 50,
    ...options,
  });
  return {
    server,
    events,
    base,
    origin: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as given (no URL normalisation). */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Connects the renderer's WebSocket transport (the `ws` package stands in for the browser's). */
export function connect(
  h: Harness,
  token = h.server.token,
  origin = h.origin,
): Promise<SocketTransport> {
  return connectSocket(
    `ws://127.0.0.1:${h.server.port}/ws?token=${token}`,
    (url) => new WebSocket(url, { origin }),
  );
}

/** How a raw socket attempt ended: the HTTP status of a refused upgrade, or the close code. */
export function rawSocket(
  url: string,
  options: WebSocket.ClientOptions,
  act: (ws: WebSocket) => void = () => {},
): Promise<{ refused?: number; closed?: number; reason?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => {});
    ws.on('open', () => act(ws));
    ws.on('close', (code, reason) => resolve({ closed: code, reason: reason.toString() }));
  });
}
