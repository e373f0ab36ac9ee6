/**
 * @file One open dataset in the app: the curation service plus the incrementally maintained
 * per-cluster data the views read (cluster table, similarity, spike cloud).
 */
import { basename } from 'node:path';
import type { ClusterChange } from '../../../shared/curation/index.js';
import type {
  ClusterTable,
  DatasetSummary,
  HistoryEntry,
  ProbeGeometry,
  SessionStatus,
  SimilarCluster,
  SpikeCloud,
  ThirdAxis,
} from '../../../shared/contract/types.js';
import { GROUP_FIELD, GROUPS } from '../../../shared/domain/labels.js';
import type { CurationAction } from '../../../shared/curation/index.js';
import { similarClusters } from '../analysis/similarity.js';
import { argmax, type TemplateWaveforms } from '../analysis/template-waveforms.js';
import { CurationService } from '../curation/curation-service.js';
import { viewContext, type ViewContext } from '../views/view-context.js';
import { permuteCloud, progressiveOrder, spikeCloud, strideSample } from './spike-cloud.js';

export class Session {
  private readonly waveforms: TemplateWaveforms;
  /** Adds computed columns (quality metrics, label suggestions) to every cluster table; set by
   * metrics-handlers.ts once metrics exist. */
  tableExtras: ((table: ClusterTable) => void) | null = null;
  private readonly closers: Array<() => void> = [];

  private constructor(readonly service: CurationService) {
    this.waveforms = service.templateWaveforms;
    // Build the rows now: the first table request should not pay for it.
    void service.live;
  }

  /** Opens a dataset; files changed on disk behind our back are kept, never overwritten silently
   * (a later save refuses and the UI offers to reload). */
  static open(dir: string, userDataDir?: string): Session {
    const service = CurationService.open(dir, {
      onExternalChange: 'keep',
      ...(userDataDir ? { userDataDir } : {}),
    });
    return new Session(service);
  }

  get dataset() {
    return this.service.dataset;
  }

  summary(): DatasetSummary {
    const ds = this.dataset;
    return {
      dir: ds.dir,
      name: basename(ds.dir),
      sorter: ds.sorter.name,
      nSpikes: ds.nSpikes,
      nClusters: this.service.state.clusterIds.length,
      nChannels: ds.probe.nChannels,
      sampleRate: ds.sampleRate,
      durationS: ds.durationS,
      rawData: ds.raw.status,
      capabilities: {
        templates: ds.templates !== null,
        pcFeatures: ds.pcFeatures !== null,
        spikePositions: ds.spikePositions() !== null,
        amplitudes: ds.amplitudes() !== null,
        rawData: ds.raw.status === 'available',
        similarity: ds.similarTemplates !== null,
      },
      warnings: [...ds.warnings, ...this.service.warnings],
    };
  }

  status(canWrite: boolean): SessionStatus {
    const model = this.service.state;
    const last = this.service.journal.lastSave();
    const counts = { good: 0, mua: 0, noise: 0, unsorted: 0, unlabelled: 0 };
    const groups = model.labels(GROUP_FIELD);
    for (const id of model.clusterIds) {
      const g = groups.get(id)?.value;
      if (typeof g === 'string' && (GROUPS as readonly string[]).includes(g))
        counts[g as keyof typeof counts]++;
      else counts.unlabelled++;
    }
    return {
      dataset: this.summary(),
      revision: model.revision,
      dirty: this.service.dirty,
      canUndo: model.canUndo,
      canRedo: model.canRedo,
      selection: model.selection,
      lastSave: last ? { time: last.time, revision: last.revision } : null,
      autosave: this.service.autosave,
      canWrite,
      counts,
    };
  }

  clusterTable(): ClusterTable {
    const rows = this.live.sortedRows();
    const n = rows.length;
    const table: ClusterTable = {
      revision: this.service.revision,
      ids: new Int32Array(n),
      nSpikes: new Int32Array(n),
      fr: new Float32Array(n),
      amp: new Float32Array(n),
      ch: new Int32Array(n),
      sh: new Float32Array(n),
      depth: new Float32Array(n),
      bestChannel: new Int32Array(n),
      labels: {},
      metrics: {},
    };
    const model = this.service.state;
    const fields = model.fields;
    for (const f of fields) table.labels[f] = new Array<string | number | null>(n);
    rows.forEach((r, i) => {
      table.ids[i] = r.id;
      table.nSpikes[i] = r.nSpikes;
      table.fr[i] = r.fr;
      table.amp[i] = r.amp ?? NaN;
      table.ch[i] = r.ch ?? -1;
      table.sh[i] = r.sh ?? NaN;
      table.depth[i] = r.depth ?? NaN;
      table.bestChannel[i] = r.bestChannel ?? -1;
      for (const f of fields)
        (table.labels[f] as Array<string | number | null>)[i] = model.label(f, r.id)?.value ?? null;
    });
    this.tableExtras?.(table);
    return table;
  }

