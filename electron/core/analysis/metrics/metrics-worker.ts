/**
 * @file Worker-thread entry of the metrics job (see metrics-workers.ts): computes one cluster's
 * spike-train metrics, one unit's PC metrics (CPU k-NN, from its slice of the shared PC-row store)
 * or one batch of raw noise levels per task, on data shared with the main thread through
 * SharedArrayBuffers or moved to this thread.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../jobs/worker-host.js';
import { unitFeatureMatrix } from '../pc-metrics.js';
import type { MetricsTask, SharedInputs } from './metrics-workers.js';
import { noiseLevelsOfChunks } from './noise-levels.js';
import { computePcStage } from './pc-stage.js';
import { stackSlice } from './pc-store.js';
import { seriesTimeMetrics } from './time-metrics.js';

const shared = workerData as SharedInputs;

serveTasks(async (message) => {
  const task = message as MetricsTask;
  if (task.kind === 'time') {
    return { value: seriesTimeMetrics(task.series, shared.span, shared.params) };
  }
  if (task.kind === 'noise') {
    const levels = noiseLevelsOfChunks(task.windows, task.nTime, task.nChannels, task.filter);
    return { value: levels, transfer: [levels.buffer as ArrayBuffer] };
  }
  const features = unitFeatureMatrix(stackSlice(task.rows), task.channels, task.nPcs);
  return { value: await computePcStage(features, task.unit, shared.params, 'cpu') };
});
