/**
 * @file Per-cluster data kept up to date incrementally as the curation changes: the cluster-table
 * row and the template set T(c) used by similarity. A change touches only its added and deleted
 * clusters, so updating costs O(spikes of those clusters), never a scan of all spikes.
 */
import type { ClusterChange, CurationModel } from '../../../shared/curation/index.js';
import { computeClusterRows, type ClusterRow } from '../analysis/cluster-stats.js';
import { templateSetsByCluster } from '../analysis/similarity.js';
import { argmax, type TemplateWaveforms } from '../analysis/template-waveforms.js';
import type { Dataset } from '../dataset/dataset.js';

export class LiveClusters {
  readonly rows = new Map<number, ClusterRow>();
  readonly templateSets: Map<number, Int32Array>;
  private readonly counts: Int32Array;

  constructor(
    private readonly dataset: Dataset,
    private readonly model: CurationModel,
    private readonly waveforms: TemplateWaveforms,
  ) {
    for (const row of computeClusterRows(dataset, model.spikeClusters, waveforms))
      this.rows.set(row.id, row);
    this.templateSets = templateSetsByCluster(model.spikeClusters, dataset.spikeTemplates);
    this.counts = new Int32Array(Math.max(1, dataset.nTemplates));
  }

  /** Applies a change record: drops deleted clusters, computes added ones from their spikes. */
  update(change: ClusterChange): void {
    for (const id of change.deleted) {
      this.rows.delete(id);
      this.templateSets.delete(id);
    }
    for (const id of change.added) {
      const spikes = this.model.spikesOf(id);
      const { row, templates } = this.rowOf(id, spikes);
      this.rows.set(id, row);
      this.templateSets.set(id, templates);
    }
  }

  /** Rows in ascending id order. */
  sortedRows(): ClusterRow[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id);
  }

  private rowOf(id: number, spikes: Uint32Array): { row: ClusterRow; templates: Int32Array } {
    const templatesOfSpikes = this.dataset.spikeTemplates;
    const counts = this.counts;
    const touched: number[] = [];
    for (let i = 0; i < spikes.length; i++) {
      const t = templatesOfSpikes[spikes[i] as number] as number;
      if (counts[t] === 0) touched.push(t);
      counts[t]++;
    }
    touched.sort((a, b) => a - b);
    // Dominant template: most spikes, ties to the lower index (numpy argmax over bincount).
    let dominant = touched[0] ?? 0;
    for (const t of touched) if ((counts[t] as number) > (counts[dominant] as number)) dominant = t;
    for (const t of touched) counts[t] = 0;
    const { probe } = this.dataset;
    const amps = this.waveforms.channelAmplitudes(dominant);
    let best: number | null = null;
    let amp: number | null = null;
    let source: ClusterRow['bestChannelSource'] = 'none';
    if (amps) {
      best = argmax(amps);
      amp = amps[best] as number;
      source = 'templates';
    } else if (this.dataset.pcFeatureChannels) {
      const pc = this.dataset.pcFeatureChannels;
      best = pc.channelIndex[dominant * pc.nChannelsLocal] ?? null;
      source = best === null ? 'none' : 'pc_feature_ind';
    }
    const row: ClusterRow = {
      id,
      nSpikes: spikes.length,
      fr: spikes.length / Math.max(1, this.dataset.durationS),
      amp,
      ch: best === null ? null : (probe.channelMap[best] as number),
      sh: best === null ? null : (probe.shanks[best] as number),
      depth: best === null ? null : (probe.positions[2 * best + 1] as number),
      bestChannel: best,
      dominantTemplate: dominant,
      bestChannelSource: source,
    };
    return { row, templates: Int32Array.from(touched) };
  }
}
