/**
 * @file Callers waiting for something to happen (a selection shown, the views drawn): each wait
 * resolves at the next release, or after its own timeout at the latest, so no caller can hang.
 */
export class Waiters {
  private pending: Array<() => void> = [];

  /** Resolves at the next {@link releaseAll}, or after `maxWaitMs`. */
  wait(maxWaitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.pending.push(done);
    });
  }

  /** Resolves every wait in progress. */
  releaseAll(): void {
    const ready = this.pending;
    this.pending = [];
    for (const resolve of ready) resolve();
  }
}
