/**
 * @file GPU-vs-CPU timings of every kernel at realistic sizes, with a parity check per case.
 *
 * Library use (the lead's benchmark harness): `runGpuBenchmark({ scale })` → a report object,
 * `formatGpuBenchTable(report)` → a text table. Standalone:
 *   node --import tsx electron/core/gpu/gpu-benchmark.ts [--scale 0.1] [--repeats 3] [--only knn]
 * prints the table, then the report as JSON on the last line.
 * GPU times are end-to-end calls (upload, dispatch, read-back), measured after one warm-up call
 * that compiles the pipeline; `gpuFirstMs` is that first call.
 */
import { pathToFileURL } from 'node:url';
import { Random } from '../../../shared/util/random.js';
import { getGpu, gpuStatus, releaseGpu, type Gpu } from './device.js';
import { ccgCountsGpu } from './kernels/ccg/ccg.js';
import { type CcgInput, ccgCountsCpu } from './kernels/ccg/ccg.cpu.js';
import { kmeansGpu } from './kernels/kmeans/kmeans.js';
import { type KmeansInput, type KmeansResult, kmeansCpu } from './kernels/kmeans/kmeans.cpu.js';
import { knnGpu } from './kernels/knn/knn.js';
import { excludeSelf, type KnnInput, type KnnResult, knnCpu } from './kernels/knn/knn.cpu.js';
import { mahalanobisSquaredGpu } from './kernels/mahalanobis/mahalanobis.js';
import {
  type MahalanobisInput,
  mahalanobisSquaredCpu,
} from './kernels/mahalanobis/mahalanobis.cpu.js';
import { countMismatches, FLOAT_REL_TOL, knnAgreement, maxRelativeError } from './parity.js';

/** Kernel names accepted by `only`. */
export const GPU_BENCH_KERNELS = ['ccg', 'mahalanobis', 'knn', 'kmeans'] as const;
export type GpuBenchKernel = (typeof GPU_BENCH_KERNELS)[number];

export interface GpuBenchOptions {
  /** Multiplies the realistic problem sizes (default 1). */
  readonly scale?: number;
  /** Timed repetitions per backend; the median is reported (default 3). */
  readonly repeats?: number;
  /** Subset of kernels (default all). */
  readonly only?: readonly GpuBenchKernel[];
}

/** One benchmarked kernel. Times in milliseconds. */
export interface GpuBenchCase {
  readonly kernel: GpuBenchKernel;
  readonly size: string;
  readonly cpuMs: number;
  /** Median warm GPU call; null without a GPU. */
  readonly gpuMs: number | null;
  /** First GPU call, including pipeline compilation; null without a GPU. */
  readonly gpuFirstMs: number | null;
  /** cpuMs / gpuMs; null without a GPU. */
  readonly speedup: number | null;
  /** Whether the GPU result met the parity tolerance (null without a GPU). */
  readonly parityOk: boolean | null;
  /** What was compared, e.g. "exact" or "max rel err 3e-7". */
  readonly parity: string;
}

export interface GpuBenchReport {
  readonly adapter: string | null;
  readonly isSoftware: boolean | null;
  /** Why there is no GPU column, when there is none. */
  readonly gpuUnavailable?: string;
  readonly scale: number;
  readonly cases: GpuBenchCase[];
}

interface Bench<T> {
  readonly kernel: GpuBenchKernel;
  readonly size: string;
  readonly cpu: () => T;
  readonly gpu: (gpu: Gpu) => Promise<T>;
  /** [ok, description] comparing a GPU result with the CPU one. */
  readonly check: (gpuResult: T, cpuResult: T) => [boolean, string];
}

/** Times every kernel on CPU and (when available) GPU. Releases the GPU afterwards. */
export async function runGpuBenchmark(options: GpuBenchOptions = {}): Promise<GpuBenchReport> {
  const scale = options.scale ?? 1;
  const repeats = Math.max(1, options.repeats ?? 3);
  const only = new Set(options.only ?? GPU_BENCH_KERNELS);
  const gpu = await getGpu();
  const status = gpuStatus();
  const cases: GpuBenchCase[] = [];
  try {
    const factories = benchFactories(scale);
    for (const kernel of GPU_BENCH_KERNELS) {
      if (only.has(kernel)) cases.push(await runBench(factories[kernel](), gpu, repeats));
    }
  } finally {
    await releaseGpu();
  }
  return {
    adapter: gpu?.adapterName ?? null,
    isSoftware: gpu?.isSoftware ?? null,
    ...(gpu ? {} : { gpuUnavailable: status.available ? 'unknown' : status.reason }),
    scale,
    cases,
  };
}

