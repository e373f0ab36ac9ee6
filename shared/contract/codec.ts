/**
 * @file The wire shared by both transports: the message shapes (replies, job start/settle, the
 * few transport-level channels) and the binary frame codec that carries a message holding typed
 * arrays as ONE WebSocket frame, with the arrays as raw bytes (never JSON lists, never base64).
 *
 * Frame layout (header fields little-endian):
 *
 * ```
 * 0   'KCF1' magic
 * 4   u8 flags (bit 0: the array bytes are little-endian)   5..7 zero
 * 8   u32 J = UTF-8 length of the JSON text
 * 12  JSON text {"v": message, "b": [[type, offset, byteLength], ...]}
 * ..  zero padding, then each array's bytes at an 8-aligned offset from the frame start
 * ```
 *
 * In the JSON a typed array becomes `{"$ta": i}` (row i of "b"), a non-finite number becomes
 * `{"$num": "NaN" | "Infinity" | "-Infinity"}` and an object key starting with `$` gets one more
 * `$` so that data can never be mistaken for a placeholder. Like JSON (and unlike structured
 * clone) `undefined` properties vanish and `undefined` array items become null.
 */
import type { CallOptions, JobProgress } from './define.js';

// ---- message shapes -------------------------------------------------------------------------

/** Why a call failed; `operation` is the channel name so a message always says what failed. */
export interface WireError {
  code:
    | 'invalid-args'
    | 'unknown-operation'
    | 'read-only'
    | 'forbidden'
    | 'busy'
    | 'cancelled'
    | 'failed';
  operation: string;
  message: string;
}

/** The answer to every call on either transport (errors are data, not transport exceptions). */
export type Reply = { ok: true; value: unknown } | { ok: false; error: WireError };

/** A failed reply. */
export const failure = (code: WireError['code'], operation: string, message: string): Reply => ({
  ok: false,
  error: { code, operation, message },
});

/** The reply to a call its client cancelled (the same from the core and from a client side). */
export const cancelledReply = (channel: string): Reply =>
  failure('cancelled', channel, `${channel} was cancelled`);

/** Payload of a job channel call: the client picks the id so it can listen before starting. */
export interface JobStart {
  jobId: string;
  args: unknown;
}

/** Pushed once when a job ends, successfully or not. */
export interface JobSettled {
  jobId: string;
  reply: Reply;
}

/** Transport-level channels that are not operations of the contract table. */
export const WIRE_CHANNELS = {
  /** call; payload: jobId; value: whether a running job was found. */
  jobCancel: 'wire:job:cancel',
  /**
   * call (serve mode); payload: the id of an earlier call of this connection; value: whether it
   * was still in flight. The earlier call is answered `cancelled` if it had not started yet.
   */
  callCancel: 'wire:call:cancel',
  /** push; payload: {@link JobProgress}. */
  jobProgress: 'wire:job:progress',
  /** push; payload: {@link JobSettled}. */
  jobSettled: 'wire:job:settled',
  /** call (desktop only); payload: none; value: the chosen folder or null. */
  chooseFolder: 'wire:shell:chooseFolder',
} as const;

export type { JobProgress };

/**
 * What one transport end offers the client code: Electron's preload exposes exactly this as
 * `window.api`, and the WebSocket client implements it over frames.
 */
/**
 * What the desktop bridge takes with a call instead of an AbortSignal, which cannot cross
 * Electron's context bridge: a number the renderer picks, named again in a `wire:call:cancel`.
 */
export interface BridgeCallOptions {
  callId?: number;
}

export interface WireTransport {
  /**
   * Calls an operation (an invoke or job name of the contract, or a wire channel). A transport
   * that can cancel (the WebSocket) honours `options.signal`; others ignore it.
   */
  call(
    channel: string,
    payload: unknown,
    options?: CallOptions & BridgeCallOptions,
  ): Promise<Reply>;
  /** Receives pushes on one channel (an event name or a wire push channel); returns unsubscribe. */
  listen(channel: string, deliver: (payload: unknown) => void): () => void;
}

/** WebSocket messages: client -> server `call`, server -> client `reply` and `push`. */
export type SocketMessage =
  | { t: 'call'; id: number; channel: string; payload: unknown }
  | { t: 'reply'; id: number; reply: Reply }
  | { t: 'push'; channel: string; payload: unknown };

// ---- binary frames --------------------------------------------------------------------------

/** Text codec globals exist in browsers, workers, Node and Electron; shared/ has no DOM lib. */
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(bytes: Uint8Array): string };

export class CodecError extends Error {
  override name = 'CodecError';
}

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

interface TypedArrayConstructor {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
}

const ARRAY_TYPES: Record<string, TypedArrayConstructor> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

const MAGIC = [0x4b, 0x43, 0x46, 0x31]; // 'KCF1'
const HEADER_BYTES = 12;
const ALIGN = 8;
const MAX_DEPTH = 512;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function arrayTypeName(x: ArrayBufferView): string | undefined {
  const name = Object.getPrototypeOf(x)?.constructor?.name as string | undefined;
  return name !== undefined && name in ARRAY_TYPES ? name : undefined;
}

