/**
 * @file The PC-feature quality metrics of one unit (isolation distance, L-ratio, d′, NN hit/miss,
 * simplified silhouette), and the SpikeInterface neighbourhood rule that decides which rows and
 * columns they see.
 *
 * SI `_prepare_data`: the neighbours of unit u are the units whose peak channel lies in u's channel
 * set; the matrix holds the (sampled, SI: <= 500 per unit) spikes of u and of those neighbours, with
 * the PCs on u's channels as columns (component-major: column = pc * nChannels + channelSlot).
 * Channels a spike has no features for (sparse KS pc_features) are zero, as in SI's dense projections.
 */

import type { ChannelIndex, ClusterId } from '../../../shared/domain/ids.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { dPrime } from './lda.js';
import { mahalanobisMetrics } from './mahalanobis.js';
import { nearestNeighbourRates, NN_DEFAULTS } from './nearest-neighbours.js';
import { simplifiedSilhouette } from './silhouette.js';

/** All PC metrics of one unit; NaN where undefined. Names follow SI's metric columns. */
export interface PcMetrics {
  isolation_distance: number;
  l_ratio: number;
  d_prime: number;
  nn_hit_rate: number;
  nn_miss_rate: number;
  silhouette: number;
}

/** Parameters (SI defaults). */
export interface PcMetricParams {
  /** NN metrics: rows kept after evenly spaced subsampling. Default 10000. */
  nnMaxSpikes?: number;
  /** NN metrics: sklearn n_neighbors, which counts the query spike itself. Default 5. */
  nnNeighbors?: number;
}

/** Computes every PC metric of `unit` from its neighbourhood feature matrix. */
export function computePcMetrics(
  features: FeatureMatrix,
  unit: ClusterId,
  params: PcMetricParams = {},
): PcMetrics {
  const { isolationDistance, lRatio } = mahalanobisMetrics(features, unit);
  const nn = nearestNeighbourRates(features, unit, {
    maxSpikes: params.nnMaxSpikes ?? NN_DEFAULTS.maxSpikes,
    nNeighbors: params.nnNeighbors ?? NN_DEFAULTS.nNeighbors,
  });
  return {
    isolation_distance: isolationDistance,
    l_ratio: lRatio,
    d_prime: dPrime(features, unit),
    nn_hit_rate: nn.hitRate,
    nn_miss_rate: nn.missRate,
    silhouette: simplifiedSilhouette(features, unit),
  };
}

/**
 * SI neighbour rule: units (u itself included) whose peak channel is one of u's channels.
 * Returned in ascending id order.
 */
export function neighbourUnits(
  unit: ClusterId,
  unitChannels: ReadonlyMap<ClusterId, ArrayLike<ChannelIndex>>,
  peakChannel: ReadonlyMap<ClusterId, ChannelIndex>,
): ClusterId[] {
  const own = new Set(Array.from(unitChannels.get(unit) ?? []));
  return [...peakChannel]
    .filter(([, ch]) => own.has(ch))
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

/** Rows as stored in pc_features.npy: m spikes x nPcs x nSlots, each slot a channel. */
export interface StoredPcRows {
  data: Float32Array | Float64Array;
  m: number;
  nPcs: number;
  nSlots: number;
  /** Cluster label per row. */
  labels: ArrayLike<number>;
  /** Channel of each slot of row i (Phy: pc_feature_ind[spike_templates[spike]]). */
  slotChannels: (row: number) => ArrayLike<ChannelIndex>;
}

/**
 * Re-expresses stored sparse rows on the target unit's channels, keeping the first `nPcsUsed` PCs:
 * column = pc * channels.length + slot of the channel in `channels`; absent channels stay 0.
 */
export function unitFeatureMatrix(
  rows: StoredPcRows,
  channels: ArrayLike<ChannelIndex>,
  nPcsUsed = rows.nPcs,
): FeatureMatrix {
  const nCh = channels.length;
  const d = nPcsUsed * nCh;
  const data = new Float64Array(rows.m * d);
  // Column slot of each channel number (-1: not one of u's channels), a table rather than a Map
  // because it is consulted for every slot of every row; a repeated channel keeps its last slot.
  let maxChannel = -1;
  for (let c = 0; c < nCh; c++) maxChannel = Math.max(maxChannel, channels[c] as number);
  const target = new Int32Array(maxChannel + 1).fill(-1);
  for (let c = 0; c < nCh; c++) {
    const ch = channels[c] as number;
    if (Number.isInteger(ch) && ch >= 0) target[ch] = c;
  }
  const { nPcs, nSlots } = rows;
  const stored = rows.data;
  for (let i = 0; i < rows.m; i++) {
    const slots = rows.slotChannels(i);
    const out = i * d;
    const row = i * nPcs * nSlots;
    for (let s = 0; s < nSlots; s++) {
      // Out of range (or not an integer): undefined, i.e. not one of u's channels.
      const c = target[slots[s] as number];
      if (c === undefined || c < 0) continue;
      for (let p = 0; p < nPcsUsed; p++) {
        data[out + p * nCh + c] = stored[row + p * nSlots + s] as number;
      }
    }
  }
  return { data, n: rows.m, d, labels: rows.labels };
}
