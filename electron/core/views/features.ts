/**
 * @file FeatureView payload (Phy's 4x4 grid of PC projections) and its lasso split helper.
 *
 * Channels: the first selected cluster's best channels that carry features for its dominant
 * template, those shared by every selected cluster first (Phy `feature.py`), first two kept.
 * Spikes: up to `nSpikes` per cluster and `background` over the whole recording, evenly spaced
 * (Phy draws the per-cluster subset at random; even spacing is deterministic and covers the
 * recording). Only the sampled rows of pc_features.npy are read.
 *
 * A cluster's sample is kept per dataset (feature-samples.ts) and can be read ahead while the
 * curator looks at another cluster (`readFeaturesAhead`), so a cluster shown then costs no reads.
 *
 * The lasso never works on the displayed subset (Phy #1133): `spikesInPolygon` tests every spike
 * of the cluster, reading its rows block by block.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import type { Dataset } from '../dataset/dataset.js';
import {
  featureValues,
  parseFeatureDim,
  spikeLookups,
  pcFeaturesOf,
  readRowsCoalesced,
  type FeatureDim,
  type RowData,
  type SpikeLookups,
} from './pc-values.js';
import { FeatureSampleCache, sampleBytes, sampleKey } from './feature-samples.js';
import { insidePolygon } from './polygon.js';
import { readRowsInBackground, readRowsOnWorker } from './row-reader.js';
import { evenlySpaced, evenlySpacedIndices } from './sampling.js';
import { viewContext } from './view-context.js';
import type {
  FeatureGrid,
  FeatureSet,
  FeaturesPayload,
} from '../../../shared/contract/view-types.js';

export type { FeatureGrid, FeatureSet, FeaturesPayload };

/** Phy's default grid (`feature.py` `_get_default_grid`): cell [row][col] = [x dim, y dim]. */
export const FEATURE_GRID: FeatureGrid = [
  [
    ['time', '0A'],
    ['1A', '0A'],
    ['0B', '0A'],
    ['1B', '0A'],
  ],
  [
    ['0A', '1A'],
    ['time', '1A'],
    ['0B', '1A'],
    ['1B', '1A'],
  ],
  [
    ['0A', '0B'],
    ['1A', '0B'],
    ['time', '0B'],
    ['1B', '0B'],
  ],
  [
    ['0A', '1B'],
    ['1A', '1B'],
    ['0B', '1B'],
    ['time', '1B'],
  ],
];

/** The dimensions of the default grid. */
export const FEATURE_DIMS = ['time', '0A', '0B', '1A', '1B'] as const;

export interface FeatureOptions {
  /** Spikes per cluster (default 2500, Phy's n_spikes_features). */
  nSpikes?: number;
  /** Background spikes over all clusters (default 2500). */
  background?: number;
  /** The two probe channels ('0' and '1'); default: chosen from the first cluster. */
  channels?: readonly number[];
}

/** The two feature channels for a selection (see the file header). */
export function featureChannels(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
): number[] {
  const src = pcFeaturesOf(dataset, 'features');
  const ctx = viewContext(dataset, model);
  const first = clusterIds[0];
  if (first === undefined) return [];
  const t = ctx.dominantTemplate(first);
  const local = src.channelIndex.subarray(t * src.nChannelsLocal, (t + 1) * src.nChannelsLocal);
  const withFeatures = ctx.bestChannels(first).filter((c) => local.includes(c));
  const candidates =
    withFeatures.length > 0 ? withFeatures : Array.from(local).filter((c) => c >= 0);
  const others = clusterIds.slice(1).map((id) => new Set(ctx.bestChannels(id)));
  const common = candidates.filter((c) => others.every((s) => s.has(c)));
  const ordered = [...common, ...candidates.filter((c) => !common.includes(c))];
  const chosen = ordered.slice(0, 2);
  if (chosen.length === 1) chosen.push(chosen[0] as number);
  return chosen;
}

/** The two channels a payload uses: `opts.channels`, else {@link featureChannels}; one is doubled. */
function channelsFor(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: FeatureOptions,
): number[] {
  const channels = opts.channels ? [...opts.channels] : featureChannels(dataset, model, clusterIds);
  if (channels.length === 1) channels.push(channels[0] as number);
  return channels;
}

