/**
 * @file Generic plumbing shared by every kernel: buffers for one run, chunked dispatch, read-back.
 *
 * Kernel convention (every .wgsl of kernels/ follows it): `@group(0) @binding(0)` is a uniform
 * struct that starts with `start: u32, count: u32` — the chunk of work items this dispatch handles —
 * followed by kernel parameters; storage buffers follow at bindings 1, 2, ... in the order given.
 * Work is split into chunks so no dispatch exceeds the 65,535-workgroup limit, so a long run can be
 * cancelled between chunks, and so no single submission runs long enough to trip a driver watchdog.
 */
import type { Gpu } from './device.js';
import { BufferUsage, MAP_MODE_READ, type GpuArray } from './buffer-pool.js';

/** Thrown when an input cannot fit the device (binding size, workgroup memory...). */
export class GpuCapacityError extends Error {
  override name = 'GpuCapacityError';
}

/** Thrown when a run is cancelled through its AbortSignal. */
export class GpuAbortError extends Error {
  override name = 'AbortError';
}

/** Typed arrays with 4-byte elements, the only kind the kernels exchange. */
export type Word32Array = Float32Array | Uint32Array | Int32Array;

const STORAGE = BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC;

/** The buffers of one kernel run; `release()` hands them back to the device's pool. */
export class KernelBuffers {
  private readonly owned: GpuArray[] = [];

  constructor(private readonly gpu: Gpu) {}

  /** A storage buffer holding a copy of `data`. */
  upload(data: Word32Array, label: string): GpuArray {
    const array = this.storage(data.byteLength, label);
    if (data.byteLength > 0) {
      this.gpu.device.queue.writeBuffer(
        array.buffer,
        0,
        data.buffer,
        data.byteOffset,
        data.byteLength,
      );
    }
    return array;
  }

  /** Overwrites the start of `array` with `data` (e.g. new centroids each iteration). */
  write(array: GpuArray, data: Word32Array): void {
    if (data.byteLength > array.byteLength) throw new RangeError('write: data larger than buffer');
    this.gpu.device.queue.writeBuffer(
      array.buffer,
      0,
      data.buffer,
      data.byteOffset,
      data.byteLength,
    );
  }

  /** A zero-filled storage buffer (e.g. atomic accumulators). */
  zeros(byteLength: number, label: string): GpuArray {
    const array = this.storage(byteLength, label);
    const encoder = this.gpu.device.createCommandEncoder();
    encoder.clearBuffer(array.buffer, 0, array.byteLength);
    this.gpu.device.queue.submit([encoder.finish()]);
    return array;
  }

  /** A storage buffer with undefined contents, for outputs every item overwrites. */
  storage(byteLength: number, label: string): GpuArray {
    checkBindingSize(this.gpu, byteLength, label);
    return this.own(this.gpu.buffers.acquire(byteLength, STORAGE, label));
  }

  /** A uniform buffer holding `data` (padded to 16 bytes). */
  uniform(data: ArrayBuffer, label: string): GpuArray {
    const padded = Math.max(16, Math.ceil(data.byteLength / 16) * 16);
    const usage = BufferUsage.UNIFORM | BufferUsage.COPY_DST;
    const array = this.own(this.gpu.buffers.acquire(padded, usage, label));
    const bytes = new Uint8Array(padded);
    bytes.set(new Uint8Array(data));
    this.gpu.device.queue.writeBuffer(array.buffer, 0, bytes);
    return { buffer: array.buffer, byteLength: padded };
  }

  /** Copies the logical contents of `array` back to the CPU. */
  async read(array: GpuArray): Promise<ArrayBuffer> {
    const usage = BufferUsage.MAP_READ | BufferUsage.COPY_DST;
    const staging = this.own(this.gpu.buffers.acquire(array.byteLength, usage, 'staging'));
    const encoder = this.gpu.device.createCommandEncoder();
    encoder.copyBufferToBuffer(array.buffer, 0, staging.buffer, 0, array.byteLength);
    this.gpu.device.queue.submit([encoder.finish()]);
    await staging.buffer.mapAsync(MAP_MODE_READ, 0, array.byteLength);
    const copy = staging.buffer.getMappedRange(0, array.byteLength).slice(0);
    staging.buffer.unmap();
    return copy;
  }

