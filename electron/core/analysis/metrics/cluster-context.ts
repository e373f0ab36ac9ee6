/**
 * @file What the metrics need to know about every live cluster before computing anything: its
 * spikes, a content hash of them (the cache identity: a cluster whose spike list did not change
 * keeps its cached metrics, whatever its id), its dominant template, its peak channel and the
 * channels its PC features live on.
 */
import { createHash } from 'node:crypto';
import type { ClusterId } from '../../../../shared/domain/ids.js';
import type { Dataset } from '../../dataset/dataset.js';
import { TemplateWaveforms, argmax } from '../template-waveforms.js';

/** Read access to the live clustering (CurationModel satisfies it). */
export interface ClusteringView {
  readonly clusterIds: readonly ClusterId[];
  spikesOf(id: ClusterId): Uint32Array;
  /**
   * Cluster of every spike, when the view has it (CurationModel does): per-cluster template
   * counts then take one sequential pass over the spikes instead of a scattered one per cluster.
   */
  readonly spikeClusters?: Int32Array;
}

/** One live cluster as the metrics see it. */
export interface ClusterContext {
  id: ClusterId;
  /** Spike indices, ascending (shared with the model: never mutate). */
  spikes: Uint32Array;
  /** sha1 (hex) of the spike index list. */
  contentHash: string;
  /** Template most of its spikes came from (ties: lower index, like numpy argmax of bincount). */
  dominantTemplate: number;
  /** Channel (row of channel_positions) of the dominant template's largest amplitude, or null. */
  peakChannel: number | null;
  /** Channels of the dominant template's PC features (pc_feature_ind row), or [] without them. */
  featureChannels: number[];
}

/** sha1 of a spike index list's bytes. */
export function hashSpikes(spikes: Uint32Array): string {
  return createHash('sha1')
    .update(new Uint8Array(spikes.buffer, spikes.byteOffset, spikes.byteLength))
    .digest('hex');
}

/** Context of every cluster of `clustering`, in ascending id order (empty clusters skipped). */
export function buildClusterContexts(
  dataset: Dataset,
  clustering: ClusteringView,
  waveforms: TemplateWaveforms = new TemplateWaveforms(dataset),
): ClusterContext[] {
  const counts = new Int32Array(Math.max(dataset.nTemplates, 1));
  const pcInd = dataset.pcFeatureChannels;
  const nPcTemplates = pcInd ? pcInd.channelIndex.length / pcInd.nChannelsLocal : 0;
  const out: ClusterContext[] = [];
  const ids = [...clustering.clusterIds].sort((a, b) => a - b);
  const dominant = dominantBySweep(ids, clustering.spikeClusters, dataset.spikeTemplates, counts);
  for (const id of ids) {
    const spikes = clustering.spikesOf(id);
    if (spikes.length === 0) continue;
    const dominantTemplate =
      dominant?.get(id) ?? dominantOf(spikes, dataset.spikeTemplates, counts);
    let featureChannels: number[] = [];
    if (pcInd && dominantTemplate < nPcTemplates) {
      const row = pcInd.channelIndex.subarray(
        dominantTemplate * pcInd.nChannelsLocal,
        (dominantTemplate + 1) * pcInd.nChannelsLocal,
      );
      featureChannels = Array.from(row);
    }
    const amps = waveforms.channelAmplitudes(dominantTemplate);
    const peakChannel = amps ? argmax(amps) : (featureChannels[0] ?? null);
    out.push({
      id,
      spikes,
      contentHash: hashSpikes(spikes),
      dominantTemplate,
      peakChannel,
      featureChannels,
    });
  }
  return out;
}

/** Largest cluster id × template table the sweep allocates (int32 counts). */
const MAX_SWEEP_CELLS = 1 << 25;

/**
 * Dominant template of every cluster in one pass over all spikes (argmax of each cluster's
 * template counts, ties to the lower template: the same as `dominantOf`), or null when the view
 * has no per-spike clusters or the count table would be too large.
 */
function dominantBySweep(
  ids: readonly number[],
  spikeClusters: Int32Array | undefined,
  spikeTemplates: Int32Array,
  scratch: Int32Array,
): Map<number, number> | null {
  const nT = scratch.length;
  const maxId = ids.length > 0 ? (ids[ids.length - 1] as number) : -1;
  if (!spikeClusters || spikeClusters.length !== spikeTemplates.length) return null;
  if (ids.length * nT > MAX_SWEEP_CELLS || maxId >= MAX_SWEEP_CELLS || (ids[0] ?? 0) < 0)
    return null;
  const row = new Int32Array(maxId + 1).fill(-1);
  ids.forEach((id, r) => (row[id] = r));
  const counts = new Int32Array(ids.length * nT);
  for (let s = 0; s < spikeClusters.length; s++) {
    const c = spikeClusters[s] as number;
    const r = c >= 0 && c <= maxId ? (row[c] as number) : -1;
    if (r < 0) continue;
    const t = spikeTemplates[s] as number;
    // A template outside the table: leave it to the per-cluster count (same as before).
    if (!(t >= 0 && t < nT)) return null;
    counts[r * nT + t]++;
  }
  const out = new Map<number, number>();
  ids.forEach((id, r) => {
    let best = -1;
    let bestCount = 0;
    for (let t = 0; t < nT; t++) {
      if ((counts[r * nT + t] as number) > bestCount) {
        best = t;
        bestCount = counts[r * nT + t] as number;
      }
    }
    out.set(id, best);
  });
  return out;
}

/** argmax of the template histogram of `spikes`; `counts` is a zeroed scratch array, left zeroed. */
function dominantOf(spikes: Uint32Array, spikeTemplates: Int32Array, counts: Int32Array): number {
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < spikes.length; k++) {
    const t = spikeTemplates[spikes[k] as number] as number;
    const c = (counts[t] as number) + 1;
    counts[t] = c;
    if (c > bestCount || (c === bestCount && t < best)) {
      best = t;
      bestCount = c;
    }
  }
  for (let k = 0; k < spikes.length; k++) counts[spikeTemplates[spikes[k] as number] as number] = 0;
  return best;
}
