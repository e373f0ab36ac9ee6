/**
 * @file Ranged reader for .npy files: whole vectors for the per-spike arrays, and row ranges or
 * arbitrary row sets of big 2-D/3-D arrays (pc_features.npy can be tens of GB) without reading the
 * rest of the file. Handles both byte orders and C or Fortran layout; results are always native
 * (little-endian), C-ordered typed arrays.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { DatasetError } from './dataset-error.js';
import type { NpyDtype } from './npy-dtype.js';
import { swapBytesInPlace, typedArrayFor } from './vector-kernels.js';
import {
  NPY_PREAMBLE_BYTES,
  npyHeaderExtent,
  parseNpyHeader,
  type NpyHeader,
} from './npy-header.js';

export type NpyTypedArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Element access common to every NpyTypedArray (numbers, or bigints for 64-bit ints). */
type Indexable = { [index: number]: number | bigint; length: number };

/** Allocates the native typed array that holds `count` elements of `dtype`. */
export function allocateFor(dtype: NpyDtype, count: number): NpyTypedArray {
  const out = typedArrayFor(dtype.kind, dtype.itemSize, count);
  if (!out) throw new Error(`no typed array for dtype ${dtype.kind}${dtype.itemSize}`);
  return out;
}

/** Where a vector's bytes lie in its file, for a reader on another thread. */
export interface VectorSource {
  /** The reader's open file descriptor (shared by all threads of the process). */
  fd: number;
  /** Byte offset of the first element. */
  offset: number;
  /** Number of elements. */
  count: number;
  dtype: NpyDtype;
}

export class NpyReader {
  private fd: number | null;

