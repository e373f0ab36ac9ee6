/**
 * @file The metrics job's worker threads: the per-cluster spike-train metrics and the per-unit PC
 * metrics (CPU backend) are independent, so they run on a pool of workers while the main thread
 * reads the raw snippets and PC rows they need. Spike times, amplitudes and depths are copied once
 * into SharedArrayBuffers that every worker reads; each task carries only its cluster's spike
 * list or its unit's feature matrix (moved, not copied). Results are the same numbers the main
 * thread would compute (same code, same inputs).
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../jobs/worker-pool.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import type { RecordingSpan } from '../refractory-metrics.js';
import type { FloatArray } from '../time-series.js';
import type { MetricParams } from './metric-params.js';
import type { PcStageResult } from './pc-stage.js';
import type { SpikeInputs, TimeMetrics } from './time-metrics.js';

/** What every worker receives at start. */
export interface SharedInputs {
  times: Float64Array;
  span: RecordingSpan;
  amplitudes: FloatArray | null;
  depths: FloatArray | null;
  params: MetricParams;
}

/** One task: a cluster's spike-train metrics, or a unit's PC metrics from its feature matrix. */
export type MetricsTask =
  | { kind: 'time'; spikes: Uint32Array }
  | { kind: 'pc'; unit: number; data: Float64Array; n: number; d: number; labels: Int32Array };

/** Below this many spikes the job runs on the main thread (starting workers costs more). */
const MIN_SPIKES_FOR_WORKERS = 1_000_000;

/** Default worker count for a dataset of `nSpikes` spikes: 0 (main thread) when small. */
export function defaultWorkerCount(nSpikes: number): number {
  return nSpikes < MIN_SPIKES_FOR_WORKERS ? 0 : Math.min(4, availableParallelism());
}

function toShared<T extends Float64Array | Float32Array>(a: T): T {
  const ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** A started pool of metrics workers. */
export class MetricsWorkers {
  private readonly pool: WorkerPool;

  constructor(inputs: SpikeInputs, params: MetricParams, size: number) {
    const shared: SharedInputs = {
      times: toShared(inputs.times),
      span: inputs.span,
      amplitudes: inputs.amplitudes ? toShared(inputs.amplitudes) : null,
      depths: inputs.depths ? toShared(inputs.depths) : null,
      params,
    };
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new WorkerPool(new URL(`./metrics-worker.${ext}`, import.meta.url), size, shared);
  }

  /** Number of worker threads. */
  get size(): number {
    return this.pool.size;
  }

  /** Spike-train metrics of one cluster (the spike list is copied to the worker). */
  timeMetrics(spikes: Uint32Array): Promise<TimeMetrics> {
    // A view would carry its whole underlying buffer (the model's list of every spike) along.
    const own = spikes.byteLength === spikes.buffer.byteLength ? spikes : spikes.slice();
    return this.pool.run<TimeMetrics>({ kind: 'time', spikes: own } satisfies MetricsTask);
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
