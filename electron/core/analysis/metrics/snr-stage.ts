/**
 * @file SNR of every cluster from its dominant template (`snr.ts`, source 'template'): the
 * unwhitened template's negative peak on its extremum channel over the noise SD that unit-variance
 * whitened noise has after unwhitening; and (RawSnr, source 'raw') from the raw recording when
 * it is present, which SpikeInterface prefers.
 */
import type { Dataset } from '../../dataset/dataset.js';
import { computeSnr, noiseLevelsFromWhitening, type SnrSource } from '../snr.js';
import { argmax, type TemplateWaveforms } from '../template-waveforms.js';
import { phyHighPass } from '../../views/butterworth.js';
import { evenlySpaced } from '../../views/sampling.js';
import { extractSnippets, snippetWindow } from '../../views/snippets.js';
import { noiseLevelsOfChunks, type NoiseLevelsProcessor } from './noise-levels.js';

/** SNR and its provenance, NaN/null without templates. */
export interface SnrValue {
  snr: number;
  source: SnrSource | null;
}

/** Computes template SNRs, sharing the per-channel noise model between clusters. */
export class TemplateSnr {
  private noise: Float64Array | null = null;

  constructor(
    private readonly dataset: Dataset,
    private readonly waveforms: TemplateWaveforms,
  ) {}

  /** SNR of template `t` (unitless); NaN with source null when there is no templates.npy. */
  of(t: number): SnrValue {
    const waveform = this.waveforms.unwhitened(t);
    if (!waveform) return { snr: NaN, source: null };
    const nc = this.dataset.probe.nChannels;
    const nt = waveform.length / nc;
    this.noise ??= this.dataset.whiteningMatInv
      ? noiseLevelsFromWhitening(this.dataset.whiteningMatInv, nc)
      : new Float64Array(nc).fill(1);
    // unwhitened() includes Phy's display factor template_scaling; the noise model does not.
    const scale = this.dataset.templateScaling || 1;
    const unscaled = scale === 1 ? waveform : waveform.map((v) => v / scale);
    const r = computeSnr({ waveform: unscaled, nt, nc, noise: this.noise, source: 'template' });
    return { snr: r.snr, source: 'template' };
  }
}

/** SpikeInterface's get_noise_levels defaults: 20 chunks of 10,000 samples. */
const NOISE_CHUNKS = 20;
const NOISE_CHUNK_SAMPLES = 10_000;
/**
 * Channels whose noise is computed from the same chunk reads (at most): each read fetches every
 * channel of the file, so few batches save reads; each channel keeps 200,000 float32 samples (0.8
 * MB) until its median, so a batch holds at most ~100 MB.
 */
const NOISE_BATCH = 128;
/** Snippets averaged per cluster (Phy's n_spikes_waveforms). */
const SNIPPETS_PER_CLUSTER = 100;

/** The extremum of a cluster's mean raw waveform on its main channel (see `RawSnr.of`). */
export interface RawAmplitude {
  channel: number;
  /** |extremum| of the mean processed snippet, in raw units. */
  amplitude: number;
}

/**
 * SNR from the raw recording (source 'raw'), as SpikeInterface defines it on a filtered
 * recording: |extremum of the mean waveform on the main channel| / noise on that channel, with
 * noise = MAD / 0.6745 of 20 chunks of 10,000 samples. "Filtered" here is Phy's processing
 * (per-snippet and per-chunk median removal, then the 150 Hz Butterworth forward-backward),
 * the same the waveform view shows. Up to 100 spikes per cluster, evenly spaced over those
 * inside the raw file; the main channel is the template's best channel.
 *
 * The amplitude (snippets) and the noise (chunks) are separate steps, so that the noise chunks
 * can be processed elsewhere (`prepareNoiseWith`) while the amplitudes are read.
 */
export class RawSnr {
  private readonly noise = new Map<number, number>();

  constructor(
    private readonly dataset: Dataset,
    private readonly waveforms: TemplateWaveforms,
  ) {}

  /** Raw SNR of a cluster, or null when none of its spikes lies inside the raw file. */
  of(spikes: Uint32Array, dominantTemplate: number): SnrValue | null {
    const amp = this.amplitudeOf(spikes, dominantTemplate);
    return amp && this.ratio(amp);
  }

  /** The SNR of an amplitude from {@link amplitudeOf} (its channel's noise is computed if needed). */
  ratio(amp: RawAmplitude): SnrValue {
    return { snr: amp.amplitude / this.noiseOf(amp.channel), source: 'raw' };
  }

