/**
 * @file The metrics job's worker threads: the per-cluster spike-train metrics and the per-unit PC
 * metrics (CPU backend) are independent, so they run on a pool of workers while the main thread
 * reads the raw snippets and PC rows they need. The clusters' spike times, amplitudes and depths
 * are copied once, grouped cluster by cluster (`cluster-series.ts`), into SharedArrayBuffers; a
 * spike-train task carries views of its cluster's part (shared, not copied), a PC task its unit's
 * feature matrix (moved, not copied). The workers start before those copies are made, so that
 * their start-up overlaps the main thread's reads. Results are the same numbers the main thread
 * would compute (same code, same values).
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../jobs/worker-pool.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import type { RecordingSpan } from '../refractory-metrics.js';
import type { ClusterSeries } from './cluster-series.js';
import type { MetricParams } from './metric-params.js';
import type { PcStageResult } from './pc-stage.js';
import type { TimeMetrics } from './time-metrics.js';

/** What every worker receives at start. */
export interface SharedInputs {
  span: RecordingSpan;
  params: MetricParams;
}

/** One task: a cluster's spike-train metrics, or a unit's PC metrics from its feature matrix. */
export type MetricsTask =
  | { kind: 'time'; series: ClusterSeries }
  | { kind: 'pc'; unit: number; data: Float64Array; n: number; d: number; labels: Int32Array };

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

  /** PC metrics of `unit` on the CPU; `features` is moved to the worker (unusable afterwards). */
  pcMetrics(features: FeatureMatrix, unit: number): Promise<PcStageResult> {
    // unitFeatureMatrix builds float64 data; anything else is converted (same values).
    const data =
      features.data instanceof Float64Array ? features.data : Float64Array.from(features.data);
    const labels = Int32Array.from(features.labels);
    const task: MetricsTask = { kind: 'pc', unit, data, n: features.n, d: features.d, labels };
    return this.pool.run<PcStageResult>(task, [data.buffer as ArrayBuffer, labels.buffer]);
  }

  /** Stops the workers (running tasks reject). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
