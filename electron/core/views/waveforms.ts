/**
 * @file WaveformView payload: for the selected clusters, on the union of their best channels,
 * either the templates (the spike-weighted mean of each cluster's constituent unwhitened
 * templates, so a merged cluster shows what its spikes look like on average), the raw snippets of
 * ~100 evenly spaced spikes, their mean, or a density heat-map of the snippets.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import type { Dataset } from '../dataset/dataset.js';
import { valueRange, waveformDensity } from './density.js';
import { ViewUnavailableError } from './errors.js';
import { evenlySpaced, lowerBound } from './sampling.js';
import { extractSnippets, rawDataOf, snippetWindow, type SnippetAlignment } from './snippets.js';
import { viewContext, type ViewContext } from './view-context.js';
import type {
  ClusterTemplate,
  ClusterWaveforms,
  WaveformMode,
  WaveformsPayload,
} from '../../../shared/contract/view-types.js';

export type { ClusterTemplate, ClusterWaveforms, WaveformMode, WaveformsPayload };

export interface WaveformOptions {
  mode: WaveformMode;
  /** Snippets per cluster for raw / mean / density (default 100, Phy's n_spikes_waveforms). */
  nSpikes?: number;
  /** Probe channels to show (default: union of the clusters' best channels). */
  channels?: readonly number[];
  /** Apply Phy's 150 Hz high-pass to snippets (default true). */
  filter?: boolean;
  /** Snippet alignment (default 'nt0min': aligned with the templates). */
  alignment?: SnippetAlignment;
  /** Amplitude bins of the density map (default 64). */
  nAmplitudeBins?: number;
}

/** Union of the clusters' best channels, in order of first appearance. */
export function unionOfBestChannels(ctx: ViewContext, clusterIds: readonly ClusterId[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const id of clusterIds) {
    for (const c of ctx.bestChannels(id)) {
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
  }
  return out;
}

/** Spike-weighted mean of a cluster's constituent unwhitened templates on `channels`. */
export function clusterTemplate(
  ctx: ViewContext,
  id: ClusterId,
  channels: readonly number[],
): ClusterTemplate {
  const { templates, counts } = ctx.composition(id);
  let total = 0;
  for (const n of counts) total += n;
  const nSamples = ctx.dataset.templates?.nSamples ?? 0;
  const nProbe = ctx.dataset.probe.nChannels;
  const mean = new Float64Array(nSamples * channels.length);
  const weights = Float32Array.from(counts, (n) => n / total);
  templates.forEach((t, k) => {
    const w = ctx.waveforms.unwhitened(t);
    if (!w) return;
    const share = (counts[k] as number) / total;
    for (let s = 0; s < nSamples; s++) {
      for (let j = 0; j < channels.length; j++) {
        mean[s * channels.length + j] +=
          share * (w[s * nProbe + (channels[j] as number)] as number);
      }
    }
  });
  return { mean: Float32Array.from(mean), constituents: Int32Array.from(templates), weights };
}

/**
 * The prefix of a cluster's spikes (ascending) whose time is inside the raw recording: a raw file
 * shorter than the sorted recording (or missing its tail) must not dilute means with zeros.
 */
export function spikesInRaw(dataset: Dataset, spikes: Uint32Array): Uint32Array {
  const end = rawDataOf(dataset, 'waveforms').nSamples;
  const k = lowerBound(
    spikes.length,
    (i) => dataset.spikeTimes[spikes[i] as number] as number,
    end,
  );
  return k === spikes.length ? spikes : spikes.subarray(0, k);
}

/** Mean over snippets laid out (k, t, c): returns (t, c). */
export function meanOfSnippets(snippets: Float32Array, nPerSnippet: number): Float32Array {
  const n = snippets.length / nPerSnippet;
  const acc = new Float64Array(nPerSnippet);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < nPerSnippet; i++) acc[i] += snippets[k * nPerSnippet + i] as number;
  return Float32Array.from(acc, (v) => (n > 0 ? v / n : 0));
}

/** The WaveformView payload for the selected clusters. */
export function waveforms(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: WaveformOptions,
): WaveformsPayload {
  const ctx = viewContext(dataset, model);
  const channels = opts.channels ? [...opts.channels] : unionOfBestChannels(ctx, clusterIds);
  for (const c of channels) {
    if (!(Number.isInteger(c) && c >= 0 && c < dataset.probe.nChannels))
      throw new RangeError(`channel ${c} is not a probe channel`);
  }
  const positions = new Float32Array(2 * channels.length);
  channels.forEach((c, j) => {
    positions[2 * j] = dataset.probe.positions[2 * c] as number;
    positions[2 * j + 1] = dataset.probe.positions[2 * c + 1] as number;
  });
  const window = snippetWindow(dataset, opts.alignment ?? 'nt0min');
  const base = clusterIds.map((id) => ({
    clusterId: id,
    nSpikes: model.spikeCount(id),
    bestChannels: Int32Array.from(ctx.bestChannels(id)),
  }));
  const payload: WaveformsPayload = {
    mode: opts.mode,
    channels: Int32Array.from(channels),
    positions,
    nSamples: window.nSamples,
    before: window.before,
    sampleRate: dataset.sampleRate,
    clusters: [],
  };
  if (opts.mode === 'templates') {
    if (!dataset.templates) throw new ViewUnavailableError('waveforms', 'no templates.npy');
    // Templates are stored with the trough at nt0min whatever the snippet alignment.
    payload.before = snippetWindow(dataset, 'nt0min').before;
    payload.clusters = base.map((b) => ({
      ...b,
      template: clusterTemplate(ctx, b.clusterId, channels),
    }));
    return payload;
  }
  const perSnippet = window.nSamples * channels.length;
  const raw = base.map((b) => {
    const spikes = evenlySpaced(
      spikesInRaw(dataset, model.spikesOf(b.clusterId)),
      opts.nSpikes ?? 100,
    );
    const snippets = extractSnippets(dataset, spikes, channels, {
      ...window,
      filter: opts.filter ?? true,
    });
    return { ...b, spikes, snippets, mean: meanOfSnippets(snippets, perSnippet) };
  });
  if (opts.mode === 'raw') {
    payload.clusters = raw;
  } else if (opts.mode === 'mean') {
    payload.clusters = raw.map(({ snippets: _unused, ...rest }) => rest);
  } else {
    const [min, max] = valueRange(raw.map((r) => r.snippets));
    const bins = { min, max, nBins: opts.nAmplitudeBins ?? 64 };
    payload.amplitudeBins = bins;
    payload.clusters = raw.map(({ snippets, ...rest }) => ({
      ...rest,
      density: waveformDensity(snippets, window.nSamples, channels.length, bins),
    }));
  }
  return payload;
}
