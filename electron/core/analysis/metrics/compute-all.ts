/**
 * @file `computeAllMetrics`: every metric of every live cluster, as a job (cancellable between
 * clusters, progress per cluster), with per-cluster results cached by content.
 *
 * Two stages. (1) "own" metrics need only the cluster's spikes: spike-train metrics, KS4
 * ContamPct/KSLabel and the template SNR. (2) PC metrics need the cluster's neighbourhood
 * (SpikeInterface rule: units whose peak channel is one of the unit's feature channels): we sample
 * <= 500 spikes per unit, read only those rows of pc_features.npy, and build each unit's feature
 * matrix on its own channels. Cached entries are looked up first, so after a merge only the new
 * cluster and the units that had the merged ones as neighbours are recomputed.
 *
 * On large datasets the per-cluster computations and the raw noise levels run on worker threads
 * (metrics-workers.ts), all queued up front (noise, then spike-train, then PC tasks), while the
 * main thread does the file reads they need (noise chunks, PC rows, raw snippets); results are
 * the same.
 */
import { Random } from '../../../../shared/util/random.js';
import type { Dataset } from '../../dataset/dataset.js';
import type { Backend } from '../../gpu/compute.js';
import { awaitAll, checkpoint, throwIfCancelled, type JobProgress } from '../../jobs/job.js';
import { neighbourUnits, unitFeatureMatrix, type PcMetrics } from '../pc-metrics.js';
import type { RecordingSpan } from '../refractory-metrics.js';
import { TemplateWaveforms } from '../template-waveforms.js';
import {
  buildClusterContexts,
  type ClusterContext,
  type ClusteringView,
} from './cluster-context.js';
import {
  readPcRowsOfMany,
  sampleSpikes,
  seedFromHash,
  stackPcRows,
  type PcRows,
} from './feature-rows.js';
import {
  cacheKey,
  datasetFingerprint,
  decodeRecord,
  encodeRecord,
  type MetricsCache,
} from './metrics-cache.js';
import { groupSeries, seriesOf } from './cluster-series.js';
import { paramsKey, resolveParams, type MetricParams } from './metric-params.js';
import { METRIC_COLUMNS, type MetricsRow, type MetricsTable } from './metrics-table.js';
import { defaultWorkerCount, MetricsWorkers } from './metrics-workers.js';
import { computePcStage } from './pc-stage.js';
import { buildPcStore, sliceOf } from './pc-store.js';
import { RawSnr, TemplateSnr } from './snr-stage.js';
import { computeTimeMetrics, type SpikeInputs, type TimeMetrics } from './time-metrics.js';

/** Options of {@link computeAllMetrics}. */
export interface ComputeMetricsOptions {
  /** Where the k-NN runs (default 'auto'). */
  backend?: Backend;
  signal?: AbortSignal;
  progress?: (p: JobProgress) => void;
  /** Content-keyed cache (e.g. `journalCache(service.journal)`); none when absent. */
  cache?: MetricsCache | null;
  params?: Partial<MetricParams>;
  /**
   * Worker threads for the per-cluster work (0 = all on the calling thread). Default: none below
   * a million spikes, else one per core (at most 4).
   */
  workers?: number;
}

type Rec = Record<string, number | string | null>;
const PC_NAMES: readonly (keyof PcMetrics)[] = [
  'isolation_distance',
  'l_ratio',
  'd_prime',
  'nn_hit_rate',
  'nn_miss_rate',
  'silhouette',
];

/**
 * Recording span of the metrics: the dataset's duration, the one the cluster table's firing rates
 * use (the raw file's length when there is one, unless the spikes run past it: a partial copy of
 * the raw data must not inflate every rate).
 */
export function recordingSpan(dataset: Dataset): RecordingSpan {
  return {
    sampleRate: dataset.sampleRate,
    totalSamples: Math.round(dataset.durationS * dataset.sampleRate),
  };
}

/** The y column of spike_positions.npy, or null. */
function depthsOf(dataset: Dataset): Float32Array | null {
  const pos = dataset.spikePositions();
  if (!pos) return null;
  const y = new Float32Array(pos.length / 2);
  for (let i = 0; i < y.length; i++) y[i] = pos[2 * i + 1] as number;
  return y;
}

