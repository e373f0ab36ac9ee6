/**
 * @file GPU brute-force k nearest neighbours (WebGPU, float32 distances); contract of {@link knnCpu}.
 *
 * Parity with the float64 oracle: distances within 1e-4 relative; indices equal except at
 * near-ties, where two references' distances to a query differ by less than float32 rounding (the
 * GPU may then order them differently or pick the other one as k-th). `knnAgreement` in
 * ../../parity.ts checks exactly that.
 */
import type { Gpu } from '../../device.js';
import {
  dispatchChunks,
  type GpuRunOptions,
  packParams,
  withKernelBuffers,
} from '../../run-kernel.js';
import { type KnnInput, type KnnResult, validateKnnInput } from './knn.cpu.js';

const WGSL = new URL('./knn.wgsl', import.meta.url);
/** Must match WG and TILE_VEC4 in knn.wgsl. */
const WORKGROUP = 64;
const TILE_VEC4 = 512;
/** Queries per dispatch: each query scans every reference, so keep submissions short. */
const CHUNK_QUERIES = 4096;
const NONE = 0xffffffff;

/** k nearest references of every query, on the GPU. */
export async function knnGpu(
  gpu: Gpu,
  input: KnnInput,
  options: GpuRunOptions = {},
): Promise<KnnResult> {
  validateKnnInput(input);
  const { queries, references, dims: d, k, exclude } = input;
  const m = queries.length / d;
  const n = references.length / d;
  const indices = new Int32Array(m * k).fill(-1);
  const distances = new Float64Array(m * k).fill(Infinity);
  if (m === 0 || n === 0) return { indices, distances };
  const pipeline = await gpu.pipelines.get(WGSL, 'main');
  const d4 = Math.ceil(d / 4);
  const tileRefs = Math.floor(TILE_VEC4 / d4);
  const { rawIndex, rawDist2 } = await withKernelBuffers(gpu, async (buffers) => {
    const refBuf = buffers.upload(padTo4(references, d), 'knn-references');
    const queryBuf =
      queries === references ? refBuf : buffers.upload(padTo4(queries, d), 'knn-queries');
    const excludeBuf = buffers.upload(exclude ?? new Int32Array(1), 'knn-exclude');
    const outIndex = buffers.storage(m * k * 4, 'knn-index');
    const outDist2 = buffers.storage(m * k * 4, 'knn-dist2');
    await dispatchChunks(gpu, {
      pipeline,
      buffers,
      bindings: [queryBuf, refBuf, excludeBuf, outIndex, outDist2],
      items: m,
      itemsPerWorkgroup: WORKGROUP,
      chunkItems: CHUNK_QUERIES,
      params: (start, count) =>
        packParams([
          { u32: start },
          { u32: count },
          { u32: n },
          { u32: d4 },
          { u32: k },
          { u32: tileRefs },
          { u32: exclude ? 1 : 0 },
          { u32: 0 },
        ]),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return {
      rawIndex: new Uint32Array(await buffers.read(outIndex), 0, m * k),
      rawDist2: new Float32Array(await buffers.read(outDist2), 0, m * k),
    };
  });
  for (let e = 0; e < m * k; e++) {
    if (rawIndex[e] === NONE) continue;
    indices[e] = rawIndex[e];
    distances[e] = Math.sqrt(rawDist2[e]);
  }
  return { indices, distances };
}

/** Rows of `d` values zero-padded to a multiple of 4 (the kernel reads vec4s). */
function padTo4(points: Float32Array, d: number): Float32Array {
  if (d % 4 === 0) return points;
  const d4 = Math.ceil(d / 4) * 4;
  const rows = points.length / d;
  const out = new Float32Array(rows * d4);
  for (let i = 0; i < rows; i++) out.set(points.subarray(i * d, (i + 1) * d), i * d4);
  return out;
}
