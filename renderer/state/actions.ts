/**
 * @file Curation actions and wizard navigation, as Phy does them (phy-semantics §1.3): label the
 * selected / similar / all clusters then advance; merge the union of both tables' selections and
 * select the new cluster; split the lasso's spikes and select the new clusters; undo/redo restore
 * the selection from the change record; save with clear feedback.
 */
import type { Group } from '../../shared/domain/labels.js';
import type { ClusterChange, Selection } from '../../shared/curation/index.js';
import { getApi } from './api-context.js';
import type { AppState } from './app.svelte.js';
import { describeError } from './notices.svelte.js';
import { afterLabel, firstEligible, SELECT_SIMILAR_COUNT, step } from './wizard.js';

export type LabelScope = 'best' | 'similar' | 'all';

function guardWrite(app: AppState): boolean {
  if (!app.status?.dataset) {
    app.notices.push('error', 'No dataset is open.');
    return false;
  }
  if (!app.canWrite) {
    app.notices.push('error', 'This window is read-only (another client is curating).');
    return false;
  }
  return true;
}

/** Runs one write action and applies its result: table refresh, then the change's selection. */
async function applyAction(
  app: AppState,
  what: string,
  run: () => Promise<ClusterChange>,
): Promise<ClusterChange | null> {
  if (!guardWrite(app)) return null;
  await app.flushSelection();
  app.actionsInFlight++;
  try {
    const change = await run();
    app.ownRevisions.add(change.revision);
    await app.refreshTable(change.revision);
    app.setSelection(change.selection.clusters, change.selection.similar, { notify: false });
    return change;
  } catch (e) {
    app.notices.push('error', `${what} failed: ${describeError(e)}`);
    return null;
  } finally {
    app.actionsInFlight--;
  }
}

/** The ids a label action applies to, and where the wizard goes afterwards. */
export function labelTargets(
  app: AppState,
  scope: LabelScope,
  group: Group,
): { ids: number[]; after: Selection } {
  const best = [...app.selected];
  const similar = [...app.similarSelected];
  const ids =
    scope === 'best' ? best : scope === 'similar' ? similar : [...new Set([...best, ...similar])];
  const groupAfter = (id: number) => (ids.includes(id) ? group : app.groupOf(id));
  const similarOrder = app.similarShown.map((s) => s.clusterId);
  if (scope === 'best') {
    return {
      ids,
      after: {
        clusters: afterLabel(app.orderIds, best, groupAfter, app.skipNoiseMua),
        similar: [],
      },
    };
  }
  if (scope === 'similar') {
    return {
      ids,
      after: {
        clusters: best,
        similar: afterLabel(similarOrder, similar, groupAfter, app.skipNoiseMua),
      },
    };
  }
  return {
    ids,
    after: { clusters: afterLabel(app.orderIds, best, groupAfter, app.skipNoiseMua), similar: [] },
  };
}

/** Sets (value null: removes) a label field of the user's own on the selected clusters. */
export async function setField(app: AppState, field: string, value: string | null): Promise<void> {
  const ids = [...app.selected];
  if (ids.length === 0) {
    app.notices.push('info', 'No cluster is selected.');
    return;
  }
  await applyAction(app, 'Label', () =>
    getApi().invoke('curation:setField', { clusterIds: ids, field, value }),
  );
}

export async function label(app: AppState, scope: LabelScope, group: Group): Promise<void> {
  const { ids, after } = labelTargets(app, scope, group);
  if (ids.length === 0) {
    app.notices.push(
      'info',
      scope === 'similar' ? 'No similar cluster is selected.' : 'No cluster is selected.',
    );
    return;
  }
  await applyAction(app, 'Label', () =>
    getApi().invoke('curation:label', {
      clusterIds: ids,
      group,
      selectionAfter: { clusters: [...after.clusters], similar: [...after.similar] },
    }),
  );
}

export async function merge(app: AppState): Promise<void> {
  const ids = [...new Set([...app.selected, ...app.similarSelected])];
  if (ids.length < 2) {
    app.notices.push('info', 'Select at least two clusters to merge (cluster and similar tables).');
    return;
  }
  const change = await applyAction(app, 'Merge', () =>
    getApi().invoke('curation:merge', { clusterIds: ids }),
  );
  if (change)
    app.notices.push('success', `Merged ${ids.join(', ')} into ${change.added.join(', ')}`);
}

