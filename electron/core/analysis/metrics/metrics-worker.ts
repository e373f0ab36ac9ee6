/**
 * @file Worker-thread entry of the metrics job (see metrics-workers.ts): computes one cluster's
 * spike-train metrics or one unit's PC metrics (CPU k-NN) per task, on spike data shared with the
 * main thread through SharedArrayBuffers.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../jobs/worker-host.js';
import type { MetricsTask, SharedInputs } from './metrics-workers.js';
import { computePcStage } from './pc-stage.js';
import { seriesTimeMetrics } from './time-metrics.js';

const shared = workerData as SharedInputs;

serveTasks(async (message) => {
  const task = message as MetricsTask;
  if (task.kind === 'time') {
    return { value: seriesTimeMetrics(task.series, shared.span, shared.params) };
  }
  const features = { data: task.data, n: task.n, d: task.d, labels: task.labels };
  return { value: await computePcStage(features, task.unit, shared.params, 'cpu') };
});
