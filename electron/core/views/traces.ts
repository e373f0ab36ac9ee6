/**
 * @file TraceView payload: a window of the raw recording on all (or chosen) probe channels with
 * Phy's processing (per-channel median over the window removed, then the 150 Hz high-pass run
 * forward and backward over the window), plus the spikes inside the window so the UI can colour
 * them; and navigation to a cluster's next / previous spike.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import type { Dataset } from '../dataset/dataset.js';
import { phyHighPass } from './butterworth.js';
import { processRawBlock } from './filter.js';
import { lowerBound } from './sampling.js';
import { rawDataOf } from './snippets.js';
import { viewContext } from './view-context.js';
import type { SpikeAt, TraceSpikes, TracesPayload } from '../../../shared/contract/view-types.js';

export type { SpikeAt, TraceSpikes, TracesPayload };

export interface TracesOptions {
  /** Window start in seconds. */
  startS: number;
  /** Window length in seconds (default 0.25, Phy). */
  durationS?: number;
  /** Probe channels (default: all, in probe order). */
  channels?: readonly number[];
  /** Apply Phy's high-pass (default true). */
  filter?: boolean;
}

/** The TraceView payload for one window. */
export function traces(dataset: Dataset, model: CurationModel, opts: TracesOptions): TracesPayload {
  const raw = rawDataOf(dataset, 'traces');
  const sr = dataset.sampleRate;
  const want = Math.max(1, Math.round((opts.durationS ?? 0.25) * sr));
  const nSamples = Math.min(want, raw.nSamples);
  const start = Math.min(Math.max(0, Math.round(opts.startS * sr)), raw.nSamples - nSamples);
  const channels = opts.channels
    ? [...opts.channels]
    : Array.from({ length: dataset.probe.nChannels }, (_, c) => c);
  const columns = channels.map((c) => {
    const col = dataset.probe.channelMap[c];
    if (col === undefined) throw new RangeError(`channel ${c} is not a probe channel`);
    return col;
  });
  const block = raw.readWindow(start, start + nSamples, columns);
  const filter = opts.filter === false ? null : phyHighPass(sr);
  const data = processRawBlock(block, nSamples, channels.length, filter);
  const times = dataset.spikeTimes;
  const first = lowerBound(dataset.nSpikes, (i) => times[i] as number, start);
  const last = lowerBound(dataset.nSpikes, (i) => times[i] as number, start + nSamples);
  const spikes = Uint32Array.from({ length: last - first }, (_, k) => first + k);
  const clusters = Int32Array.from(spikes, (s) => model.spikeClusters[s] as number);
  const ctx = viewContext(dataset, model);
  const peaks = new Map<number, number>();
  const peakChannels = Int32Array.from(clusters, (id) => {
    let p = peaks.get(id);
    if (p === undefined) peaks.set(id, (p = ctx.peakChannel(id) ?? -1));
    return p;
  });
  return {
    startSample: start,
    startS: start / sr,
    nSamples,
    sampleRate: sr,
    channels: Int32Array.from(channels),
    data,
    spikes: {
      spikes,
      timeS: Float64Array.from(spikes, (s) => (times[s] as number) / sr),
      clusters,
      peakChannels,
    },
  };
}

/** The cluster's first spike strictly after `afterS` seconds, or null. */
export function nextSpikeOf(
  dataset: Dataset,
  model: CurationModel,
  clusterId: ClusterId,
  afterS: number,
): SpikeAt | null {
  const spikes = model.spikesOf(clusterId);
  const sr = dataset.sampleRate;
  const timeOf = (k: number) => (dataset.spikeTimes[spikes[k] as number] as number) / sr;
  // First spike at or after afterS, then skip those exactly at it.
  const k = lowerBound(spikes.length, timeOf, afterS);
  let j = k;
  while (j < spikes.length && timeOf(j) <= afterS) j++;
  return j < spikes.length ? { spike: spikes[j] as number, timeS: timeOf(j) } : null;
}

/** The cluster's last spike strictly before `beforeS` seconds, or null. */
export function previousSpikeOf(
  dataset: Dataset,
  model: CurationModel,
  clusterId: ClusterId,
  beforeS: number,
): SpikeAt | null {
  const spikes = model.spikesOf(clusterId);
  const sr = dataset.sampleRate;
  const timeOf = (k: number) => (dataset.spikeTimes[spikes[k] as number] as number) / sr;
  const k = lowerBound(spikes.length, timeOf, beforeS) - 1;
  return k >= 0 ? { spike: spikes[k] as number, timeS: timeOf(k) } : null;
}
