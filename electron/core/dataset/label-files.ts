/**
 * @file Loads every per-cluster label file of a folder, as Phy does: each `*.tsv` / `*.csv`
 * except cluster_info.tsv contributes one field per non-`cluster_id` column.
 *
 * Kilosort writes cluster_group.tsv as a byte copy of cluster_KSLabel.tsv (header `KSLabel`):
 * such a file holds sorter labels, not curation, so it does not set any cluster's group.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUP_FIELD } from '../../../shared/domain/labels.js';
import type { LabelTable } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import { parseClusterTsv } from './tsv.js';

export interface LoadedLabels {
  table: LabelTable;
  hasCuratedGroups: boolean;
}

/**
 * @param resolve where each file is read from (default: the dataset folder); the curation
 *   service points backed-up originals at `.kilocurate/original/`.
 */
export function loadLabelTables(
  dir: string,
  names: ReadonlySet<string>,
  warnings: string[],
  resolve: (name: string) => string = (name) => join(dir, name),
): LoadedLabels {
  const files = [...names]
    .filter((n) => /\.(tsv|csv)$/i.test(n) && n !== 'cluster_info.tsv')
    .sort();
  const table: LabelTable = { fields: [], values: new Map(), sources: new Map() };
  let hasCuratedGroups = false;
  for (const name of files) {
    let text: string;
    try {
      text = readFileSync(resolve(name), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') continue;
      throw new DatasetError(
        name,
        code === 'EACCES' ? 'permission denied (cannot read the file)' : `cannot read (${code})`,
      );
    }
    let parsed;
    try {
      parsed = parseClusterTsv(text, name);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/no cluster_id column/.test(message) && name !== 'cluster_group.tsv') {
        warnings.push(`${name}: not a cluster label file (no cluster_id column); ignored`);
        continue;
      }
      throw new DatasetError(
        name,
        message.replace(new RegExp(`^${escapeRegExp(name)}(:|,)\\s*`), ''),
      );
    }
    warnings.push(...parsed.warnings);
    if (name === 'cluster_group.tsv' && parsed.fields.includes(GROUP_FIELD))
      hasCuratedGroups = true;
    for (const field of parsed.fields) {
      const previous = table.sources.get(field);
      if (previous !== undefined) {
        // cluster_group.tsv (KSLabel copy) and cluster_KSLabel.tsv hold the same column: fine.
        if (!(field === 'KSLabel' && [previous, name].includes('cluster_group.tsv'))) {
          warnings.push(
            `${name}: column '${field}' also in ${previous}; values from ${name} take precedence`,
          );
        }
      } else {
        table.fields.push(field);
      }
      const column = table.values.get(field) ?? new Map();
      for (const [id, row] of parsed.rows) {
        const value = row.get(field);
        if (value !== undefined) column.set(id, value);
      }
      table.values.set(field, column);
      if (previous === undefined || previous === 'cluster_group.tsv')
        table.sources.set(field, name);
    }
  }
  return { table, hasCuratedGroups };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
