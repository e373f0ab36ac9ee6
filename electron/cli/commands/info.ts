/** @file `kilocurate info DIR [--json]`: what a dataset folder holds and whether it is usable. */
import { parseArgs } from 'node:util';
import { openDataset } from '../../core/dataset/load-dataset.js';
import { countClusters } from '../../core/analysis/cluster-stats.js';

export async function infoCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: kilocurate info DIR [--json]');
  const dataset = openDataset(dir);
  try {
    const { ids } = countClusters(
      dataset.spikeClusters,
      dataset.spikeTemplates,
      dataset.nTemplates,
    );
    const info = {
      dir: dataset.dir,
      n_spikes: dataset.nSpikes,
      n_clusters: ids.length,
      n_templates: dataset.nTemplates,
      n_channels: dataset.probe.nChannels,
      sample_rate: dataset.sampleRate,
      duration_s: dataset.durationS,
      sorter: dataset.sorter.name,
      sorter_basis: dataset.sorter.basis,
      clusters_from: dataset.spikeClustersSource,
      curated_groups: dataset.hasCuratedGroups,
      label_fields: dataset.labels.fields,
      files: dataset.files,
      raw_data: rawSummary(dataset.raw),
      warnings: dataset.warnings,
    };
    if (values.json) {
      process.stdout.write(JSON.stringify(info, null, 2) + '\n');
    } else {
      const lines = [
        `folder        ${info.dir}`,
        `sorter        ${info.sorter} (${info.sorter_basis})`,
        `spikes        ${info.n_spikes}`,
        `clusters      ${info.n_clusters} (from ${info.clusters_from})`,
        `channels      ${info.n_channels}`,
        `sample rate   ${info.sample_rate} Hz`,
        `duration      ${info.duration_s.toFixed(2)} s`,
        `labels        ${info.label_fields.join(', ') || '(none)'}${info.curated_groups ? '' : ' — no curated groups yet'}`,
        `raw data      ${info.raw_data.status}${info.raw_data.reason ? ` (${info.raw_data.reason})` : ''}`,
        `files present ${info.files.present.join(', ')}`,
        `files missing ${info.files.missing.join(', ') || '(none)'}`,
        ...info.warnings.map((w) => `warning       ${w}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    }
  } finally {
    dataset.close();
  }
  return 0;
}

function rawSummary(raw: ReturnType<typeof openDataset>['raw']) {
  if (raw.status === 'available') {
    return { status: raw.status, paths: raw.paths, n_samples: raw.data.nSamples, reason: null };
  }
  if (raw.status === 'missing') return { status: raw.status, paths: raw.paths, reason: raw.reason };
  return { status: raw.status, paths: [], reason: raw.reason };
}

export class UsageError extends Error {}
