/**
 * @file CurationService: owns the authoritative curation state of one open dataset. Every
 * action is validated by the pure model, committed to the journal (durably) and only then
 * reported; saving writes Phy's files atomically after checking nobody else changed them.
 *
 * Safety-critical: cluster assignments, undo, saving. Invariants:
 *  - the model's state = base state + replay of the current epoch's journal, always;
 *  - nothing on disk is overwritten unless it is what we last wrote (or the base we read);
 *  - the sorter's originals are backed up before the first overwrite.
 */
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  ClusterChange,
  CurationAction,
  CurationModel,
  Selection,
} from '../../../shared/curation/index.js';
import { GROUP_FIELD, strValue, type Group } from '../../../shared/domain/labels.js';
import { LiveClusters } from '../analysis/live-clusters.js';
import { TemplateWaveforms } from '../analysis/template-waveforms.js';
import type { Dataset } from '../dataset/dataset.js';
import type { IndexPrefetch } from '../dataset/index-prefetch.js';
import { openDataset } from '../dataset/load-dataset.js';
import { BACKGROUND_MIN_SPIKES } from '../dataset/per-spike.js';
import { SessionJournal, sessionFolder, type JournalEntry } from '../store/session-journal.js';
import { writeFileAtomic } from './atomic-write.js';
import { prefetchBaseState, replayModel } from './base-state.js';
import { bytesFingerprint, FingerprintCache } from './fingerprint.js';
import {
  baseDir,
  deleteSnapshot,
  originalsDir,
  restoreSnapshot,
  snapshotFiles,
} from './snapshots.js';
import { buildPhyFiles, NEW_CLUSTER_ID, SPIKE_CLUSTERS } from './phy-files.js';
import { readPhyCounter } from './phy-counter.js';

export class ExternalChangeError extends Error {
  constructor(readonly files: string[]) {
    super(
      `changed on disk by another program since Kilocurate last read or wrote them: ${files.join(', ')}. ` +
        'Reload from disk (losing this session’s unsaved actions) or keep this session (overwriting them on save).',
    );
    this.name = 'ExternalChangeError';
  }
}

export type ExternalChangePolicy = 'fail' | 'reload' | 'keep';

export interface CurationServiceOptions {
  /** What to do when the folder's curation files changed behind our back (default 'fail'). */
  onExternalChange?: ExternalChangePolicy;
  /** Where sessions of read-only folders live. */
  userDataDir?: string;
  /** An already opened dataset (the service then does not close it). */
  dataset?: Dataset;
  /**
   * From this many spikes on, big vectors are read on worker threads while this thread reads the
   * rest (default BACKGROUND_MIN_SPIKES). Tests lower it to exercise the workers.
   */
  backgroundMinSpikes?: number;
}

export interface SaveResult {
  files: string[];
  revision: number;
  durationMs: number;
}

type Listener = (change: ClusterChange) => void;

export class CurationService {
  private model!: CurationModel;
  private listeners = new Set<Listener>();
  private autosaveTimer: NodeJS.Timeout | null = null;
  readonly warnings: string[] = [];
  private readonly waveforms: TemplateWaveforms;
  private liveClusters: LiveClusters | null = null;
  private fingerprintCache: FingerprintCache | null = null;

  private constructor(
    readonly dataset: Dataset,
    readonly journal: SessionJournal,
    private readonly ownsDataset: boolean,
  ) {
    this.waveforms = new TemplateWaveforms(dataset);
  }

  static open(dir: string, options: CurationServiceOptions = {}): CurationService {
    const minSpikes = options.backgroundMinSpikes ?? BACKGROUND_MIN_SPIKES;
    // The base assignment and its spike index (~half of a reopen's work at 20 M spikes) are
    // built on a worker while this thread opens the dataset; used only if they match exactly.
    const prefetch = options.dataset ? null : prefetchBaseState(dir, minSpikes);
    let dataset: Dataset | undefined;
    let journal: SessionJournal | undefined;
    try {
      dataset = options.dataset ?? openDataset(dir, { backgroundMinSpikes: minSpikes });
      journal = SessionJournal.open(
        join(sessionFolder(dataset.dir, options.userDataDir), 'session.sqlite'),
      );
      const service = new CurationService(dataset, journal, options.dataset === undefined);
      service.restore(options.onExternalChange ?? 'fail', prefetch ?? undefined);
      return service;
    } catch (err) {
      journal?.close();
      if (options.dataset === undefined) dataset?.close();
      throw err;
    } finally {
      prefetch?.dispose();
    }
  }

  // ---- state -------------------------------------------------------------------------------

  get state(): CurationModel {
    return this.model;
  }

  /** Per-cluster rows and template sets, built on first use and then updated incrementally. */
  get live(): LiveClusters {
    this.liveClusters ??= new LiveClusters(this.dataset, this.model, this.waveforms);
    return this.liveClusters;
  }

