/**
 * @file Phy's cluster-table columns (phy-semantics §3.5): n_spikes, fr, amp, ch, sh, depth, from
 * the cluster's dominant template (the template most of its spikes came from). Without
 * templates.npy the best channel falls back to the first pc_feature_ind channel of the dominant
 * template (Kilosort orders those by amplitude), then to the channel nearest the median spike
 * position; amp is then unknown (null).
 */
import type { Dataset } from '../dataset/dataset.js';
import { TemplateWaveforms, argmax } from './template-waveforms.js';

export interface ClusterRow {
  id: number;
  nSpikes: number;
  /** Spikes per second over the recording (n_spikes / max(1, duration)). */
  fr: number;
  /** Peak-to-peak amplitude of the unwhitened dominant template on its best channel (arbitrary units). */
  amp: number | null;
  /** Raw-file channel of the best channel (channel_map[best]). */
  ch: number | null;
  /** Shank of the best channel. */
  sh: number | null;
  /** y position of the best channel, µm. */
  depth: number | null;
  /** Index of the best channel (row of channel_positions). */
  bestChannel: number | null;
  dominantTemplate: number;
  /** How the best channel was found. */
  bestChannelSource: 'templates' | 'pc_feature_ind' | 'spike_positions' | 'none';
}

/** Spike count of every cluster id present, and each cluster's dominant template. */
export function countClusters(
  spikeClusters: Int32Array,
  spikeTemplates: Int32Array,
  nTemplates: number,
): { ids: number[]; counts: Map<number, number>; dominant: Map<number, number> } {
  // One pass: counts per id (grown on demand), and whether clusters still equal templates
  // (true at open for Kilosort output, which makes the dominant template the cluster itself).
  let counts = new Int32Array(Math.max(16, nTemplates + 1));
  let same = spikeClusters.length === spikeTemplates.length;
  const n = spikeClusters.length;
  for (let i = 0; i < n; i++) {
    const c = spikeClusters[i] as number;
    if (c >= counts.length) {
      const grown = new Int32Array(Math.max(c + 1, counts.length * 2));
      grown.set(counts);
      counts = grown;
    }
    counts[c]++;
    if (same && c !== spikeTemplates[i]) same = false;
  }
  const ids: number[] = [];
  const countMap = new Map<number, number>();
  for (let id = 0; id < counts.length; id++) {
    if ((counts[id] as number) > 0) {
      ids.push(id);
      countMap.set(id, counts[id] as number);
    }
  }
  const dominant = new Map<number, number>();
  if (same) {
    for (const id of ids) dominant.set(id, id);
    return { ids, counts: countMap, dominant };
  }
  // Pair counts keyed by cluster * nTemplates + template; a Map keeps memory bounded by the
  // number of distinct pairs, which is small after curation.
  const pairCounts = new Map<number, number>();
  const width = Math.max(nTemplates, 1);
  for (let i = 0; i < n; i++) {
    const key = (spikeClusters[i] as number) * width + (spikeTemplates[i] as number);
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
  }
  const best = new Map<number, number>();
  for (const [key, count] of pairCounts) {
    const id = Math.floor(key / width);
    const t = key - id * width;
    const current = best.get(id);
    // Ties go to the lower template index, as numpy's argmax over bincount does.
    if (
      current === undefined ||
      count > current ||
      (count === current && t < (dominant.get(id) as number))
    ) {
      best.set(id, count);
      dominant.set(id, t);
    }
  }
  return { ids, counts: countMap, dominant };
}

export function computeClusterRows(
  dataset: Dataset,
  spikeClusters: Int32Array = dataset.spikeClusters,
  waveforms: TemplateWaveforms = new TemplateWaveforms(dataset),
): ClusterRow[] {
  const { ids, counts, dominant } = countClusters(
    spikeClusters,
    dataset.spikeTemplates,
    dataset.nTemplates,
  );
  const duration = Math.max(1, dataset.durationS);
  waveforms.loadAllAmplitudes();
  const { probe } = dataset;
  let medianChannel: Map<number, number> | null = null;
  const pcChannels = dataset.pcFeatureChannels;
  return ids.map((id) => {
    const nSpikes = counts.get(id) as number;
    const t = dominant.get(id) as number;
    let bestChannel: number | null = null;
    let amp: number | null = null;
    let source: ClusterRow['bestChannelSource'] = 'none';
    const amps = waveforms.channelAmplitudes(t);
    if (amps) {
      bestChannel = argmax(amps);
      amp = amps[bestChannel] as number;
      source = 'templates';
    } else if (pcChannels && t < pcChannels.channelIndex.length / pcChannels.nChannelsLocal) {
      bestChannel = pcChannels.channelIndex[t * pcChannels.nChannelsLocal] as number;
      source = 'pc_feature_ind';
    } else if (dataset.spikePositions()) {
      medianChannel ??= channelsNearestMedianPosition(dataset, spikeClusters);
      bestChannel = medianChannel.get(id) ?? null;
      source = bestChannel === null ? 'none' : 'spike_positions';
    }
    return {
      id,
      nSpikes,
      fr: nSpikes / duration,
      amp,
      ch: bestChannel === null ? null : (probe.channelMap[bestChannel] as number),
      sh: bestChannel === null ? null : (probe.shanks[bestChannel] as number),
      depth: bestChannel === null ? null : (probe.positions[2 * bestChannel + 1] as number),
      bestChannel,
      dominantTemplate: t,
      bestChannelSource: source,
    };
  });
}

/** For each cluster, the channel nearest to the median (x, y) of its spike positions. */
function channelsNearestMedianPosition(
  dataset: Dataset,
  spikeClusters: Int32Array,
): Map<number, number> {
  const positions = dataset.spikePositions() as Float32Array;
  const byCluster = new Map<number, { xs: number[]; ys: number[] }>();
  for (let i = 0; i < spikeClusters.length; i++) {
    const id = spikeClusters[i] as number;
    let entry = byCluster.get(id);
    if (!entry) byCluster.set(id, (entry = { xs: [], ys: [] }));
    entry.xs.push(positions[2 * i] as number);
    entry.ys.push(positions[2 * i + 1] as number);
  }
  const median = (v: number[]) => {
    v.sort((a, b) => a - b);
    const m = v.length >> 1;
    return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
  };
  const out = new Map<number, number>();
  const { positions: chPos, nChannels } = dataset.probe;
  for (const [id, { xs, ys }] of byCluster) {
    const x = median(xs);
    const y = median(ys);
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < nChannels; c++) {
      const d = ((chPos[2 * c] as number) - x) ** 2 + ((chPos[2 * c + 1] as number) - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    out.set(id, best);
  }
  return out;
}

/** The channel nearest to the median (x, y) position of some spikes (spike_positions.npy). */
export function nearestChannelToMedian(dataset: Dataset, spikes: ArrayLike<number>): number | null {
  const positions = dataset.spikePositions();
  if (!positions || spikes.length === 0) return null;
  const xs = new Float64Array(spikes.length);
  const ys = new Float64Array(spikes.length);
  for (let i = 0; i < spikes.length; i++) {
    const s = spikes[i] as number;
    xs[i] = positions[2 * s] as number;
    ys[i] = positions[2 * s + 1] as number;
  }
  const median = (v: Float64Array) => {
    v.sort();
    const m = v.length >> 1;
    return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
  };
  const x = median(xs);
  const y = median(ys);
  const { positions: chPos, nChannels } = dataset.probe;
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < nChannels; c++) {
    const d = ((chPos[2 * c] as number) - x) ** 2 + ((chPos[2 * c + 1] as number) - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
