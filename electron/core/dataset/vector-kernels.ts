/**
 * @file The conversion and validation loops of the big per-spike vectors (spike times, template
 * and cluster indices). They run on the main thread and, from their source text, in the
 * background reader's worker (background-read.ts), so each function is self-contained: no
 * imports at run time, no module state, no inner functions, only globals of every JS realm.
 */
import type { NpyTypedArray } from './npy-reader.js';

/**
 * The native typed array of `count` elements of a dtype (`kind` 'b'|'i'|'u'|'f', `itemSize`
 * bytes), or null for a combination no typed array holds.
 */
export function typedArrayFor(kind: string, itemSize: number, count: number): NpyTypedArray | null {
  const key = kind + itemSize;
  if (key === 'b1' || key === 'u1') return new Uint8Array(count);
  if (key === 'i1') return new Int8Array(count);
  if (key === 'i2') return new Int16Array(count);
  if (key === 'u2') return new Uint16Array(count);
  if (key === 'i4') return new Int32Array(count);
  if (key === 'u4') return new Uint32Array(count);
  if (key === 'i8') return new BigInt64Array(count);
  if (key === 'u8') return new BigUint64Array(count);
  if (key === 'f4') return new Float32Array(count);
  if (key === 'f8') return new Float64Array(count);
  return null;
}

/** Reverses the byte order of each `itemSize`-byte element in place (big-endian files). */
export function swapBytesInPlace(bytes: Uint8Array, itemSize: number): void {
  if (itemSize === 1) return;
  for (let i = 0; i < bytes.length; i += itemSize) {
    for (let a = i, b = i + itemSize - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/**
 * Spike times (samples) as float64, validated: finite, non-negative, below 2^53, non-decreasing.
 *
 * int64/uint64 (the usual 150 MB at 20 M spikes) are converted IN PLACE, from their 32-bit
 * halves (exact below 2^53, ~20x faster than Number(bigint)): the result shares `raw`'s buffer,
 * which saves allocating and faulting in a second buffer of the same size. float64 is validated
 * as is; other dtypes are copied into a new Float64Array.
 *
 * @returns the times, or the index of the first invalid time. After a failure at `i` of an
 *   in-place conversion, elements before `i` hold float64 times and `raw[i]` is untouched.
 */
export function spikeTimesToFloat64(raw: NpyTypedArray): Float64Array | number {
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    const n = raw.length;
    const words = new Uint32Array(raw.buffer, raw.byteOffset, n * 2);
    const out = new Float64Array(raw.buffer, raw.byteOffset, n);
    let previous = 0;
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      // Reading both halves before writing out[i] makes the in-place overwrite safe.
      const hi = words[j + 1] as number;
      const t = hi * 4294967296 + (words[j] as number);
      // hi >= 2^21: beyond 2^53 samples, or (int64) negative; t < previous: unsorted.
      if (hi >= 0x200000 || t < previous) return i;
      out[i] = t;
      previous = t;
    }
    return out;
  }
  const times = raw instanceof Float64Array ? raw : Float64Array.from(raw as ArrayLike<number>);
  let previous = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (!(t >= previous) || t === Infinity) return i;
    previous = t;
  }
  // Sorted and finite: only the first time can still be negative.
  if (times.length > 0 && (times[0] as number) < 0) return 0;
  return times;
}

/**
 * An index vector (templates, clusters) as int32 plus its largest entry (-1 when empty). Entries
 * must be integers in [0, 2^31). int32 input is validated and returned as is (no copy); any
 * other dtype is converted into a new Int32Array (64-bit integers from their halves, never
 * through a float64 copy).
 *
 * @returns the values and maximum, or the index of the first invalid entry (`raw` unchanged).
 */
export function indexVectorToInt32(
  raw: NpyTypedArray,
): { values: Int32Array; max: number } | number {
  const n = raw.length;
  let max = -1;
  if (raw instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      const v = raw[i] as number;
      if (v > max) max = v;
      else if (v < 0) return i;
    }
    return { values: raw, max };
  }
  const out = new Int32Array(n);
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    const words = new Uint32Array(raw.buffer, raw.byteOffset, n * 2);
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      const lo = words[j] as number;
      // In range exactly when the high half is zero and the low half fits 31 bits.
      if (words[j + 1] !== 0 || lo > 0x7fffffff) return i;
      out[i] = lo;
      if (lo > max) max = lo;
    }
    return { values: out, max };
  }
  const source = raw as ArrayLike<number>;
  for (let i = 0; i < n; i++) {
    const v = source[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) return i;
    out[i] = v;
    if (v > max) max = v;
  }
  return { values: out, max };
}
