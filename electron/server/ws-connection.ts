/**
 * @file One WebSocket client: binary frames in, calls to the dispatcher, binary frames out.
 * A text frame or an undecodable one closes this socket (1003 / 1007) and nothing else; the
 * number of calls in flight is capped so that one client cannot queue unbounded work. The client
 * may cancel one of its calls in flight by id (`wire:call:cancel`): a call still queued in the
 * core then never runs (the renderer cancels the payloads of a selection it has left).
 */
import type { WebSocket } from 'ws';
import {
  CodecError,
  decodeFrame,
  encodeFrame,
  WIRE_CHANNELS,
} from '../../shared/contract/codec.js';
import type { Reply, SocketMessage } from '../../shared/contract/codec.js';
import type { Dispatcher, Peer } from './dispatcher.js';
import { pushForClient, replyForClient } from './viewer-status.js';

export interface Connection extends Peer {
  readonly socket: WebSocket;
}

export interface ConnectionOptions {
  dispatcher: Dispatcher;
  /** Whether this client is the writer now (it can change when the writer leaves). */
  canWrite: () => boolean;
  /** Calls answered concurrently before `busy` errors. @default 256 */
  maxInFlight?: number;
  onClose: (connection: Connection) => void;
}

const MAX_CHANNEL_LENGTH = 200;

export function attachConnection(socket: WebSocket, options: ConnectionOptions): Connection {
  const maxInFlight = options.maxInFlight ?? 256;
  /** Calls in flight by id, each with the controller that cancels it. */
  const inFlight = new Map<number, AbortController>();

  const send = (message: SocketMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(encodeFrame(message), { binary: true });
  };
  const sendReply = (id: number, channel: string, reply: Reply): void => {
    try {
      send({ t: 'reply', id, reply: replyForClient(channel, reply, options.canWrite()) });
    } catch (err) {
      const message = `the result could not be sent: ${(err as Error).message}`;
      send({
        t: 'reply',
        id,
        reply: { ok: false, error: { code: 'failed', operation: channel, message } },
      });
    }
  };

  const connection: Connection = {
    socket,
    get canWrite() {
      return options.canWrite();
    },
    push: (channel, payload) => {
      try {
        send({ t: 'push', channel, payload: pushForClient(channel, payload, options.canWrite()) });
      } catch {
        // An unencodable push is a core bug; dropping it must not take the connection down.
      }
    },
  };

  socket.on('message', (data, isBinary) => {
    if (!isBinary) {
      socket.close(1003, 'binary frames only');
      return;
    }
    let message: unknown;
    try {
      message = decodeFrame(toBytes(data));
    } catch (err) {
      socket.close(1007, err instanceof CodecError ? err.message.slice(0, 100) : 'malformed frame');
      return;
    }
    const call = asCall(message);
    if (!call) {
      socket.close(1007, 'expected {t: "call", id, channel, payload}');
      return;
    }
    if (call.channel === WIRE_CHANNELS.callCancel) {
      const target = typeof call.payload === 'number' ? inFlight.get(call.payload) : undefined;
      target?.abort();
      sendReply(call.id, call.channel, { ok: true, value: target !== undefined });
      return;
    }
    if (inFlight.size >= maxInFlight) {
      const error = {
        code: 'busy',
        operation: call.channel,
        message: 'too many calls in flight',
      } as const;
      sendReply(call.id, call.channel, { ok: false, error });
      return;
    }
    const controller = new AbortController();
    // A client reusing an id in flight loses the cancel handle of the older call, nothing more.
    inFlight.set(call.id, controller);
    options.dispatcher
      .call(call.channel, call.payload, connection, controller.signal)
      .then((reply) => sendReply(call.id, call.channel, reply))
      .catch(() => {}) // the socket went away mid-reply: nothing left to tell
      .finally(() => {
        if (inFlight.get(call.id) === controller) inFlight.delete(call.id);
      });
  });
  // ws reports protocol violations (bad opcodes, oversized frames -> 1009) as 'error' and then
  // closes the socket itself; without a listener the error would crash the process.
  socket.on('error', () => {});
  socket.on('close', () => {
    // Nobody is left to read the answers: queued calls need not run.
    for (const controller of inFlight.values()) controller.abort();
    options.dispatcher.release(connection);
    options.onClose(connection);
  });
  return connection;
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function asCall(x: unknown): { id: number; channel: string; payload: unknown } | null {
  if (typeof x !== 'object' || x === null) return null;
  const m = x as Record<string, unknown>;
  if (m.t !== 'call' || !Number.isSafeInteger(m.id) || (m.id as number) < 0) return null;
  if (typeof m.channel !== 'string' || m.channel.length > MAX_CHANNEL_LENGTH) return null;
  return { id: m.id as number, channel: m.channel, payload: m.payload };
}