/** All metrics of all clusters of `clustering` (a CurationModel, or any view of spikes per id). */
export async function computeAllMetrics(
  dataset: Dataset,
  clustering: ClusteringView,
  opts: ComputeMetricsOptions = {},
): Promise<MetricsTable> {
  const started = Date.now();
  const params = resolveParams(opts.params);
  const backend = opts.backend ?? 'auto';
  const cache = opts.cache ?? null;
  const progress = opts.progress ?? (() => undefined);
  throwIfCancelled(opts.signal);
  const waveforms = new TemplateWaveforms(dataset);
  const contexts = buildClusterContexts(dataset, clustering, waveforms);
  const base = [datasetFingerprint(dataset), paramsKey(params)];
  const pending: Array<readonly [string, Buffer]> = [];
  const stats: MetricsTable['stats'] = {
    clusters: contexts.length,
    own: { computed: 0, cached: 0 },
    pc: { computed: 0, cached: 0, skipped: 0 },
    elapsedMs: 0,
  };
  const notes: string[] = [];
  const nnBackends = new Set<'gpu' | 'cpu'>();
  let workers: MetricsWorkers | null = null;
  const lookup = (key: string): Rec | undefined => {
    const buf = cache?.get(key);
    return buf ? decodeRecord(buf) : undefined;
  };
  try {
    // --- stage 1: own metrics --------------------------------------------------------------
    const span = recordingSpan(dataset);
    const own = new Map<number, Rec>();
    const keys = new Map(contexts.map((c) => [c.id, cacheKey('own', [...base, c.contentHash])]));
    const uncached = contexts.filter((c) => !cache?.get(keys.get(c.id) as string));
    const nWorkers = opts.workers ?? defaultWorkerCount(dataset.nSpikes);
    // Started first: the workers load their code while this thread reads the per-spike inputs.
    if (uncached.length > 0 && nWorkers > 0) workers = new MetricsWorkers(span, params, nWorkers);
    const snr = new TemplateSnr(dataset, waveforms);
    const rawSnr = new RawSnr(dataset, waveforms);
    // The raw noise chunks are read now and processed on the workers (filters and medians), their
    // first tasks, while this thread loads the per-spike inputs. Without workers, right here.
    const mainChannels: number[] = [];
    for (const c of uncached) {
      const channel = rawSnr.mainChannel(c.dominantTemplate);
      if (channel !== null) mainChannels.push(channel);
    }
    let noiseReady = Promise.resolve();
    const pool = workers;
    if (pool) {
      noiseReady = rawSnr.prepareNoiseWith(mainChannels, (w, nTime, nc, filter) =>
        pool.noiseLevels(w, nTime, nc, filter),
      );
      noiseReady.catch(() => undefined);
    } else rawSnr.prepareNoise(mainChannels);
    const inputs: SpikeInputs = {
      times: dataset.spikeTimes,
      span,
      amplitudes: dataset.amplitudes(),
      depths: depthsOf(dataset),
    };
    const timeTasks = new Map<number, Promise<TimeMetrics>>();
    if (workers) {
      const series = groupSeries(
        inputs,
        uncached.map((c) => c.spikes),
        { ids: uncached.map((c) => c.id), spikeClusters: clustering.spikeClusters, shared: true },
      );
      // Queued first, so the workers compute spike-train metrics while this thread reads the raw
      // data for the SNRs; largest clusters first, so that no long task is left for the end.
      const order = uncached.map((ctx, group) => ({ ctx, group }));
      order.sort((a, b) => b.ctx.spikes.length - a.ctx.spikes.length || a.ctx.id - b.ctx.id);
      for (const { ctx, group } of order) {
        const task = workers.timeMetrics(seriesOf(series, group));
        task.catch(() => undefined);
        timeTasks.set(ctx.id, task);
      }
    }
    // --- stage 2, started early on the workers -------------------------------------------------
    const pc = new Map<number, Rec>();
    const state = { lookup, pending, pc, stats, nnBackends, progress };
    const startPc = () =>
      dataset.pcFeatures
        ? pcStage(dataset, contexts, params, base, backend, opts, workers, state)
        : null;
    // On the workers (CPU k-NN) the PC tasks are queued now, behind the spike-train tasks, and
    // this thread reads the SNR snippets meanwhile; otherwise the PC stage runs after the loop.
    let pcRun = workers && backend === 'cpu' ? startPc() : null;
    pcRun?.catch(() => undefined);
    const tasks: Promise<unknown>[] = [];
    let done = 0;
    const finish = (ctx: ClusterContext, key: string | null, rec: Rec) => {
      if (key) {
        pending.push([key, encodeRecord(rec)]);
        stats.own.computed++;
      } else stats.own.cached++;
      own.set(ctx.id, rec);
      progress({ done: ++done, total: contexts.length, phase: 'spike-train metrics' });
    };
    for (const ctx of contexts) {
      const key = keys.get(ctx.id) as string;
      const cached = lookup(key);
      const task = timeTasks.get(ctx.id);
      if (cached && !task) finish(ctx, null, cached);
      else {
        // From the raw recording when the cluster has spikes in it, else from the template.
        const amp = rawSnr.amplitudeOf(ctx.spikes, ctx.dominantTemplate);
        const snrPart = () => {
          const s = amp ? rawSnr.ratio(amp) : snr.of(ctx.dominantTemplate);
          return { snr: s.snr, snr_source: s.source };
        };
        if (task) {
          // The raw SNR's noise levels may still be on their way.
          const done = Promise.all([task, noiseReady]).then(([t]) =>
            finish(ctx, key, { ...t, ...snrPart() }),
          );
          // Handled here too: a cancelled job closes the pool before this is awaited.
          done.catch(() => undefined);
          tasks.push(done);
        } else
          finish(ctx, key, { ...computeTimeMetrics(inputs, ctx.spikes, params), ...snrPart() });
      }
      await checkpoint(opts.signal);
    }
    if (!inputs.amplitudes) notes.push('amplitudes.npy missing: amplitude_cutoff is NaN');
    if (!inputs.depths) notes.push('spike_positions.npy missing: drift metrics are NaN');
    if (!dataset.templates) notes.push('templates.npy missing: snr is NaN');

    // --- stage 2: PC metrics (queued above when it runs on the workers) ---------------------
    if (!pcRun) pcRun = startPc();
    if (pcRun) await pcRun;
    else notes.push('pc_features.npy missing: PC metrics are NaN');
    await awaitAll(tasks, opts.signal);

    const rows = contexts.map((ctx) => {
      const row: Rec = { id: ctx.id, ...own.get(ctx.id) };
      const p = pc.get(ctx.id);
      for (const name of PC_NAMES) row[name] = (p?.[name] as number | undefined) ?? NaN;
      return row as unknown as MetricsRow;
    });
    const nn = nnBackends.size === 0 ? 'none' : nnBackends.size > 1 ? 'mixed' : [...nnBackends][0];
    stats.elapsedMs = Date.now() - started;
    return {
      columns: ['id', ...METRIC_COLUMNS],
      rows,
      backend: { requested: backend, nn: nn as MetricsTable['backend']['nn'] },
      stats,
      notes,
    };
  } finally {
    // Keep whatever was computed, also when cancelled: the next run resumes from there.
    cache?.setMany(pending);
    await workers?.close();
  }
}