function featureSet(
  dataset: Dataset,
  spikes: Uint32Array,
  channels: number[],
  preloaded?: RowData,
  lookups?: SpikeLookups,
): FeatureSet {
  const dims = FEATURE_DIMS.map((name) => parseFeatureDim(name, channels));
  const values = featureValues(dataset, spikes, dims, preloaded, lookups);
  const columns: Record<string, Float32Array> = {};
  FEATURE_DIMS.forEach((name, i) => (columns[name] = Float32Array.from(values[i] as Float64Array)));
  return { spikes, columns };
}

/**
 * The background spikes (evenly spaced over the recording) with their pc_features rows, templates
 * and times, found once per dataset and budget: the set never depends on the selection, and
 * reading 2500 scattered rows is the slowest part of the view. Rows are null when features cover
 * a subset of spikes.
 */
interface Background {
  spikes: Uint32Array;
  data: RowData | null;
  lookups: SpikeLookups;
}

const backgroundCache = new WeakMap<Dataset, Map<number, Background>>();

function backgroundRows(dataset: Dataset, budget: number): Background {
  let byBudget = backgroundCache.get(dataset);
  if (!byBudget) backgroundCache.set(dataset, (byBudget = new Map()));
  let entry = byBudget.get(budget);
  if (!entry) {
    const spikes = evenlySpacedIndices(dataset.nSpikes, budget);
    const src = pcFeaturesOf(dataset, 'features');
    const data = src.spikeIds ? null : readRowsCoalesced(src.reader, spikes);
    byBudget.set(budget, (entry = { spikes, data, lookups: spikeLookups(dataset, spikes) }));
  }
  return entry;
}

/** Spikes per cluster the view samples. */
const samplesPerCluster = (opts: FeatureOptions): number => opts.nSpikes ?? 2500;

const sampleCaches = new WeakMap<Dataset, FeatureSampleCache>();

/** The per-cluster samples of a dataset (created on first use; it goes with the dataset). */
export function featureSamplesOf(dataset: Dataset): FeatureSampleCache {
  let cache = sampleCaches.get(dataset);
  if (!cache) sampleCaches.set(dataset, (cache = new FeatureSampleCache()));
  return cache;
}

/**
 * A cluster's sample on `channels` (its spikes evenly spaced, up to the sample size): the one
 * held if any, else computed (from `rows` when they were read ahead for these very spikes) and
 * kept.
 */
function clusterSample(
  dataset: Dataset,
  of: Uint32Array,
  key: string,
  nSpikes: number,
  channels: number[],
  rows?: RowData,
): FeatureSet {
  const cache = featureSamplesOf(dataset);
  const held = cache.get(key, of);
  if (held) return held;
  const set = featureSet(dataset, evenlySpaced(of, nSpikes), channels, rows);
  cache.set(key, of, set);
  return set;
}

/**
 * The pc_features rows of a cluster's sampled spikes read ahead (featuresAsync), valid while the
 * model still holds `of` as the cluster's spikes.
 */
interface PreloadedRows {
  of: Uint32Array;
  rows: RowData;
}

/** The FeatureView payload for the selected clusters. */
export function features(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: FeatureOptions = {},
  preloaded: ReadonlyMap<ClusterId, PreloadedRows> = new Map(),
): FeaturesPayload {
  pcFeaturesOf(dataset, 'features');
  const channels = channelsFor(dataset, model, clusterIds, opts);
  const nSpikes = samplesPerCluster(opts);
  const clusters = clusterIds.map((id) => {
    const of = model.spikesOf(id);
    const ahead = preloaded.get(id);
    // Rows read ahead count only for the very spike array they were read for (an action since
    // gives the cluster a new one).
    const rows = ahead && ahead.of === of ? ahead.rows : undefined;
    const key = sampleKey(id, nSpikes, channels);
    return { clusterId: id, ...clusterSample(dataset, of, key, nSpikes, channels, rows) };
  });
  const bg = backgroundRows(dataset, opts.background ?? 2500);
  const background = {
    ...featureSet(dataset, bg.spikes, channels, bg.data ?? undefined, bg.lookups),
    clusters: Int32Array.from(bg.spikes, (s) => model.spikeClusters[s] as number),
  };
  return {
    channels: Int32Array.from(channels),
    dims: FEATURE_DIMS,
    grid: FEATURE_GRID,
    clusters,
    background,
  };
}

