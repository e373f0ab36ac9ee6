/**
 * @file The PC-feature metrics of one unit on a chosen compute backend.
 *
 * Isolation distance, L-ratio, d′ and the silhouette are cheap (a few thousand rows, one small
 * covariance) and always run on the CPU (`pc-metrics.ts` modules). The nearest-neighbour rates are
 * the expensive part (an all-pairs search over up to 10 000 rows): on 'cpu' they use the exact
 * counts of `nn-counts.ts` (same answer as the exhaustive search, which they run only for rows
 * near the self/other boundary), on 'auto'/'gpu' the GPU facade's k-NN kernel (float32
 * distances). The row stacking, SpikeInterface's evenly
 * spaced subsample and the hit/miss counting are those of `nearest-neighbours.ts`.
 */
import { computeKnn, type Backend } from '../../gpu/compute.js';
import { KNN_MAX_DIMS, KNN_MAX_K } from '../../gpu/kernels/knn/knn.cpu.js';
import { partitionRows, type FeatureMatrix } from '../feature-matrix.js';
import { dPrime } from '../lda.js';
import { mahalanobisMetrics } from '../mahalanobis.js';
import { nnSubsample, type NearestNeighbourRates } from '../nearest-neighbours.js';
import type { PcMetrics } from '../pc-metrics.js';
import { simplifiedSilhouette } from '../silhouette.js';
import { nnHitMissCounts } from './nn-counts.js';

/** PC metrics plus where the k-NN ran. */
export interface PcStageResult {
  metrics: PcMetrics;
  /** Where the neighbour search ran; null when no search was needed (one label, too few rows). */
  nnBackend: 'gpu' | 'cpu' | null;
}

/**
 * SI's hit and miss counts over n stacked rows (self rows first, `nSelf` of them), with the k
 * nearest other rows of each as the neighbours; `labels` are the rows' clusters.
 */
type NeighbourCounts = (
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  nSelf: number,
  labels: Int32Array,
) => Promise<{ hits: number; misses: number; backend: 'gpu' | 'cpu' }>;

/** Hits and misses from neighbour lists (n × k indices, -1 = none). */
function countNeighbours(nn: Int32Array, n: number, k: number, nSelf: number) {
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const j = nn[i * k + c] as number;
      if (j < 0 || j >= nSelf) continue;
      if (i < nSelf) hits++;
      else misses++;
    }
  }
  return { hits, misses };
}

/** The counts on the requested backend (CPU whenever the GPU kernel's limits are exceeded). */
function countsFor(backend: Backend, signal?: AbortSignal): NeighbourCounts {
  return async (x, n, d, k, nSelf, labels) => {
    const cpu = backend === 'cpu' || (backend === 'auto' && (d > KNN_MAX_DIMS || k > KNN_MAX_K));
    if (cpu) return { ...nnHitMissCounts(x, n, d, k, nSelf, labels), backend: 'cpu' };
    const points = Float32Array.from(x);
    const exclude = Int32Array.from({ length: n }, (_, i) => i);
    const result = await computeKnn(
      { queries: points, references: points, dims: d, k, exclude },
      { backend, ...(signal ? { signal } : {}) },
    );
    return { ...countNeighbours(result.value.indices, n, k, nSelf), backend: result.backend };
  };
}

/** Every PC metric of `unit`; the k-NN on `backend`. */
export async function computePcStage(
  features: FeatureMatrix,
  unit: number,
  params: { nnMaxSpikes: number; nnNeighbors: number },
  backend: Backend,
  signal?: AbortSignal,
): Promise<PcStageResult> {
  const { isolationDistance, lRatio } = mahalanobisMetrics(features, unit);
  const nn = await nnRates(
    features,
    unit,
    { maxSpikes: params.nnMaxSpikes, nNeighbors: params.nnNeighbors },
    countsFor(backend, signal),
  );
  return {
    metrics: {
      isolation_distance: isolationDistance,
      l_ratio: lRatio,
      d_prime: dPrime(features, unit),
      nn_hit_rate: nn.rates.hitRate,
      nn_miss_rate: nn.rates.missRate,
      silhouette: simplifiedSilhouette(features, unit),
    },
    nnBackend: nn.backend,
  };
}

/** `nearestNeighbourRates` with pluggable neighbour counts. */
export async function nnRates(
  features: FeatureMatrix,
  unit: number,
  params: { maxSpikes: number; nNeighbors: number },
  counts: NeighbourCounts,
): Promise<{ rates: NearestNeighbourRates; backend: 'gpu' | 'cpu' | null }> {
  const { d } = features;
  const { self, other } = partitionRows(features.labels, unit);
  const total = self.length + other.length;
  if (total > 0 && (self.length === 0 || other.length === 0)) {
    return { rates: { hitRate: 1, missRate: 0 }, backend: null };
  }
  const stacked = Int32Array.from([...self, ...other]);
  const kept = nnSubsample(total, params.maxSpikes);
  const order = kept ? kept.map((i) => stacked[i] as number) : stacked;
  const nSelf = kept ? Math.floor(self.length * (params.maxSpikes / total)) : self.length;
  const n = order.length;
  const k = params.nNeighbors - 1;
  if (n < params.nNeighbors || k < 1) {
    return { rates: { hitRate: NaN, missRate: NaN }, backend: null };
  }
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const { data } = features;
  for (let i = 0; i < n; i++) {
    const r = order[i] as number;
    for (let j = 0; j < d; j++) x[i * d + j] = data[r * d + j] as number;
    labels[i] = features.labels[r] as number;
  }
  const { hits, misses, backend } = await counts(x, n, d, k, nSelf, labels);
  return { rates: { hitRate: hits / (nSelf * k), missRate: misses / ((n - nSelf) * k) }, backend };
}
