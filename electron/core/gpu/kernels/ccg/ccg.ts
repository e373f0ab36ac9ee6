/**
 * @file GPU many-pair correlogram counts (WebGPU); same contract and output as {@link ccgCountsCpu}.
 *
 * Times are uploaded as (lo, hi) u32 halves of `times[i] − times[0]` (WGSL has neither i64 nor
 * f64), so recordings of any length work. Counts are exact (integer atomics): parity with the CPU
 * oracle is bit-for-bit.
 */
import type { Gpu } from '../../device.js';
import {
  dispatchChunks,
  type GpuRunOptions,
  packParams,
  withKernelBuffers,
} from '../../run-kernel.js';
import { type CcgInput, validateCcgInput } from './ccg.cpu.js';

const WGSL = new URL('./ccg.wgsl', import.meta.url);
const WORKGROUP = 64;
/** Spikes per dispatch: bounds the duration of one submission (dense bursts cost more). */
const CHUNK_SPIKES = 1 << 18;
const TWO_32 = 4294967296;

/**
 * Counts pairs into ccg[slot_i][slot_j][lag] on the GPU.
 * @returns flat counts, length nSlots² × (halfBins + 1) (see `ccgIndex`).
 */
export async function ccgCountsGpu(
  gpu: Gpu,
  input: CcgInput,
  options: GpuRunOptions = {},
): Promise<Uint32Array> {
  validateCcgInput(input);
  const { times, slots, nSlots, binSize, halfBins } = input;
  const n = times.length;
  const nLags = halfBins + 1;
  const outLength = nSlots * nSlots * nLags;
  if (n < 2) return new Uint32Array(outLength);
  const packed = new Uint32Array(2 * n);
  const t0 = times[0];
  for (let i = 0; i < n; i++) {
    const offset = times[i] - t0;
    const hi = Math.floor(offset / TWO_32);
    packed[2 * i] = offset - hi * TWO_32;
    packed[2 * i + 1] = hi;
  }
  const slotsU32 = slots instanceof Uint32Array ? slots : new Uint32Array(slots);
  const pipeline = await gpu.pipelines.get(WGSL, 'main', { WG: WORKGROUP });
  return withKernelBuffers(gpu, async (buffers) => {
    const timesBuf = buffers.upload(packed, 'ccg-times');
    const slotsBuf = buffers.upload(slotsU32, 'ccg-slots');
    const counts = buffers.zeros(outLength * 4, 'ccg-counts');
    await dispatchChunks(gpu, {
      pipeline,
      buffers,
      bindings: [timesBuf, slotsBuf, counts],
      items: n,
      itemsPerWorkgroup: WORKGROUP,
      chunkItems: CHUNK_SPIKES,
      params: (start, count) =>
        packParams([
          { u32: start },
          { u32: count },
          { u32: n },
          { u32: nSlots },
          { u32: binSize },
          { u32: halfBins },
          { u32: nLags },
          { u32: 0 },
        ]),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return new Uint32Array(await buffers.read(counts), 0, outLength);
  });
}
