/**
 * @file Cache of cluster spike trains (the correlogram view per session, the merge suggestions
 * per run): cluster id (and spike budget) -> the chosen spikes and their phylib integer samples,
 * least recently used first out under a byte cap.
 *
 * Gathering `spike_times[spikes]` is random access into the whole spike-times array (160 MB at
 * 20 M spikes) and dominates a correlogram of large clusters; a cluster id always denotes the
 * same spike set (ids are never reused), so a cached train stays valid. Entries also remember
 * the model's spike array they came from and are rebuilt when it is a different array (a
 * different model, an edited file), so a hit is never stale, only a miss costs a gather.
 */
import type { ClusterId } from '../../../shared/domain/ids.js';
import { phylibSamples, type SpikeTrain } from './correlograms.js';

/** Cached train with what it was made from. */
interface Entry {
  source: Uint32Array;
  train: SpikeTrain;
  bytes: number;
}

export interface ClusterTimesCacheOptions {
  /** Memory cap in bytes for the cached trains (default 256 MiB). */
  maxBytes?: number;
}

/** LRU cache of {@link SpikeTrain}s keyed by cluster id and budget. */
export class ClusterTimesCache {
  private readonly entries = new Map<string, Entry>();
  private used = 0;
  readonly maxBytes: number;

  /**
   * @param times spike times in samples for all spikes (spike_times.npy)
   * @param sampleRate samples per second of `times`
   */
  constructor(
    private readonly times: Float64Array,
    private readonly sampleRate: number,
    opts: ClusterTimesCacheOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? 256 * 2 ** 20;
  }

  /** Bytes held by the cached trains. */
  get bytes(): number {
    return this.used;
  }

  /** Number of cached trains. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The train of cluster `id`: `select(source)` (e.g. a seeded subset; default the whole array)
   * and its samples. `budget` names the selection rule in the key, so different budgets of one
   * cluster are cached side by side; `source` is the model's spike array of the cluster.
   */
  trainOf(
    id: ClusterId,
    source: Uint32Array,
    budget: number | string = 'all',
    select: (spikes: Uint32Array) => Uint32Array = (s) => s,
  ): SpikeTrain {
    const key = `${id}/${budget}`;
    const hit = this.entries.get(key);
    if (hit && hit.source === source) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, hit);
      return hit.train;
    }
    if (hit) this.drop(key, hit);
    const spikes = select(source);
    const train = { spikes, samples: phylibSamples(this.times, spikes, this.sampleRate) };
    // The selected spikes are counted only when they are a copy (a subset), not the model's.
    const bytes = train.samples.byteLength + (spikes === source ? 0 : spikes.byteLength);
    this.entries.set(key, { source, train, bytes });
    this.used += bytes;
    for (const [k, e] of this.entries) {
      if (this.used <= this.maxBytes || k === key) break;
      this.drop(k, e);
    }
    return train;
  }

  /** Forgets every train. */
  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    this.used -= e.bytes;
  }
}
