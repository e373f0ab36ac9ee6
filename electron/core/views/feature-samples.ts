/**
 * @file The feature view's per-cluster samples (sampled spikes and their feature columns on given
 * channels), kept per dataset so that a cluster shown again, or read ahead while the curator
 * looks at another one, costs no pc_features.npy reads. Cold, those reads are most of a feature
 * payload: 2500 rows scattered over a multi-GB file, one disk access each.
 *
 * An entry is valid only for the very spike array it was sampled from: cluster ids are never
 * reused, and an action gives the clusters it touches new arrays, so an identity check suffices.
 * Least recently used entries go first beyond a memory cap (a sample is ~60 KB; the default cap
 * holds about a thousand).
 */
import type { ClusterId } from '../../../shared/domain/ids.js';
import type { FeatureSet } from '../../../shared/contract/view-types.js';

/** The memory cap of a dataset's samples, bytes. */
export const FEATURE_SAMPLES_CAP = 64 * 2 ** 20;

interface Entry {
  /** The cluster's spike array the sample was taken from. */
  of: Uint32Array;
  set: FeatureSet;
  bytes: number;
}

/** What identifies a sample besides its cluster: the sample size and the two channels. */
export function sampleKey(id: ClusterId, nSpikes: number, channels: readonly number[]): string {
  return `${id}|${nSpikes}|${channels.join(',')}`;
}

/** The bytes a sample of `n` spikes holds: the spike indices and five float32 columns. */
export const sampleBytes = (n: number): number => n * (4 + 5 * 4);

function bytesOf(set: FeatureSet): number {
  let bytes = set.spikes.byteLength;
  for (const column of Object.values(set.columns)) bytes += column.byteLength;
  return bytes;
}

export class FeatureSampleCache {
  /** In use order, least recent first (a Map keeps insertion order). */
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly capBytes = FEATURE_SAMPLES_CAP) {}

  /** The sample held for `key` if it was taken from `of`; marks it recently used. */
  get(key: string, of: Uint32Array): FeatureSet | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.of !== of) {
      this.#delete(key, entry);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.set;
  }

  /** Whether a sample taken from `of` is held for `key` (without marking it used). */
  has(key: string, of: Uint32Array): boolean {
    return this.#entries.get(key)?.of === of;
  }

  set(key: string, of: Uint32Array, set: FeatureSet): void {
    const old = this.#entries.get(key);
    if (old) this.#delete(key, old);
    const entry = { of, set, bytes: bytesOf(set) };
    if (entry.bytes > this.capBytes) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.capBytes) break;
      this.#delete(k, e);
    }
  }

  /** Whether `bytes` more fit under the cap without pushing any sample out. */
  hasRoomFor(bytes: number): boolean {
    return this.#bytes + bytes <= this.capBytes;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Samples held. */
  get size(): number {
    return this.#entries.size;
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