async function runBench<T>(
  bench: Bench<T>,
  gpu: Gpu | null,
  repeats: number,
): Promise<GpuBenchCase> {
  const cpuTimes: number[] = [];
  let cpuResult: T | undefined;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    cpuResult = bench.cpu();
    cpuTimes.push(performance.now() - t0);
  }
  const cpuMs = median(cpuTimes);
  if (!gpu) {
    const base = { gpuMs: null, gpuFirstMs: null, speedup: null, parityOk: null };
    return { kernel: bench.kernel, size: bench.size, cpuMs, ...base, parity: 'no GPU' };
  }
  let t0 = performance.now();
  const first = await bench.gpu(gpu);
  const gpuFirstMs = performance.now() - t0;
  const gpuTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    t0 = performance.now();
    await bench.gpu(gpu);
    gpuTimes.push(performance.now() - t0);
  }
  const gpuMs = median(gpuTimes);
  const [parityOk, parity] = bench.check(first, cpuResult as T);
  return {
    kernel: bench.kernel,
    size: bench.size,
    cpuMs,
    gpuMs,
    gpuFirstMs,
    speedup: cpuMs / gpuMs,
    parityOk,
    parity,
  };
}

/** Builds each kernel's data and closures on demand (the data is large at scale 1). */
function benchFactories(scale: number): Record<GpuBenchKernel, () => Bench<unknown>> {
  const n = (x: number) => Math.max(16, Math.round(x * scale));
  // One seed per kernel: the data does not depend on which kernels are selected.
  const rng = (kernel: number) => new Random(20240601 + kernel);
  const ccg = (): Bench<Uint32Array> => {
    const data = ccgData(rng(1), 21, n(50_000));
    return {
      kernel: 'ccg',
      size: `21 clusters × ${n(50_000)} spikes, 1 ms bins, 50 ms window`,
      cpu: () => ccgCountsCpu(data),
      gpu: (g) => ccgCountsGpu(g, data),
      check: (a, b) => {
        const bad = countMismatches(a, b);
        return [bad === 0, bad === 0 ? 'exact' : `${bad} bins differ`];
      },
    };
  };
  const mahalanobis = (): Bench<Float64Array | Float32Array> => {
    const data = mahalanobisData(rng(2), n(100_000), 30);
    return {
      kernel: 'mahalanobis',
      size: `${n(100_000)} points × 30 dims`,
      cpu: () => mahalanobisSquaredCpu(data),
      gpu: (g) => mahalanobisSquaredGpu(g, data),
      check: (a, b) => {
        const err = maxRelativeError(a, b, 1e-6);
        return [err <= FLOAT_REL_TOL, `max rel err ${err.toExponential(1)}`];
      },
    };
  };
  const knn = (): Bench<KnnResult> => {
    const m = n(10_000);
    const data = knnData(rng(3), m, 30, 5);
    return {
      kernel: 'knn',
      size: `${m} × ${m} points × 30 dims, k = 5, self excluded`,
      cpu: () => knnCpu(data),
      gpu: (g) => knnGpu(g, data),
      check: (a, b) => {
        const r = knnAgreement(a, b);
        const ok = r.unexplained === 0 && r.maxDistanceRelError <= FLOAT_REL_TOL;
        const err = r.maxDistanceRelError.toExponential(1);
        return [ok, `${r.indexMismatches} near-tie swaps, max rel err ${err}`];
      },
    };
  };
  const kmeans = (): Bench<KmeansResult> => {
    const data = kmeansData(rng(4), n(50_000), 12, 4);
    return {
      kernel: 'kmeans',
      size: `${n(50_000)} points × 12 dims, k = 4, to convergence`,
      cpu: () => kmeansCpu(data),
      gpu: (g) => kmeansGpu(g, data),
      check: (a, b) => {
        const bad = countMismatches(a.assignments, b.assignments);
        const err = maxRelativeError(a.centroids, b.centroids, 1e-3);
        const ok = bad === 0 && err <= FLOAT_REL_TOL;
        const iters = `${a.iterations}/${b.iterations} iterations`;
        return [ok, `${bad} labels differ, ${iters}, centroid rel err ${err.toExponential(1)}`];
      },
    };
  };
  return { ccg, mahalanobis, knn, kmeans } as Record<GpuBenchKernel, () => Bench<unknown>>;
}

