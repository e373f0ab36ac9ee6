/**
 * @file `kilocurate clusters DIR [--json|--tsv]`: Phy's cluster table (id, n_spikes, fr, amp, ch,
 * sh, depth, then every label column from the folder's TSVs), one row per cluster.
 */
import { parseArgs } from 'node:util';
import { computeClusterRows } from '../../core/analysis/cluster-stats.js';
import { openDataset } from '../../core/dataset/load-dataset.js';
import { labelToJson, toTable, toTsv, type Cell } from '../output.js';
import { UsageError } from './info.js';

export async function clustersCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, tsv: { type: 'boolean' } },
  });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: kilocurate clusters DIR [--json|--tsv]');
  const dataset = openDataset(dir);
  try {
    const rows = computeClusterRows(dataset);
    const fields = dataset.labels.fields;
    const columns = ['id', 'n_spikes', 'fr', 'amp', 'ch', 'sh', 'depth', ...fields];
    const records = rows.map((r) => {
      const record: Record<string, Cell> = {
        id: r.id,
        n_spikes: r.nSpikes,
        fr: r.fr,
        amp: r.amp,
        ch: r.ch,
        sh: r.sh,
        depth: r.depth,
      };
      for (const f of fields) record[f] = labelToJson(dataset.labels.values.get(f)?.get(r.id));
      return record;
    });
    if (values.json) process.stdout.write(JSON.stringify(records) + '\n');
    else {
      const table = records.map((rec) => columns.map((c) => rec[c]));
      process.stdout.write(values.tsv ? toTsv(columns, table) : toTable(columns, table));
    }
  } finally {
    dataset.close();
  }
  return 0;
}
