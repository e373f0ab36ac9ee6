/**
 * @file Amplitude cutoff, SpikeInterface `compute_amplitude_cutoffs` / `amplitude_cutoff`
 * (Hill-inspired estimate of the fraction of spikes lost below the detection threshold).
 *
 * SI: counts histogram with `num_histogram_bins` (metric default 100), smoothed with
 * `scipy.ndimage.gaussian_filter1d(h, 3, mode='nearest')`. scipy filters an int64 histogram
 * INTO int64, truncating every smoothed value toward zero, and that truncation changes the
 * result; we replicate it, along with scipy's kernel (radius int(4*sigma + 0.5), exp weights
 * normalised by NumPy's pairwise sum) and its symmetric-kernel accumulation order.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { selectMedian } from './metrics/select-median.js';
import { histogramUniform, type FloatArray } from './time-series.js';

/** Options, SI metric defaults. */
export interface AmplitudeCutoffOptions {
  /** Histogram bins (SI metric default 100; the function signature says 500). */
  numHistogramBins?: number;
  /** Gaussian sigma in bins (default 3). */
  histogramSmoothingValue?: number;
  /** NaN when N / bins is below this (default 5, i.e. fewer than 500 spikes at 100 bins). */
  amplitudesBinsMinRatio?: number;
}

/** NumPy's pairwise summation of a float64 array (`np.sum` on a contiguous 1-D array). */
export function numpySum(a: Float64Array, from = 0, to = a.length): number {
  const n = to - from;
  if (n < 8) {
    let r = 0;
    for (let i = from; i < to; i++) r += a[i] as number;
    return r;
  }
  if (n <= 128) {
    const r = Array.from(a.subarray(from, from + 8));
    let i = 8;
    for (; i < n - (n % 8); i += 8)
      for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (a[from + i + j] as number);
    const [r0, r1, r2, r3, r4, r5, r6, r7] = r as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[from + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, from, from + n2) + numpySum(a, from + n2, to);
}

/** scipy `_gaussian_kernel1d(sigma, 0, radius)`: exp(-0.5/sigma^2 * x^2), normalised. */
export function gaussianKernel1d(sigma: number, radius: number): Float64Array {
  const w = new Float64Array(2 * radius + 1);
  const c = -0.5 / (sigma * sigma);
  for (let i = 0; i < w.length; i++) {
    const x = i - radius;
    w[i] = Math.exp(c * (x * x));
  }
  const sum = numpySum(w);
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / sum;
  return w;
}

/**
 * `scipy.ndimage.gaussian_filter1d(input, sigma, mode='nearest', truncate=4.0)` for an integer
 * input filtered into an integer output (values truncated toward zero, as scipy's C cast does).
 */
export function gaussianFilter1dNearestInt(
  input: ArrayLike<number>,
  sigma: number,
  truncate = 4,
): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const w = gaussianKernel1d(sigma, radius);
  const n = input.length;
  const at = (i: number): number => input[Math.min(Math.max(i, 0), n - 1)] as number;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // NI_Correlate1D's symmetric branch: centre first, then pairs from the outermost inwards.
    let acc = at(i) * (w[radius] as number);
    for (let j = -radius; j < 0; j++) acc += (at(i + j) + at(i - j)) * (w[radius + j] as number);
    out[i] = Math.trunc(acc);
  }
  return out;
}

/**
 * Estimated fraction of missing spikes in [0, 0.5] for one cluster: `amplitudes` is the per-spike
 * amplitude array (all spikes), `spikeIndices` the cluster's spikes. Amplitudes are negated when
 * their median is negative. NaN when N / bins < amplitudesBinsMinRatio.
 */
export function amplitudeCutoff(
  amplitudes: FloatArray,
  spikeIndices: Uint32Array,
  opts: AmplitudeCutoffOptions = {},
): number {
  const nBins = opts.numHistogramBins ?? 100;
  const sigma = opts.histogramSmoothingValue ?? 3;
  const minRatio = opts.amplitudesBinsMinRatio ?? 5;
  const n = spikeIndices.length;
  const amps = amplitudes instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let k = 0; k < n; k++) amps[k] = amplitudes[spikeIndices[k] as SpikeIndex] as number;
  // Only the median's sign matters: selection gives time-series `median`'s value (and its sign
  // also under the float32 rounding of the two-middle-value sum), without sorting.
  if (selectMedian(Float64Array.from(amps)) < 0)
    for (let k = 0; k < n; k++) amps[k] = -(amps[k] as number);
  if (n / nBins < minRatio) return NaN;
  const { counts } = histogramUniform(amps, nBins);
  const pdf = gaussianFilter1dNearestInt(counts, sigma);
  const cutoff = pdf[0] as number;
  let g = 0;
  for (let i = pdf.length - 1; i >= 0; i--) {
    if ((pdf[i] as number) >= cutoff) {
      g = i;
      break;
    }
  }
  let missed = 0;
  for (let i = g + 1; i < pdf.length; i++) missed += pdf[i] as number;
  return Math.min(missed / (n + missed), 0.5);
}
