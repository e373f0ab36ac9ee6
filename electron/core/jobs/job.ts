/**
 * @file Long-running work as jobs: `(params, {signal, progress}) => Promise<Result>`.
 *
 * A job reports progress as often as it likes; `runJob` throttles what reaches the listener (the
 * UI wants ~10 updates per second, not one per cluster) and always delivers the last report, so a
 * progress bar ends at its true final value. Cancellation is cooperative: jobs call
 * `checkpoint(signal)` between units of work (clusters, chunks), which yields to the event loop
 * (so an abort coming from an IPC/HTTP message can actually be processed) and throws
 * `JobCancelledError` once the signal is aborted.
 */

/** One progress report: `done` of `total` units (clusters, chunks...), plus an optional phase. */
export interface JobProgress {
  done: number;
  total: number;
  /** What the job is doing, e.g. 'time-domain metrics'. */
  phase?: string;
}

/** What a job receives besides its parameters. */
export interface JobContext {
  signal: AbortSignal;
  progress: (p: JobProgress) => void;
}

/** A job: pure async work over `params`, cancellable through `ctx.signal`. */
export type Job<P, R> = (params: P, ctx: JobContext) => Promise<R>;

/** Thrown by a job (or `runJob`) once its signal is aborted. */
export class JobCancelledError extends Error {
  constructor(message = 'job cancelled') {
    super(message);
    this.name = 'JobCancelledError';
  }
}

/** Throws JobCancelledError when the signal is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new JobCancelledError();
}

/**
 * A cancellation point between units of work: yields one macrotask (so pending I/O callbacks, such
 * as a cancel request, run), then throws if cancelled.
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}

/** A throttled progress sink; `flush` emits the last report if it was held back. */
export interface ProgressThrottle {
  report: (p: JobProgress) => void;
  flush: () => void;
}

/**
 * Forwards at most one report per `intervalMs` (default 100 ms, i.e. ~10/s). The first report and
 * a report that completes the work (`done >= total`) or changes phase pass immediately; others
 * inside the interval are held, and only the newest held one survives for `flush`.
 * `now` is injectable so tests need no real clock.
 */
export function throttleProgress(
  listener: (p: JobProgress) => void,
  intervalMs = 100,
  now: () => number = Date.now,
): ProgressThrottle {
  let last = -Infinity;
  let lastPhase: string | undefined;
  let held: JobProgress | null = null;
  const emit = (p: JobProgress): void => {
    last = now();
    lastPhase = p.phase;
    held = null;
    listener({ ...p });
  };
  return {
    report(p) {
      const final = p.done >= p.total;
      if (final || p.phase !== lastPhase || now() - last >= intervalMs) emit(p);
      else held = { ...p };
    },
    flush() {
      if (held) emit(held);
    },
  };
}

/** Options of {@link runJob}. */
export interface RunJobOptions {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  /** Minimum time between forwarded progress reports (ms). Default 100. */
  progressIntervalMs?: number;
  /** Clock for the throttle (tests). */
  now?: () => number;
}

/**
 * Runs a job with a throttled progress listener; rejects with JobCancelledError when the signal is
 * (or becomes) aborted, even if the job itself ignores cancellation after its last checkpoint.
 */
export async function runJob<P, R>(
  job: Job<P, R>,
  params: P,
  opts: RunJobOptions = {},
): Promise<R> {
  const signal = opts.signal ?? new AbortController().signal;
  throwIfCancelled(signal);
  const throttle = throttleProgress(
    opts.onProgress ?? (() => undefined),
    opts.progressIntervalMs ?? 100,
    opts.now,
  );
  try {
    const result = await job(params, { signal, progress: throttle.report });
    throwIfCancelled(signal);
    return result;
  } finally {
    throttle.flush();
  }
}

/** A started job: its result and a way to cancel it. */
export interface JobHandle<R> {
  readonly result: Promise<R>;
  cancel(): void;
}

/** Starts a job with its own AbortController. */
export function startJob<P, R>(
  job: Job<P, R>,
  params: P,
  opts: Omit<RunJobOptions, 'signal'> = {},
): JobHandle<R> {
  const controller = new AbortController();
  return {
    result: runJob(job, params, { ...opts, signal: controller.signal }),
    cancel: () => controller.abort(),
  };
}

/**
 * Waits for every task; rejects with the first failure, or with JobCancelledError as soon as
 * `signal` aborts (tasks still running are then the caller's to stop). Failures of tasks nobody
 * awaits any more are swallowed rather than reported as unhandled rejections.
 */
export function awaitAll(tasks: readonly Promise<unknown>[], signal?: AbortSignal): Promise<void> {
  for (const t of tasks) t.catch(() => undefined);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new JobCancelledError());
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.all(tasks)
      .then(() => resolve(), reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}
