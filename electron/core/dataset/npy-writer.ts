/**
 * @file Writes .npy files byte-identical to numpy's `np.save`: the header encoder, a whole-array
 * writer and a streaming writer for arrays too big for memory (pc_features.npy can be many GB).
 *
 * Data are written in the host's byte order, which is little-endian on every platform Node runs
 * on here; the header always says `<` (or `|` for single-byte types) accordingly.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { dtypeToDescr, type NpyDtype } from './npy-dtype.js';
import type { NpyTypedArray } from './npy-reader.js';

/** Typed arrays the writers accept (the ones the reader returns); 64-bit integers come as
 * BigInt64Array / BigUint64Array. */
export type NpyWritable = NpyTypedArray;

/** numpy pads the header so the data start is aligned to this many bytes. */
const ARRAY_ALIGN = 64;
/**
 * numpy (>= 1.24) appends `21 - len(repr(shape[0]))` spaces so the header can be rewritten in
 * place when the growth axis changes; we copy that so our bytes match np.save exactly, and
 * because it lets NpyStreamWriter patch the final length into an already written header.
 */
const GROWTH_AXIS_MAX_DIGITS = 21;
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** Python's repr of a shape tuple: `()`, `(10,)`, `(3, 4)`. */
function shapeRepr(shape: readonly number[]): string {
  for (const n of shape) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`invalid .npy shape dimension: ${n}`);
  }
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The complete .npy header (magic through the final '\n'), byte-identical to numpy's
 * `_write_array_header` with automatic version choice: format 1.0 (uint16 header length) unless
 * the header exceeds 65535 bytes, then 2.0 (uint32). Its length is a multiple of 64.
 */