/** Encodes a message (JSON-able data with typed arrays anywhere) as one binary frame. */
export function encodeFrame(message: unknown): Uint8Array {
  const arrays: TypedArray[] = [];
  const table: [string, number, number][] = [];
  const walk = (x: unknown, depth: number, path: string): unknown => {
    if (depth > MAX_DEPTH) throw new CodecError(`nesting deeper than ${MAX_DEPTH} at ${path}`);
    if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'number') return Number.isFinite(x) ? x : { $num: String(x) };
    if (x === undefined) return undefined;
    if (ArrayBuffer.isView(x)) {
      const type = arrayTypeName(x);
      if (!type) throw new CodecError(`cannot encode ${x.constructor.name} at ${path}`);
      arrays.push(x as TypedArray);
      table.push([type, 0, x.byteLength]);
      return { $ta: arrays.length - 1 };
    }
    if (Array.isArray(x)) return x.map((item, i) => walk(item, depth + 1, `${path}[${i}]`) ?? null);
    if (typeof x === 'object' && isPlainObject(x)) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(x)) {
        const encoded = walk(value, depth + 1, `${path}.${key}`);
        if (encoded !== undefined) setOwn(out, key.startsWith('$') ? `$${key}` : key, encoded);
      }
      return out;
    }
    throw new CodecError(`cannot encode ${describe(x)} at ${path}`);
  };
  const value = walk(message, 0, 'message');

  // Offsets depend on the JSON length, which depends on the offsets' digits: lay out with a
  // generous estimate of the JSON length, then pad the JSON to the reserved room.
  const probe = new TextEncoder().encode(JSON.stringify({ v: value, b: table })).length;
  const reserve = align(HEADER_BYTES + probe + table.length * 24 + 16);
  let offset = reserve;
  for (const row of table) {
    row[1] = offset;
    offset = align(offset + row[2]);
  }
  const json = new TextEncoder().encode(JSON.stringify({ v: value, b: table }));
  if (HEADER_BYTES + json.length > reserve) throw new CodecError('frame layout overflow');

  const frame = new Uint8Array(table.length ? offset : HEADER_BYTES + json.length);
  frame.set(MAGIC, 0);
  frame[4] = HOST_LITTLE_ENDIAN ? 1 : 0;
  new DataView(frame.buffer).setUint32(8, json.length, true);
  frame.set(json, HEADER_BYTES);
  arrays.forEach((a, i) =>
    frame.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), table[i][1]),
  );
  return frame;
}

export interface DecodeOptions {
  /**
   * Give each typed array its own exact-size buffer (true), or view the frame's memory when the
   * alignment allows (false: no copy, but every array then keeps the whole frame alive).
   * @default true
   */
  copy?: boolean;
}

/** Decodes a frame written by {@link encodeFrame}; throws {@link CodecError} on any defect. */
export function decodeFrame(frame: Uint8Array | ArrayBuffer, options: DecodeOptions = {}): unknown {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < HEADER_BYTES || MAGIC.some((m, i) => bytes[i] !== m))
    throw new CodecError('not a Kilocurate frame');
  if ((bytes[4] === 1) !== HOST_LITTLE_ENDIAN)
    throw new CodecError('frame byte order differs from this machine');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(8, true);
  if (HEADER_BYTES + jsonLength > bytes.length) throw new CodecError('truncated frame');
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength),
    );
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CodecError(`frame JSON unreadable: ${(err as Error).message}`);
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.b) || !('v' in parsed))
    throw new CodecError('frame JSON lacks v/b');
  const arrays = parsed.b.map((row) =>
    readArray(bytes, row, HEADER_BYTES + jsonLength, options.copy ?? true),
  );
  return revive(parsed.v, arrays, 0);
}

function readArray(bytes: Uint8Array, row: unknown, dataStart: number, copy: boolean): TypedArray {
  if (!Array.isArray(row) || row.length !== 3) throw new CodecError('bad array table row');
  const [type, offset, byteLength] = row as [unknown, unknown, unknown];
  const Ctor =
    typeof type === 'string' && Object.hasOwn(ARRAY_TYPES, type) ? ARRAY_TYPES[type] : null;
  if (!Ctor) throw new CodecError(`unknown array type ${String(type)}`);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(byteLength))
    throw new CodecError('array offsets must be integers');
  const [off, len] = [offset as number, byteLength as number];
  if (off < dataStart || len < 0 || off + len > bytes.length || len % Ctor.BYTES_PER_ELEMENT)
    throw new CodecError(`array bytes [${off}, ${off + len}) outside the frame or misaligned`);
  const absolute = bytes.byteOffset + off;
  if (!copy && absolute % Ctor.BYTES_PER_ELEMENT === 0)
    return new Ctor(bytes.buffer as ArrayBuffer, absolute, len / Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.slice(off, off + len).buffer, 0, len / Ctor.BYTES_PER_ELEMENT);
}

function revive(x: unknown, arrays: TypedArray[], depth: number): unknown {
  if (depth > MAX_DEPTH) throw new CodecError(`nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(x)) return x.map((item) => revive(item, arrays, depth + 1));
  if (!isRecord(x)) return x;
  if ('$ta' in x) {
    const i = x.$ta;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= arrays.length)
      throw new CodecError(`bad array reference ${String(i)}`);
    return arrays[i];
  }
  if ('$num' in x) {
    const n = x.$num;
    if (n !== 'NaN' && n !== 'Infinity' && n !== '-Infinity')
      throw new CodecError(`bad number ${String(n)}`);
    return Number(n);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(x)) {
    if (key.startsWith('$') && !key.startsWith('$$')) throw new CodecError(`bad key ${key}`);
    setOwn(out, key.startsWith('$') ? key.slice(1) : key, revive(value, arrays, depth + 1));
  }
  return out;
}

/** defineProperty, so that a '__proto__' key stays data instead of setting the prototype. */
const setOwn = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (typeof x === 'object' && x !== null) return x.constructor?.name ?? 'object';
  return typeof x;
}
