/**
 * @file Scattered rows of a big .npy file (pc_features.npy) read on a worker thread. A feature
 * view samples 2500 spikes spread over the whole recording: 2500 separate reads, each a system
 * call and often a page-cache miss, which on the core's own thread would hold up every other
 * view payload of the selection. On worker threads they overlap with that work instead, and
 * several readers keep several requests in flight for the disk.
 *
 * The worker opens the file by path (never the main thread's descriptor, which may be closed and
 * reused while a read is in flight), checks that it still has the size the main thread validated
 * (a file replaced since is opened again, or refused), and answers with the raw bytes of the rows,
 * in order; any failure (a short or changed file, an exotic layout, no worker) answers null, and
 * the caller reads on its own thread with the usual checks and messages. A few readers serve the
 * process, started on first use; they keep the process alive only while a read is in flight,
 * and each keeps a few files open.
 */
import type * as Fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type * as WorkerThreads from 'node:worker_threads';
import type { NpyReader } from '../dataset/npy-reader.js';
import type { RowData } from './pc-values.js';

interface RowRequest {
  id: number;
  path: string;
  /** Byte offset of row 0. */
  offset: number;
  rowBytes: number;
  /** Size of the file the main thread validated, bytes. */
  size: number;
  rows: Uint32Array;
}

type RowReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false };

/** The worker: plain JavaScript (no TypeScript tooling in the thread), run with `eval`. */
function workerMain(fs: typeof Fs, threads: typeof WorkerThreads) {
  const MAX_OPEN = 4;
  const fds = new Map<string, number>();
  const port = threads.parentPort!;
  /** An open descriptor of `path` whose file has `size` bytes (opened again once if not). */
  const open = (path: string, size: number): number => {
    let fd = fds.get(path);
    if (fd !== undefined && fs.fstatSync(fd).size === size) return fd;
    if (fd !== undefined) fs.closeSync(fd);
    fds.delete(path);
    fd = fs.openSync(path, 'r');
    if (fs.fstatSync(fd).size !== size) {
      fs.closeSync(fd);
      throw new Error('the file changed');
    }
    if (fds.size >= MAX_OPEN) {
      const [oldest, oldFd] = fds.entries().next().value as [string, number];
      fs.closeSync(oldFd);
      fds.delete(oldest);
    }
    fds.set(path, fd);
    return fd;
  };
  port.on('message', (req: RowRequest) => {
    try {
      const fd = open(req.path, req.size);
      const { rows, rowBytes, offset } = req;
      const out = new Uint8Array(rows.length * rowBytes);
      for (let i = 0; i < rows.length;) {
        // Runs of consecutive rows in one read.
        let j = i + 1;
        while (j < rows.length && rows[j] === (rows[j - 1] as number) + 1) j++;
        const want = (j - i) * rowBytes;
        for (let done = 0; done < want;) {
          const position = offset + (rows[i] as number) * rowBytes + done;
          const got = fs.readSync(fd, out, i * rowBytes + done, want - done, position);
          if (got === 0) throw new Error('unexpected end of file');
          done += got;
        }
        i = j;
      }
      port.postMessage({ id: req.id, ok: true, bytes: out }, [out.buffer]);
    } catch {
      port.postMessage({ id: req.id, ok: false });
    }
  });
}

/**
 * Threads reading at once. A page-cache miss waits for the disk, and a disk serves several
 * requests at a time: four readers make a cold cluster's rows arrive several times sooner.
 */
const READERS = 4;
/** Below this many rows one reader does it all (a message costs more than a few reads). */
const MIN_ROWS_PER_READER = 64;

interface Reader {
  worker: Worker;
  waiting: Map<number, (reply: RowReply) => void>;
}

let readers: Reader[] | null = null;
let broken = false;
let nextId = 1;

