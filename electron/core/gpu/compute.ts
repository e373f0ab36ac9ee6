/**
 * @file Backend-selecting facade over the GPU kernels and their CPU implementations.
 *
 * `backend: 'auto'` (default) runs on the GPU when `getGpu()` yields one and the input fits the
 * kernel's limits, and falls back to the CPU otherwise — also when the GPU run itself fails (device
 * lost, out of memory). `'gpu'` insists (throws when impossible), `'cpu'` never touches WebGPU.
 * Every result says which backend produced it and, for a fallback, why. Float results are
 * returned as float64 either way; GPU values carry float32 precision (see parity.ts).
 * Note: on a software adapter (lavapipe, `Gpu.isSoftware`) the GPU path is correct but not always
 * faster than the CPU (see gpu-benchmark.ts); 'auto' still prefers it, as the blueprint asks.
 */
import { getGpu, gpuStatus, type Gpu } from './device.js';
import { ccgCountsGpu } from './kernels/ccg/ccg.js';
import { type CcgInput, ccgCountsCpu, validateCcgInput } from './kernels/ccg/ccg.cpu.js';
import { kmeansGpu } from './kernels/kmeans/kmeans.js';
import {
  type KmeansInput,
  type KmeansResult,
  kmeansCpu,
  validateKmeansInput,
} from './kernels/kmeans/kmeans.cpu.js';
import { knnGpu } from './kernels/knn/knn.js';
import { type KnnInput, type KnnResult, knnCpu, validateKnnInput } from './kernels/knn/knn.cpu.js';
import { mahalanobisSquaredGpu } from './kernels/mahalanobis/mahalanobis.js';
import {
  type MahalanobisInput,
  mahalanobisSquaredCpu,
  validateMahalanobisInput,
} from './kernels/mahalanobis/mahalanobis.cpu.js';
import type { GpuRunOptions } from './run-kernel.js';

/** Which implementation to use. */
export type Backend = 'auto' | 'gpu' | 'cpu';

/**
 * Options of every facade operation. `signal`/`onProgress` apply to GPU runs; the CPU versions run
 * synchronously (run them in a worker thread for long jobs).
 */
export interface ComputeOptions extends GpuRunOptions {
  /** Default 'auto'. */
  readonly backend?: Backend;
}

/** A result and where it was computed. */
export interface Computed<T> {
  readonly value: T;
  readonly backend: 'gpu' | 'cpu';
  /** Set when 'auto' ran on the CPU: why the GPU was not used. */
  readonly fallbackReason?: string;
}

/** Correlogram counts ccg[slot_i][slot_j][lag], lag 0..halfBins (phylib before symmetrisation). */
export function computeCcgCounts(
  input: CcgInput,
  options: ComputeOptions = {},
): Promise<Computed<Uint32Array>> {
  validateCcgInput(input);
  return runWithBackend(
    options,
    (gpu) => ccgCountsGpu(gpu, input, options),
    () => ccgCountsCpu(input),
  );
}

/** Squared Mahalanobis distances of points to (mean, inverse covariance). */
export function computeMahalanobisSquared(
  input: MahalanobisInput,
  options: ComputeOptions = {},
): Promise<Computed<Float64Array>> {
  validateMahalanobisInput(input);
  return runWithBackend(
    options,
    async (gpu) => Float64Array.from(await mahalanobisSquaredGpu(gpu, input, options)),
    () => mahalanobisSquaredCpu(input),
  );
}

/** Brute-force k nearest neighbours (k ≤ 8, dims ≤ 64). */
export function computeKnn(
  input: KnnInput,
  options: ComputeOptions = {},
): Promise<Computed<KnnResult>> {
  validateKnnInput(input);
  return runWithBackend(
    options,
    (gpu) => knnGpu(gpu, input, options),
    () => knnCpu(input),
  );
}

/** k-means (Lloyd) from the given initial centroids until assignments stop changing. */
export function computeKmeans(
  input: KmeansInput,
  options: ComputeOptions = {},
): Promise<Computed<KmeansResult>> {
  validateKmeansInput(input);
  return runWithBackend(
    options,
    (gpu) => kmeansGpu(gpu, input, options),
    () => kmeansCpu(input),
  );
}

/**
 * Runs `onGpu` or `onCpu` according to `options.backend` (the policy described in the file
 * header). Exported for operations composed outside this module.
 */
export async function runWithBackend<T>(
  options: ComputeOptions,
  onGpu: (gpu: Gpu) => Promise<T>,
  onCpu: () => T | Promise<T>,
): Promise<Computed<T>> {
  const backend = options.backend ?? 'auto';
  if (backend === 'cpu') return { value: await onCpu(), backend: 'cpu' };
  const gpu = await getGpu();
  if (!gpu) {
    const status = gpuStatus();
    const reason = status.available ? 'GPU unavailable' : status.reason;
    if (backend === 'gpu') throw new Error(`GPU backend requested but unavailable: ${reason}`);
    return { value: await onCpu(), backend: 'cpu', fallbackReason: reason };
  }
  if (backend === 'gpu') return { value: await onGpu(gpu), backend: 'gpu' };
  try {
    return { value: await onGpu(gpu), backend: 'gpu' };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const reason = `GPU run failed: ${err instanceof Error ? err.message : String(err)}`;
    return { value: await onCpu(), backend: 'cpu', fallbackReason: reason };
  }
}
