/**
 * @file Unwhitened templates and their per-channel amplitudes, as Phy computes them
 * (phylib model.py `_unwhiten`, `get_template`, `_find_best_channels`): the template is
 * multiplied by whitening_mat_inv and template_scaling, amplitude per channel is max − min over
 * time, and the best channel is the one with the largest amplitude.
 */
import type { Dataset } from '../dataset/dataset.js';
import { readTemplateAmplitudes, writeTemplateAmplitudes } from './template-amplitude-cache.js';

/** The inverse whitening matrix as sparse columns: most entries of Kilosort's are ~0 off the
 * local neighbourhood, so skipping exact zeros makes unwhitening ~10x cheaper. */
interface SparseColumns {
  rows: Int32Array[];
  values: Float64Array[];
}

export class TemplateWaveforms {
  private readonly sparse: SparseColumns | null;
  private readonly amplitudeCache = new Map<number, Float32Array>();
  private allLoaded = false;

  constructor(private readonly dataset: Dataset) {
    this.sparse = dataset.whiteningMatInv
      ? toSparseColumns(dataset.whiteningMatInv, dataset.probe.nChannels)
      : null;
  }

  get available(): boolean {
    return this.dataset.templates !== null;
  }

  /**
   * The unwhitened template `t` on every probe channel, time-major (nSamples × nChannels),
   * or null without templates.npy.
   */
  unwhitened(t: number): Float32Array | null {
    const src = this.dataset.templates;
    if (!src || t < 0 || t >= src.nTemplates) return null;
    const nCh = this.dataset.probe.nChannels;
    const { nSamples, nChannelsLocal, channelIndex } = src;
    const stored = src.reader.readRows(t, t + 1) as Float32Array | Float64Array;
    // Scatter local columns onto probe channels (dense templates: identity mapping).
    const dense = new Float64Array(nSamples * nCh);
    for (let j = 0; j < nChannelsLocal; j++) {
      const c = channelIndex ? (channelIndex[t * nChannelsLocal + j] as number) : j;
      if (c < 0) continue;
      for (let s = 0; s < nSamples; s++)
        dense[s * nCh + c] = stored[s * nChannelsLocal + j] as number;
    }
    const out = new Float32Array(nSamples * nCh);
    const scale = this.dataset.templateScaling;
    if (!this.sparse) {
      for (let i = 0; i < out.length; i++) out[i] = (dense[i] as number) * scale;
      return out;
    }
    // out[s, c] = sum_k dense[s, k] * wmi[k, c]
    for (let c = 0; c < nCh; c++) {
      const rows = this.sparse.rows[c] as Int32Array;
      const values = this.sparse.values[c] as Float64Array;
      for (let s = 0; s < nSamples; s++) {
        let acc = 0;
        const base = s * nCh;
        for (let k = 0; k < rows.length; k++)
          acc += (dense[base + (rows[k] as number)] as number) * (values[k] as number);
        out[base + c] = acc * scale;
      }
    }
    return out;
  }

  /**
   * Computes (or loads from the on-disk cache) the amplitudes of every template at once; after
   * this, channelAmplitudes() is a lookup. Used when a whole cluster table is built.
   */
  loadAllAmplitudes(): void {
    const src = this.dataset.templates;
    if (!src || this.allLoaded) return;
    const nCh = this.dataset.probe.nChannels;
    const cached = readTemplateAmplitudes(this.dataset);
    if (cached) {
      for (let t = 0; t < src.nTemplates; t++)
        this.amplitudeCache.set(t, cached.subarray(t * nCh, (t + 1) * nCh));
    } else {
      const all = new Float32Array(src.nTemplates * nCh);
      for (let t = 0; t < src.nTemplates; t++)
        all.set(this.channelAmplitudes(t) as Float32Array, t * nCh);
      writeTemplateAmplitudes(this.dataset, all);
    }
    this.allLoaded = true;
  }

