/**
 * @file The metrics job's worker threads: the per-cluster spike-train metrics, the per-unit PC
 * metrics (CPU backend) and the raw noise levels are independent, so they run on a pool of
 * workers while the main thread does the reads they need. The clusters' spike times, amplitudes
 * and depths are copied once, grouped cluster by cluster (`cluster-series.ts`), into
 * SharedArrayBuffers; a spike-train task carries views of its cluster's part (shared, not
 * copied). The sampled PC rows of all clusters are likewise one shared store (`pc-store.ts`): a PC
 * task carries only its unit's slice bounds, and the worker stacks the rows and builds the
 * feature matrix. A noise task gets a batch of raw chunks (moved, not copied). The workers start
 * before those copies are made, so that their start-up overlaps the main thread's reads. Results
 * are the same numbers the main thread would compute (same code, same values).
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../jobs/worker-pool.js';
import type { IirFilter } from '../../views/butterworth.js';
import type { RecordingSpan } from '../refractory-metrics.js';
import type { ClusterSeries } from './cluster-series.js';
import type { PcStoreSlice } from './pc-store.js';
import type { MetricParams } from './metric-params.js';
import type { PcStageResult } from './pc-stage.js';
import type { TimeMetrics } from './time-metrics.js';

/** What every worker receives at start. */
export interface SharedInputs {
  span: RecordingSpan;
  params: MetricParams;
}

/** One task: a cluster's spike-train metrics, a unit's PC metrics, or a batch's noise levels. */
export type MetricsTask =
  | { kind: 'time'; series: ClusterSeries }
  | { kind: 'pc'; unit: number; rows: PcStoreSlice; channels: Int32Array; nPcs: number }
  | { kind: 'noise'; windows: Float32Array[]; nTime: number; nChannels: number; filter: IirFilter };

/** Below this many spikes the job runs on the main thread (starting workers costs more). */
const MIN_SPIKES_FOR_WORKERS = 1_000_000;

/** Default worker count for a dataset of `nSpikes` spikes: 0 (main thread) when small. */
export function defaultWorkerCount(nSpikes: number): number {
  return nSpikes < MIN_SPIKES_FOR_WORKERS ? 0 : Math.min(4, availableParallelism());
}

/** A started pool of metrics workers. */
export class MetricsWorkers {
  private readonly pool: WorkerPool;

  constructor(span: RecordingSpan, params: MetricParams, size: number) {
    const shared: SharedInputs = { span, params };
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new WorkerPool(new URL(`./metrics-worker.${ext}`, import.meta.url), size, shared);
  }

  /** Number of worker threads. */
  get size(): number {
    return this.pool.size;
  }

  /**
   * Spike-train metrics of one cluster. Its series should be views of SharedArrayBuffers
   * (`groupSeries(..., { shared: true })`): posting a view of an ordinary buffer copies the whole
   * buffer, so such views are copied down to their own values first.
   */
  timeMetrics(series: ClusterSeries): Promise<TimeMetrics> {
    const own = <T extends Float64Array | Float32Array>(a: T): T =>
      a.buffer instanceof SharedArrayBuffer ? a : (a.slice() as T);
    const task: MetricsTask = {
      kind: 'time',
      series: {
        times: own(series.times),
        amplitudes: series.amplitudes && own(series.amplitudes),
        depths: series.depths && own(series.depths),
      },
    };
    return this.pool.run<TimeMetrics>(task);
  }

  /**
   * PC metrics of `unit` on the CPU from its neighbourhood's rows in a shared `PcStore`: the
   * worker stacks them and builds the feature matrix (`unitFeatureMatrix` on `channels`, first
   * `nPcs` PCs) itself, so the task carries only the slice's bounds. The store's arrays should be
   * views of SharedArrayBuffers (others would be copied with every task).
   */
  pcMetricsFromStore(
    rows: PcStoreSlice,
    channels: ArrayLike<number>,
    nPcs: number,
    unit: number,
  ): Promise<PcStageResult> {
    const task: MetricsTask = {
      kind: 'pc',
      unit,
      rows,
      channels: Int32Array.from(channels),
      nPcs,
    };
    return this.pool.run<PcStageResult>(task);
  }

  /**
   * Noise levels of a batch of channels from their raw chunks (`noiseLevelsOfChunks`); the
   * windows are moved to the worker (unusable afterwards) when they own their whole buffers.
   */
  noiseLevels(
    windows: Float32Array[],
    nTime: number,
    nChannels: number,
    filter: IirFilter,
  ): Promise<Float64Array> {
    const owned = windows.map((w) =>
      w.byteOffset === 0 && w.byteLength === w.buffer.byteLength ? w : w.slice(),
    );
    const task: MetricsTask = { kind: 'noise', windows: owned, nTime, nChannels, filter };
    return this.pool.run<Float64Array>(
      task,
      owned.map((w) => w.buffer as ArrayBuffer),
    );
  }

  /** Stops the workers (running tasks reject). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
