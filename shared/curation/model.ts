/**
 * @file CurationModel: the live spike->cluster assignment, label fields, ids and undo history, with
 * Phy's exact semantics (phy-semantics §2.3, §2.4, §1.3).
 *
 * Every mutation goes through `apply(action)` with a plain action description, so the journal can
 * replay a session deterministically. Merge/split/undo/redo cost O(spikes of the touched clusters):
 * the spikes-per-cluster index is updated incrementally and history entries keep the affected
 * spike arrays (Phy instead replays its whole history on undo).
 */

import type { ClusterId, SpikeIndex } from '../domain/ids.js';
import type { LabelValue } from '../domain/labels.js';
import type { CurationAction, LabelAction, OperationKind } from './actions.js';
import type { ClusterChange, LabelChange } from './change.js';
import { applyReassignment, planMerge, planSplit, type Reassignment } from './clustering.js';
import { CurationError } from './errors.js';
import { History } from './history.js';
import { IdAllocator } from './id-allocator.js';
import { DEFAULT_NON_INHERITED_FIELDS, inheritedLabels } from './inheritance.js';
import { LabelStore, type LabelCellChange } from './label-store.js';
import { EMPTY_SELECTION, selectionOfNewClusters, type Selection } from './selection.js';
import { SpikesPerCluster } from './spike-index.js';
import * as check from './validate.js';

export interface CurationModelOptions {
  /** Loaded label fields (cluster_<field>.tsv); a field with an empty map is still a field. */
  readonly labels?: ReadonlyMap<string, ReadonlyMap<ClusterId, LabelValue>>;
  /** Persisted id counter (.phy/new_cluster_id.json); the effective one is max(this, max id + 1). */
  readonly nextClusterId?: number;
  /** Fields children do not inherit on merge/split (default: KSLabel, ContamPct, Amplitude). */
  readonly nonInheritedFields?: Iterable<string>;
  /** Initial selection. */
  readonly selection?: Selection;
  /**
   * The spikes-per-cluster index of `spikeClusters` when it was already built (e.g. on a worker
   * while the dataset was read); it must equal SpikesPerCluster.build(spikeClusters). The model
   * takes ownership.
   */
  readonly spikeIndex?: SpikesPerCluster;
}

interface Entry {
  readonly kind: OperationKind;
  readonly reassignment: Reassignment | undefined;
  readonly labels: readonly LabelCellChange[];
  readonly selectionBefore: Selection;
  readonly selectionAfter: Selection;
}

const INT32_MAX = 0x7fffffff;

const byPair = (a: readonly [number, number], b: readonly [number, number]) =>
  a[0] - b[0] || a[1] - b[1];

export class CurationModel {
  private readonly assignment: Int32Array;
  private readonly index: SpikesPerCluster;
  private readonly store: LabelStore;
  private readonly ids: IdAllocator;
  private readonly history = new History<Entry>();
  private readonly nonInherited: ReadonlySet<string>;
  private currentSelection: Selection;
  private rev = 0;

  /**
   * @param spikeClusters cluster id of every spike. The model takes ownership and mutates it in
   *   place (as Phy does); the caller must not write to it afterwards.
   */
  constructor(spikeClusters: Int32Array, options: CurationModelOptions = {}) {
    this.assignment = spikeClusters;
    this.index = options.spikeIndex ?? SpikesPerCluster.build(spikeClusters);
    const ids = this.index.clusterIds;
    this.ids = new IdAllocator(
      ids.length > 0 ? (ids[ids.length - 1] as number) : -1,
      options.nextClusterId,
    );
    this.nonInherited = new Set(options.nonInheritedFields ?? DEFAULT_NON_INHERITED_FIELDS);
    this.store = new LabelStore(options.labels?.keys() ?? []);
    // Labels of clusters absent from the assignment are dropped: Phy never writes them back.
    for (const [field, values] of options.labels ?? []) {
      for (const [id, value] of values) if (this.index.has(id)) this.store.set(field, id, value);
    }
    this.currentSelection = check.checkSelection(options.selection) ?? EMPTY_SELECTION;
  }

