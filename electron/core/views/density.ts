/**
 * @file Waveform density maps: for each channel, a 2-D histogram of processed snippet samples
 * over (time sample x amplitude bin). Thousands of overlaid snippets become one heat map whose
 * size does not grow with the number of spikes.
 */

/** Uniform amplitude bins: `nBins` bins over [min, max]. */
export interface AmplitudeBins {
  min: number;
  max: number;
  nBins: number;
}

/** Smallest and largest value over several arrays ([-1, 1] when all are empty or constant). */
export function valueRange(arrays: readonly Float32Array[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo - 1, lo + 1] : [-1, 1];
  return [lo, hi];
}

/**
 * Density of snippets laid out `snippets[(k * nSamples + t) * nChannels + c]`: returns counts
 * `out[(c * nSamples + t) * nBins + b]`, where bin b covers [min + b*w, min + (b+1)*w) with
 * w = (max - min) / nBins, the last bin also holding `max`. Values outside [min, max] are dropped.
 */
export function waveformDensity(
  snippets: Float32Array,
  nSamples: number,
  nChannels: number,
  bins: AmplitudeBins,
): Uint32Array {
  const { min, max, nBins } = bins;
  const out = new Uint32Array(nChannels * nSamples * nBins);
  const perBin = nBins / (max - min);
  const nSnippets = snippets.length / (nSamples * nChannels);
  for (let k = 0; k < nSnippets; k++) {
    for (let t = 0; t < nSamples; t++) {
      const row = (k * nSamples + t) * nChannels;
      for (let c = 0; c < nChannels; c++) {
        const v = snippets[row + c] as number;
        if (!(v >= min && v <= max)) continue;
        const b = Math.min(nBins - 1, Math.floor((v - min) * perBin));
        out[(c * nSamples + t) * nBins + b]++;
      }
    }
  }
  return out;
}