interface StageState {
  lookup: (key: string) => Rec | undefined;
  pending: Array<readonly [string, Buffer]>;
  pc: Map<number, Rec>;
  stats: MetricsTable['stats'];
  nnBackends: Set<'gpu' | 'cpu'>;
  progress: (p: JobProgress) => void;
}

async function pcStage(
  dataset: Dataset,
  contexts: ClusterContext[],
  params: MetricParams,
  base: string[],
  backend: Backend,
  opts: ComputeMetricsOptions,
  workers: MetricsWorkers | null,
  st: StageState,
): Promise<void> {
  // The workers run the CPU k-NN only; other backends stay on this thread (the GPU lives here).
  const pool = backend === 'cpu' ? workers : null;
  let done = 0;
  const source = dataset.pcFeatures as NonNullable<Dataset['pcFeatures']>;
  const byId = new Map(contexts.map((c) => [c.id, c]));
  const channels = new Map(contexts.map((c) => [c.id, c.featureChannels]));
  const peaks = new Map<number, number>();
  for (const c of contexts) if (c.peakChannel !== null) peaks.set(c.id, c.peakChannel);
  const rowsOf = new Map<number, PcRows>();
  const sampleOf = (id: number): Uint32Array => {
    const ctx = byId.get(id) as ClusterContext;
    const random = new Random(seedFromHash(ctx.contentHash, params.seed));
    return sampleSpikes(ctx.spikes, params.pcSpikesPerUnit, random);
  };
  /** Reads the sampled rows of every cluster of `ids` not read yet, in one pass over the file. */
  const prefetch = (ids: Iterable<number>) => {
    const todo = [...new Set(ids)].filter((id) => !rowsOf.has(id)).sort((a, b) => a - b);
    const rows = readPcRowsOfMany(source, todo.map(sampleOf));
    todo.forEach((id, k) => rowsOf.set(id, rows[k] as PcRows));
  };
  const sampled = (id: number): PcRows => {
    if (!rowsOf.has(id)) prefetch([id]);
    return rowsOf.get(id) as PcRows;
  };
  const nPcs = Math.min(params.pcComponents, source.nPcs);
  const progress = () =>
    st.progress({ done: ++done, total: contexts.length, phase: 'PC-feature metrics' });
  const finish = (ctx: ClusterContext, key: string | null, rec: Rec) => {
    if (key) {
      st.pending.push([key, encodeRecord(rec)]);
      st.stats.pc.computed++;
    } else st.stats.pc.cached++;
    st.pc.set(ctx.id, rec);
    progress();
  };
  const units: Array<{ ctx: ClusterContext; neighbours: number[]; rows: number }> = [];
  for (const ctx of contexts) {
    if (ctx.featureChannels.length === 0 || ctx.peakChannel === null) {
      st.stats.pc.skipped++;
      progress();
      continue;
    }
    const neighbours = neighbourUnits(ctx.id, channels, peaks);
    if (!neighbours.includes(ctx.id)) neighbours.push(ctx.id);
    neighbours.sort((a, b) => a - b);
    let rows = 0;
    for (const id of neighbours) {
      rows += Math.min((byId.get(id) as ClusterContext).spikes.length, params.pcSpikesPerUnit);
    }
    units.push({ ctx, neighbours, rows });
  }
  // On the pool, the largest neighbourhoods (the longest tasks) go first: the last tasks are then
  // short and the workers finish together.
  if (pool) units.sort((a, b) => b.rows - a.rows || a.ctx.id - b.ctx.id);
  const todo = units.map(({ ctx, neighbours }) => {
    const hashes = neighbours.map((id) => (byId.get(id) as ClusterContext).contentHash);
    const key = cacheKey('pc', [...base, ctx.contentHash, ...hashes]);
    return { ctx, neighbours, key, cached: st.lookup(key) };
  });
  prefetch(todo.flatMap((u) => (u.cached ? [] : u.neighbours)));
  if (pool) {
    // Every task queued at once: a task carries only its slice of the shared store (the rows
    // were read above), so queued tasks cost no memory; the workers stack the rows themselves.
    const store = buildPcStore(dataset, rowsOf, true);
    const tasks: Promise<void>[] = [];
    for (const { ctx, neighbours, key, cached } of todo) {
      if (cached) finish(ctx, null, cached);
      else {
        const slice = sliceOf(store, neighbours);
        const task = pool.pcMetricsFromStore(slice, ctx.featureChannels, nPcs, ctx.id);
        const done = task.then((result) => {
          if (result.nnBackend) st.nnBackends.add(result.nnBackend);
          finish(ctx, key, { ...result.metrics });
        });
        done.catch(() => undefined);
        tasks.push(done);
      }
    }
    await awaitAll(tasks, opts.signal);
    return;
  }
  for (const { ctx, neighbours, key, cached } of todo) {
    if (cached) finish(ctx, null, cached);
    else {
      const parts = neighbours.map((id) => ({ id, rows: sampled(id) }));
      const features = unitFeatureMatrix(stackPcRows(dataset, parts), ctx.featureChannels, nPcs);
      const result = await computePcStage(features, ctx.id, params, backend, opts.signal);
      if (result.nnBackend) st.nnBackends.add(result.nnBackend);
      finish(ctx, key, { ...result.metrics });
    }
    await checkpoint(opts.signal);
  }
}
