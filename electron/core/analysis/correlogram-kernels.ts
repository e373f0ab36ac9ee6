/**
 * @file The two pair-counting kernels behind {@link correlogramsOfTrains} (correlograms.ts). Both
 * return phylib's one-sided counts `half[(i * H + k) * n + j]`: pairs of a spike of cluster i
 * followed (in phylib's spike-index order) by a spike of cluster j at lag bin k, H = bins in the
 * half window + 1 (the last one collects lags past the window).
 *
 * - chunkedHalf, the usual case (up to 1024 clusters, a window up to 2^16 samples, int32 samples):
 *   cuts the time axis into chunks of about 2048 spikes, sorts each chunk's
 *   `(sample - base) << bits | slot` keys with a counting sort that stays in the cache, reorders
 *   runs of equal samples by spike index, and scans the chunk with a lag -> bin table, carrying
 *   the spikes whose window reaches into the next chunk. No merge of whole trains, no spike index
 *   read outside ties.
 * - sortedHalf, everything else: a native sort of `spike index * 2^16 + slot` and a plain scan.
 */

import type { SpikeTrain } from './correlograms.js';

/** Samples of one train: Int32 (below 2^31) or Float64 (any integer). */
type Samples = Int32Array | Float64Array;

/** Spikes a chunk aims for: its sort arrays stay in the L1/L2 cache. */
const CHUNK_SPIKES = 2048;
/** Candidates the scan checks without a branch (most spikes have fewer partners in the window). */
const UNROLL = 4;
/** Largest window (in samples) of the chunked path: the lag table stays in the cache. */
export const MAX_TABLE_LAG = 1 << 16;
/** Samples of the chunked path stay below this (int32 arithmetic throughout). */
export const MAX_CHUNKED_SAMPLE = 0x70000000;
/** "No next spike": above every sample of the chunked path. */
const NONE = 0x7fffffff;

/** One ascending run of equal samples in a chunk, reordered by spike index like phylib. */
function orderTie(
  keys: Int32Array,
  from: number,
  trains: readonly SpikeTrain[],
  bits: number,
  sample: number,
): number {
  const mask = (1 << bits) - 1;
  const rel = (keys[from] as number) >> bits;
  let to = from + 1;
  while ((keys[to] as number) >> bits === rel) to++;
  if (keys[from] === keys[to - 1]) return to; // one cluster: nothing to reorder
  const items: [number, number][] = [];
  for (let i = from; i < to;) {
    const c = (keys[i] as number) & mask;
    const t = trains[c] as SpikeTrain;
    let k = lowerBound(t.samples, sample);
    for (; i < to && ((keys[i] as number) & mask) === c; i++)
      items.push([t.spikes[k++] as number, c]);
  }
  items.sort((x, y) => x[0] - y[0]); // stable: equal indices keep list order
  items.forEach(([, c], r) => (keys[from + r] = (rel << bits) | c));
  return to;
}