  // ---- read accessors -------------------------------------------------------------------------

  /** Cluster id of every spike (live view; do not mutate). */
  get spikeClusters(): Int32Array {
    return this.assignment;
  }

  get nSpikes(): number {
    return this.assignment.length;
  }

  /** Ids of the non-empty clusters, ascending (a new frozen array after each change). */
  get clusterIds(): readonly ClusterId[] {
    return this.index.clusterIds;
  }

  hasCluster(id: ClusterId): boolean {
    return this.index.has(id);
  }

  /** Sorted spike indices of a cluster (empty if it does not exist). Do not mutate. */
  spikesOf(id: ClusterId): Uint32Array {
    return this.index.get(id) ?? new Uint32Array(0);
  }

  spikeCount(id: ClusterId): number {
    return this.index.get(id)?.length ?? 0;
  }

  /** Every known label field, sorted (each is written as cluster_<field>.tsv on save). */
  get fields(): string[] {
    return this.store.fields;
  }

  label(field: string, id: ClusterId): LabelValue | undefined {
    return this.store.get(field, id);
  }

  /** All values of one field, keyed by (live) cluster id. Do not mutate. */
  labels(field: string): ReadonlyMap<ClusterId, LabelValue> {
    return this.store.values(field);
  }

  /** The id the next created cluster gets (persist it as Phy's new_cluster_id.json). */
  get nextClusterId(): ClusterId {
    return this.ids.nextClusterId;
  }

  /** Restores a persisted counter; refuses values that would let an id be reused. */
  restoreNextClusterId(value: number): void {
    this.ids.restore(value);
  }

  /**
   * Sets the revision counter (a journal replay that skipped dead actions restores the revision
   * the session had). It never goes backwards: revisions order the change events the UI sees.
   */
  restoreRevision(value: number): void {
    if (!Number.isSafeInteger(value) || value < this.rev) {
      throw new CurationError(
        'invalid-action',
        `revision ${value} is below the current ${this.rev}`,
      );
    }
    this.rev = value;
  }

