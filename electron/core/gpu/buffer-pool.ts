/**
 * @file Reuse of GPU buffers between kernel runs.
 *
 * Creating and destroying buffers costs driver work on every call (and, on lavapipe, a fresh
 * allocation), while the views ask for the same shapes over and over (one CCG per selection). The
 * pool hands out buffers rounded up to a power-of-two size class and keeps released ones, up to a
 * byte budget, keyed by (usage, size class). Callers bind only the logical size they asked for.
 */

/** WebGPU buffer usage flags (spec values; avoids depending on Dawn's injected globals). */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** WebGPU map mode READ (spec value). */
export const MAP_MODE_READ = 0x0001;

/** A pooled buffer and the number of bytes the caller asked for (what gets bound). */
export interface GpuArray {
  readonly buffer: GPUBuffer;
  /** Logical size in bytes (a multiple of 4, at least 4); the buffer may be larger. */
  readonly byteLength: number;
}

/** Smallest size class, bytes (also a safe binding alignment). */
const MIN_CLASS = 256;
/** Released buffers kept for reuse, at most this many bytes in total. */
const DEFAULT_BUDGET = 256 * 1024 * 1024;

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private freeBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly budgetBytes = DEFAULT_BUDGET,
  ) {}

  /** A buffer of at least `byteLength` bytes with exactly `usage`; contents are undefined. */
  acquire(byteLength: number, usage: number, label: string): GpuArray {
    const logical = Math.max(4, Math.ceil(byteLength / 4) * 4);
    const size = sizeClass(logical);
    const list = this.free.get(key(usage, size));
    const reused = list?.pop();
    if (reused) {
      this.freeBytes -= size;
      return { buffer: reused, byteLength: logical };
    }
    const buffer = this.device.createBuffer({ size, usage, label });
    return { buffer, byteLength: logical };
  }

  /** Returns a buffer for reuse (or destroys it when the pool is over budget). */
  release(array: GpuArray): void {
    const { buffer } = array;
    if (buffer.mapState !== 'unmapped' || this.freeBytes + buffer.size > this.budgetBytes) {
      buffer.destroy();
      return;
    }
    const k = key(buffer.usage, buffer.size);
    let list = this.free.get(k);
    if (!list) this.free.set(k, (list = []));
    list.push(buffer);
    this.freeBytes += buffer.size;
  }

  /** Bytes currently held for reuse. */
  get pooledBytes(): number {
    return this.freeBytes;
  }

  /** Destroys every pooled buffer. */
  clear(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.freeBytes = 0;
  }
}

/** Power-of-two classes up to 64 MiB, then 16 MiB steps so big buffers waste little memory. */
function sizeClass(bytes: number): number {
  const big = 64 * 1024 * 1024;
  if (bytes > big) return Math.ceil(bytes / (16 * 1024 * 1024)) * 16 * 1024 * 1024;
  let size = MIN_CLASS;
  while (size < bytes) size *= 2;
  return size;
}

function key(usage: number, size: number): string {
  return `${usage}:${size}`;
}