function lowerBound(a: Samples, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counting pass of the chunk [base, end): per-bucket counts into `start[b + 1]`, each train's end
 * offset into `endk`; `st` = [spikes in the chunk, first sample at or after `end` (or NONE)].
 */
function countChunk(
  s: readonly Int32Array[],
  cur: Int32Array,
  endk: Int32Array,
  base: number,
  end: number,
  bshift: number,
  start: Int32Array,
  st: Int32Array,
): void {
  let m = 0;
  let next = NONE;
  for (let c = 0; c < s.length; c++) {
    const x = s[c] as Int32Array;
    const len = x.length;
    let pv = base;
    let k = cur[c] as number;
    for (; k < len; k++) {
      const v = x[k] as number;
      if (v >= end) break;
      if (v < pv) throw new RangeError('spike times must be non-decreasing in spike index');
      pv = v;
      start[(((v - base) | 0) >>> bshift) + 1]++;
    }
    m += k - (cur[c] as number);
    endk[c] = k;
    if (k < len && (x[k] as number) < next) next = x[k] as number;
  }
  st[0] = m;
  st[1] = next;
}

/** Scatter pass: keys `(sample - base) << bits | slot` in bucket order, from `keys[o]` on. */
function scatterChunk(
  s: readonly Int32Array[],
  cur: Int32Array,
  endk: Int32Array,
  base: number,
  bshift: number,
  start: Int32Array,
  keys: Int32Array,
  o: number,
  bits: number,
): void {
  for (let c = 0; c < s.length; c++) {
    const x = s[c] as Int32Array;
    const e = endk[c] as number;
    for (let k = cur[c] as number; k < e; k++) {
      const r = ((x[k] as number) - base) | 0;
      keys[(o + start[r >>> bshift]++) | 0] = (r << bits) | c;
    }
    cur[c] = e;
  }
}

/** `keys` if it holds `size` entries, else a larger copy of its first `keep`. */
function roomFor(keys: Int32Array, size: number, keep: number): Int32Array {
  if (keys.length >= size) return keys;
  const grown = new Int32Array(2 * size);
  grown.set(keys.subarray(0, keep));
  return grown;
}

/** Insertion sort of keys[lo, hi) (buckets are consecutive); the native sort if it degenerates. */
function sortChunk(keys: Int32Array, lo: number, hi: number): void {
  let moves = 0;
  for (let i = lo + 1; i < hi; i++) {
    const x = keys[i] as number;
    if ((keys[i - 1] as number) <= x) continue;
    let j = i - 1;
    for (; j >= lo && (keys[j] as number) > x; j--) keys[j + 1] = keys[j] as number;
    keys[j + 1] = x;
    moves += i - j;
    if (moves > 8 * (hi - lo) + 256) {
      keys.subarray(lo, hi).sort(); // clustered input: keep O(m log m)
      return;
    }
  }
}

/**
 * Pair scan of keys[0, cut) against the following keys (sentinels after the last): for each
 * spike the next UNROLL keys are counted without a branch (a lag past the window is clamped
 * to `limit`, whose table entry is the out-of-window bin), then a loop while still in the window.
 * A zero lag to the next key starts a run of equal samples, reordered first (orderTie).
 */
function scanChunk(
  keys: Int32Array,
  cut: number,
  half: Int32Array,
  binN: Int32Array,
  limit: number,
  bits: number,
  n: number,
  H: number,
  trains: readonly SpikeTrain[],
  base: number,
): void {
  const mask = (1 << bits) - 1;
  const nH = n * H;
  let tieEnd = 0;
  for (let a = 0; a < cut; a++) {
    let ka = keys[a] as number;
    let k = keys[a + 1] as number;
    if (ka >> bits === k >> bits && a >= tieEnd) {
      tieEnd = orderTie(keys, a, trains, bits, base + (ka >> bits));
      ka = keys[a] as number;
      k = keys[a + 1] as number;
    }
    const pa = ka >> bits;
    const row = Math.imul(ka & mask, nH);
    let lag = ((k >> bits) - pa) | 0;
    let t = (limit - lag) | 0;
    half[(row + (binN[(lag + (t & (t >> 31))) | 0] as number) + (k & mask)) | 0]++;
    k = keys[a + 2] as number;
    lag = ((k >> bits) - pa) | 0;
    t = (limit - lag) | 0;
    half[(row + (binN[(lag + (t & (t >> 31))) | 0] as number) + (k & mask)) | 0]++;
    k = keys[a + 3] as number;
    lag = ((k >> bits) - pa) | 0;
    t = (limit - lag) | 0;
    half[(row + (binN[(lag + (t & (t >> 31))) | 0] as number) + (k & mask)) | 0]++;
    k = keys[a + 4] as number;
    lag = ((k >> bits) - pa) | 0;
    t = (limit - lag) | 0;
    half[(row + (binN[(lag + (t & (t >> 31))) | 0] as number) + (k & mask)) | 0]++;
    for (let b = a + UNROLL + 1; t > 0; b++) {
      k = keys[b] as number;
      lag = ((k >> bits) - pa) | 0;
      t = (limit - lag) | 0;
      if (t > 0) half[(row + (binN[lag] as number) + (k & mask)) | 0]++;
    }
  }
}

/**
 * The fast path: the time axis is cut into chunks of about CHUNK_SPIKES spikes; each chunk is
 * merged by a counting sort on Int32 keys `(sample - base) << bits | slot` (no spike indices
 * read), and scanned at once. Spikes whose window reaches past the chunk are carried, rebased,
 * to the front of the next one. Needs n <= 1024 and limit <= min(MAX_TABLE_LAG, 2^(27 - bits)).
 */
export function chunkedHalf(
  trains: readonly SpikeTrain[],
  limit: number,
  binSamples: number,
  bits: number,
): Int32Array {
  const n = trains.length;
  const H = Math.ceil(limit / binSamples) + 1; // bins 0..halfBins, then out of the window
  const half = new Int32Array(n * n * H);
  const s = trains.map((t) => t.samples as Int32Array);
  let total = 0;
  let first = 0;
  let last = 0;
  for (const x of s) {
    if (x.length === 0) continue;
    const x0 = x[0] as number;
    const x1 = x[x.length - 1] as number;
    first = total === 0 || x0 < first ? x0 : first;
    last = total === 0 || x1 > last ? x1 : last;
    total += x.length;
  }
  if (total === 0) return half;
  // Chunk span (a power of two in samples) for about CHUNK_SPIKES spikes, and its buckets.
  let spanBits = 0;
  while (spanBits < 27 - bits && 2 ** spanBits * total < CHUNK_SPIKES * (last - first + 1))
    spanBits++;
  let nbBits = 0;
  while (nbBits < 11 && nbBits < spanBits && 1 << nbBits < total) nbBits++;
  const nb = 1 << nbBits;
  const bshift = spanBits - nbBits;
  // Lag -> bin * n, with `limit` itself mapped to the out-of-window bin.
  const binN = new Int32Array(limit + 1);
  for (let lag = 0; lag <= limit; lag++)
    binN[lag] = Math.min(Math.floor(lag / binSamples), H - 1) * n;
  const far = ((1 << (30 - bits)) - 1) << bits; // sentinel key: past every window
  const start = new Int32Array(nb + 1);
  const cur = new Int32Array(n);
  const endk = new Int32Array(n);
  const st = new Int32Array(2);
  let keys: Int32Array = new Int32Array(2 * CHUNK_SPIKES);
  let carry = 0;
  let base = first;
  for (;;) {
    const end = base + (1 << spanBits);
    for (let b = 0; b <= nb; b++) start[b] = 0;
    countChunk(s, cur, endk, base, end, bshift, start, st);
    const next = st[1] as number;
    const cnt = carry + (st[0] as number);
    for (let b = 0; b < nb; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
    keys = roomFor(keys, cnt + UNROLL + 1, carry);
    scatterChunk(s, cur, endk, base, bshift, start, keys, carry, bits);
    sortChunk(keys, carry, cnt);
    for (let i = cnt; i <= cnt + UNROLL; i++) keys[i] = far;
    // Carry the spikes whose window may hold spikes of the next chunk. Then the next base is
    // less than span + limit ahead, so the rebased keys stay in range.
    const relLast = (keys[cnt - 1] as number) >> bits;
    let cut = cnt;
    if (next - (base + relLast) < limit)
      while (cut > 0 && relLast - ((keys[cut - 1] as number) >> bits) < limit) cut--;
    scanChunk(keys, cut, half, binN, limit, bits, n, H, trains, base);
    if (next === NONE) break;
    const nextBase = next > end ? next : end;
    const shift = (nextBase - base) << bits;
    for (let i = cut; i < cnt; i++) keys[i - cut] = (keys[i] as number) - shift;
    carry = cnt - cut;
    base = nextBase;
  }
  return half;
}

/**
 * The general path (many clusters, long windows): phylib's order by a native sort of the keys
 * `index * 2^16 + slot` (exact doubles), positions as a running sum of gaps clamped to `limit`
 * (exact below the window, any sample magnitude in int32), and a plain forward scan.
 */
export function sortedHalf(
  trains: readonly SpikeTrain[],
  limit: number,
  binSamples: number,
): Int32Array {
  const n = trains.length;
  const H = Math.ceil(limit / binSamples) + 1;
  const half = new Int32Array(n * n * H);
  const total = trains.reduce((a, t) => a + t.spikes.length, 0);
  const keys = new Float64Array(total);
  let o = 0;
  trains.forEach((t, c) => t.spikes.forEach((spike) => (keys[o++] = spike * 65536 + c)));
  keys.sort();
  const pos = new Int32Array(total);
  const slot = new Int32Array(total);
  const cur = new Int32Array(n);
  let p = 0;
  let prev = total > 0 ? (trains[(keys[0] as number) % 65536] as SpikeTrain).samples[0] : 0;
  for (let i = 0; i < total; i++) {
    const c = (keys[i] as number) % 65536;
    const x = (trains[c] as SpikeTrain).samples[cur[c]++] as number;
    if (!(x >= (prev as number)))
      throw new RangeError('spike times must be non-decreasing in spike index');
    p = (p + Math.min(x - (prev as number), limit)) | 0;
    pos[i] = p;
    slot[i] = c;
    prev = x;
  }
  for (let a = 0; a < total; a++) {
    const row = (slot[a] as number) * H;
    for (let b = a + 1; b < total; b++) {
      const lag = ((pos[b] as number) - (pos[a] as number)) | 0;
      if (lag >= limit) break;
      half[(row + Math.floor(lag / binSamples)) * n + (slot[b] as number)]++;
    }
  }
  return half;
}
