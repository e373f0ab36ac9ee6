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
import { medianInPlace, processRawBlock } from '../../views/filter.js';
import { evenlySpaced } from '../../views/sampling.js';
import { extractSnippets, snippetWindow } from '../../views/snippets.js';

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
/** Snippets averaged per cluster (Phy's n_spikes_waveforms). */
const SNIPPETS_PER_CLUSTER = 100;

/**
 * SNR from the raw recording (source 'raw'), as SpikeInterface defines it on a filtered
 * recording: |extremum of the mean waveform on the main channel| / noise on that channel, with
 * noise = MAD / 0.6745 of 20 chunks of 10,000 samples. "Filtered" here is Phy's processing
 * (per-snippet and per-chunk median removal, then the 150 Hz Butterworth forward-backward),
 * the same the waveform view shows. Up to 100 spikes per cluster, evenly spaced over those
 * inside the raw file; the main channel is the template's best channel.
 */
export class RawSnr {
  private readonly noise = new Map<number, number>();

  constructor(
    private readonly dataset: Dataset,
    private readonly waveforms: TemplateWaveforms,
  ) {}

  /** Raw SNR of a cluster, or null when none of its spikes lies inside the raw file. */
  of(spikes: Uint32Array, dominantTemplate: number): SnrValue | null {
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
    return { snr: extremum / this.noiseOf(channel), source: 'raw' };
  }

  private mainChannel(t: number): number | null {
    const amps = this.waveforms.channelAmplitudes(t);
    if (amps) return argmax(amps);
    const pc = this.dataset.pcFeatureChannels;
    return pc ? (pc.channelIndex[t * pc.nChannelsLocal] ?? null) : null;
  }

  /** MAD / 0.6745 of the processed raw channel over chunks spread evenly through the file. */
  private noiseOf(channel: number): number {
    const known = this.noise.get(channel);
    if (known !== undefined) return known;
    const raw = (this.dataset.raw as Extract<Dataset['raw'], { status: 'available' }>).data;
    const column = this.dataset.probe.channelMap[channel] as number;
    const chunk = Math.min(NOISE_CHUNK_SAMPLES, raw.nSamples);
    const nChunks = Math.max(1, Math.min(NOISE_CHUNKS, Math.floor(raw.nSamples / chunk)));
    const filter = phyHighPass(this.dataset.sampleRate);
    const values = new Float64Array(nChunks * chunk);
    for (let i = 0; i < nChunks; i++) {
      const start = Math.floor((i * (raw.nSamples - chunk)) / Math.max(1, nChunks - 1 || 1));
      values.set(
        processRawBlock(raw.readWindow(start, start + chunk, [column]), chunk, 1, filter),
        i * chunk,
      );
    }
    const median = medianInPlace(Float64Array.from(values));
    for (let i = 0; i < values.length; i++) values[i] = Math.abs((values[i] as number) - median);
    const noise = medianInPlace(values) / 0.6744897501960817;
    this.noise.set(channel, noise);
    return noise;
  }
}