function startReader(source: string): Reader {
  const worker = new Worker(source, { eval: true, execArgv: [] });
  const reader: Reader = { worker, waiting: new Map() };
  worker.on('message', (reply: RowReply) => {
    reader.waiting.get(reply.id)?.(reply);
    reader.waiting.delete(reply.id);
    // Idle, a reader must not keep the process alive; busy, it must (someone awaits it).
    if (reader.waiting.size === 0) worker.unref();
  });
  const fail = () => {
    broken = true;
    readers = null;
    for (const resolve of reader.waiting.values()) resolve({ id: 0, ok: false });
    reader.waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return reader;
}

function startReaders(): Reader[] | null {
  if (readers || broken) return readers;
  const source = [
    'const __name = (target) => target;',
    `(${String(workerMain)})(require('node:fs'), require('node:worker_threads'));`,
  ].join('\n');
  const started: Reader[] = [];
  try {
    for (let i = 0; i < READERS; i++) started.push(startReader(source));
    readers = started;
  } catch {
    for (const r of started) void r.worker.terminate();
    broken = true;
  }
  return readers;
}

/** Asks one reader for `rows`; the bytes, or null. */
function ask(
  reader: Reader,
  request: Omit<RowRequest, 'id' | 'rows'>,
  rows: Uint32Array,
): Promise<Uint8Array | null> {
  const id = nextId++;
  return new Promise((resolve) => {
    reader.waiting.set(id, (reply) => resolve(reply.ok ? reply.bytes : null));
    reader.worker.ref();
    reader.worker.postMessage({ ...request, id, rows } satisfies RowRequest);
  });
}

/**
 * Rows `rows` of `reader` (row indices within its first axis, any order), C-ordered in the given
 * order, read on the worker threads; null when they cannot be (big-endian or Fortran-ordered
 * data, an integer dtype, a row outside the array, no worker, a failed read): read them on this
 * thread.
 */
export async function readRowsOnWorker(
  reader: NpyReader,
  rows: Uint32Array,
): Promise<RowData | null> {
  const { header } = reader;
  const n0 = header.shape[0] ?? 0;
  const { kind, itemSize, littleEndian } = header.dtype;
  const float = kind === 'f' && (itemSize === 4 || itemSize === 8);
  if (!float || !littleEndian || (header.fortranOrder && header.shape.length > 1)) return null;
  for (let i = 0; i < rows.length; i++) if ((rows[i] as number) >= n0) return null;
  const pool = startReaders();
  if (!pool) return null;
  const rowBytes = reader.rowSize * itemSize;
  const request = { path: reader.path, offset: header.dataOffset, rowBytes, size: reader.fileSize };
  // Contiguous shares of the list, one per reader, so each reader's rows keep their order.
  const nParts = Math.max(1, Math.min(pool.length, Math.floor(rows.length / MIN_ROWS_PER_READER)));
  const share = Math.ceil(rows.length / nParts);
  const parts = await Promise.all(
    Array.from({ length: nParts }, (_, k) =>
      ask(pool[k] as Reader, request, rows.slice(k * share, (k + 1) * share)),
    ),
  );
  if (parts.some((p) => p === null)) return null;
  const bytes = new Uint8Array(rows.length * rowBytes);
  let at = 0;
  for (const p of parts as Uint8Array[]) {
    bytes.set(p, at);
    at += p.length;
  }
  return itemSize === 4 ? new Float32Array(bytes.buffer) : new Float64Array(bytes.buffer);
}

/** Rows per reader in one round of a read in the background. */
const BACKGROUND_ROWS_PER_READER = MIN_ROWS_PER_READER;

/**
 * {@link readRowsOnWorker} for work nobody waits on (reading ahead): the rows go in small rounds
 * (64 per reader), the next round only once the last is in, so a view's own read queued on the
 * same readers waits for one round at most (a few ms even on a cold disk), not for the whole
 * list. Null when the rows cannot be read on the workers, or when `stop()` turns true between
 * rounds.
 */
export async function readRowsInBackground(
  reader: NpyReader,
  rows: Uint32Array,
  stop: () => boolean,
): Promise<RowData | null> {
  const round = READERS * BACKGROUND_ROWS_PER_READER;
  const size = reader.rowSize;
  let out: RowData | null = null;
  for (let at = 0; at < rows.length; at += round) {
    if (stop()) return null;
    const part = await readRowsOnWorker(reader, rows.subarray(at, at + round));
    if (!part) return null;
    out ??=
      part instanceof Float32Array
        ? new Float32Array(rows.length * size)
        : new Float64Array(rows.length * size);
    out.set(part, at * size);
  }
  return out ?? (await readRowsOnWorker(reader, rows));
}