  similar(clusterId: number, limit = 100): SimilarCluster[] {
    const ds = this.dataset;
    if (!ds.similarTemplates) return [];
    return similarClusters(
      clusterId,
      this.live.templateSets,
      ds.similarTemplates,
      ds.nTemplates,
      limit,
    );
  }

  probe(): ProbeGeometry {
    const p = this.dataset.probe;
    return {
      positions: Float32Array.from(p.positions),
      channelMap: Int32Array.from(p.channelMap),
      shanks: Float32Array.from(p.shanks),
    };
  }

  cloud(axis: ThirdAxis, maxPoints: number): SpikeCloud {
    const sample =
      this.dataset.nSpikes > maxPoints ? strideSample(this.dataset.nSpikes, maxPoints) : null;
    const cloud = spikeCloud(this.dataset, this.service.state, sample, axis, (t) =>
      this.templateChannel(t),
    );
    // Progressive order: any prefix is an even sample, so the renderer's level of detail can
    // draw fewer points without another request. (Spike indices travel with the points.)
    return permuteCloud(cloud, progressiveOrder(cloud.x.length));
  }

  cloudOfClusters(axis: ThirdAxis, clusterIds: readonly number[]): SpikeCloud {
    const parts = clusterIds.map((id) => this.service.state.spikesOf(id));
    const total = parts.reduce((a, p) => a + p.length, 0);
    const spikes = new Uint32Array(total);
    let offset = 0;
    for (const p of parts) {
      spikes.set(p, offset);
      offset += p.length;
    }
    spikes.sort();
    const cloud = spikeCloud(this.dataset, this.service.state, spikes, axis, (t) =>
      this.templateChannel(t),
    );
    return { ...cloud, sampled: false };
  }

  /**
   * The views' per-cluster cache for the current model, sharing this session's unwhitened
   * templates and the live rows' dominant templates (so no view pays a pass over all spikes).
   */
  viewContext(): ViewContext {
    return viewContext(this.dataset, this.service.state, {
      waveforms: this.waveforms,
      dominantTemplate: (id) => this.live.rows.get(id)?.dominantTemplate,
    });
  }

  /** The per-cluster rows and template sets (kept up to date by the service). */
  get live() {
    return this.service.live;
  }

  /** Applies an action (the service updates the live per-cluster data). */
  apply(action: CurationAction, reason?: string): ClusterChange {
    return this.service.apply(action, reason);
  }

  history(): HistoryEntry[] {
    return this.service.history().map((e) => ({
      seq: e.seq,
      epoch: e.epoch,
      time: e.time,
      description: describeAction(e.action),
      reason: e.reason,
    }));
  }

  /** After revert or reload the whole state is new: rebuild the derived data. */
  rebuildLive(): Session {
    const next = new Session(this.service);
    // Same service and dataset: what closes with them moves to the new session.
    next.closers.push(...this.closers.splice(0));
    return next;
  }

  /** Runs `fn` when the session closes (worker threads and the like tied to its dataset). */
  onClose(fn: () => void): void {
    this.closers.push(fn);
  }

  close(): void {
    for (const fn of this.closers.splice(0)) fn();
    this.service.close();
  }

  private templateChannel(t: number): number | null {
    const amps = this.waveforms.channelAmplitudes(t);
    if (amps) return argmax(amps);
    const pc = this.dataset.pcFeatureChannels;
    return pc ? (pc.channelIndex[t * pc.nChannelsLocal] ?? null) : null;
  }
}

export function describeAction(action: CurationAction): string {
  switch (action.type) {
    case 'label':
      return `${action.field} of ${action.clusterIds.join(', ')} → ${action.value === null ? '(none)' : action.value.value}`;
    case 'merge':
      return `merge ${action.clusterIds.join(' + ')}`;
    case 'split':
      return `split ${action.spikes.length} spikes`;
    case 'undo':
      return 'undo';
    case 'redo':
      return 'redo';
  }
}
