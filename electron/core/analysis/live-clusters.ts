/**
 * @file Per-cluster data kept up to date incrementally as the curation changes: the cluster-table
 * row and the template set T(c) used by similarity. A change touches only its added and deleted
 * clusters, so updating costs O(spikes of those clusters), never a scan of all spikes.
 */
import type { ClusterChange, CurationModel } from '../../../shared/curation/index.js';
import { nearestChannelToMedian, type ClusterRow } from './cluster-stats.js';
import { argmax, type TemplateWaveforms } from './template-waveforms.js';
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
    // One pass over each cluster's spikes (the model's index), so the cost is O(n_spikes) with
    // array lookups only, even after curation made clusters differ from templates.
    waveforms.loadAllAmplitudes();
    this.counts = new Int32Array(Math.max(1, dataset.nTemplates));
    this.templateSets = new Map();
    for (const id of model.clusterIds) {
      const { row, templates } = this.rowOf(id, model.spikesOf(id));
      this.rows.set(id, row);
      this.templateSets.set(id, templates);
    }
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
    } else {
      best = nearestChannelToMedian(this.dataset, spikes);
      source = best === null ? 'none' : 'spike_positions';
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