  /** The template waveforms of this dataset (shared cache of unwhitened amplitudes). */
  get templateWaveforms(): TemplateWaveforms {
    return this.waveforms;
  }

  get revision(): number {
    return this.model.revision;
  }

  get selection(): Selection {
    return this.model.selection;
  }

  /** True when actions were applied since the last save (or since the session started). */
  get dirty(): boolean {
    const saved = this.journal.lastSave()?.revision ?? 0;
    return this.model.revision !== saved;
  }

  get autosave(): { enabled: boolean; delayMs: number } {
    return {
      enabled: this.journal.meta('autosave') !== 'off',
      delayMs: Number(this.journal.meta('autosave_delay_ms') ?? 2000),
    };
  }

  setAutosave(enabled: boolean, delayMs = this.autosave.delayMs): void {
    this.journal.setMeta('autosave', enabled ? 'on' : 'off');
    this.journal.setMeta('autosave_delay_ms', String(delayMs));
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- actions -----------------------------------------------------------------------------

  label(
    clusterIds: readonly number[],
    group: Group | null,
    options: { reason?: string; selectionAfter?: Selection } = {},
  ): ClusterChange {
    return this.setLabel(GROUP_FIELD, clusterIds, group === null ? null : group, options);
  }

  setLabel(
    field: string,
    clusterIds: readonly number[],
    value: string | null,
    options: { reason?: string; selectionAfter?: Selection } = {},
  ): ClusterChange {
    return this.apply(
      {
        type: 'label',
        field,
        clusterIds,
        value: value === null ? null : strValue(value),
        selection: this.model.selection,
        ...(options.selectionAfter ? { selectionAfter: options.selectionAfter } : {}),
      },
      options.reason,
    );
  }

  merge(clusterIds: readonly number[], reason?: string): ClusterChange {
    return this.apply({ type: 'merge', clusterIds, selection: this.model.selection }, reason);
  }

  split(spikes: Uint32Array, reason?: string): ClusterChange {
    return this.apply({ type: 'split', spikes, selection: this.model.selection }, reason);
  }

  undo(): ClusterChange {
    return this.apply({ type: 'undo' });
  }

  redo(): ClusterChange {
    return this.apply({ type: 'redo' });
  }

  /** Changes the selection (not an action: no undo entry), persisted so a reopen restores it. */
  select(selection: Selection): void {
    this.model.select(selection);
    this.journal.setMeta('selection', JSON.stringify(selection));
  }

  /**
   * Applies an action: the model validates and applies it, the journal commits it in the same
   * synchronous step; on a journal failure the model is rebuilt from the journal so the two
   * never disagree.
   */
  apply(action: CurationAction, reason?: string): ClusterChange {
    const change = this.model.apply(action);
    try {
      this.journal.transaction(() => {
        this.journal.append(action, change.revision, change.nextClusterId, reason ?? null);
        this.journal.setMeta('selection', JSON.stringify(change.selection));
      });
    } catch (err) {
      this.rebuild();
      throw err;
    }
    this.liveClusters?.update(change);
    for (const listener of this.listeners) listener(change);
    this.scheduleAutosave();
    return change;
  }

  history(): JournalEntry[] {
    return this.journal.allEntries();
  }

  // ---- saving ------------------------------------------------------------------------------

  /** Content fingerprints remembered across sessions by stat key (see FingerprintCache). */
  private get fingerprints(): FingerprintCache {
    this.fingerprintCache ??= new FingerprintCache(this.journal.meta('fingerprint_cache'));
    return this.fingerprintCache;
  }

  /** Files on disk that differ from what we last read or wrote. */
  externalChanges(): string[] {
    const expected = this.expectedFingerprints();
    const pending = JSON.parse(this.journal.meta('pending_save') ?? '{}') as Record<string, string>;
    const changed = Object.entries(expected)
      .filter(([name, fp]) => {
        const now = this.fingerprints.fingerprint(join(this.dataset.dir, name));
        return now !== fp && now !== pending[name];
      })
      .map(([name]) => name);
    this.journal.setMeta('fingerprint_cache', this.fingerprints.serialize());
    return changed;
  }

  save(options: { force?: boolean } = {}): SaveResult {
    const t0 = performance.now();
    this.cancelAutosave();
    const rows = this.live.sortedRows();
    const files = buildPhyFiles(this.model, this.dataset, rows);
    if (!options.force) {
      const changed = this.externalChanges().filter((n) => files.has(n) || n === SPIKE_CLUSTERS);
      if (changed.length > 0) throw new ExternalChangeError(changed);
    }
    // Before overwriting: the sorter's originals (once ever) and this epoch's base state.
    const names = [...files.keys()];
    snapshotFiles(this.dataset.dir, originalsDir(this.dataset.dir), names);
    snapshotFiles(this.dataset.dir, baseDir(this.dataset.dir), names, this.journal.epoch);
    const written: Record<string, string> = {};
    for (const [name, chunks] of files) written[name] = bytesFingerprint(chunks);
    this.journal.setMeta('pending_save', JSON.stringify(written));
    for (const [name, chunks] of files) {
      const path = join(this.dataset.dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, chunks);
      this.fingerprints.remember(path, written[name] as string);
    }
    // Phy's cache of spikes per cluster is keyed by ids only; stale after our changes.
    const pkl = join(this.dataset.dir, '.phy', 'spikes_per_cluster.pkl');
    if (existsSync(pkl)) unlinkSync(pkl);
    this.journal.transaction(() => {
      this.journal.recordSave(this.model.revision, written);
      this.journal.setMeta('fingerprint_cache', this.fingerprints.serialize());
      this.journal.setMeta('pending_save', '{}');
    });
    return {
      files: [...files.keys()],
      revision: this.model.revision,
      durationMs: performance.now() - t0,
    };
  }

  /** Restores the sorter's files and starts a fresh session on them (ids keep growing). */
  revert(): string[] {
    this.cancelAutosave();
    const restored = restoreSnapshot(this.dataset.dir, originalsDir(this.dataset.dir));
    this.startEpochFromDisk();
    return restored;
  }

  /** Discards this session's state and starts again from the files on disk. */
  reloadFromDisk(): void {
    this.cancelAutosave();
    this.startEpochFromDisk();
  }

  close(): void {
    this.cancelAutosave();
    this.journal.close();
    if (this.ownsDataset) this.dataset.close();
  }

  // ---- internals ---------------------------------------------------------------------------

  private restore(policy: ExternalChangePolicy, prefetch?: IndexPrefetch): void {
    if (this.journal.meta('base_fingerprints') === undefined) {
      this.journal.startEpoch({
        base_fingerprints: JSON.stringify(this.currentFingerprints()),
        epoch_next_cluster_id: String(readPhyCounter(this.dataset.dir) ?? 0),
      });
    }
    this.rebuild(prefetch);
    const changed = this.externalChanges();
    if (changed.length === 0) return;
    if (policy === 'fail') throw new ExternalChangeError(changed);
    if (policy === 'reload') {
      this.warnings.push(
        `reloaded from disk: ${changed.join(', ')} changed externally; the previous session is kept in the journal history`,
      );
      this.startEpochFromDisk();
    } else {
      this.warnings.push(
        `keeping this session although ${changed.join(', ')} changed on disk; saving will overwrite them`,
      );
    }
  }

  /** The model = base state + replay of the current epoch. */
  private rebuild(prefetch?: IndexPrefetch): void {
    this.model = replayModel(this.dataset, this.journal, this.warnings, prefetch);
    this.liveClusters = null;
  }

  private startEpochFromDisk(): void {
    // The base becomes what is on disk now; keep the id counter so ids are never reused.
    const counter = Math.max(
      this.model ? this.model.nextClusterId : 0,
      readPhyCounter(this.dataset.dir) ?? 0,
    );
    const fresh = openDataset(this.dataset.dir);
    Object.assign(this.dataset, {
      spikeClusters: fresh.spikeClusters,
      spikeClustersSource: fresh.spikeClustersSource,
      labels: fresh.labels,
      hasCuratedGroups: fresh.hasCuratedGroups,
    });
    fresh.close();
    deleteSnapshot(baseDir(this.dataset.dir));
    this.journal.startEpoch({
      base_fingerprints: JSON.stringify(this.currentFingerprints()),
      selection: JSON.stringify({ clusters: [], similar: [] }),
      epoch_next_cluster_id: String(counter),
      pending_save: '{}',
    });
    this.rebuild();
  }

  /** What the curation files should look like on disk now: our last save, else the base. */
  private expectedFingerprints(): Record<string, string> {
    const base = JSON.parse(this.journal.meta('base_fingerprints') ?? '{}') as Record<
      string,
      string
    >;
    const saved = this.journal.lastSave()?.files ?? {};
    return { ...base, ...saved };
  }

  private currentFingerprints(): Record<string, string> {
    const names = [SPIKE_CLUSTERS, NEW_CLUSTER_ID, ...this.dataset.labels.sources.values()];
    const out: Record<string, string> = {};
    for (const name of new Set(names))
      out[name] = this.fingerprints.fingerprint(join(this.dataset.dir, name));
    this.journal.setMeta('fingerprint_cache', this.fingerprints.serialize());
    return out;
  }

  private scheduleAutosave(): void {
    const { enabled, delayMs } = this.autosave;
    if (!enabled) return;
    this.cancelAutosave();
    this.autosaveTimer = setTimeout(() => {
      this.autosaveTimer = null;
      try {
        if (this.dirty) this.save();
      } catch (err) {
        this.warnings.push(`autosave failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, delayMs);
    this.autosaveTimer.unref();
  }

  private cancelAutosave(): void {
    if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
  }
}
