/**
 * @file The raw SNR's noise levels of a batch of channels from their raw chunks (Phy's
 * processing of each chunk, then MAD / 0.6745 of each channel's processed samples). Its own small
 * module because the metrics workers run it too, and they should not load the dataset and view
 * code that the rest of the SNR stage (`snr-stage.ts`) needs.
 */
import type { IirFilter } from '../../views/butterworth.js';
import { medianInPlace, processRawBlock } from '../../views/filter.js';

/** Φ⁻¹(0.75): SpikeInterface's MAD-to-SD factor. */
const MAD_TO_SD = 0.6744897501960817;

/**
 * Noise level (MAD / 0.6745, raw units) of each of `nChannels` channels from its chunks: each
 * window is time-major (nTime × nChannels) raw samples, processed as Phy does (median removed per
 * channel, forward-backward filter), kept as float32 as the views show them; a channel's samples
 * are its chunks one after the other.
 */
export function noiseLevelsOfChunks(
  windows: readonly Float32Array[],
  nTime: number,
  nChannels: number,
  filter: IirFilter,
): Float64Array {
  const values = Array.from({ length: nChannels }, () => new Float32Array(windows.length * nTime));
  windows.forEach((window, i) => {
    const block = processRawBlock(window, nTime, nChannels, filter);
    for (let c = 0; c < nChannels; c++) {
      const v = values[c] as Float32Array;
      for (let t = 0; t < nTime; t++) v[i * nTime + t] = block[t * nChannels + c] as number;
    }
  });
  return Float64Array.from(values, (samples) => {
    const v = Float64Array.from(samples);
    const median = medianInPlace(Float64Array.from(v));
    for (let t = 0; t < v.length; t++) v[t] = Math.abs((v[t] as number) - median);
    return medianInPlace(v) / MAD_TO_SD;
  });
}

/** Runs {@link noiseLevelsOfChunks} somewhere (e.g. a worker); may take ownership of `windows`. */
export type NoiseLevelsProcessor = (
  windows: Float32Array[],
  nTime: number,
  nChannels: number,
  filter: IirFilter,
) => Promise<Float64Array>;
