/**
 * @file Which clusters' feature samples the core has been asked to read ahead
 * (`views:readAhead`), and the loop that asks, one cluster at a time, while the curator looks at
 * a selection that is fully drawn. Cold, a feature payload is mostly pc_features.npy reads (2500
 * rows scattered over a multi-GB file); read ahead, a cluster selected later shows its features
 * without a single read.
 *
 * Cluster ids are never reused, so a cluster asked for once is never asked for again (the core
 * keeps its sample until its memory cap pushes it out; then the view reads it as before).
 */

export class ReadAhead {
  /** Clusters asked for (answered or failed: a failure is not retried; a cancelled ask is). */
  readonly #asked = new Set<number>();
  /** Clusters the core said it holds. */
  readonly #held = new Set<number>();
  #running = false;
  /** Bumped by `reset`: a fill of an earlier generation stops at its next step. */
  #generation = 0;

  /** Whether the core said it holds the sample of `id`. */
  holds(id: number): boolean {
    return this.#held.has(id);
  }

  /** Clusters the core said it holds. */
  get size(): number {
    return this.#held.size;
  }

  /** Forgets every cluster (another dataset was loaded: its ids name other clusters). */
  reset(): void {
    this.#generation++;
    this.#asked.clear();
    this.#held.clear();
    this.#running = false;
  }

  /**
   * Asks for the samples of `ids()` not asked for yet, in that order, one at a time, each once
   * `idle()` resolves true; stops when it resolves false, when `wanted()` is false (the feature
   * view is not shown), when every cluster was asked for, or when the core answers that it holds
   * none of them (it holds no more). `read` answers the clusters held, or null when it was
   * cancelled (the cluster is asked for again later). A second call while one runs does nothing
   * (the running one reads `ids()` afresh at each step).
   */
  async fill(
    ids: () => readonly number[],
    read: (id: number) => Promise<readonly number[] | null>,
    idle: () => Promise<boolean>,
    wanted: () => boolean,
  ): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    try {
      for (;;) {
        if (!current() || !wanted()) return;
        const next = ids().find((id) => !this.#asked.has(id));
        if (next === undefined) return;
        if (!(await idle()) || !current() || !wanted()) return;
        // The idle wait can outlast the cluster (a merge): ask only for one that still exists.
        if (!ids().includes(next)) continue;
        this.#asked.add(next);
        try {
          const held = await read(next);
          if (!current()) return;
          if (held === null) this.#asked.delete(next);
          for (const id of held ?? []) this.#held.add(id);
          if (held?.length === 0) {
            // The core holds no more (its cache is full, or these features are read per view):
            // stop here; the next fill (after an action) asks for this cluster again.
            this.#asked.delete(next);
            return;
          }
        } catch {
          // Reading ahead is an optimisation only: the view reads what it needs when shown.
        }
      }
    } finally {
      if (current()) this.#running = false;
    }
  }
}
