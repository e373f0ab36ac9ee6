/**
 * @file The bytes of every file Phy writes on save, for the current curation state
 * (phy-semantics §2.2, §2.5, §2.6, §2.3):
 *  - spike_clusters.npy: int32, shape (n_spikes,), C order, .npy 1.0 (np.save's exact bytes);
 *  - cluster_<field>.tsv for every label field (cluster_group.tsv included), CRLF, sorted by id,
 *    existing clusters with a value only;
 *  - cluster_info.tsv: cluster_id, then every column in Python's sort order, floats as %.8f;
 *  - .phy/new_cluster_id.json: the id counter, so that Phy reopens our output without tripping
 *    its `all(spike_clusters < new_id)` assertion.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import { GROUP_FIELD, type LabelValue } from '../../../shared/domain/labels.js';
import type { ClusterRow } from '../analysis/cluster-stats.js';
import type { Dataset } from '../dataset/dataset.js';
import { DTYPES } from '../dataset/npy-dtype.js';
import { encodeNpyHeader } from '../dataset/npy-writer.js';
import { formatClusterInfoTsv, formatLabelTsv } from '../dataset/tsv.js';

/** File name (relative to the dataset folder) -> its bytes, as chunks. */
export type PhyFiles = Map<string, Uint8Array[]>;

export const SPIKE_CLUSTERS = 'spike_clusters.npy';
export const CLUSTER_INFO = 'cluster_info.tsv';
export const NEW_CLUSTER_ID = '.phy/new_cluster_id.json';

/**
 * Phy skips saving a field when `field in 'next_cluster'` — a substring test on a string
 * (supervisor.py, a bug). We reproduce it so that the same actions give the same files; the
 * values stay in our journal and are not lost.
 */
export function phySavesField(field: string): boolean {
  return !'next_cluster'.includes(field);
}

export function labelFileName(field: string): string {
  return `cluster_${field}.tsv`;
}

const encoder = new TextEncoder();

export function buildPhyFiles(
  model: CurationModel,
  dataset: Dataset,
  rows: readonly ClusterRow[],
): PhyFiles {
  const files: PhyFiles = new Map();
  const assignment = model.spikeClusters;
  files.set(SPIKE_CLUSTERS, [
    encodeNpyHeader(DTYPES.int32, [assignment.length]),
    new Uint8Array(assignment.buffer, assignment.byteOffset, assignment.byteLength),
  ]);

  const fields = new Set(model.fields);
  fields.add(GROUP_FIELD); // Phy always has the group field; header-only when nothing is labelled.
  for (const field of [...fields].sort()) {
    if (!phySavesField(field)) continue;
    const values = model.labels(field);
    const entries: Array<[number, LabelValue]> = [];
    for (const id of model.clusterIds) {
      const v = values.get(id);
      if (v !== undefined) entries.push([id, v]);
    }
    files.set(labelFileName(field), [encoder.encode(formatLabelTsv(field, entries))]);
  }

  files.set(CLUSTER_INFO, [
    encoder.encode(formatClusterInfoTsv(clusterInfoRows(model, dataset, rows))),
  ]);
  // phylib _save_json: json.dump(..., indent=2, sort_keys=True).
  files.set(NEW_CLUSTER_ID, [encoder.encode(`{\n  "new_cluster_id": ${model.nextClusterId}\n}`)]);
  return files;
}

/** Phy's Supervisor.cluster_info rows: metrics + every label field (group included). */
function clusterInfoRows(
  model: CurationModel,
  dataset: Dataset,
  rows: readonly ClusterRow[],
): Array<Record<string, LabelValue | null>> {
  const float = (v: number | null): LabelValue | null =>
    v === null ? null : { kind: 'float', value: v };
  const fields = new Set(model.fields);
  fields.add(GROUP_FIELD);
  return rows.map((row) => {
    const record: Record<string, LabelValue | null> = {
      cluster_id: { kind: 'int', value: row.id },
      amp: float(row.amp),
      // Phy's channel labels are strings (str(channel_map[best])).
      ch: row.ch === null ? null : { kind: 'str', value: String(row.ch) },
      depth:
        row.depth === null
          ? null
          : dataset.probe.positionsAreFloat
            ? float(row.depth)
            : { kind: 'int', value: row.depth },
      fr: float(row.fr),
      n_spikes: { kind: 'int', value: row.nSpikes },
      sh:
        row.sh === null
          ? null
          : dataset.probe.shanksAreFloat
            ? float(row.sh)
            : { kind: 'int', value: row.sh },
    };
    for (const field of fields) record[field] = model.label(field, row.id) ?? null;
    return record;
  });
}
