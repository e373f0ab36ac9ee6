/**
 * @file Fetching a data view's payload ahead of the selection the curator will most likely make
 * next. Curation is a walk: Down (next best) through the cluster table, Space (next similar)
 * through the similarity table, so once the current selection is drawn each visible view asks the
 * core for the payload of the wizard's next step. Selecting it then costs no core time; selecting
 * anything else cancels the prefetch (the core drops it if it has not started).
 *
 * The prediction is pure (the wizard's own `step`), and a view holds at most one prefetched
 * payload, handed over once.
 */
import { step, type GroupOf } from '../state/wizard.js';

/** What the prediction reads of the app (AppState has all of it). */
export interface WalkState {
  readonly selected: readonly number[];
  readonly similarSelected: readonly number[];
  /** The cluster table's display order. */
  readonly orderIds: readonly number[];
  /** The similarity table's rows (without the selected clusters). */
  readonly similarShown: readonly { clusterId: number }[];
  readonly groupOf: GroupOf;
  readonly skipNoiseMua: boolean;
}

/** The clusters the data views show for a selection: the table's, then the similar ones. */
export function shownOf(
  selected: readonly number[],
  similar: readonly number[],
  max = 64,
): number[] {
  return [...selected, ...similar.filter((id) => !selected.includes(id))].slice(0, max);
}

/**
 * The clusters the views would show after the wizard's next step: Space (next similar) when a
 * similar cluster is selected, else Down (next best). Null when nothing is selected or the walk
 * is at the end of its table.
 */
export function predictedShown(app: WalkState): number[] | null {
  if (app.selected.length === 0) return null;
  if (app.similarSelected.length > 0) {
    const order = app.similarShown.map((s) => s.clusterId);
    const id = step(order, app.similarSelected, 1, app.groupOf, app.skipNoiseMua);
    return id === null ? null : shownOf(app.selected, [id]);
  }
  const id = step(app.orderIds, app.selected, 1, app.groupOf, app.skipNoiseMua);
  return id === null ? null : [id];
}

/** A payload taken from the prefetch: its answer, and the way to cancel it. */
export interface Prefetched<T> {
  promise: Promise<T>;
  controller: AbortController;
}

/** At most one payload fetched ahead for one view. */
export class Prefetch<T> {
  #entry: ({ key: string } & Prefetched<T>) | null = null;

  /** Starts fetching `key` (nothing when it is already the one held). */
  start(key: string, run: (signal: AbortSignal) => Promise<T>): void {
    if (this.#entry?.key === key) return;
    this.drop();
    const controller = new AbortController();
    const promise = run(controller.signal);
    // A failed prefetch is simply not used: whoever takes it fetches again.
    promise.catch(() => {});
    this.#entry = { key, promise, controller };
  }

  /** The key being fetched ahead, or null. */
  get key(): string | null {
    return this.#entry?.key ?? null;
  }

  /**
   * Hands over the payload of `key` (answered or still in flight) and forgets it; any other
   * prefetch is cancelled. Null when `key` was not fetched ahead.
   */
  take(key: string): Prefetched<T> | null {
    const e = this.#entry;
    this.#entry = null;
    if (!e) return null;
    if (e.key === key) return { promise: e.promise, controller: e.controller };
    e.controller.abort();
    return null;
  }

  /** Cancels and forgets what is held. */
  drop(): void {
    this.#entry?.controller.abort();
    this.#entry = null;
  }
}

/**
 * The fetch of `run` for a loader: the prefetched answer when there is one (cancelling the
 * loader's request cancels it; a failed prefetch is fetched again), else `run` itself.
 */
export function runWithPrefetch<T>(
  ahead: Prefetched<T> | null,
  run: (signal: AbortSignal) => Promise<T>,
): (signal: AbortSignal) => Promise<T> {
  if (!ahead) return run;
  return (signal) => {
    signal.addEventListener('abort', () => ahead.controller.abort(), { once: true });
    return ahead.promise.catch(() => run(signal));
  };
}
