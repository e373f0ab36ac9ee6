/**
 * @file A fixed pool of worker threads that run one task module, for CPU-bound jobs that split
 * into independent units (clusters). Tasks queue in submission order and go to the next free
 * worker; each resolves with its worker's answer or rejects with its error. `close()` terminates
 * the workers (also mid-task: that is how a cancelled job stops them).
 *
 * The task module calls `serveTasks(handler)` (worker-host.ts). Run from TypeScript sources
 * (tsx, tests, bench) the worker first registers tsx's loader, since worker threads do not
 * inherit the parent's `--import tsx`; built JavaScript loads directly.
 */
import { Worker, type Transferable } from 'node:worker_threads';

/** What a worker posts back for task `id`. */
export type TaskReply<R> =
  { id: number; ok: true; value: R } | { id: number; ok: false; error: string };

interface Pending {
  id: number;
  message: unknown;
  transfer: readonly Transferable[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/** Worker for `moduleUrl` (a .ts source gets tsx's loader registered first). */
function spawn(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(api)}).then((m) => { m.register(); ` +
    `return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** A pool of `size` workers running `moduleUrl`, each started with `workerData`. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(moduleUrl: URL, size: number, workerData: unknown) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = spawn(moduleUrl, workerData);
      worker.on('message', (reply: TaskReply<unknown>) => this.settle(worker, reply));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (this.running.has(worker)) this.fail(new Error(`worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Runs one task; `transfer` lists buffers moved (not copied) to the worker. */
  run<R>(message: unknown, transfer: readonly Transferable[] = []): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        message,
        transfer,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Terminates every worker; queued and running tasks reject. */
  async close(): Promise<void> {
    this.fail(new Error('worker pool closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const task = this.queue.shift() as Pending;
      this.running.set(worker, task);
      worker.postMessage({ id: task.id, message: task.message }, task.transfer);
    }
  }

  private settle(worker: Worker, reply: TaskReply<unknown>): void {
    const task = this.running.get(worker);
    if (!task || task.id !== reply.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if (reply.ok) task.resolve(reply.value);
    else task.reject(new Error(reply.error));
    this.dispatch();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const task of [...this.running.values(), ...this.queue.splice(0)]) task.reject(err);
    this.running.clear();
  }
}