  private constructor(
    /** Path of the file on disk. */
    readonly path: string,
    /** File name used in error messages. */
    readonly name: string,
    readonly header: NpyHeader,
    fd: number,
    /** Size of the file when it was opened and validated, bytes. */
    readonly fileSize: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens a .npy file and validates its header and size. Throws DatasetError naming the file
   * when it is missing, unreadable, not a .npy file, of an unsupported dtype, or truncated.
   */
  static open(path: string, name = basename(path)): NpyReader {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw new DatasetError(name, describeOpenError(err));
    }
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new DatasetError(name, 'is a directory, expected a .npy file');
      const size = stat.size;
      if (size === 0) throw new DatasetError(name, 'the file is empty');
      const preamble = readAt(fd, 0, Math.min(NPY_PREAMBLE_BYTES, size));
      const extent = npyHeaderExtent(preamble, name);
      if (extent > size) throw new DatasetError(name, 'truncated .npy header');
      const header = parseNpyHeader(readAt(fd, 0, extent), name);
      const expected = header.dataOffset + elementCount(header.shape) * header.dtype.itemSize;
      if (size < expected) {
        throw new DatasetError(
          name,
          `truncated: shape (${header.shape.join(', ')}) needs ${expected} bytes, the file has ${size}`,
        );
      }
      return new NpyReader(path, name, header, fd, size);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get shape(): number[] {
    return this.header.shape;
  }

  get dtype(): NpyDtype {
    return this.header.dtype;
  }

  /** Number of elements in the whole array. */
  get size(): number {
    return elementCount(this.header.shape);
  }

  /** Elements per row of the first axis (product of the other dimensions). */
  get rowSize(): number {
    return elementCount(this.header.shape.slice(1));
  }

  /**
   * Reads a 1-D array, or a 2-D array with one singleton axis ((N,1) or (1,N)), as a vector.
   * Throws DatasetError for any other shape.
   */
  readVector(): NpyTypedArray {
    // A vector has the same element order in C and Fortran layout.
    return this.readContiguous(0, this.vectorLength());
  }

  /**
   * The length of a vector (1-D, (N,1) or (1,N)); throws the same DatasetError as readVector
   * for any other shape.
   */
  vectorLength(): number {
    const shape = this.header.shape;
    const isVector =
      shape.length === 1 || (shape.length === 2 && (shape[0] === 1 || shape[1] === 1));
    if (!isVector) {
      throw new DatasetError(this.name, `expected a vector, found shape (${shape.join(', ')})`);
    }
    return this.size;
  }

  /**
   * Where this vector's bytes lie, for a thread that reads them itself (background-read.ts):
   * through this reader's descriptor it reads exactly the file this reader validated. Valid
   * until close(). Throws like readVector for a non-vector.
   */
  vectorSource(): VectorSource {
    if (this.fd === null) throw new Error(`${this.name}: reader is closed`);
    const count = this.vectorLength();
    return { fd: this.fd, offset: this.header.dataOffset, count, dtype: this.header.dtype };
  }

  /** Reads the whole array, C-ordered. */
  readAll(): NpyTypedArray {
    const n0 = this.header.shape[0] ?? 1;
    return this.header.shape.length === 0 ? this.readContiguous(0, 1) : this.readRows(0, n0);
  }

  /** Reads rows [start, end) of the first axis, returned C-ordered (rows × rowSize). */
  readRows(start: number, end: number): NpyTypedArray {
    const n0 = this.header.shape[0] ?? 1;
    if (!(start >= 0 && end <= n0 && start <= end)) {
      throw new RangeError(`${this.name}: rows [${start}, ${end}) outside 0..${n0}`);
    }
    const rowSize = this.rowSize;
    if (!this.header.fortranOrder || this.header.shape.length <= 1) {
      return this.readContiguous(start * rowSize, (end - start) * rowSize);
    }
    // Fortran order: element (i, rest) sits at i + n0 * restIndex; each "rest" column of rows
    // [start, end) is one contiguous run.
    const count = end - start;
    const out = allocateFor(this.dtype, count * rowSize) as unknown as Indexable;
    for (let r = 0; r < rowSize; r++) {
      const column = this.readContiguous(r * n0 + start, count) as unknown as Indexable;
      const restIndex = fortranToCIndex(r, this.header.shape.slice(1));
      for (let i = 0; i < count; i++) out[i * rowSize + restIndex] = column[i] as number | bigint;
    }
    return out as unknown as NpyTypedArray;
  }

  /**
   * Reads an arbitrary set of rows (any order, duplicates allowed), returned in the given order.
   * Adjacent rows are coalesced into one read so that sorted index sets cost few system calls.
   */
  readRowSet(rows: ArrayLike<number>): NpyTypedArray {
    const rowSize = this.rowSize;
    const out = allocateFor(this.dtype, rows.length * rowSize);
    const n0 = this.header.shape[0] ?? 1;
    let i = 0;
    while (i < rows.length) {
      const first = rows[i] as number;
      if (!(first >= 0 && first < n0 && Number.isInteger(first))) {
        throw new RangeError(`${this.name}: row ${first} outside 0..${n0 - 1}`);
      }
      let j = i + 1;
      while (j < rows.length && rows[j] === first + (j - i)) j++;
      const block = this.readRows(first, first + (j - i));
      (out as Float64Array).set(block as Float64Array, i * rowSize);
      i = j;
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private readContiguous(firstElement: number, count: number): NpyTypedArray {
    if (this.fd === null) throw new Error(`${this.name}: reader is closed`);
    const { itemSize, littleEndian } = this.header.dtype;
    const out = allocateFor(this.header.dtype, count);
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    readInto(this.fd, this.header.dataOffset + firstElement * itemSize, bytes, this.name);
    if (!littleEndian) swapBytesInPlace(bytes, itemSize);
    return out;
  }
}

/** Position of a Fortran-ordered flat index within the C-ordered flattening of `shape`. */
function fortranToCIndex(index: number, shape: number[]): number {
  let rest = index;
  let cIndex = 0;
  let stride = 1;
  const coords: number[] = [];
  for (const dim of shape) {
    coords.push(rest % dim);
    rest = Math.floor(rest / dim);
  }
  for (let d = shape.length - 1; d >= 0; d--) {
    cIndex += (coords[d] as number) * stride;
    stride *= shape[d] as number;
  }
  return cIndex;
}

export function elementCount(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  readInto(fd, position, out, '');
  return out;
}

/** Reads exactly `target.length` bytes (readSync may return short counts for large reads). */
function readInto(fd: number, position: number, target: Uint8Array, name: string): void {
  const CHUNK = 1 << 30;
  let done = 0;
  while (done < target.length) {
    const want = Math.min(CHUNK, target.length - done);
    const got = readSync(fd, target, done, want, position + done);
    if (got === 0) throw new DatasetError(name, 'unexpected end of file');
    done += got;
  }
}

function describeOpenError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (cannot read the file)';
  if (code === 'EISDIR') return 'is a directory, expected a .npy file';
  return `cannot open (${code ?? String(err)})`;
}
