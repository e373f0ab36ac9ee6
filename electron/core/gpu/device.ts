/**
 * @file The one WebGPU adapter/device of the Node core (Dawn through the npm package `webgpu`).
 *
 * `getGpu()` lazily creates a single device shared by every kernel and answers `null` (with a
 * reason, see `gpuStatus()`) when there is no usable adapter, so callers can fall back to the CPU.
 * A device that is lost (driver reset, out of memory...) is forgotten, and the next `getGpu()` call
 * creates a fresh one. `releaseGpu()` destroys the device and drops every reference to Dawn so the
 * process can exit. On machines without a GPU, Dawn runs on Mesa's lavapipe (Vulkan on the CPU).
 */
/// <reference types="@webgpu/types" />
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferPool } from './buffer-pool.js';
import { PipelineCache } from './pipeline-cache.js';

/** The device limits the kernels rely on (bytes unless stated). */
export interface GpuLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

/** A ready device plus its per-device caches. Valid until lost or released. */
export interface Gpu {
  readonly device: GPUDevice;
  /** Human-readable adapter description, e.g. "llvmpipe: Mesa 25.0.7". */
  readonly adapterName: string;
  /** True for software adapters (lavapipe/SwiftShader): correct but not fast. */
  readonly isSoftware: boolean;
  readonly limits: GpuLimits;
  readonly pipelines: PipelineCache;
  readonly buffers: BufferPool;
  /** True once the device was lost or released; a lost Gpu must not be used again. */
  readonly lost: boolean;
}

/** Outcome of the last attempt to obtain a device. */
export type GpuStatus =
  | { readonly available: true; readonly adapterName: string; readonly isSoftware: boolean }
  | { readonly available: false; readonly reason: string };

/** Environment switch: `KILOCURATE_GPU=off` (or 0/false/no) disables the GPU entirely. */
export const GPU_ENV_SWITCH = 'KILOCURATE_GPU';

/** How long adapter/device creation may take before we give up (ms). */
const CREATE_TIMEOUT_MS = 20_000;

interface GpuState extends Gpu {
  lost: boolean;
}

let pending: Promise<GpuState | null> | null = null;
let current: GpuState | null = null;
let lastStatus: GpuStatus = { available: false, reason: 'GPU not requested yet' };

/**
 * The shared GPU, created on first call. Resolves to `null` when WebGPU is disabled, the native
 * module cannot load, or no adapter/device can be created; `gpuStatus()` then says why.
 */
export function getGpu(): Promise<Gpu | null> {
  if (current && !current.lost) return Promise.resolve(current);
  if (!pending) {
    pending = createGpu().finally(() => {
      pending = null;
    });
  }
  return pending;
}

/** Why the last `getGpu()` did (not) produce a device. */
export function gpuStatus(): GpuStatus {
  return lastStatus;
}

/**
 * Destroys the shared device and forgets Dawn so the process can exit. Safe to call at any time;
 * a later `getGpu()` creates a new device.
 */
export async function releaseGpu(): Promise<void> {
  const inFlight = pending;
  if (inFlight) await inFlight.catch(() => null);
  const gpu = current;
  current = null;
  if (gpu && !gpu.lost) {
    gpu.lost = true;
    gpu.buffers.clear();
    gpu.pipelines.clear();
    gpu.device.destroy();
    // Let Dawn finish tearing the device down (it resolves `lost`) while the event loop still
    // runs: a process that exits mid-teardown can abort in Dawn's native threads.
    await Promise.race([gpu.device.lost, new Promise((r) => setTimeout(r, 1000))]);
    await new Promise((r) => setTimeout(r, 20));
  }
  lastStatus = { available: false, reason: 'GPU released' };
}

async function createGpu(): Promise<GpuState | null> {
  const fail = (reason: string): null => {
    lastStatus = { available: false, reason };
    return null;
  };
  const env = (process.env[GPU_ENV_SWITCH] ?? '').trim().toLowerCase();
  if (['off', '0', 'false', 'no', 'cpu'].includes(env)) {
    return fail(`disabled by ${GPU_ENV_SWITCH}=${env}`);
  }
  ensureRuntimeDir();
  let create: (options: string[]) => GPU;
  try {
    ({ create } = await import('webgpu'));
  } catch (err) {
    return fail(`the webgpu (Dawn) native module could not be loaded: ${message(err)}`);
  }
  try {
    // The navigator object must stay referenced while the device lives (Dawn's lifetime rule);
    // it is captured by the closure below and dropped by releaseGpu().
    const navigatorGpu = create([]);
    const adapter = await withTimeout(
      navigatorGpu.requestAdapter({ powerPreference: 'high-performance' }),
      'requestAdapter',
    );
    if (!adapter) return fail('no WebGPU adapter (no Vulkan/Metal/D3D12 device was found)');
    const limits = pickLimits(adapter.limits);
    const device = await withTimeout(
      adapter.requestDevice({ label: 'kilocurate-compute', requiredLimits: { ...limits } }),
      'requestDevice',
    );
    const info = adapter.info;
    const adapterName = info.description || `${info.vendor} ${info.architecture}`.trim();
    const isSoftware =
      /llvmpipe|lavapipe|swiftshader|software/i.test(`${adapterName} ${info.architecture}`) ||
      Boolean((adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
    const state: GpuState = {
      device,
      adapterName,
      isSoftware,
      limits,
      pipelines: new PipelineCache(device),
      buffers: new BufferPool(device),
      lost: false,
    };
    void device.lost.then((lostInfo) => {
      state.lost = true;
      if (current === state) {
        current = null;
        lastStatus = {
          available: false,
          reason: `device lost (${lostInfo.reason}): ${lostInfo.message}`,
        };
      }
      // Keep Dawn's navigator alive until the device is gone.
      void navigatorGpu;
    });
    current = state;
    lastStatus = { available: true, adapterName, isSoftware };
    return state;
  } catch (err) {
    return fail(`WebGPU initialisation failed: ${message(err)}`);
  }
}

/** Ask for the adapter's own maxima where the spec defaults are too small for our buffers. */
function pickLimits(a: GPUSupportedLimits): GpuLimits {
  return {
    maxStorageBufferBindingSize: a.maxStorageBufferBindingSize,
    maxBufferSize: a.maxBufferSize,
    maxComputeWorkgroupStorageSize: a.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: a.maxComputeWorkgroupsPerDimension,
    maxComputeInvocationsPerWorkgroup: a.maxComputeInvocationsPerWorkgroup,
    maxStorageBuffersPerShaderStage: a.maxStorageBuffersPerShaderStage,
  };
}

/** Mesa's Vulkan drivers want a writable XDG_RUNTIME_DIR; give them a private one if unset. */
function ensureRuntimeDir(): void {
  if (process.env.XDG_RUNTIME_DIR) return;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = join(tmpdir(), `kilocurate-runtime-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
  } catch {
    // Not fatal: drivers only warn without it.
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${CREATE_TIMEOUT_MS} ms`)),
      CREATE_TIMEOUT_MS,
    );
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