  /** Peak-to-peak amplitude of the unwhitened template on each channel (cached). */
  channelAmplitudes(t: number): Float32Array | null {
    const cached = this.amplitudeCache.get(t);
    if (cached) return cached;
    const src = this.dataset.templates;
    if (!src || t < 0 || t >= src.nTemplates) return null;
    const amps = src.channelIndex ? this.amplitudesVia(t) : this.denseAmplitudes(t);
    this.amplitudeCache.set(t, amps);
    return amps;
  }

  /** Dense templates (the Kilosort case): unwhiten one channel column at a time, keeping only
   * its min and max, so no (samples × channels) matrix is allocated per template. */
  private denseAmplitudes(t: number): Float32Array {
    const src = this.dataset.templates as NonNullable<Dataset['templates']>;
    const nCh = this.dataset.probe.nChannels;
    const nSamples = src.nSamples;
    const stored = src.reader.readRows(t, t + 1) as Float32Array | Float64Array;
    const scale = Math.abs(this.dataset.templateScaling);
    const amps = new Float32Array(nCh);
    for (let c = 0; c < nCh; c++) {
      let min = Infinity;
      let max = -Infinity;
      if (!this.sparse) {
        for (let s = 0; s < nSamples; s++) {
          const v = stored[s * nCh + c] as number;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      } else {
        const rows = this.sparse.rows[c] as Int32Array;
        const values = this.sparse.values[c] as Float64Array;
        for (let s = 0; s < nSamples; s++) {
          const base = s * nCh;
          let acc = 0;
          for (let k = 0; k < rows.length; k++)
            acc += (stored[base + (rows[k] as number)] as number) * (values[k] as number);
          if (acc < min) min = acc;
          if (acc > max) max = acc;
        }
      }
      amps[c] = (max - min) * scale;
    }
    return amps;
  }

  /** Sparse templates (template_ind.npy): through the full unwhitened waveform. */
  private amplitudesVia(t: number): Float32Array {
    const waveform = this.unwhitened(t) as Float32Array;
    const nCh = this.dataset.probe.nChannels;
    const nSamples = waveform.length / nCh;
    const amps = new Float32Array(nCh);
    for (let c = 0; c < nCh; c++) {
      let min = Infinity;
      let max = -Infinity;
      for (let s = 0; s < nSamples; s++) {
        const v = waveform[s * nCh + c] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      amps[c] = max - min;
    }
    return amps;
  }

  /**
   * Phy's best channels of template `t`: the peak channel first, then the channels among the
   * `nClosest` nearest to it (same shank) ordered by decreasing amplitude.
   */
  bestChannels(t: number, nClosest = 12): number[] | null {
    const amps = this.channelAmplitudes(t);
    if (!amps) return null;
    const peak = argmax(amps);
    return nearestChannels(this.dataset, peak, nClosest).sort(
      (a, b) => (amps[b] as number) - (amps[a] as number) || a - b,
    );
  }
}

/** The `n` channels nearest to `channel` on its shank (itself included), by Euclidean distance. */
export function nearestChannels(dataset: Dataset, channel: number, n: number): number[] {
  const { positions, shanks, nChannels } = dataset.probe;
  const x = positions[2 * channel] as number;
  const y = positions[2 * channel + 1] as number;
  const candidates: Array<[number, number]> = [];
  for (let c = 0; c < nChannels; c++) {
    if (shanks[c] !== shanks[channel]) continue;
    const dx = (positions[2 * c] as number) - x;
    const dy = (positions[2 * c + 1] as number) - y;
    candidates.push([dx * dx + dy * dy, c]);
  }
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return candidates.slice(0, n).map(([, c]) => c);
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

function toSparseColumns(matrix: Float64Array, n: number): SparseColumns {
  const rows: Int32Array[] = [];
  const values: Float64Array[] = [];
  for (let c = 0; c < n; c++) {
    const r: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < n; k++) {
      const x = matrix[k * n + c] as number;
      if (x !== 0) {
        r.push(k);
        v.push(x);
      }
    }
    rows.push(Int32Array.from(r));
    values.push(Float64Array.from(v));
  }
  return { rows, values };
}
