/**
 * @file Request discipline of the data views: a view asks for the payload of what it should show
 * (a key: selection, revision, options; `clustersRequest` builds the usual one). While the view is hidden nothing is fetched and only the
 * latest wanted request is kept; when shown, that one request runs. A request that is no longer
 * the latest (the selection moved on) is cancelled through its AbortSignal, so the core drops it
 * if it has not started; a response that arrives anyway is dropped, never drawn.
 *
 * A request starts synchronously, inside `want` (or `setVisible`): a view calls it from the
 * update that applies a selection, and a request deferred to a microtask would go out only after
 * that whole update (every table row, the 3D highlight), while the core could have been working.
 */

/** What a view asks for: a key (what it shows) and how to fetch it. */
export interface ViewRequest<T> {
  key: string;
  /** Fetches the payload; the signal aborts when the request is superseded. */
  run: (signal: AbortSignal) => Promise<T>;
}

/**
 * The request of a view that shows clusters: none without clusters, else keyed by the clusters,
 * the view's own `settings` and the table's revision (an action can change what the same ids
 * show), in that order; `run` gets its own copy of the ids.
 */
export function clustersRequest<T>(
  app: { readonly table: { readonly revision: number } | null },
  shown: readonly number[],
  settings: readonly (string | number)[],
  run: (ids: number[], signal: AbortSignal) => Promise<T>,
): ViewRequest<T> | null {
  if (shown.length === 0) return null;
  const ids = [...shown];
  const revision = app.table?.revision ?? 0;
  return {
    key: [ids.join(','), ...settings, revision].join('|'),
    run: (signal) => run(ids, signal),
  };
}

export class DeferredLoader<T> {
  #token = 0;
  #pending: { key: string; run: (signal: AbortSignal) => Promise<T> } | null = null;
  /** Cancels the request in flight (or waiting for the gate). */
  #inFlight: AbortController | null = null;
  #shownKey: string | null = null;
  #visible = false;

  constructor(
    private readonly apply: (value: T, key: string) => void,
    private readonly fail: (error: unknown, key: string) => void,
  ) {}

  /**
   * Wants the payload of `key`: fetched now when visible ('fetching'), else when next shown
   * ('deferred'); 'unchanged' when it is already what is shown or being fetched.
   */
  want(
    key: string,
    run: (signal: AbortSignal) => Promise<T>,
  ): 'fetching' | 'deferred' | 'unchanged' {
    if (key === this.#shownKey && this.#pending === null) return 'unchanged';
    this.#cancelInFlight();
    this.#pending = { key, run };
    if (!this.#visible) return 'deferred';
    this.flush();
    return 'fetching';
  }

  /** Drops what is wanted (nothing to show); a response in flight is ignored. */
  clear(): void {
    this.#pending = null;
    this.#shownKey = null;
    this.#token++;
    this.#cancelInFlight();
  }

  /** Shows or hides the view; returns whether showing it started a deferred request. */
  setVisible(visible: boolean): boolean {
    this.#visible = visible;
    if (!visible || !this.#pending) return false;
    this.flush();
    return true;
  }

  get visible(): boolean {
    return this.#visible;
  }

  /** Whether a wanted request waits for the view to be shown. */
  get deferred(): boolean {
    return this.#pending !== null;
  }

  /** Forgets the shown key so the next `want` of the same key fetches again. */
  invalidate(): void {
    this.#shownKey = null;
  }

  #cancelInFlight(): void {
    this.#inFlight?.abort();
    this.#inFlight = null;
  }

  private flush(): void {
    const p = this.#pending;
    if (!p) return;
    this.#pending = null;
    this.#shownKey = p.key;
    const token = ++this.#token;
    const controller = new AbortController();
    this.#inFlight = controller;
    let started: Promise<T>;
    try {
      started = p.run(controller.signal);
    } catch (error) {
      started = Promise.reject(error); // a synchronous throw fails the request the same way
    }
    started.then(
      (value) => {
        if (this.#inFlight === controller) this.#inFlight = null;
        if (token === this.#token) this.apply(value, p.key);
      },
      (error: unknown) => {
        if (this.#inFlight === controller) this.#inFlight = null;
        if (token === this.#token) this.fail(error, p.key);
      },
    );
  }
}
