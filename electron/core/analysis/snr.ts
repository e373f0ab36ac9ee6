/**
 * @file Signal-to-noise ratio of a unit: |amplitude of its waveform on the peak channel| / noise SD
 * on that channel (SpikeInterface `snr` definition), from one of two sources.
 *
 * - 'raw': waveform = mean of high-pass-filtered raw snippets, noise = MAD/0.6745 of filtered raw
 *   samples per channel (SI `get_noise_levels(method='mad')`). The preferred source.
 * - 'template': waveform = unwhitened template (phylib: template · whitening_mat_inv), noise =
 *   predicted SD of unwhitened noise when whitened data has SD `whitenedSd` per channel
 *   (Kilosort4 whitens to unit variance, so the default 1 applies to it). Used without raw data.
 * Both give a unitless ratio; the result records which source was used, since the two differ.
 */

/** Which polarity defines the extremum (SI `peak_sign`, default 'neg'). */
export type PeakSign = 'neg' | 'pos' | 'both';
/** SI `peak_mode`: the extremum of the chosen sign, or peak-to-peak. */
export type AmplitudeMode = 'extremum' | 'peak_to_peak';
export type SnrSource = 'raw' | 'template';

/** Φ⁻¹(0.75): MAD of a normal distribution divided by its SD (SI uses this exact constant). */
export const MAD_TO_SD = 0.6744897501960817;

/** Unwhitened copy of a whitened waveform: (nt x nc) · winv (nc x nc), row-major. */
export function unwhitenTemplate(
  template: ArrayLike<number>,
  nt: number,
  nc: number,
  winv: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(nt * nc);
  for (let t = 0; t < nt; t++) {
    for (let k = 0; k < nc; k++) {
      const v = template[t * nc + k] as number;
      if (v === 0) continue;
      for (let c = 0; c < nc; c++) out[t * nc + c] += v * (winv[k * nc + c] as number);
    }
  }
  return out;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? (sorted[h] as number) : ((sorted[h - 1] as number) + (sorted[h] as number)) / 2;
}

/** Robust noise SD of samples: median(|x − median(x)|) / 0.6745. NaN for no samples. */
export function madNoise(values: ArrayLike<number>): number {
  const x = Float64Array.from(values as ArrayLike<number>).sort();
  const m = median(x);
  const dev = x.map((v) => Math.abs(v - m)).sort();
  return median(dev) / MAD_TO_SD;
}

/**
 * Per-channel MAD noise of filtered raw samples laid out like the binary file: row-major
 * nSamples x nChannels (several random chunks may be concatenated). Same units as the samples.
 */
export function noiseLevelsFromRaw(samples: ArrayLike<number>, nChannels: number): Float64Array {
  const nSamples = Math.floor(samples.length / nChannels);
  const out = new Float64Array(nChannels);
  const column = new Float64Array(nSamples);
  for (let c = 0; c < nChannels; c++) {
    for (let s = 0; s < nSamples; s++) column[s] = samples[s * nChannels + c] as number;
    out[c] = madNoise(column);
  }
  return out;
}

/**
 * Noise SD per channel of unwhitened data implied by i.i.d. whitened noise of SD `whitenedSd`:
 * x = x_w · winv gives Cov(x) = σ² winvᵀ winv, so sd_c = σ · sqrt(Σ_k winv[k][c]²).
 */
export function noiseLevelsFromWhitening(
  winv: ArrayLike<number>,
  nc: number,
  whitenedSd = 1,
): Float64Array {
  const out = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    let s = 0;
    for (let k = 0; k < nc; k++) s += (winv[k * nc + c] as number) ** 2;
    out[c] = whitenedSd * Math.sqrt(s);
  }
  return out;
}

/** Per-channel amplitude (>= 0 for the sign asked) of an nt x nc waveform, as SI defines it. */
export function channelAmplitudes(
  waveform: ArrayLike<number>,
  nt: number,
  nc: number,
  peakSign: PeakSign = 'neg',
  mode: AmplitudeMode = 'extremum',
): Float64Array {
  const out = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < nt; t++) {
      const v = waveform[t * nc + c] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (mode === 'peak_to_peak') out[c] = hi - lo;
    else if (peakSign === 'neg') out[c] = -lo;
    else if (peakSign === 'pos') out[c] = hi;
    else out[c] = Math.max(Math.abs(lo), Math.abs(hi));
  }
  return out;
}

/** An SNR with its provenance. */
export interface SnrResult {
  /** |amplitude| / noise on `channel`; unitless. NaN if the noise is 0 or unknown. */
  snr: number;
  /** Peak channel (index into the waveform's channels). */
  channel: number;
  /** Waveform amplitude on that channel, in the waveform's units. */
  amplitude: number;
  /** Noise SD on that channel, same units. */
  noise: number;
  source: SnrSource;
}

export interface SnrInput {
  /** nt x nc row-major, in the same units as `noise` (unwhitened). */
  waveform: ArrayLike<number>;
  nt: number;
  nc: number;
  /** Noise SD per channel (length nc). */
  noise: ArrayLike<number>;
  source: SnrSource;
  peakSign?: PeakSign;
  mode?: AmplitudeMode;
  /** Force the channel instead of the waveform's extremum channel. */
  channel?: number;
}

/** SNR on the extremum channel (largest amplitude for the sign; ties -> lowest channel). */
export function computeSnr(input: SnrInput): SnrResult {
  const amps = channelAmplitudes(input.waveform, input.nt, input.nc, input.peakSign, input.mode);
  let channel = input.channel ?? 0;
  if (input.channel === undefined) {
    for (let c = 1; c < input.nc; c++)
      if ((amps[c] as number) > (amps[channel] as number)) channel = c;
  }
  const amplitude = amps[channel] as number;
  const noise = input.noise[channel] as number;
  const snr = noise > 0 ? Math.abs(amplitude) / noise : NaN;
  return { snr, channel, amplitude, noise, source: input.source };
}
