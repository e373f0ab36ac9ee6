/**
 * @file Preview of a merge or a split before it is applied: the clusters the action would create
 * (with Phy's split semantics: the selected spikes form one cluster, the rest of each touched
 * cluster another), each summarised (ACG, ISI violations, KS4 ContamPct/label, n_spikes, fr,
 * median amplitude) with deltas against its parents. Works on spike index sets only: the model is
 * never modified.
 */
import { CurationError, type CurationModel } from '../../../shared/curation/index.js';
import { differenceSorted, unionSorted } from '../../../shared/curation/sorted-ops.js';
import { checkClusterIds, checkSpikes } from '../../../shared/curation/validate.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import type { Dataset } from '../dataset/dataset.js';
import {
  summarizeSpikes,
  summaryDelta,
  type SpikeSetSummary,
  type SummaryOptions,
} from './cluster-summary.js';
import type {
  ActionPreview,
  PreviewParent,
  PreviewResult,
} from '../../../shared/contract/view-types.js';

export type { ActionPreview, PreviewParent, PreviewResult };

export type PreviewAction =
  { type: 'merge'; clusterIds: readonly ClusterId[] } | { type: 'split'; spikes: Uint32Array };

/** A cluster an action would create. */
export interface PlannedSet {
  role: 'selection' | 'rest';
  parentIds: ClusterId[];
  /** Its spikes, ascending. */
  spikes: Uint32Array;
}

export interface PlannedSets {
  kind: 'merge' | 'split';
  /** Clusters the action deletes, ascending. */
  parents: ClusterId[];
  sets: PlannedSet[];
}

/** The spike sets an action would create, with their parents (ascending ids). */
export function plannedSets(model: CurationModel, action: PreviewAction): PlannedSets {
  if (action.type === 'merge') {
    const ids = checkClusterIds(action.clusterIds, (id) => model.hasCluster(id), 2);
    const spikes = unionSorted(ids.map((id) => model.spikesOf(id)));
    return { kind: 'merge', parents: ids, sets: [{ role: 'selection', parentIds: ids, spikes }] };
  }
  const spikes = checkSpikes(action.spikes, model.nSpikes);
  const assignment = model.spikeClusters;
  const touched = [...new Set(Array.from(spikes, (s) => assignment[s] as number))].sort(
    (a, b) => a - b,
  );
  const rests = touched.map((id) => differenceSorted(model.spikesOf(id), spikes));
  if (rests.every((r) => r.length === 0)) {
    if (touched.length === 1) {
      throw new CurationError(
        'nothing-to-split',
        `the selection is the whole cluster ${touched[0]}`,
      );
    }
    return plannedSets(model, { type: 'merge', clusterIds: touched });
  }
  const sets: PlannedSet[] = [{ role: 'selection', parentIds: touched, spikes }];
  touched.forEach((id, k) => {
    const rest = rests[k] as Uint32Array;
    if (rest.length > 0) sets.push({ role: 'rest', parentIds: [id], spikes: rest });
  });
  return { kind: 'split', parents: touched, sets };
}

/**
 * Parents' summaries, cached by the identity of the model's spike array (never mutated, replaced
 * on change), so comparing several candidate merges of one cluster summarises it once.
 */
const summaryCache = new WeakMap<Uint32Array, Map<string, SpikeSetSummary>>();

function cachedSummary(
  dataset: Dataset,
  spikes: Uint32Array,
  opts: SummaryOptions,
): SpikeSetSummary {
  const key = `${dataset.dir}|${JSON.stringify(opts)}`;
  let byKey = summaryCache.get(spikes);
  if (!byKey) summaryCache.set(spikes, (byKey = new Map()));
  let summary = byKey.get(key);
  if (!summary) byKey.set(key, (summary = summarizeSpikes(dataset, spikes, opts)));
  return summary;
}

/** Summaries of the clusters `action` would create, against their parents. */
export function preview(
  dataset: Dataset,
  model: CurationModel,
  action: PreviewAction,
  opts: SummaryOptions = {},
): ActionPreview {
  const plan = plannedSets(model, action);
  const parents = plan.parents.map((id) => ({
    clusterId: id,
    summary: cachedSummary(dataset, model.spikesOf(id), opts),
  }));
  const byId = new Map(parents.map((p) => [p.clusterId, p.summary]));
  const results = plan.sets.map((set) => {
    const summary = summarizeSpikes(dataset, set.spikes, opts);
    return {
      role: set.role,
      parentIds: set.parentIds,
      summary,
      deltas: set.parentIds.map((id) => ({
        parentId: id,
        delta: summaryDelta(summary, byId.get(id) as SpikeSetSummary),
      })),
    };
  });
  return { kind: plan.kind, parents, results };
}
