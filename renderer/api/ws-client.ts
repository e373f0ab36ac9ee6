/**
 * @file The browser transport: the contract over one WebSocket with binary frames. Typed arrays
 * arrive as typed arrays viewing the received frame (no copy). When the socket closes, every
 * pending call resolves with a `failed` reply naming the operation, and close listeners run. A
 * call whose signal aborts resolves at once with a `cancelled` reply and tells the server
 * (`wire:call:cancel`), which then drops the call if it has not started.
 */
import {
  cancelledReply,
  decodeFrame,
  encodeFrame,
  WIRE_CHANNELS,
} from '../../shared/contract/codec.js';
import type { Reply, SocketMessage, WireTransport } from '../../shared/contract/codec.js';

/** The fields read from socket events: `data` (message), `code` and `reason` (close). */
export interface SocketEvent {
  type?: string;
  data?: unknown;
  code?: number;
  reason?: string;
}

/** The part of the WebSocket API used here (the browser's, or the `ws` package's in tests). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: SocketEvent) => void,
  ): void;
}

export interface SocketTransport extends WireTransport {
  /** Runs once when the connection ends, with the close code and reason. */
  onClose(listener: (code: number, reason: string) => void): void;
  close(): void;
}

const OPEN = 1;

/** `http://h:p/...?token=T` (the page) -> `ws://h:p/ws?token=T`; https pages get wss. */
export function socketUrlFromPage(pageUrl: string): string {
  const page = new URL(pageUrl);
  const socket = new URL('/ws', page);
  socket.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = page.searchParams.get('token');
  if (token !== null) socket.searchParams.set('token', token);
  return socket.toString();
}

/** Opens the socket; resolves once it is open, rejects if it closes or fails first. */
export function connectSocket(
  url: string,
  create: (url: string) => WebSocketLike,
): Promise<SocketTransport> {
  const socket = create(url);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, { channel: string; resolve: (reply: Reply) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners: ((code: number, reason: string) => void)[] = [];
  let nextId = 1;
  let closed: { code: number; reason: string } | null = null;

  const failAll = (why: string) => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve({ ok: false, error: { code: 'failed', operation: call.channel, message: why } });
    }
  };

  socket.addEventListener('message', (event) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    let message: SocketMessage;
    try {
      message = decodeFrame(event.data, { copy: false }) as SocketMessage;
    } catch {
      socket.close(1007, 'malformed frame from server');
      return;
    }
    if (message.t === 'reply') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      call?.resolve(message.reply);
    } else if (message.t === 'push') {
      for (const deliver of listeners.get(message.channel) ?? []) deliver(message.payload);
    }
  });

  const transport: SocketTransport = {
    call: (channel, payload, options) =>
      new Promise<Reply>((resolve) => {
        const signal = options?.signal;
        if (signal?.aborted) {
          resolve(cancelledReply(channel));
          return;
        }
        if (closed || socket.readyState !== OPEN) {
          const message = `not connected to the Kilocurate server${closed ? ` (closed: ${closed.code} ${closed.reason})` : ''}`;
          resolve({ ok: false, error: { code: 'failed', operation: channel, message } });
          return;
        }
        const id = nextId++;
        let frame: Uint8Array;
        try {
          frame = encodeFrame({ t: 'call', id, channel, payload } satisfies SocketMessage);
        } catch (err) {
          const message = `arguments could not be encoded: ${(err as Error).message}`;
          resolve({ ok: false, error: { code: 'invalid-args', operation: channel, message } });
          return;
        }
        const onAbort = () => {
          if (!pending.delete(id)) return;
          resolve(cancelledReply(channel));
          if (closed || socket.readyState !== OPEN) return;
          // Fire and forget: its reply finds no pending call and is ignored.
          const cancel = nextId++;
          socket.send(
            encodeFrame({
              t: 'call',
              id: cancel,
              channel: WIRE_CHANNELS.callCancel,
              payload: id,
            } satisfies SocketMessage),
          );
        };
        pending.set(id, {
          channel,
          resolve: (reply) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(reply);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.send(frame);
      }),
    listen: (channel, deliver) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(deliver);
      return () => set.delete(deliver);
    },
    onClose: (listener) => closeListeners.push(listener),
    close: () => socket.close(1000, 'client closing'),
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(transport));
    socket.addEventListener('error', () => {}); // a 'close' event always follows
    socket.addEventListener('close', (event) => {
      const { code = 1006, reason = '' } = event;
      closed = { code, reason };
      failAll(`connection closed (${code}${reason ? ` ${reason}` : ''})`);
      closeListeners.forEach((listener) => listener(code, reason));
      reject(new Error(`could not connect to ${url.replace(/token=[^&]*/, 'token=…')} (${code})`));
    });
  });
}
