/**
 * @file Serve mode: one node:http server that serves the built renderer and the contract over a
 * WebSocket at /ws. Every request needs the token; upgrades also need our Origin; the first
 * connected client is the writer and later ones are read-only until it leaves.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type {
  ContractTable,
  EventNames,
  Handlers,
  PayloadOf,
} from '../../shared/contract/define.js';
import { channelsOfKind } from '../../shared/contract/validate.js';
import { createDispatcher } from './dispatcher.js';
import { attachConnection } from './ws-connection.js';
import type { Connection } from './ws-connection.js';
import {
  contentSecurityPolicy,
  hostAllowed,
  newToken,
  originAllowed,
  presentedToken,
  tokenCookieName,
  tokenMatches,
} from './security.js';
import { resolveStatic } from './static-files.js';

/** The core's event emitter, as the transports need it. */
export interface EventSource<T extends ContractTable> {
  on<N extends EventNames<T>>(name: N, listener: (payload: PayloadOf<T[N]>) => void): () => void;
}

export interface ServeOptions<T extends ContractTable> {
  table: T;
  handlers: Handlers<T>;
  events: EventSource<T>;
  /** The built renderer (dist-renderer/). */
  staticDir: string;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Access token. @default a fresh random one */
  token?: string;
  /** Largest accepted incoming WebSocket message, bytes (larger: close 1009). @default 64 MiB */
  maxMessageBytes?: number;
  /** Minimum time between progress pushes of one job, ms. @default 100 */
  progressIntervalMs?: number;
  onError?: (operation: string, error: unknown) => void;
}

export interface RunningServer {
  /** http://host:port/?token=... — the URL to open. */
  url: string;
  token: string;
  port: number;
  /** Connected WebSocket clients, the writer first. */
  clients(): readonly Connection[];
  close(): Promise<void>;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export async function startServer<T extends ContractTable>(
  options: ServeOptions<T>,
): Promise<RunningServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const dispatcher = createDispatcher(options.table, options.handlers, {
    progressIntervalMs: options.progressIntervalMs,
    onError: options.onError,
  });
  const connections: Connection[] = [];
  let port = 0;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const deny = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
    };
    if (!hostAllowed(req, bindHost, port)) return deny(403, 'unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'method not allowed');
    const url = new URL(req.url ?? '/', 'http://x');
    const given = presentedToken(req, port);
    if (!tokenMatches(token, given))
      return deny(
        401,
        'unauthorized: open the URL printed by `kilocurate serve` (it has the token)',
      );
    const found = await resolveStatic(options.staticDir, url.pathname);
    if (found.status !== 200) return deny(found.status, found.reason);
    const headers: Record<string, string> = {
      'Content-Type': found.contentType,
      'Content-Length': String(found.body.length),
      'Content-Security-Policy': contentSecurityPolicy([`ws://${req.headers.host}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (url.searchParams.has('token'))
      headers['Set-Cookie'] =
        `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : found.body);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return refuse('404 Not Found');
    if (!hostAllowed(req, bindHost, port) || !originAllowed(req)) return refuse('403 Forbidden');
    if (!tokenMatches(token, presentedToken(req, port))) return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.push(
        attachConnection(ws, {
          dispatcher,
          canWrite: () => connections[0]?.socket === ws,
          onClose: (gone) => {
            const wasWriter = connections[0] === gone;
            connections.splice(connections.indexOf(gone), 1);
            if (wasWriter && connections[0]) void tellStatus(connections[0]);
          },
        }),
      );
    });
  });

  /** A promoted writer learns that it may write now. */
  const tellStatus = async (connection: Connection) => {
    const reply = await dispatcher.call('session:status', {}, connection);
    if (reply.ok) connection.push('session:changed', reply.value);
  };

  const unsubscribe = channelsOfKind(options.table, 'event').map((name) =>
    options.events.on(name as EventNames<T>, (payload) => {
      for (const connection of connections) connection.push(name, payload);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    clients: () => connections,
    close: async () => {
      for (const stop of unsubscribe) stop();
      for (const connection of [...connections]) connection.socket.close(1001, 'server closing');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