export function encodeNpyHeader(
  dtype: NpyDtype,
  shape: readonly number[],
  fortranOrder = false,
): Buffer {
  let dict =
    `{'descr': '${dtypeToDescr(dtype)}', ` +
    `'fortran_order': ${fortranOrder ? 'True' : 'False'}, ` +
    `'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) {
    const growthAxis = fortranOrder ? shape.length - 1 : 0;
    dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[growthAxis]).length);
  }
  const text = Buffer.from(dict, 'latin1');
  const hlen = text.length + 1; // + the final newline
  for (const [major, lenBytes] of [
    [1, 2],
    [2, 4],
  ] as const) {
    const padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ARRAY_ALIGN);
    const total = hlen + padlen;
    if (lenBytes === 2 && total > 0xffff) continue;
    const prefix = Buffer.alloc(MAGIC.length + 2 + lenBytes);
    MAGIC.copy(prefix, 0);
    prefix[6] = major;
    prefix[7] = 0;
    if (lenBytes === 2) prefix.writeUInt16LE(total, 8);
    else prefix.writeUInt32LE(total, 8);
    return Buffer.concat([prefix, text, Buffer.alloc(padlen, 0x20), Buffer.from('\n')]);
  }
  throw new Error('unreachable: .npy header too large for format 2.0');
}

/** Infers the dtype numpy would store for a typed array (bool is not inferable: pass it). */
export function dtypeOfArray(data: NpyWritable): NpyDtype {
  const le = true;
  if (data instanceof Float64Array) return { kind: 'f', itemSize: 8, littleEndian: le };
  if (data instanceof Float32Array) return { kind: 'f', itemSize: 4, littleEndian: le };
  if (data instanceof BigInt64Array) return { kind: 'i', itemSize: 8, littleEndian: le };
  if (data instanceof BigUint64Array) return { kind: 'u', itemSize: 8, littleEndian: le };
  if (data instanceof Int32Array) return { kind: 'i', itemSize: 4, littleEndian: le };
  if (data instanceof Uint32Array) return { kind: 'u', itemSize: 4, littleEndian: le };
  if (data instanceof Int16Array) return { kind: 'i', itemSize: 2, littleEndian: le };
  if (data instanceof Uint16Array) return { kind: 'u', itemSize: 2, littleEndian: le };
  if (data instanceof Int8Array) return { kind: 'i', itemSize: 1, littleEndian: le };
  return { kind: 'u', itemSize: 1, littleEndian: le };
}

function checkChunk(dtype: NpyDtype, data: NpyWritable): void {
  if (!dtype.littleEndian && dtype.itemSize > 1) {
    throw new Error('big-endian .npy output is not supported (data are written in host order)');
  }
  const actual = dtypeOfArray(data);
  const boolAsU8 = dtype.kind === 'b' && actual.kind === 'u' && actual.itemSize === 1;
  if (!boolAsU8 && (actual.kind !== dtype.kind || actual.itemSize !== dtype.itemSize)) {
    throw new Error(
      `typed array ${data.constructor.name} does not hold dtype ${dtypeToDescr(dtype)}`,
    );
  }
}

function bytesOf(data: NpyWritable): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Writes every byte at an explicit file position (pwrite: the fd's own offset is not used). */
function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  }
}

/**
 * Writes a whole array as a .npy file (C order, little-endian), like `np.save(path, data)`.
 * @param shape defaults to `[data.length]`; its product must equal `data.length`.
 * @param dtype defaults to the typed array's own type; pass `DTYPES.bool` for a Uint8Array of 0/1.
 */
export function saveNpy(
  path: string,
  data: NpyWritable,
  shape: readonly number[] = [data.length],
  dtype: NpyDtype = dtypeOfArray(data),
): void {
  const writer = NpyStreamWriter.open(path, dtype, shape);
  try {
    writer.append(data);
  } catch (err) {
    writer.abort();
    throw err;
  }
  writer.close();
}

/**
 * Streams an array to a .npy file chunk by chunk (C order), with synchronous writes so memory
 * stays bounded by the caller's chunk. Either the full shape is known up front, or the first
 * axis is left open (`null`) and patched in on close — numpy's growth padding keeps the header
 * length independent of that number, so the final file is still byte-identical to np.save.
 */
export class NpyStreamWriter {
  private fd: number | null;
  private written = 0;
  /** Next byte position in the file (positions are explicit so the header can be rewritten). */
  private offset: number;

  private constructor(
    readonly path: string,
    readonly dtype: NpyDtype,
    /** Shape with the first axis possibly null (unknown until close). */
    private readonly shape: readonly (number | null)[],
    private readonly headerLength: number,
    fd: number,
  ) {
    this.fd = fd;
    this.offset = headerLength;
  }

  /**
   * Creates (truncates) `path` and writes the header.
   * @param shape the array shape; `shape[0]` may be null when the number of rows is not known
   *   yet (it becomes elements-written / row size at close).
   */
  static open(path: string, dtype: NpyDtype, shape: readonly (number | null)[]): NpyStreamWriter {
    if (shape.slice(1).some((d) => d === null)) {
      throw new Error('only the first axis of a streamed .npy array may be open');
    }
    const provisional = shape.map((d) => d ?? 0);
    const header = encodeNpyHeader(dtype, provisional);
    const fd = openSync(path, 'w');
    try {
      writeAll(fd, header, 0);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    return new NpyStreamWriter(path, dtype, shape, header.length, fd);
  }

  /** Number of elements appended so far. */
  get elementsWritten(): number {
    return this.written;
  }

  /** Appends the next elements in C order; chunk boundaries need not align with rows. */
  append(chunk: NpyWritable): void {
    if (this.fd === null) throw new Error(`${this.path}: writer is closed`);
    checkChunk(this.dtype, chunk);
    const expected = this.expectedElements();
    if (expected !== null && this.written + chunk.length > expected) {
      throw new Error(
        `${this.path}: too many elements (${this.written + chunk.length} > ${expected})`,
      );
    }
    writeAll(this.fd, bytesOf(chunk), this.offset);
    this.offset += chunk.byteLength;
    this.written += chunk.length;
  }

  /**
   * Finishes the file: checks the element count against the shape (or, with an open first axis,
   * that whole rows were written and patches the header), then closes the handle.
   * @returns the final shape.
   */
  close(): number[] {
    if (this.fd === null) throw new Error(`${this.path}: writer is closed`);
    const fd = this.fd;
    this.fd = null;
    try {
      const expected = this.expectedElements();
      if (expected !== null) {
        if (this.written !== expected) {
          throw new Error(`${this.path}: wrote ${this.written} elements, shape needs ${expected}`);
        }
        return this.shape as number[];
      }
      const rowSize = this.shape.slice(1).reduce<number>((a, b) => a * (b as number), 1);
      if (rowSize === 0 ? this.written !== 0 : this.written % rowSize !== 0) {
        throw new Error(`${this.path}: ${this.written} elements is not a whole number of rows`);
      }
      const finalShape = [
        rowSize === 0 ? 0 : this.written / rowSize,
        ...(this.shape.slice(1) as number[]),
      ];
      const header = encodeNpyHeader(this.dtype, finalShape);
      if (header.length !== this.headerLength) {
        throw new Error(`${this.path}: header length changed; cannot patch in place`);
      }
      writeAll(fd, header, 0);
      return finalShape;
    } finally {
      closeSync(fd);
    }
  }

  /** Closes the handle without checks (after an error); the partial file is left as is. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private expectedElements(): number | null {
    if (this.shape[0] === null) return null;
    return (this.shape as number[]).reduce((a, b) => a * b, 1);
  }
}
