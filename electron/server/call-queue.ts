/**
 * @file The core's answer order. The core answers every call on one thread, so a heavy view
 * payload that runs while the user selects the next cluster delays what shows that selection.
 * Calls of `view` and `idle` priority (shared/contract/define.ts InvokePriority) therefore wait in
 * this queue and start one per turn of the event loop (setImmediate runs after pending socket
 * input has been read), so an `interactive` call that arrives meanwhile starts before the next
 * queued one; `idle` calls start only when no `view` call waits. A queued call whose client
 * cancelled it never starts.
 */
import type { InvokePriority } from '../../shared/contract/define.js';

/** One queued call: `start` runs it (its own promise carries the answer); `drop` says why not. */
interface Queued {
  start: () => void;
  drop: () => void;
  cancelled: () => boolean;
}

export class CallQueue {
  readonly #view: Queued[] = [];
  readonly #idle: Queued[] = [];
  #scheduled = false;

  /**
   * Runs `run` now (`interactive`) or when its turn comes; resolves with its result. If
   * `cancelled()` is true when its turn comes, `run` never starts and `onCancelled()` is the
   * result instead.
   */
  schedule<R>(
    priority: InvokePriority,
    run: () => Promise<R>,
    cancelled: () => boolean,
    onCancelled: () => R,
  ): Promise<R> {
    if (priority === 'interactive') return run();
    return new Promise<R>((resolve) => {
      const item: Queued = {
        start: () => void run().then(resolve),
        drop: () => resolve(onCancelled()),
        cancelled,
      };
      (priority === 'view' ? this.#view : this.#idle).push(item);
      this.#wake();
    });
  }

  /** Calls waiting now (for tests and diagnostics). */
  get waiting(): number {
    return this.#view.length + this.#idle.length;
  }

  #wake(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#turn());
  }

  #turn(): void {
    this.#scheduled = false;
    // Cancelled calls are answered at once; they cost no turn.
    for (const queue of [this.#view, this.#idle]) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const item = queue[i] as Queued;
        if (item.cancelled()) {
          queue.splice(i, 1);
          item.drop();
        }
      }
    }
    const next = this.#view.shift() ?? this.#idle.shift();
    if (!next) return;
    // Synchronous work of the handler happens here; an async handler's later slices interleave
    // with whatever comes next (they yield on their own).
    next.start();
    if (this.waiting > 0) this.#wake();
  }
}
