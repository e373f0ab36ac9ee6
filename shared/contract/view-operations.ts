/**
 * @file Contract entries of the data views (waveforms, features, amplitudes, correlograms, ISI,
 * firing rate, traces, previews). Part of the one table in contract.ts. Every view request names
 * the clusters it is for (at most {@link MAX_VIEW_CLUSTERS}); lasso requests carry a polygon in
 * the view's data coordinates and return ALL spikes of the clusters inside it (never a display
 * subset), ascending, ready for `curation:split`. Payloads of the data views are `view` priority:
 * the core answers them after whatever shows the selection itself (see InvokePriority).
 */
import * as v from 'valibot';
import { invoke } from './define.js';
import type {
  ActionPreview,
  ClusterFiringRate,
  ClusterIsi,
  CorrelogramPayload,
  FeaturesPayload,
  OverTimePayload,
  SpikeAt,
  TracesPayload,
  WaveformsPayload,
} from './view-types.js';

/** The most clusters one view request may name (Phy shows a handful). */
export const MAX_VIEW_CLUSTERS = 64;
/** The most vertices of a lasso polygon. */
export const MAX_POLYGON_VERTICES = 10_000;

const clusterId = v.pipe(v.number(), v.integer(), v.minValue(0));
const viewClusters = v.pipe(v.array(clusterId), v.minLength(1), v.maxLength(MAX_VIEW_CLUSTERS));
const finite = v.pipe(v.number(), v.finite());
const count = (max: number) =>
  v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max)));
const seconds = (min: number, max: number) =>
  v.optional(v.pipe(v.number(), v.minValue(min), v.maxValue(max)));
const channel = v.pipe(v.number(), v.integer(), v.minValue(0));
/** Flat [x0, y0, x1, y1, ...], at least a triangle. */
const polygon = v.pipe(
  v.array(finite),
  v.minLength(6),
  v.maxLength(2 * MAX_POLYGON_VERTICES),
  v.check((p) => p.length % 2 === 0, 'a polygon has an even number of coordinates'),
);
/** A feature dimension name of the feature view: 'time' or channel digit + PC letter ('0A'). */
const featureDim = v.pipe(v.string(), v.regex(/^(time|[0-9][A-Z])$/));

export const viewOperations = {
  'views:waveforms': invoke<WaveformsPayload>()(
    v.object({
      clusterIds: viewClusters,
      mode: v.picklist(['templates', 'mean', 'raw', 'density']),
      nSpikes: count(2000),
      filter: v.optional(v.boolean()),
      alignment: v.optional(v.picklist(['nt0min', 'centered'])),
      channels: v.optional(v.pipe(v.array(channel), v.maxLength(1024))),
    }),
    { priority: 'view' },
  ),
  'views:features': invoke<FeaturesPayload>()(
    v.object({
      clusterIds: viewClusters,
      nSpikes: count(100_000),
      background: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
      channels: v.optional(v.pipe(v.array(channel), v.minLength(1), v.maxLength(2))),
    }),
    { priority: 'view' },
  ),
  /**
   * Reads the feature view's samples of `clusterIds` (each as shown alone) ahead into the core's
   * cache, while the curator looks at another cluster; answers the clusters whose samples the
   * core now holds (none when it holds no more: its cache is full, or the features are read per
   * view). `idle`: it waits for every view request.
   */
  'views:readAhead': invoke<number[]>()(
    v.object({ clusterIds: viewClusters }),
    { priority: 'idle' },
  ),
  /** All spikes of `clusterIds` whose (x, y) features lie in the polygon. */
  'views:featureLasso': invoke<Uint32Array>()(
    v.object({
      clusterIds: viewClusters,
      /** The two channels of dimension prefixes 0 and 1 (the payload's `channels`). */
      channels: v.pipe(v.array(channel), v.minLength(1), v.maxLength(2)),
      x: featureDim,
      y: featureDim,
      polygon,
    }),
  ),
  'views:overTime': invoke<OverTimePayload>()(
    v.object({
      clusterIds: viewClusters,
      attribute: v.picklist(['amplitude', 'depth']),
      nSpikes: count(1_000_000),
      background: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
      nBins: count(10_000),
    }),
    { priority: 'view' },
  ),
  /** All spikes of `clusterIds` whose (time s, amplitude or depth) lie in the polygon. */
  'views:overTimeLasso': invoke<Uint32Array>()(
    v.object({
      clusterIds: viewClusters,
      attribute: v.picklist(['amplitude', 'depth']),
      polygon,
    }),
  ),
  'views:correlograms': invoke<CorrelogramPayload>()(
    v.object({
      clusterIds: viewClusters,
      binS: seconds(1e-5, 10),
      windowS: seconds(1e-4, 100),
      refractoryS: seconds(0, 1),
    }),
    { priority: 'view' },
  ),
  'views:isi': invoke<ClusterIsi[]>()(v.object({ clusterIds: viewClusters }), { priority: 'view' }),
  'views:firingRate': invoke<ClusterFiringRate[]>()(
    v.object({ clusterIds: viewClusters, nBins: count(100_000) }),
    { priority: 'view' },
  ),
  'views:traces': invoke<TracesPayload>()(
    v.object({
      startS: v.pipe(v.number(), v.finite()),
      durationS: seconds(1e-4, 10),
      channels: v.optional(v.pipe(v.array(channel), v.minLength(1), v.maxLength(4096))),
      filter: v.optional(v.boolean()),
    }),
    { priority: 'view' },
  ),
  /** The cluster's first spike strictly after `timeS` ('next') or last strictly before it. */
  'views:stepSpike': invoke<SpikeAt | null>()(
    v.object({ clusterId, timeS: finite, direction: v.picklist(['next', 'previous']) }),
  ),
  /** What a merge or a split would create, with deltas against the parents. */
  'views:preview': invoke<ActionPreview>()(
    v.object({
      action: v.variant('type', [
        v.object({
          type: v.literal('merge'),
          clusterIds: v.pipe(v.array(clusterId), v.minLength(2), v.maxLength(100_000)),
        }),
        v.object({ type: v.literal('split'), spikes: v.instance(Uint32Array) }),
      ]),
    }),
  ),
} as const;
