/**
 * @file The state a session's journal replays from: the sorter's original assignment and labels
 * (from the `.kilocurate/base/` snapshot once Kilocurate has saved in this epoch, else from the
 * folder). The assignment and its spike index can be prefetched on a worker thread while the
 * dataset is opened (prefetchBaseState); they are used only where they are exactly what would be
 * loaded here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CurationModel, planReplay, type Selection } from '../../../shared/curation/index.js';
import type { SpikesPerCluster } from '../../../shared/curation/spike-index.js';
import type { LabelValue } from '../../../shared/domain/labels.js';
import { GROUP_FIELD } from '../../../shared/domain/labels.js';
import type { Dataset } from '../dataset/dataset.js';
import { IndexPrefetch } from '../dataset/index-prefetch.js';
import { loadLabelTables } from '../dataset/label-files.js';
import { NpyReader } from '../dataset/npy-reader.js';
import { readIndexVector } from '../dataset/per-spike.js';
import { DatasetError } from '../dataset/dataset-error.js';
import type { JournalEntry, SessionJournal } from '../store/session-journal.js';
import { ABSENT } from './fingerprint.js';
import { baseDir, readManifest } from './snapshots.js';
import { SPIKE_CLUSTERS } from './phy-files.js';

export interface BaseState {
  spikeClusters: Int32Array;
  labels: Map<string, Map<number, LabelValue>>;
  /** Fields whose sorter values are not curation (cluster_group.tsv holding KSLabel). */
  hasCuratedGroups: boolean;
  /** The spike index of `spikeClusters`, when the prefetch built it (else the model builds it). */
  spikeIndex?: SpikesPerCluster;
}

const SPIKE_TEMPLATES = 'spike_templates.npy';

/**
 * Starts reading, on a worker, the assignment loadBaseState will most likely load for the
 * dataset in `dir` (deciding as it does, before the journal's epoch is known): the base
 * snapshot's spike_clusters.npy, else the folder's spike_clusters.npy or spike_templates.npy.
 * Null when there is nothing worth prefetching.
 */
export function prefetchBaseState(dir: string, minSpikes: number): IndexPrefetch | null {
  const folder = resolve(dir);
  let manifest: ReturnType<typeof readManifest>;
  try {
    manifest = readManifest(baseDir(folder));
  } catch {
    return null; // loadBaseState reports the unreadable manifest
  }
  const original = manifest?.files[SPIKE_CLUSTERS];
  let path: string;
  if (manifest) {
    path =
      original !== undefined && original !== ABSENT
        ? join(baseDir(folder), SPIKE_CLUSTERS)
        : join(folder, SPIKE_TEMPLATES);
  } else {
    const clusters = join(folder, SPIKE_CLUSTERS);
    path = existsSync(clusters) ? clusters : join(folder, SPIKE_TEMPLATES);
  }
  return IndexPrefetch.start(path, minSpikes);
}

/** A copy of `values` as the base assignment: the prefetched one if equal, else slice(). */
function copyOf(values: Int32Array, prefetch: IndexPrefetch | undefined): BaseAssignment {
  // slice(): a memcpy; Int32Array.from iterates
  return prefetch?.takeIfEqual(values) ?? { spikeClusters: values.slice() };
}

type BaseAssignment = Pick<BaseState, 'spikeClusters' | 'spikeIndex'>;

/**
 * @param epoch the journal's current epoch: a base snapshot of another epoch is stale.
 * @param prefetch a read started before the dataset was opened (prefetchBaseState); used only
 *   where it holds exactly the assignment this function would load.
 */
