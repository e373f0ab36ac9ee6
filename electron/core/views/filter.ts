/**
 * @file Phy's raw-data processing of a block of samples (a waveform snippet or a trace window):
 * per-channel median subtraction, then the IIR filter run forward and then backward with
 * `scipy.signal.lfilter` semantics (zero initial state each pass, no padding) — Phy's
 * `high_pass` (`phy/apps/base.py`), which is not `filtfilt` (that pads and sets initial states).
 *
 * Blocks are time-major (`data[t * nChannels + c]`) and processed in float64, as NumPy would
 * after the median subtraction promotes int16 samples.
 */
import type { IirFilter } from './butterworth.js';

/**
 * `lfilter(b, a, x)` on the strided sequence `x[offset + k * stride]`, k < n, in place, with
 * zero initial conditions (direct form II transposed, like SciPy). `reverse` runs it from the last
 * element to the first, i.e. on the flipped sequence.
 */
export function lfilterInPlace(
  f: IirFilter,
  data: Float64Array,
  offset: number,
  stride: number,
  n: number,
  reverse = false,
): void {
  const a0 = f.a[0] as number;
  const order = Math.max(f.a.length, f.b.length) - 1;
  const b = new Float64Array(order + 1);
  const a = new Float64Array(order + 1);
  for (let i = 0; i < f.b.length; i++) b[i] = (f.b[i] as number) / a0;
  for (let i = 0; i < f.a.length; i++) a[i] = (f.a[i] as number) / a0;
  const z = new Float64Array(order + 1);
  for (let k = 0; k < n; k++) {
    const at = offset + (reverse ? n - 1 - k : k) * stride;
    const x = data[at] as number;
    const y = (b[0] as number) * x + (z[0] as number);
    for (let i = 1; i < order; i++) {
      z[i - 1] = (b[i] as number) * x + (z[i] as number) - (a[i] as number) * y;
    }
    if (order > 0) z[order - 1] = (b[order] as number) * x - (a[order] as number) * y;
    data[at] = y;
  }
}

/**
 * Phy's `high_pass`: lfilter forward, then lfilter on the time-reversed result, on every channel.
 * Runs all channels together, time step by time step, so memory is walked row by row (a channel
 * at a time would stride across the whole block at every sample).
 */
export function filterForwardBackward(
  f: IirFilter,
  data: Float64Array,
  nTime: number,
  nChannels: number,
): void {
  const a0 = f.a[0] as number;
  const order = Math.max(f.a.length, f.b.length) - 1;
  const b = new Float64Array(order + 1);
  const a = new Float64Array(order + 1);
  for (let i = 0; i < f.b.length; i++) b[i] = (f.b[i] as number) / a0;
  for (let i = 0; i < f.a.length; i++) a[i] = (f.a[i] as number) / a0;
  const z = new Float64Array(Math.max(order, 1) * nChannels);
  const b0 = b[0] as number;
  for (const reverse of [false, true]) {
    z.fill(0);
    for (let k = 0; k < nTime; k++) {
      const row = (reverse ? nTime - 1 - k : k) * nChannels;
      for (let c = 0; c < nChannels; c++) {
        const x = data[row + c] as number;
        const y = b0 * x + (order > 0 ? (z[c] as number) : 0);
        for (let i = 1; i < order; i++) {
          z[(i - 1) * nChannels + c] =
            (b[i] as number) * x + (z[i * nChannels + c] as number) - (a[i] as number) * y;
        }
        if (order > 0)
          z[(order - 1) * nChannels + c] = (b[order] as number) * x - (a[order] as number) * y;
        data[row + c] = y;
      }
    }
  }
}

/** k-th smallest of `v` (0-based), reordering `v` in place (Hoare quickselect, O(n) expected). */
export function selectKth(v: Float64Array, k: number): number {
  let lo = 0;
  let hi = v.length - 1;
  while (hi > lo) {
    const pivot = v[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((v[i] as number) < pivot) i++;
      while ((v[j] as number) > pivot) j--;
      if (i <= j) {
        const t = v[i] as number;
        v[i] = v[j] as number;
        v[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return v[k] as number;
}

/** `np.median` of `v` (reorders it): the middle value, or the mean of the two middle values. */
export function medianInPlace(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  const upper = selectKth(v, h);
  if (n % 2 === 1) return upper;
  // After selecting h, every element below index h is <= v[h]: the lower middle is their max.
  let lower = -Infinity;
  for (let i = 0; i < h; i++) if ((v[i] as number) > lower) lower = v[i] as number;
  return (lower + upper) / 2;
}

/** Subtracts from each channel its median over time (`np.median(x, axis=time)`), in place. */
export function subtractChannelMedians(data: Float64Array, nTime: number, nChannels: number): void {
  const column = new Float64Array(nTime);
  for (let c = 0; c < nChannels; c++) {
    for (let t = 0; t < nTime; t++) column[t] = data[t * nChannels + c] as number;
    const m = medianInPlace(column);
    for (let t = 0; t < nTime; t++)
      data[t * nChannels + c] = (data[t * nChannels + c] as number) - m;
  }
}

/**
 * Phy's processing of one raw block: median per channel removed, then (when `filter` is given)
 * the forward-backward filter. Returns float32 for display; `block` (float32 samples) is untouched.
 */
export function processRawBlock(
  block: Float32Array,
  nTime: number,
  nChannels: number,
  filter: IirFilter | null,
): Float32Array {
  const work = Float64Array.from(block);
  subtractChannelMedians(work, nTime, nChannels);
  if (filter) filterForwardBackward(filter, work, nTime, nChannels);
  return Float32Array.from(work);
}
