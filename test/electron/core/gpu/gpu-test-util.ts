/**
 * @file Helpers of the GPU tests: get the shared device or skip with the reason, deterministic data.
 *
 * Set KILOCURATE_REQUIRE_GPU=1 (CI on lavapipe) to turn a missing adapter into a failure instead of
 * a skip, so parity tests cannot silently stop running.
 */
import type { TestContext } from 'node:test';
import { getGpu, gpuStatus, type Gpu } from '../../../../electron/core/gpu/device.js';
import type { Random } from '../../../../shared/util/random.js';

/** The shared GPU, or null after marking the test skipped (with the reason printed). */
export async function gpuOrSkip(t: TestContext): Promise<Gpu | null> {
  const gpu = await getGpu();
  if (gpu) return gpu;
  const status = gpuStatus();
  const reason = `no WebGPU device: ${status.available ? 'unknown' : status.reason}`;
  if (process.env.KILOCURATE_REQUIRE_GPU === '1') throw new Error(reason);
  console.log(`skipping GPU test "${t.name}": ${reason}`);
  t.skip(reason);
  return null;
}

/** m × d float32 values from N(0, scale²) (+ offset), seeded. */
export function randomPoints(
  rng: Random,
  m: number,
  d: number,
  scale = 1,
  offset = 0,
): Float32Array {
  const out = new Float32Array(m * d);
  for (let i = 0; i < out.length; i++) out[i] = offset + scale * rng.normal();
  return out;
}
