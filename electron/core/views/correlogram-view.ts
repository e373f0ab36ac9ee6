/**
 * @file CorrelogramView payload: the n x n grid of auto- and cross-correlograms with phylib-exact
 * counts (`correlograms.ts`), Phy's baseline per pair (`n_i n_j bin / duration`, with the spike
 * counts actually used) and the refractory-period line positions.
 *
 * Budget: up to `maxSpikes` spikes per cluster (Phy's n_spikes_correlograms = 100000), a seeded
 * uniform random subset as in Phy (a stride would thin short-lag pairs systematically).
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import {
  correlogramBaseline,
  correlograms,
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
  const lists = clusterIds.map((id) => randomSubset(model.spikesOf(id), maxSpikes, id + 1));
  const ccg = correlograms(dataset.spikeTimes, lists, {
    sampleRate: dataset.sampleRate,
    binS,
    windowS,
  });
  const spikeCounts = Int32Array.from(lists, (l) => l.length);
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
