/**
 * @file Reads one big .npy vector on a worker thread while the main thread goes on, and hands the
 * result back SYNCHRONOUSLY (so openDataset and CurationService.open keep their synchronous API):
 * the main thread blocks in Atomics.wait until the worker is done, then takes the worker's message
 * with receiveMessageOnPort; the arrays' buffers are transferred, never copied.
 *
 * The worker is a plain-JS script assembled from the source text of the same kernels the main
 * thread runs (vector-kernels.ts, spike-index.ts): it starts without TypeScript tooling (tsx's
 * loader would cost 100+ ms per worker), works the same from sources (tests, bench) and from the
 * built dist/, and cannot diverge from the single-threaded path. It reads through the main
 * thread's file descriptor, so it sees exactly the file whose header the main thread validated.
 *
 * The worker only answers "here is the result" or "no result": callers redo the work on the main
 * thread in the second case, which both produces the exact error for invalid data and covers any
 * failure of the worker itself.
 */
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type * as Fs from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';
import { countSpikesPerId, groupSpikesById } from '../../../shared/curation/spike-index.js';
import type { VectorSource } from './npy-reader.js';
import {
  indexVectorToInt32,
  spikeTimesToFloat64,
  swapBytesInPlace,
  typedArrayFor,
} from './vector-kernels.js';

/**
 * 'times': spike times validated as float64 (spikeTimesToFloat64). 'grouped-index': an index
 * vector validated as int32 (indexVectorToInt32) and, when its ids allow the dense layout,
 * grouped by id (countSpikesPerId + groupSpikesById, the spike index's build).
 */
export type BackgroundTask = 'times' | 'grouped-index';

export interface GroupedIndex {
  values: Int32Array;
  /** Largest entry, -1 when empty. */
  max: number;
  /** Spike indices grouped by id and their start offsets; null when the ids are not dense. */
  groups: { order: Uint32Array; starts: Uint32Array } | null;
}

interface Results {
  times: Float64Array;
  'grouped-index': GroupedIndex;
}

type Reply<T extends BackgroundTask> =
  { ok: true; value: Results[T] } | { ok: false; error: string };

/** The worker's state word: spawned, running, done (reply posted). */
const SPAWNED = 0;
const RUNNING = 1;
const DONE = 2;

/**
 * How long join() waits for a worker to START before doing the work itself. Generous: a loaded
 * machine takes ~0.2 s; only a worker that can never run (no thread, a broken script) gets here.
 */
const START_TIMEOUT_MS = 10_000;

const kernels = {
  typedArrayFor,
  swapBytesInPlace,
  spikeTimesToFloat64,
  indexVectorToInt32,
  countSpikesPerId,
  groupSpikesById,
};

interface WorkerInput {
  task: BackgroundTask;
  source: VectorSource;
  /** Id limit of the dense layout (grouped-index). */
  denseLimit: number;
  port: MessagePort;
  state: Int32Array;
}

/**
 * The worker's body, run from its source text: it must only use its parameters and globals.
 * Whatever happens, it posts one reply and then marks itself done, so join() cannot hang.
 */
function workerMain(fs: typeof Fs, wt: typeof WorkerThreads, k: typeof kernels): void {
  const input = wt.workerData as WorkerInput;
  Atomics.store(input.state, 0, 1); // RUNNING (module constants are out of this script's reach)
  Atomics.notify(input.state, 0);
  let reply: unknown = { ok: false, error: 'no result' };
  const transfer: ArrayBuffer[] = [];
  try {
    const { fd, offset, count, dtype } = input.source;
    const raw = k.typedArrayFor(dtype.kind, dtype.itemSize, count);
    if (!raw) throw new Error(`no typed array for dtype ${dtype.kind}${dtype.itemSize}`);
    const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let done = 0; done < bytes.length;) {
      const want = Math.min(1 << 30, bytes.length - done);
      const got = fs.readSync(fd, bytes, done, want, offset + done);
      if (got === 0) throw new Error('unexpected end of file');
      done += got;
    }
    if (!dtype.littleEndian) k.swapBytesInPlace(bytes, dtype.itemSize);
    if (input.task === 'times') {
      const times = k.spikeTimesToFloat64(raw);
      if (typeof times === 'number') throw new Error(`invalid time at ${times}`);
      reply = { ok: true, value: times };
      transfer.push(times.buffer as ArrayBuffer);
    } else {
      // int32 ids (the usual case): the counting pass validates them too (null for a negative
      // id), so a separate validation pass is only needed when counting gives up.
      let counts = raw instanceof Int32Array ? k.countSpikesPerId(raw, input.denseLimit) : null;
      let values: Int32Array;
      let max = -1;
      if (counts) {
        values = raw as Int32Array;
        max = counts.length - 2;
        while (max >= 0 && counts[max + 1] === 0) max--;
      } else {
        const checked = k.indexVectorToInt32(raw);
        if (typeof checked === 'number') throw new Error(`invalid entry at ${checked}`);
        ({ values, max } = checked);
        if (!(raw instanceof Int32Array)) counts = k.countSpikesPerId(values, input.denseLimit);
      }
      const groups = counts ? { order: k.groupSpikesById(values, counts), starts: counts } : null;
      reply = { ok: true, value: { values, max, groups } };
      transfer.push(values.buffer as ArrayBuffer);
      if (groups)
        transfer.push(groups.order.buffer as ArrayBuffer, groups.starts.buffer as ArrayBuffer);
    }
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    transfer.length = 0;
  }
  input.port.postMessage(reply, transfer);
  Atomics.store(input.state, 0, 2); // DONE
  Atomics.notify(input.state, 0);
}

