/**
 * @file Rate limit for job progress: the first update goes out at once, later ones at most once
 * per interval, and the latest pending one is never lost (it goes out when the interval ends),
 * so a UI sees both a prompt start and the newest state, at about 10 updates per second.
 */

export interface Throttled<T> {
  (value: T): void;
  /** Drops a pending update and stops the timer (call when the job ends). */
  cancel(): void;
}

/**
 * Wraps `send` so that it runs at most once per `intervalMs` milliseconds.
 * @param intervalMs - minimum time between two sends, ms. @default 100
 */
export function throttle<T>(send: (value: T) => void, intervalMs = 100): Throttled<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    send(value);
  };
  const throttled = ((value: T) => {
    pending = { value };
    if (timer) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  }) as Throttled<T>;
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