  /** The cluster's raw amplitude on its main channel, or null (no raw data, no spike inside). */
  amplitudeOf(spikes: Uint32Array, dominantTemplate: number): RawAmplitude | null {
    const raw = this.dataset.raw;
    if (raw.status !== 'available') return null;
    const channel = this.mainChannel(dominantTemplate);
    if (channel === null) return null;
    const window = snippetWindow(this.dataset);
    const last = raw.data.nSamples - window.nSamples;
    const times = this.dataset.spikeTimes;
    // Spikes are sorted by time: the ones inside the raw file are a prefix.
    let inside = 0;
    while (inside < spikes.length && (times[spikes[inside] as number] as number) < last) inside++;
    if (inside === 0) return null;
    const chosen = evenlySpaced(spikes.subarray(0, inside), SNIPPETS_PER_CLUSTER);
    const snippets = extractSnippets(this.dataset, chosen, [channel], window);
    const mean = new Float64Array(window.nSamples);
    for (let k = 0; k < chosen.length; k++) {
      for (let s = 0; s < window.nSamples; s++)
        mean[s] = (mean[s] as number) + (snippets[k * window.nSamples + s] as number);
    }
    let extremum = 0;
    for (let s = 0; s < window.nSamples; s++) {
      const v = Math.abs((mean[s] as number) / chosen.length);
      if (v > extremum) extremum = v;
    }
    return { channel, amplitude: extremum };
  }

  /**
   * Computes the noise of every channel of `channels` not known yet, reading each chunk once for
   * all of them (a chunk read fetches every channel of the file anyway; per-channel processing is
   * independent, so the values equal one channel at a time). Clusters call `of` one by one, so
   * callers that know all main channels up front should pass them here first.
   */
  prepareNoise(channels: Iterable<number>): void {
    for (const todo of this.batches(channels)) {
      const plan = this.chunkPlan(todo);
      if (!plan) continue;
      const levels = noiseLevelsOfChunks(
        plan.starts.map(plan.read),
        plan.chunk,
        todo.length,
        plan.filter,
      );
      todo.forEach((channel, c) => this.noise.set(channel, levels[c] as number));
    }
  }

  /**
   * `prepareNoise` with each batch's processing (filtering and medians, the costly part) handed
   * to `processor`, every batch at once; the chunks are read here, now. The same values.
   */
  async prepareNoiseWith(
    channels: Iterable<number>,
    processor: NoiseLevelsProcessor,
  ): Promise<void> {
    const runs = this.batches(channels).map((todo) => {
      const plan = this.chunkPlan(todo);
      if (!plan) return Promise.resolve();
      const windows = plan.starts.map(plan.read);
      return processor(windows, plan.chunk, todo.length, plan.filter).then((levels) =>
        todo.forEach((channel, c) => this.noise.set(channel, levels[c] as number)),
      );
    });
    await Promise.all(runs);
  }

  /** Channels without a noise value yet, in batches of equal size (they bound the memory). */
  private batches(channels: Iterable<number>): number[][] {
    const todo = [...new Set(channels)].filter((c) => !this.noise.has(c));
    const size = Math.ceil(todo.length / Math.ceil(todo.length / NOISE_BATCH));
    const out: number[][] = [];
    for (let b = 0; b < todo.length; b += size) out.push(todo.slice(b, b + size));
    return out;
  }

  /** Where the noise chunks of `todo` start, and how to read one; null without raw data. */
  private chunkPlan(todo: number[]) {
    if (todo.length === 0 || this.dataset.raw.status !== 'available') return null;
    const raw = this.dataset.raw.data;
    const columns = todo.map((c) => this.dataset.probe.channelMap[c] as number);
    const chunk = Math.min(NOISE_CHUNK_SAMPLES, raw.nSamples);
    const nChunks = Math.max(1, Math.min(NOISE_CHUNKS, Math.floor(raw.nSamples / chunk)));
    const starts = Array.from({ length: nChunks }, (_, i) =>
      Math.floor((i * (raw.nSamples - chunk)) / Math.max(1, nChunks - 1 || 1)),
    );
    const read = (start: number) => raw.readWindow(start, start + chunk, columns);
    return { chunk, starts, read, filter: phyHighPass(this.dataset.sampleRate) };
  }

  /** Main channel of template t (see `of`), or null. */
  mainChannel(t: number): number | null {
    const amps = this.waveforms.channelAmplitudes(t);
    if (amps) return argmax(amps);
    const pc = this.dataset.pcFeatureChannels;
    return pc ? (pc.channelIndex[t * pc.nChannelsLocal] ?? null) : null;
  }

  /** MAD / 0.6745 of the processed raw channel over chunks spread evenly through the file. */
  private noiseOf(channel: number): number {
    this.prepareNoise([channel]);
    return this.noise.get(channel) as number;
  }
}