  /** Returns every buffer of this run to the pool. */
  release(): void {
    if (this.gpu.lost) return;
    for (const a of this.owned.splice(0)) this.gpu.buffers.release(a);
  }

  private own(array: GpuArray): GpuArray {
    this.owned.push(array);
    return array;
  }
}

/** Runs `fn` with a fresh buffer scope and releases the buffers however it ends. */
export async function withKernelBuffers<T>(
  gpu: Gpu,
  fn: (buffers: KernelBuffers) => Promise<T>,
): Promise<T> {
  const buffers = new KernelBuffers(gpu);
  try {
    return await fn(buffers);
  } finally {
    buffers.release();
  }
}

/** Throws GpuCapacityError when one binding would exceed the device's storage binding size. */
export function checkBindingSize(gpu: Gpu, byteLength: number, what: string): void {
  const max = Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize);
  if (byteLength > max) {
    throw new GpuCapacityError(`${what}: ${byteLength} bytes exceed the GPU binding limit ${max}`);
  }
}

/** Options every GPU kernel entry point accepts. */
export interface GpuRunOptions {
  /** Cancels between chunks (rejects with GpuAbortError). */
  readonly signal?: AbortSignal;
  /** Items done / total, after each chunk has executed. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One chunked dispatch of a compute pipeline over `items` work items. */
export interface KernelDispatch {
  readonly pipeline: GPUComputePipeline;
  readonly buffers: KernelBuffers;
  /** Storage buffers bound at bindings 1, 2, ... in this order. */
  readonly bindings: readonly GpuArray[];
  /** Total number of work items. */
  readonly items: number;
  /** Work items handled by one workgroup (the workgroup size for one item per invocation). */
  readonly itemsPerWorkgroup: number;
  /** Most items per dispatch; rounded down to a multiple of itemsPerWorkgroup. */
  readonly chunkItems?: number;
  /** Uniform payload of a chunk; must start with (start, count) as u32. */
  readonly params: (start: number, count: number) => ArrayBuffer;
  readonly signal?: AbortSignal;
  /** Called after each chunk has finished on the device (items done, total items). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Encodes and submits the chunks; resolves when the device has executed all of them. */
export async function dispatchChunks(gpu: Gpu, d: KernelDispatch): Promise<void> {
  const perGroup = d.itemsPerWorkgroup;
  const maxGroups = gpu.limits.maxComputeWorkgroupsPerDimension;
  const limit = Math.min(d.chunkItems ?? Infinity, maxGroups * perGroup);
  const chunk = Math.max(perGroup, Math.floor(limit / perGroup) * perGroup);
  const device = gpu.device;
  const layout = d.pipeline.getBindGroupLayout(0);
  const waitEachChunk = d.signal !== undefined || d.onProgress !== undefined;
  for (let start = 0; start < d.items; start += chunk) {
    if (d.signal?.aborted) throw new GpuAbortError('GPU run cancelled');
    const count = Math.min(chunk, d.items - start);
    const params = d.buffers.uniform(d.params(start, count), 'params');
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: params.buffer, size: params.byteLength } },
      ...d.bindings.map((b, i) => ({
        binding: i + 1,
        resource: { buffer: b.buffer, size: b.byteLength },
      })),
    ];
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const bindGroup = device.createBindGroup({ layout, entries });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(d.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(count / perGroup));
    pass.end();
    device.queue.submit([encoder.finish()]);
    const validation = device.popErrorScope();
    const oom = device.popErrorScope();
    const error = (await validation) ?? (await oom);
    if (error) throw new Error(`GPU dispatch failed: ${error.message}`);
    if (waitEachChunk) {
      await device.queue.onSubmittedWorkDone();
      d.onProgress?.(start + count, d.items);
    }
  }
}

/** Builds a uniform payload from u32/f32 fields in declaration order (each field 4 bytes). */
export function packParams(fields: ReadonlyArray<{ u32: number } | { f32: number }>): ArrayBuffer {
  const buf = new ArrayBuffer(Math.max(16, Math.ceil((fields.length * 4) / 16) * 16));
  const view = new DataView(buf);
  fields.forEach((f, i) => {
    if ('u32' in f) view.setUint32(i * 4, f.u32 >>> 0, true);
    else view.setFloat32(i * 4, f.f32, true);
  });
  return buf;
}
