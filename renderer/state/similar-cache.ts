/**
 * @file Similar-cluster lists (`clusters:similar`) kept per cluster for the cluster set they were
 * computed on, and fetched ahead for every cluster while the curator looks at one. A list depends
 * only on which clusters exist (their templates), not on labels, so it stays valid until a merge,
 * split or undo changes the set. With the list at hand, a selection shows its similarity table in
 * the same update and frame as the rest of the selection; without it, the table waits for the
 * core's answer and costs the page a second frame (layout, paint and canvas read-backs on a
 * software compositor, ~15-20 ms of the page's thread).
 */
import type { SimilarCluster } from '../../shared/contract/types.js';

/** The key of a cluster set: its ids (a table's ids are ascending and never reused). */
export function clusterSetKey(ids: ArrayLike<number>): string {
  return Array.from(ids).join(',');
}

export class SimilarCache {
  #key = '';
  readonly #lists = new Map<number, SimilarCluster[]>();
  #filling: string | null = null;

  /** Forgets every list when `key` is not the cluster set they were computed on. */
  #use(key: string): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#lists.clear();
  }

  /** The list of cluster `id` in the cluster set `key`, if held. */
  get(key: string, id: number): SimilarCluster[] | undefined {
    this.#use(key);
    return this.#lists.get(id);
  }

  set(key: string, id: number, list: SimilarCluster[]): void {
    this.#use(key);
    this.#lists.set(id, list);
  }

  /** Number of lists held. */
  get size(): number {
    return this.#lists.size;
  }

  /**
   * Fetches the lists of `ids` not held yet for `key`, one at a time, each once `idle()` resolves
   * true (the curator looks at a selection that is fully drawn); stops when it resolves false or
   * `currentKey()` is no longer `key`. A second call for the key being filled does nothing.
   */
  async fill(
    key: string,
    ids: readonly number[],
    fetch: (id: number) => Promise<SimilarCluster[]>,
    idle: () => Promise<boolean>,
    currentKey: () => string,
  ): Promise<void> {
    if (this.#filling === key) return;
    this.#filling = key;
    try {
      for (const id of ids) {
        if (currentKey() !== key) return;
        this.#use(key);
        if (this.#lists.has(id)) continue;
        if (!(await idle()) || currentKey() !== key) return;
        const list = await fetch(id);
        if (currentKey() === key) this.set(key, id, list);
      }
    } finally {
      if (this.#filling === key) this.#filling = null;
    }
  }
}