let workerSource: string | undefined;
let canBlock: boolean | undefined;

/**
 * Whether this thread may block in Atomics.wait (Node's threads may; a host could forbid it on
 * its main thread). Without it no worker is started: callers then read on their own thread.
 */
function mayBlock(): boolean {
  if (canBlock === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      canBlock = true;
    } catch {
      canBlock = false;
    }
  }
  return canBlock;
}

/** The worker script: workerMain called with node:fs, node:worker_threads and the kernels. */
function script(): string {
  // Kernels are passed by object key, so the script does not depend on how a compiler names
  // or wraps the functions; `__name` is the helper esbuild (tsx) may insert for inner functions.
  const entries = Object.entries(kernels).map(([name, fn]) => `${name}: (${String(fn)})`);
  workerSource ??= [
    'const __name = (target) => target;',
    `(${String(workerMain)})(require('node:fs'), require('node:worker_threads'), {`,
    entries.join(',\n'),
    '});',
  ].join('\n');
  return workerSource;
}

/** One vector being read (and converted) on a worker thread; see the file comment. */
export class BackgroundRead<T extends BackgroundTask> {
  private outcome: Results[T] | null | undefined;
  /** Settles once the thread has stopped (set by cancel()). */
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker | null,
    private readonly port: MessagePort | null,
    private readonly state: Int32Array,
  ) {
    if (!worker) this.outcome = null;
  }

  /**
   * Starts the worker on `source` (an open reader's vectorSource(); the reader must stay open
   * until join() returns or cancel()'s promise settles). Never throws: a worker that cannot be
   * created makes join() return null.
   */
  static start<T extends BackgroundTask>(
    task: T,
    source: VectorSource,
    denseLimit = 0,
  ): BackgroundRead<T> {
    const state = new Int32Array(new SharedArrayBuffer(4));
    if (!mayBlock()) return new BackgroundRead<T>(null, null, state);
    const { port1, port2 } = new MessageChannel();
    try {
      const workerData: WorkerInput = { task, source, denseLimit, port: port2, state };
      // execArgv []: not the parent's flags (`--import tsx` would load tsx in the worker).
      const worker = new Worker(script(), {
        eval: true,
        execArgv: [],
        workerData,
        transferList: [port2],
      });
      worker.unref();
      // Errors reach the main thread through join(); an 'error' event must not crash the app.
      worker.on('error', () => undefined);
      return new BackgroundRead<T>(worker, port1, state);
    } catch {
      port1.close();
      return new BackgroundRead<T>(null, null, state);
    }
  }

  /**
   * Blocks until the worker is done and returns its result, or null when it found the data
   * invalid or failed in any way (the caller then does the work itself). Idempotent.
   */
  join(): Results[T] | null {
    if (this.outcome !== undefined) return this.outcome;
    const state = this.state;
    Atomics.wait(state, 0, SPAWNED, START_TIMEOUT_MS);
    if (Atomics.load(state, 0) === SPAWNED) {
      void this.cancel();
      return (this.outcome = null);
    }
    while (Atomics.load(state, 0) !== DONE) Atomics.wait(state, 0, RUNNING);
    const reply = receiveMessageOnPort(this.port as MessagePort)?.message as Reply<T> | undefined;
    void this.cancel();
    this.outcome = reply?.ok ? reply.value : null;
    return this.outcome;
  }

  /**
   * True once the worker can no longer touch the source's file descriptor: it posted its reply,
   * or it never existed. (After a cancel() it may still be stopping: wait for cancel's promise.)
   */
  get finished(): boolean {
    return this.port === null || Atomics.load(this.state, 0) === DONE;
  }

  /**
   * Stops the worker (join() then returns null if it had not returned yet). The promise settles
   * once the thread has stopped: only then may the source's file descriptor be closed.
   */
  cancel(): Promise<void> {
    if (this.outcome === undefined) this.outcome = null;
    if (!this.stopped) {
      this.port?.close();
      this.stopped = this.worker
        ? this.worker.terminate().then(() => undefined)
        : Promise.resolve();
    }
    return this.stopped;
  }
}
