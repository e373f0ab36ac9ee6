/**
 * @file GPU squared Mahalanobis distances (WebGPU, float32); contract of {@link mahalanobisSquaredCpu}.
 *
 * The inverse covariance is factored on the CPU in float64 (A = UᵀU) and the kernel sums squares
 * ‖U(x − μ)‖², so results agree with the float64 oracle to about 1e-5 relative for condition
 * numbers up to ~1e4 (parity tolerance: 1e-4 relative). A matrix that is not positive definite
 * falls back to the plain quadratic form, whose float32 error grows with cond(A).
 */
import type { Gpu } from '../../device.js';
import {
  dispatchChunks,
  type GpuRunOptions,
  packParams,
  withKernelBuffers,
} from '../../run-kernel.js';
import { choleskyUpper } from './cholesky.js';
import { type MahalanobisInput, validateMahalanobisInput } from './mahalanobis.cpu.js';

const WGSL = new URL('./mahalanobis.wgsl', import.meta.url);
const WORKGROUP = 64;
const CHUNK_POINTS = 1 << 20;

/** Squared Mahalanobis distance of every point (unitless), computed in float32. */
export async function mahalanobisSquaredGpu(
  gpu: Gpu,
  input: MahalanobisInput,
  options: GpuRunOptions = {},
): Promise<Float32Array> {
  validateMahalanobisInput(input);
  const { points, dims: d, mean, invCov } = input;
  const m = points.length / d;
  if (m === 0) return new Float32Array(0);
  const factor = choleskyUpper(invCov, d);
  // Mean as float32 hi + lo (see mahalanobis.wgsl), then the matrix.
  const model = new Float32Array(2 * d + d * d);
  for (let c = 0; c < d; c++) {
    model[c] = mean[c];
    model[d + c] = mean[c] - model[c];
  }
  model.set(factor ?? invCov, 2 * d);
  const pipeline = await gpu.pipelines.get(WGSL, 'main', { WG: WORKGROUP });
  return withKernelBuffers(gpu, async (buffers) => {
    const pointsBuf = buffers.upload(points, 'mahalanobis-points');
    const modelBuf = buffers.upload(model, 'mahalanobis-model');
    const out = buffers.storage(m * 4, 'mahalanobis-out');
    await dispatchChunks(gpu, {
      pipeline,
      buffers,
      bindings: [pointsBuf, modelBuf, out],
      items: m,
      itemsPerWorkgroup: WORKGROUP,
      chunkItems: CHUNK_POINTS,
      params: (start, count) =>
        packParams([{ u32: start }, { u32: count }, { u32: d }, { u32: factor ? 0 : 1 }]),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return new Float32Array(await buffers.read(out), 0, m);
  });
}