/** Poisson trains (30 kHz, one hour) of `clusters` units with `perCluster` spikes each, merged. */
function ccgData(rng: Random, clusters: number, perCluster: number): CcgInput {
  const duration = 3600 * 30_000;
  const spikes: { t: number; s: number }[] = [];
  for (let c = 0; c < clusters; c++) {
    let t = 0;
    for (let i = 0; i < perCluster; i++) {
      t += Math.max(1, Math.round(rng.exponential(perCluster / duration)));
      spikes.push({ t, s: c });
    }
  }
  spikes.sort((a, b) => a.t - b.t || a.s - b.s);
  return {
    times: Float64Array.from(spikes, (x) => x.t),
    slots: Int32Array.from(spikes, (x) => x.s),
    nSlots: clusters,
    binSize: 30,
    halfBins: 25,
  };
}

function mahalanobisData(rng: Random, m: number, d: number): MahalanobisInput {
  const b = Array.from({ length: d * d }, () => rng.normal());
  const invCov = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < d; t++) invCov[r * d + c] += (b[r * d + t] * b[c * d + t]) / d;
      if (r === c) invCov[r * d + c] += 0.1;
    }
  }
  const points = Float32Array.from({ length: m * d }, () => 3 * rng.normal());
  return { points, dims: d, mean: new Float64Array(d).fill(0.5), invCov };
}

function knnData(rng: Random, m: number, d: number, k: number): KnnInput {
  const points = Float32Array.from({ length: m * d }, () => rng.normal());
  return { queries: points, references: points, dims: d, k, exclude: excludeSelf(m) };
}

function kmeansData(rng: Random, m: number, d: number, k: number): KmeansInput {
  const centres = Array.from({ length: k * d }, () => 4 * rng.normal());
  const points = new Float32Array(m * d);
  for (let i = 0; i < m; i++) {
    const c = rng.int(k);
    for (let t = 0; t < d; t++) points[i * d + t] = centres[c * d + t] + rng.normal();
  }
  return { points, dims: d, initialCentroids: Float64Array.from(points.subarray(0, k * d)) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The report as an aligned text table (times in ms). */
export function formatGpuBenchTable(report: GpuBenchReport): string {
  const head = `GPU: ${report.adapter ?? `none (${report.gpuUnavailable})`}${
    report.isSoftware ? ' [software]' : ''
  }, scale ${report.scale}`;
  const rows = [['kernel', 'size', 'cpu ms', 'gpu ms', 'gpu 1st ms', 'speedup', 'parity']];
  for (const c of report.cases) {
    rows.push([
      c.kernel,
      c.size,
      c.cpuMs.toFixed(1),
      c.gpuMs === null ? '-' : c.gpuMs.toFixed(1),
      c.gpuFirstMs === null ? '-' : c.gpuFirstMs.toFixed(1),
      c.speedup === null ? '-' : `${c.speedup.toFixed(2)}×`,
      `${c.parityOk === false ? 'FAIL ' : ''}${c.parity}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  return [head, ...lines].join('\n');
}

function parseArgs(argv: string[]): GpuBenchOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = value('--scale');
  const repeats = value('--repeats');
  const only = value('--only');
  return {
    scale: scale === undefined ? undefined : Number(scale),
    repeats: repeats === undefined ? undefined : Number(repeats),
    only: only
      ?.split(',')
      .filter((k): k is GpuBenchKernel => (GPU_BENCH_KERNELS as readonly string[]).includes(k)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runGpuBenchmark(parseArgs(process.argv.slice(2)));
  console.log(formatGpuBenchTable(report));
  console.log(JSON.stringify(report));
  if (report.cases.some((c) => c.parityOk === false)) process.exitCode = 1;
}
