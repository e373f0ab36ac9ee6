/**
 * @file Parses the header of a .npy file (format versions 1.0, 2.0 and 3.0).
 *
 * The header is a Python dict literal. We parse the three keys numpy writes with a tiny literal
 * parser instead of evaluating anything; object/structured/string dtypes are refused (an object
 * array is a pickle and must never be loaded).
 */
import { DatasetError } from './dataset-error.js';
import type { NpyDtype, NpyKind } from './npy-dtype.js';

export interface NpyHeader {
  version: readonly [number, number];
  dtype: NpyDtype;
  fortranOrder: boolean;
  /** Array shape; [] for a 0-d array. */
  shape: number[];
  /** Byte offset of the first data element. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Smallest prefix that always contains the length field (magic + version + uint32). */
export const NPY_PREAMBLE_BYTES = 12;

/** Reads the header length from the preamble; returns the total bytes needed to parse the header. */
export function npyHeaderExtent(preamble: Uint8Array, file: string): number {
  if (preamble.length < 10 || MAGIC.some((b, i) => preamble[i] !== b)) {
    throw new DatasetError(file, 'not a .npy file (bad magic bytes)');
  }
  const major = preamble[6] as number;
  const view = new DataView(preamble.buffer, preamble.byteOffset, preamble.byteLength);
  if (major === 1) return 10 + view.getUint16(8, true);
  if (major === 2 || major === 3) {
    if (preamble.length < 12) throw new DatasetError(file, 'truncated .npy header');
    return 12 + view.getUint32(8, true);
  }
  throw new DatasetError(file, `unsupported .npy format version ${major}.${preamble[7]}`);
}

/** Parses a complete header (the first npyHeaderExtent() bytes of the file). */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  const extent = npyHeaderExtent(bytes, file);
  if (bytes.length < extent) throw new DatasetError(file, 'truncated .npy header');
  const major = bytes[6] as number;
  const start = major === 1 ? 10 : 12;
  const encoding = major === 3 ? 'utf-8' : 'latin1';
  const text = new TextDecoder(encoding).decode(bytes.subarray(start, extent));

  const descr = matchKey(text, 'descr', /'descr'\s*:\s*('[^']*'|"[^"]*"|\[)/, file);
  if (descr === '[') {
    throw new DatasetError(file, 'structured (record) arrays are not supported');
  }
  const fortran = matchKey(text, 'fortran_order', /'fortran_order'\s*:\s*(True|False)/, file);
  const shapeText = matchKey(text, 'shape', /'shape'\s*:\s*\(([^)]*)\)/, file);
  return {
    version: [major, bytes[7] as number],
    dtype: parseDescr(descr.slice(1, -1), file),
    fortranOrder: fortran === 'True',
    shape: parseShape(shapeText, file),
    dataOffset: extent,
  };
}

function matchKey(text: string, key: string, pattern: RegExp, file: string): string {
  const m = pattern.exec(text);
  if (!m) throw new DatasetError(file, `corrupt .npy header: no valid '${key}' entry`);
  return m[1] as string;
}

function parseShape(text: string, file: string): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return parts.map((p) => {
    const cleaned = p.replace(/L$/, ''); // Python 2 longs: (10L,)
    if (!/^\d+$/.test(cleaned))
      throw new DatasetError(file, `corrupt .npy header: bad shape (${text})`);
    const n = Number(cleaned);
    if (!Number.isSafeInteger(n)) throw new DatasetError(file, `shape dimension too large: ${p}`);
    return n;
  });
}

/** Maps a numpy descr such as '<f8', '|b1', '>u4', '=i2' to a supported dtype. */
export function parseDescr(descr: string, file: string): NpyDtype {
  const m = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (!m) throw new DatasetError(file, `unsupported dtype '${descr}'`);
  const [, order, code, sizeText] = m as unknown as [string, string, string, string];
  if (code === 'O') {
    throw new DatasetError(file, 'object arrays (Python pickles) are refused: they can run code');
  }
  const kind = code === '?' ? 'b' : code;
  const size = code === '?' ? 1 : Number(sizeText);
  if (!['b', 'i', 'u', 'f'].includes(kind)) {
    throw new DatasetError(file, `unsupported dtype '${descr}' (need bool, int, uint or float)`);
  }
  const sizes: Record<string, number[]> = { b: [1], i: [1, 2, 4, 8], u: [1, 2, 4, 8], f: [4, 8] };
  if (!(sizes[kind] as number[]).includes(size)) {
    throw new DatasetError(file, `unsupported dtype '${descr}'`);
  }
  return {
    kind: kind as NpyKind,
    itemSize: size as NpyDtype['itemSize'],
    // '=' is native order; every platform Node runs on here is little-endian.
    littleEndian: order !== '>',
  };
}
