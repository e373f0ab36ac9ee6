/**
 * @file ISIView and FiringRateView payloads, on ALL spikes of each cluster (as Phy):
 * - ISI: Phy's density over `linspace(0, 50 ms, 50)` edges, plus plain counts on linear bins and
 *   on log-spaced bins (log-x view, 0.1 ms .. 10 s);
 * - firing rate: counts over `nBins` equal bins of [0, duration], as Hz and as Phy's density
 *   (counts / (sum * bin width)).
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import { firingRateOverTime } from '../analysis/firing-rate.js';
import { isiHistogramCounts, isiHistogramPhy } from '../analysis/isi.js';
import type { Dataset } from '../dataset/dataset.js';
import type { ClusterFiringRate, ClusterIsi } from '../../../shared/contract/view-types.js';

export type { ClusterFiringRate, ClusterIsi };

export interface IsiViewOptions {
  /** Right edge of Phy's and of the linear histogram, seconds (default 0.05). */
  xMaxS?: number;
  /** Phy's number of EDGES (default 50). */
  phyBins?: number;
  /** Linear-count bins (default 50). */
  linearBins?: number;
  /** Log-spaced bins: range and count (defaults 1e-4 s, 10 s, 100). */
  logMinS?: number;
  logMaxS?: number;
  logBins?: number;
}

/** ISI histograms of each selected cluster. */
export function isiView(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: IsiViewOptions = {},
): ClusterIsi[] {
  const xMaxS = opts.xMaxS ?? 0.05;
  const { spikeTimes: times, sampleRate } = dataset;
  return clusterIds.map((id) => {
    const spikes = model.spikesOf(id);
    return {
      clusterId: id,
      phy: isiHistogramPhy(times, spikes, sampleRate, { xMaxS, nBins: opts.phyBins ?? 50 }),
      linear: isiHistogramCounts(times, spikes, sampleRate, {
        log: false,
        minS: 0,
        maxS: xMaxS,
        nBins: opts.linearBins ?? 50,
      }),
      log: isiHistogramCounts(times, spikes, sampleRate, {
        log: true,
        minS: opts.logMinS ?? 1e-4,
        maxS: opts.logMaxS ?? 10,
        nBins: opts.logBins ?? 100,
      }),
    };
  });
}

/** Firing rate over time of each selected cluster, `nBins` bins (default 200, Phy). */
export function firingRateView(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  nBins = 200,
): ClusterFiringRate[] {
  const endS = dataset.durationS > 0 ? dataset.durationS : 1;
  const binS = endS / nBins;
  return clusterIds.map((id) => {
    const series = firingRateOverTime(dataset.spikeTimes, model.spikesOf(id), {
      sampleRate: dataset.sampleRate,
      binS,
      endS,
    });
    let sum = 0;
    for (const c of series.counts) sum += c;
    const norm = sum * binS || 1;
    return {
      clusterId: id,
      ...series,
      density: Float64Array.from(series.counts, (c) => c / norm),
    };
  });
}
