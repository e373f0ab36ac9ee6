/**
 * @file CorrelogramView payload: the n x n grid of auto- and cross-correlograms with phylib-exact
 * counts (`correlograms.ts`), Phy's baseline per pair (`n_i n_j bin / duration`, with the spike
 * counts actually used) and the refractory-period line positions.
 *
 * Budget: up to `maxSpikes` spikes per cluster (Phy's n_spikes_correlograms = 100000), a seeded
 * uniform random subset as in Phy (a stride would thin short-lag pairs systematically).
 * Each cluster's chosen spikes and their times are cached per dataset (cluster-times.ts), so a
 * repeated or overlapping selection skips the random subset and the gather of spike times.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import { ClusterTimesCache } from '../analysis/cluster-times.js';
import {
  correlogramBaseline,
  correlogramsOfTrains,
  refractoryLines,
} from '../analysis/correlograms.js';
import type { Dataset } from '../dataset/dataset.js';
import { randomSubset } from './sampling.js';
import type { CorrelogramPayload } from '../../../shared/contract/view-types.js';

export type { CorrelogramPayload };

export interface CorrelogramViewOptions {
  /** Bin width in seconds (default 1 ms). */
  binS?: number;
  /** Full window in seconds (default 50 ms). */
  windowS?: number;
  /** Refractory period for the guide lines, seconds (default 2 ms). */
  refractoryS?: number;
  /** Spikes per cluster at most (default 100000). */
  maxSpikes?: number;
  /** Train cache to use (default: one per dataset, shared by all calls on it). */
  cache?: ClusterTimesCache;
}

/** One train cache per open dataset; it goes with the dataset object. */
const caches = new WeakMap<Dataset, ClusterTimesCache>();

/** The shared train cache of a dataset (created on first use). */
export function clusterTimesCacheOf(dataset: Dataset): ClusterTimesCache {
  let cache = caches.get(dataset);
  if (!cache) {
    cache = new ClusterTimesCache(dataset.spikeTimes, dataset.sampleRate);
    caches.set(dataset, cache);
  }
  return cache;
}

/** The CorrelogramView payload for the selected clusters. */
export function correlogramView(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: CorrelogramViewOptions = {},
): CorrelogramPayload {
  const binS = opts.binS ?? 1e-3;
  const windowS = opts.windowS ?? 0.05;
  const maxSpikes = opts.maxSpikes ?? 100000;
  // Seeded by the cluster id: the same cluster always shows the same subset.
  const cache = opts.cache ?? clusterTimesCacheOf(dataset);
  const trains = clusterIds.map((id) =>
    cache.trainOf(id, model.spikesOf(id), maxSpikes, (s) => randomSubset(s, maxSpikes, id + 1)),
  );
  const ccg = correlogramsOfTrains(trains, {
    sampleRate: dataset.sampleRate,
    binS,
    windowS,
  });
  const spikeCounts = Int32Array.from(trains, (t) => t.spikes.length);
  return {
    ...ccg,
    clusterIds: [...clusterIds],
    binS,
    windowS,
    spikeCounts,
    totalSpikes: Int32Array.from(clusterIds, (id) => model.spikeCount(id)),
    baseline: correlogramBaseline(spikeCounts, binS, dataset.durationS),
    refractoryLines: refractoryLines(windowS, binS, opts.refractoryS ?? 2e-3),
  };
}