  get revision(): number {
    return this.rev;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  get selection(): Selection {
    return this.currentSelection;
  }

  /** Changes the current selection. Not an action: not journaled, not undoable. */
  select(selection: Selection): void {
    this.currentSelection = check.checkSelection(selection) as Selection;
  }

  // ---- actions --------------------------------------------------------------------------------

  /** Applies one action; throws CurationError (model unchanged) if it cannot be applied. */
  apply(action: CurationAction): ClusterChange {
    switch (action.type) {
      case 'label':
        return this.doLabel(action);
      case 'merge': {
        const before = check.checkSelection(action.selection) ?? this.currentSelection;
        const clusterIds = check.checkClusterIds(action.clusterIds, (id) => this.index.has(id), 2);
        return this.doReassign(planMerge(this.index, clusterIds, this.ids.nextClusterId), before);
      }
      case 'split': {
        const before = check.checkSelection(action.selection) ?? this.currentSelection;
        const spikes = check.checkSpikes(action.spikes, this.assignment.length);
        const plan = planSplit(this.index, this.assignment, spikes, this.ids.nextClusterId);
        return this.doReassign(plan, before);
      }
      case 'undo':
        return this.undoRedo('undo');
      case 'redo':
        return this.undoRedo('redo');
      default:
        throw new CurationError('invalid-action', `unknown action ${JSON.stringify(action)}`);
    }
  }

  /** Sets (value) or removes (null) a label field on clusters. */
  setLabel(
    clusterIds: readonly ClusterId[],
    field: string,
    value: LabelValue | null,
  ): ClusterChange {
    return this.apply({ type: 'label', field, clusterIds, value });
  }

  merge(clusterIds: readonly ClusterId[]): ClusterChange {
    return this.apply({ type: 'merge', clusterIds });
  }

  split(spikes: ArrayLike<SpikeIndex>): ClusterChange {
    return this.apply({ type: 'split', spikes: Uint32Array.from(spikes) });
  }

  undo(): ClusterChange {
    return this.apply({ type: 'undo' });
  }

  redo(): ClusterChange {
    return this.apply({ type: 'redo' });
  }

  // ---- internals ------------------------------------------------------------------------------

  private doLabel(action: LabelAction): ClusterChange {
    const field = check.checkField(action.field);
    const value = check.checkLabelValue(action.value);
    const clusterIds = check.checkClusterIds(action.clusterIds, (id) => this.index.has(id), 1);
    const before = check.checkSelection(action.selection) ?? this.currentSelection;
    const after = check.checkSelection(action.selectionAfter) ?? before;
    const cells = clusterIds.map((id) => this.store.set(field, id, value ?? undefined));
    return this.record({
      kind: 'label',
      reassignment: undefined,
      labels: cells,
      selectionBefore: before,
      selectionAfter: after,
    });
  }

  private doReassign(r: Reassignment, before: Selection): ClusterChange {
    const lastId = (r.added[r.added.length - 1] as readonly [ClusterId, Uint32Array])[0];
    if (lastId > INT32_MAX) {
      // spike_clusters.npy is int32 (Phy saves it so): an id beyond it could not be written.
      throw new CurationError('id-overflow', `cluster id ${lastId} does not fit in int32`);
    }
    const parents = r.removed.map(([id]) => id);
    const inherited = inheritedLabels(
      parents,
      r.largestParent,
      this.store.fields,
      (f, id) => this.store.get(f, id),
      this.nonInherited,
    );
    this.ids.take(r.added.length);
    applyReassignment(this.assignment, this.index, r, 'forward');
    const cells = this.store.clearClusters(parents);
    for (const [child] of r.added) {
      for (const [field, value] of inherited) cells.push(this.store.set(field, child, value));
    }
    const after = selectionOfNewClusters(r.added.map(([id]) => id));
    return this.record({
      kind: r.kind,
      reassignment: r,
      labels: cells,
      selectionBefore: before,
      selectionAfter: after,
    });
  }

  private record(entry: Entry): ClusterChange {
    this.history.push(entry);
    return this.finish(entry.kind, entry, 'forward');
  }

  private undoRedo(which: 'undo' | 'redo'): ClusterChange {
    const entry = which === 'undo' ? this.history.undo() : this.history.redo();
    if (entry === undefined) {
      throw new CurationError(`nothing-to-${which}`, `nothing to ${which}`);
    }
    const direction = which === 'undo' ? 'backward' : 'forward';
    if (entry.reassignment) {
      applyReassignment(this.assignment, this.index, entry.reassignment, direction);
      // Redo re-creates the ids it had; they are below the counter already, this only asserts it.
      for (const [id] of entry.reassignment.added) this.ids.markUsed(id);
    }
    if (which === 'undo') this.store.undo(entry.labels);
    else this.store.redo(entry.labels);
    return this.finish(which, entry, direction);
  }

  /** Updates selection and revision and describes the change just made. */
  private finish(
    action: ClusterChange['action'],
    entry: Entry,
    direction: 'forward' | 'backward',
  ): ClusterChange {
    const forward = direction === 'forward';
    this.currentSelection = forward ? entry.selectionAfter : entry.selectionBefore;
    this.rev++;
    const r = entry.reassignment;
    const [gone, made] =
      r === undefined ? [[], []] : forward ? [r.removed, r.added] : [r.added, r.removed];
    const cells = forward ? entry.labels : [...entry.labels].reverse();
    const labelChanges: LabelChange[] = cells
      .filter((c) => this.index.has(c.clusterId))
      .map((c) => ({
        field: c.field,
        clusterId: c.clusterId,
        value: (forward ? c.after : c.before) ?? null,
      }));
    const descendants = (r?.descendants ?? []).map(([p, c]) =>
      forward ? ([p, c] as const) : ([c, p] as const),
    );
    return {
      action,
      kind: entry.kind,
      added: made.map(([id]) => id),
      deleted: gone.map(([id]) => id),
      descendants: descendants.sort(byPair),
      addedSpikeCounts: made.map(([, spikes]) => spikes.length),
      labelChanges,
      selection: this.currentSelection,
      revision: this.rev,
      nextClusterId: this.ids.nextClusterId,
    };
  }
}
