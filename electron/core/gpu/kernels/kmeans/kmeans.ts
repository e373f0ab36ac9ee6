/**
 * @file GPU k-means (Lloyd) with the rules of {@link kmeansCpu}: each step assigns on the GPU and
 * sums per workgroup in float32; the host adds the partials in float64 and updates the centroids.
 *
 * Parity with the float64 oracle: assignments equal except for points nearly equidistant from two
 * centroids (difference below float32 rounding), which can also change the iteration count; when
 * assignments agree, centroids agree within 1e-4 × max|coordinate| (float32 sums over ≤ 128 points,
 * and centroids rounded to float32 for the distance computation).
 */
import type { Gpu } from '../../device.js';
import {
  dispatchChunks,
  GpuAbortError,
  type GpuRunOptions,
  packParams,
  withKernelBuffers,
} from '../../run-kernel.js';
import {
  centroidsFromSums,
  KMEANS_DEFAULT_MAX_ITERATIONS,
  type KmeansInput,
  type KmeansResult,
  sameLabels,
  validateKmeansInput,
} from './kmeans.cpu.js';

const WGSL = new URL('./kmeans.wgsl', import.meta.url);
/** Must match WG in kmeans.wgsl. */
const WORKGROUP = 128;
const CHUNK_POINTS = 1 << 18;

/** Lloyd iterations on the GPU; `onProgress` reports (iteration, maxIterations). */
export async function kmeansGpu(
  gpu: Gpu,
  input: KmeansInput,
  options: GpuRunOptions = {},
): Promise<KmeansResult> {
  validateKmeansInput(input);
  const { points, dims: d, initialCentroids } = input;
  const maxIterations = input.maxIterations ?? KMEANS_DEFAULT_MAX_ITERATIONS;
  const m = points.length / d;
  const k = initialCentroids.length / d;
  const width = d + 1;
  const groups = Math.ceil(m / WORKGROUP);
  const pipeline = await gpu.pipelines.get(WGSL, 'main');
  return withKernelBuffers(gpu, async (buffers) => {
    const pointsBuf = buffers.upload(points, 'kmeans-points');
    const centroidBuf = buffers.storage(k * d * 4, 'kmeans-centroids');
    const labelBuf = buffers.storage(m * 4, 'kmeans-labels');
    const partialBuf = buffers.storage(groups * k * width * 4, 'kmeans-partials');
    let centroids: Float64Array = Float64Array.from(initialCentroids);
    let previous: Uint32Array | null = null;
    let labels = new Uint32Array(m);
    let counts = new Int32Array(k);
    let converged = false;
    let iterations = 0;
    while (iterations < maxIterations) {
      if (options.signal?.aborted) throw new GpuAbortError('k-means cancelled');
      iterations++;
      buffers.write(centroidBuf, new Float32Array(centroids));
      await dispatchChunks(gpu, {
        pipeline,
        buffers,
        bindings: [pointsBuf, centroidBuf, labelBuf, partialBuf],
        items: m,
        itemsPerWorkgroup: WORKGROUP,
        chunkItems: CHUNK_POINTS,
        params: (start, count) =>
          packParams([{ u32: start }, { u32: count }, { u32: d }, { u32: k }]),
        signal: options.signal,
      });
      labels = new Uint32Array(await buffers.read(labelBuf), 0, m);
      if (previous && sameLabels(previous, labels)) {
        converged = true;
        break;
      }
      const partials = new Float32Array(await buffers.read(partialBuf), 0, groups * k * width);
      const sums = new Float64Array(k * d);
      counts = new Int32Array(k);
      for (let g = 0; g < groups; g++) {
        for (let c = 0; c < k; c++) {
          const base = (g * k + c) * width;
          for (let t = 0; t < d; t++) sums[c * d + t] += partials[base + t];
          counts[c] += Math.round(partials[base + d]);
        }
      }
      centroids = centroidsFromSums(sums, counts, centroids, d);
      previous = labels;
      options.onProgress?.(iterations, maxIterations);
    }
    return { centroids, assignments: new Int32Array(labels), counts, iterations, converged };
  });
}