/**
 * {@link features}, with the sampled pc_features rows of the clusters read on a worker thread
 * first (row-reader.ts), so the core's thread answers other calls meanwhile. The same payload;
 * rows the worker could not read are read here.
 */
export async function featuresAsync(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: FeatureOptions = {},
): Promise<FeaturesPayload> {
  const src = pcFeaturesOf(dataset, 'features');
  // Chosen once, for the reads and the payload (the clusters, hence their channels, are the same
  // after the reads: ids are never reused).
  const withChannels = { ...opts, channels: channelsFor(dataset, model, clusterIds, opts) };
  const preloaded = new Map<ClusterId, PreloadedRows>();
  // With pc_feature_spike_ids.npy rows are not spikes: no read ahead.
  if (!src.spikeIds) {
    const { channels } = withChannels;
    const nSpikes = samplesPerCluster(opts);
    const samples = featureSamplesOf(dataset);
    const reads = clusterIds.map(async (id) => {
      const of = model.spikesOf(id);
      if (samples.has(sampleKey(id, nSpikes, channels), of)) return;
      const rows = await readRowsOnWorker(src.reader, evenlySpaced(of, nSpikes));
      if (rows) preloaded.set(id, { of, rows });
    });
    await Promise.all(reads);
  }
  return features(dataset, model, clusterIds, withChannels, preloaded);
}

/**
 * Reads the samples of `clusterIds` ahead, each as the view shows it when selected alone (on its
 * own channels), while the curator looks at another cluster: their rows are read on the worker
 * threads in small rounds (readRowsInBackground), so a view request meanwhile hardly waits.
 * Stops when `stop()` turns true, and when the cache is full: reading ahead never pushes out a
 * sample (the clusters read ahead first, next in the table, would go first). Returns the
 * clusters whose samples are held afterwards (none when pc_features.npy covers a subset of
 * spikes: those rows are read per payload).
 */
export async function readFeaturesAhead(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  stop: () => boolean,
  opts: Omit<FeatureOptions, 'channels'> & { samples?: FeatureSampleCache } = {},
): Promise<ClusterId[]> {
  const src = dataset.pcFeatures;
  if (!src || src.spikeIds) return [];
  const nSpikes = samplesPerCluster(opts);
  const samples = opts.samples ?? featureSamplesOf(dataset);
  const held: ClusterId[] = [];
  for (const id of clusterIds) {
    if (stop()) break;
    if (!model.hasCluster(id)) continue;
    const channels = channelsFor(dataset, model, [id], opts);
    // Taken before the read: the sample is valid for this array, whatever happens meanwhile.
    const of = model.spikesOf(id);
    const key = sampleKey(id, nSpikes, channels);
    if (!samples.has(key, of)) {
      if (!samples.hasRoomFor(sampleBytes(Math.min(nSpikes, of.length)))) break;
      const spikes = evenlySpaced(of, nSpikes);
      const rows = await readRowsInBackground(src.reader, spikes, stop);
      if (!rows) break;
      samples.set(key, of, featureSet(dataset, spikes, channels, rows));
    }
    held.push(id);
  }
  return held;
}

/**
 * Every spike of `clusterId` whose (x, y) feature values lie inside `polygon` (flat [x0, y0, ...]),
 * ascending. Reads all of the cluster's pc_features rows (in blocks), never a display subset.
 */
export function spikesInPolygon(
  dataset: Dataset,
  model: CurationModel,
  clusterId: ClusterId,
  dims: { x: FeatureDim; y: FeatureDim },
  polygon: ArrayLike<number>,
): Uint32Array {
  const spikes = model.spikesOf(clusterId);
  const [xs, ys] = featureValues(dataset, spikes, [dims.x, dims.y]) as [Float64Array, Float64Array];
  const inside = insidePolygon(xs, ys, polygon);
  return spikes.filter((_, k) => inside[k] === 1);
}