export function loadBaseState(
  dataset: Dataset,
  epoch: number,
  warnings: string[],
  prefetch?: IndexPrefetch,
): BaseState {
  const backup = baseDir(dataset.dir);
  const manifest = readManifest(backup);
  if (!manifest || manifest.epoch !== epoch) {
    const labels = new Map([...dataset.labels.values].map(([f, m]) => [f, new Map(m)]));
    if (!labels.has(GROUP_FIELD)) labels.set(GROUP_FIELD, new Map());
    return {
      ...copyOf(dataset.spikeClusters, prefetch),
      labels,
      hasCuratedGroups: dataset.hasCuratedGroups,
    };
  }
  let assignment: BaseAssignment;
  const original = manifest.files[SPIKE_CLUSTERS];
  if (original !== undefined && original !== ABSENT) {
    const path = join(backup, SPIKE_CLUSTERS);
    const fetched = prefetch?.takeIfFile(path);
    if (fetched) {
      assignment = fetched;
    } else {
      const reader = NpyReader.open(path, `.kilocurate/base/${SPIKE_CLUSTERS}`);
      try {
        assignment = { spikeClusters: readIndexVector(reader) };
      } finally {
        reader.close();
      }
    }
    const { spikeClusters } = assignment;
    if (spikeClusters.length !== dataset.nSpikes) {
      throw new DatasetError(
        `.kilocurate/base/${SPIKE_CLUSTERS}`,
        `has ${spikeClusters.length} spikes, the dataset ${dataset.nSpikes}`,
      );
    }
  } else {
    assignment = copyOf(dataset.spikeTemplates, prefetch);
  }
  // Label files: originals from the backup; files we created are skipped; untouched ones are read
  // from the folder.
  const names = new Set<string>();
  const source = new Map<string, string>();
  for (const name of readdirSync(dataset.dir)) {
    const fp = manifest.files[name];
    if (fp === ABSENT) continue;
    names.add(name);
    source.set(name, fp === undefined ? join(dataset.dir, name) : join(backup, name));
  }
  for (const [name, fp] of Object.entries(manifest.files)) {
    if (fp !== ABSENT && !name.includes('/') && existsSync(join(backup, name))) {
      names.add(name);
      source.set(name, join(backup, name));
    }
  }
  const loaded = loadLabelTables(
    dataset.dir,
    names,
    warnings,
    (name) => source.get(name) as string,
  );
  const labels = new Map([...loaded.table.values].map(([f, m]) => [f, new Map(m)]));
  if (!labels.has(GROUP_FIELD)) labels.set(GROUP_FIELD, new Map());
  return { ...assignment, labels, hasCuratedGroups: loaded.hasCuratedGroups };
}

/**
 * The session's model: the base state plus a replay of the journal's current epoch (dead
 * actions skipped, see planReplay), with the journaled revision, id counter and selection.
 */
export function replayModel(
  dataset: Dataset,
  journal: SessionJournal,
  warnings: string[],
  prefetch?: IndexPrefetch,
): CurationModel {
  // Decoded first, while a prefetch of the base may still be finishing on its worker (a
  // decoding error is thrown after the base loaded, so a bad base is still reported first).
  let decoded: { entries: JournalEntry[] } | { error: unknown };
  try {
    decoded = { entries: journal.entries() };
  } catch (error) {
    decoded = { error };
  }
  const base = loadBaseState(dataset, journal.epoch, warnings, prefetch);
  if ('error' in decoded) throw decoded.error;
  const { entries } = decoded;
  // The counter as it was when the epoch began: replaying from it re-creates the same ids.
  const model = new CurationModel(base.spikeClusters, {
    labels: base.labels,
    ...(base.spikeIndex ? { spikeIndex: base.spikeIndex } : {}),
    nextClusterId: Number(journal.meta('epoch_next_cluster_id') ?? 0),
  });
  const plan = planReplay(entries, model.nextClusterId);
  for (const { index, counterBefore } of plan.apply) {
    // Skipped (dead) actions consumed ids too: give each live action the counter it saw.
    if (counterBefore > model.nextClusterId) model.restoreNextClusterId(counterBefore);
    model.apply((entries[index] as JournalEntry).action);
  }
  for (let i = 0; i < plan.undos; i++) model.undo();
  const last = entries[entries.length - 1];
  if (last) {
    if (last.nextClusterId > model.nextClusterId) model.restoreNextClusterId(last.nextClusterId);
    model.restoreRevision(last.revision);
  }
  const selection = journal.meta('selection');
  if (selection) {
    try {
      model.select(JSON.parse(selection) as Selection);
    } catch {
      // A selection of clusters that no longer exist is simply dropped.
    }
  }
  return model;
}
