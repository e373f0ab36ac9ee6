/**
 * @file Request discipline of the data views: a view asks for the payload of what it should show
 * (a key: selection, revision, options). While the view is hidden nothing is fetched and only the
 * latest wanted request is kept; when shown, that one request runs. A response that is no longer
 * the latest (the selection moved on while it was computed) is dropped, never drawn.
 */

export class DeferredLoader<T> {
  #token = 0;
  #pending: { key: string; run: () => Promise<T> } | null = null;
  #shownKey: string | null = null;
  #visible = false;

  /**
   * @param gate resolves when the request may go out (the app passes `whenSelectionShown`, so
   *   view payloads queue behind what shows the selection itself); default: at once.
   */
  constructor(
    private readonly apply: (value: T, key: string) => void,
    private readonly fail: (error: unknown, key: string) => void,
    private readonly gate: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /**
   * Wants the payload of `key`: fetched now when visible ('fetching'), else when next shown
   * ('deferred'); 'unchanged' when it is already what is shown or being fetched.
   */
  want(key: string, run: () => Promise<T>): 'fetching' | 'deferred' | 'unchanged' {
    if (key === this.#shownKey && this.#pending === null) return 'unchanged';
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

  private flush(): void {
    const p = this.#pending;
    if (!p) return;
    this.#pending = null;
    this.#shownKey = p.key;
    const token = ++this.#token;
    void this.gate().then(() => {
      if (token !== this.#token) return; // superseded while waiting
      p.run().then(
        (value) => {
          if (token === this.#token) this.apply(value, p.key);
        },
        (error: unknown) => {
          if (token === this.#token) this.fail(error, p.key);
        },
      );
    });
  }
}
