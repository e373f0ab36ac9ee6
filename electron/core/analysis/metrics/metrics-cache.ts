/**
 * @file Content-keyed cache of per-cluster metrics in the session journal's `cache` table.
 *
 * Keys never mention cluster ids: a cluster's own metrics are keyed by sha1(dataset fingerprint +
 * parameters + sha1 of its spike list), its PC metrics additionally by the hashes of the neighbour
 * units whose spikes enter its feature matrix. After a merge or split only the clusters whose
 * spike lists (or neighbourhoods) changed miss the cache; an undo finds the old entries again.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../dataset/dataset.js';

/** Storage the pipeline needs; `journalCache` adapts a SessionJournal. */
export interface MetricsCache {
  get(key: string): Buffer | undefined;
  /** Stores several entries at once (one transaction). */
  setMany(entries: ReadonlyArray<readonly [string, Buffer]>): void;
}

/** The subset of SessionJournal used here. */
export interface JournalCacheStore {
  cacheGet(key: string): Buffer | undefined;
  cacheSet(key: string, value: Buffer): void;
  transaction<T>(fn: () => T): T;
}

/** A MetricsCache over the journal database (batched writes: one fsync per batch, not per key). */
export function journalCache(journal: JournalCacheStore): MetricsCache {
  return {
    get: (key) => journal.cacheGet(key),
    setMany: (entries) => {
      if (entries.length === 0) return;
      journal.transaction(() => {
        for (const [key, value] of entries) journal.cacheSet(key, value);
      });
    },
  };
}

/** Files whose content the metrics read besides the in-memory per-spike vectors. */
const INPUT_FILES = [
  'pc_features.npy',
  'pc_feature_ind.npy',
  'pc_feature_spike_ids.npy',
  'amplitudes.npy',
  'spike_positions.npy',
  'templates.npy',
  'template_ind.npy',
  'whitening_mat_inv.npy',
  'channel_positions.npy',
  'params.py',
];

const fingerprints = new WeakMap<Dataset, string>();

/**
 * Identity of the dataset's inputs: a hash of spike times and templates (in memory) and of the
 * size and modification time of the big files (hashing GBs of pc_features would cost more than
 * computing the metrics), plus the sample rate and duration.
 */
export function datasetFingerprint(dataset: Dataset): string {
  const known = fingerprints.get(dataset);
  if (known) return known;
  const hash = createHash('sha1');
  const bytes = (a: Float64Array | Int32Array) =>
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  hash.update(bytes(dataset.spikeTimes)).update(bytes(dataset.spikeTemplates));
  hash.update(`|${dataset.sampleRate}|${dataset.durationS}|${dataset.templateScaling}`);
  for (const name of INPUT_FILES) {
    try {
      const st = statSync(join(dataset.dir, name));
      hash.update(`|${name}:${st.size}:${st.mtimeMs}`);
    } catch {
      hash.update(`|${name}:absent`);
    }
  }
  const fp = hash.digest('hex');
  fingerprints.set(dataset, fp);
  return fp;
}

/** Cache key: `metrics/<kind>/<sha1 of the parts>`. */
export function cacheKey(kind: 'own' | 'pc', parts: readonly string[]): string {
  const hash = createHash('sha1');
  for (const p of parts) hash.update(p).update('\0');
  return `metrics/v1/${kind}/${hash.digest('hex')}`;
}

/** JSON that keeps NaN and ±Infinity (plain JSON turns them into null). */
export function encodeRecord(record: Readonly<Record<string, number | string | null>>): Buffer {
  const safe: Record<string, number | string | null | { f: string }> = {};
  for (const [k, v] of Object.entries(record)) {
    safe[k] = typeof v === 'number' && !Number.isFinite(v) ? { f: String(v) } : v;
  }
  return Buffer.from(JSON.stringify(safe));
}

/** Inverse of {@link encodeRecord}; undefined for an unreadable entry (treated as a miss). */
export function decodeRecord(buf: Buffer): Record<string, number | string | null> | undefined {
  try {
    const raw = JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
    const out: Record<string, number | string | null> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (v !== null && typeof v === 'object') out[k] = Number((v as { f: string }).f);
      else if (typeof v === 'number' || typeof v === 'string' || v === null) out[k] = v;
      else return undefined;
    }
    return out;
  } catch {
    return undefined;
  }
}
