/**
 * @file The state a session's journal replays from: the sorter's original assignment and labels
 * (from the `.kilocurate/base/` snapshot once Kilocurate has saved in this epoch, else from the
 * folder).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelValue } from '../../../shared/domain/labels.js';
import { GROUP_FIELD } from '../../../shared/domain/labels.js';
import type { Dataset } from '../dataset/dataset.js';
import { loadLabelTables } from '../dataset/label-files.js';
import { NpyReader } from '../dataset/npy-reader.js';
import { readIndexVector } from '../dataset/per-spike.js';
import { DatasetError } from '../dataset/dataset-error.js';
import { ABSENT } from './fingerprint.js';
import { baseDir, readManifest } from './snapshots.js';
import { SPIKE_CLUSTERS } from './phy-files.js';

export interface BaseState {
  spikeClusters: Int32Array;
  labels: Map<string, Map<number, LabelValue>>;
  /** Fields whose sorter values are not curation (cluster_group.tsv holding KSLabel). */
  hasCuratedGroups: boolean;
}

/** @param epoch the journal's current epoch: a base snapshot of another epoch is stale. */
export function loadBaseState(dataset: Dataset, epoch: number, warnings: string[]): BaseState {
  const backup = baseDir(dataset.dir);
  const manifest = readManifest(backup);
  if (!manifest || manifest.epoch !== epoch) {
    const labels = new Map([...dataset.labels.values].map(([f, m]) => [f, new Map(m)]));
    if (!labels.has(GROUP_FIELD)) labels.set(GROUP_FIELD, new Map());
    return {
      spikeClusters: dataset.spikeClusters.slice(), // slice(): a memcpy; Int32Array.from iterates
      labels,
      hasCuratedGroups: dataset.hasCuratedGroups,
    };
  }
  let spikeClusters: Int32Array;
  const original = manifest.files[SPIKE_CLUSTERS];
  if (original !== undefined && original !== ABSENT) {
    const reader = NpyReader.open(
      join(backup, SPIKE_CLUSTERS),
      `.kilocurate/base/${SPIKE_CLUSTERS}`,
    );
    try {
      spikeClusters = readIndexVector(reader);
    } finally {
      reader.close();
    }
    if (spikeClusters.length !== dataset.nSpikes) {
      throw new DatasetError(
        `.kilocurate/base/${SPIKE_CLUSTERS}`,
        `has ${spikeClusters.length} spikes, the dataset ${dataset.nSpikes}`,
      );
    }
  } else {
    spikeClusters = dataset.spikeTemplates.slice();
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
  return { spikeClusters, labels, hasCuratedGroups: loaded.hasCuratedGroups };
}