export async function split(app: AppState): Promise<void> {
  if (!app.view3d) {
    app.notices.push('info', 'Show the 3D view and draw a lasso (L) to split.');
    return;
  }
  let spikes: Uint32Array<ArrayBuffer> | null;
  try {
    spikes = await app.view3d.lassoSpikes();
  } catch (e) {
    app.notices.error('Split', e);
    return;
  }
  if (!spikes || spikes.length === 0) {
    app.notices.push(
      'info',
      'Draw a lasso around spikes of the selected cluster in the 3D view first (L).',
    );
    return;
  }
  await splitSpikes(app, spikes);
}

/** Splits `spikes` out of their clusters (any lasso's result), as every write action does. */
export async function splitSpikes(
  app: AppState,
  spikes: Uint32Array<ArrayBuffer>,
): Promise<ClusterChange | null> {
  const change = await applyAction(app, 'Split', () =>
    getApi().invoke('curation:split', { spikes }),
  );
  if (change) {
    app.view3d?.clearLasso();
    app.notices.push(
      'success',
      `Split ${spikes.length} spikes: new clusters ${change.added.join(', ')}`,
    );
  }
  return change;
}

export async function undo(app: AppState): Promise<void> {
  if (!app.status?.canUndo) {
    app.notices.push('info', 'Nothing to undo.');
    return;
  }
  await applyAction(app, 'Undo', () => getApi().invoke('curation:undo', {}));
}

export async function redo(app: AppState): Promise<void> {
  if (!app.status?.canRedo) {
    app.notices.push('info', 'Nothing to redo.');
    return;
  }
  await applyAction(app, 'Redo', () => getApi().invoke('curation:redo', {}));
}

export async function save(app: AppState): Promise<void> {
  if (!guardWrite(app)) return;
  await app.flushSelection();
  try {
    const result = await app.notices.track('Saving', () => getApi().invoke('curation:save', {}));
    app.status = await getApi().invoke('session:status', {});
    app.notices.push(
      'success',
      `Saved ${result.files.length} file${result.files.length === 1 ? '' : 's'} (revision ${result.revision}, ${Math.round(result.durationMs)} ms)`,
      6000,
    );
  } catch (e) {
    app.notices.push('error', `Save failed: ${describeError(e)}`);
  }
}

/** Down/Up in the cluster table (next/previous best). */
export function nextBest(app: AppState, dir: 1 | -1): void {
  const id = step(app.orderIds, app.selected, dir, app.groupOf, app.skipNoiseMua);
  if (id !== null) app.setSelection([id]);
}

/** Space/Shift+Space: next/previous similar; with nothing selected, select the first best. */
export function nextSimilar(app: AppState, dir: 1 | -1): void {
  if (app.selected.length === 0) return nextBest(app, 1);
  const order = app.similarShown.map((s) => s.clusterId);
  const id = step(order, app.similarSelected, dir, app.groupOf, app.skipNoiseMua);
  if (id !== null) app.setSelection(app.selected, [id]);
}

/** Ctrl+Space: the first similar clusters at once (Phy: 15); with nothing selected, the first best. */
export function selectSimilar(app: AppState): void {
  if (app.selected.length === 0) return nextBest(app, 1);
  const order = app.similarShown.map((s) => s.clusterId);
  const ids = firstEligible(order, SELECT_SIMILAR_COUNT, app.groupOf, app.skipNoiseMua);
  if (ids.length > 0) app.setSelection(app.selected, ids);
}

export function firstOrLast(app: AppState, which: 'first' | 'last'): void {
  const id = step(app.orderIds, [], which === 'first' ? 1 : -1, app.groupOf, app.skipNoiseMua);
  if (id !== null) app.setSelection([id]);
}

export function unselectSimilar(app: AppState): void {
  app.setSelection(app.selected, []);
}

/** Selects ids typed by the user (`:c`), keeping only clusters that exist. */
export function selectIds(app: AppState, ids: readonly number[]): void {
  const live = ids.filter((id) => app.rowOf.has(id));
  const missing = ids.length - live.length;
  if (missing > 0)
    app.notices.push('info', `${missing} of ${ids.length} ids are not live clusters.`);
  if (live.length > 0) app.setSelection(live);
}

export async function openDataset(app: AppState, dir: string | null): Promise<void> {
  try {
    await app.notices.track(dir ? `Opening ${dir}` : 'Opening demo dataset', () =>
      dir ? getApi().invoke('dataset:open', { dir }) : getApi().invoke('dataset:demo', {}),
    );
    await app.loadDataset();
  } catch (e) {
    app.notices.push('error', `Could not open ${dir ?? 'the demo'}: ${describeError(e)}`);
  }
}
