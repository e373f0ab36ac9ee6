/**
 * @file Merge (G) and lasso split (K) with a preview: the command computes what the action would
 * create (`views:preview`: ACG, ISI violations, key metrics, deltas against the parents) and shows
 * it; the user confirms (Enter, or the same key again) or cancels (Escape). The lasso is the one
 * drawn last in any view: feature, amplitude or depth view (the core tests ALL spikes of the
 * clusters), or the 3D view.
 */
import { getApi } from '../state/api-context.js';
import * as actions from '../state/actions.js';
import type { AppState } from '../state/app.svelte.js';
import { describeError } from '../state/notices.svelte.js';
import { pendingAction } from '../views/preview/preview-store.svelte.js';
import { activeLassoSource, clearAllLassos } from './view-handles.js';

async function loadPreview(): Promise<void> {
  const p = pendingAction.current;
  if (!p) return;
  try {
    const preview = await getApi().invoke('views:preview', {
      action:
        p.kind === 'merge'
          ? { type: 'merge', clusterIds: p.clusterIds }
          : { type: 'split', spikes: p.spikes! },
    });
    if (pendingAction.current === p) p.preview = preview;
  } catch (e) {
    if (pendingAction.current === p) p.error = describeError(e);
  }
}

/** G: preview the merge of the selected clusters (or confirm a merge already previewed). */
export async function requestMerge(app: AppState): Promise<void> {
  if (pendingAction.current?.kind === 'merge') return confirmPending(app);
  const ids = [...new Set([...app.selected, ...app.similarSelected])];
  // Fewer than two clusters: the action itself explains what is missing.
  if (ids.length < 2 || !app.canWrite) return actions.merge(app);
  pendingAction.current = {
    kind: 'merge',
    clusterIds: ids,
    spikes: null,
    source: '',
    preview: null,
    error: '',
  };
  await loadPreview();
}

/** K: preview the split of the spikes in the last lasso (or confirm a split already previewed). */
export async function requestSplit(app: AppState): Promise<void> {
  if (pendingAction.current?.kind === 'split') return confirmPending(app);
  const source = activeLassoSource(app);
  let spikes: Uint32Array<ArrayBuffer> | null = null;
  try {
    spikes = source ? await source.lassoSpikes() : ((await app.view3d?.lassoSpikes()) ?? null);
  } catch (e) {
    app.notices.error('Split', e);
    return;
  }
  if (!spikes || spikes.length === 0) {
    app.notices.push(
      'info',
      'Draw a lasso around spikes of the selected clusters first (feature, amplitude, depth or 3D view).',
    );
    return;
  }
  pendingAction.current = {
    kind: 'split',
    clusterIds: [],
    spikes,
    source: source?.view ?? 'probe3d',
    preview: null,
    error: '',
  };
  await loadPreview();
}

export function cancelPending(): void {
  pendingAction.current = null;
}

/** Applies the previewed action. */
export async function confirmPending(app: AppState): Promise<void> {
  const p = pendingAction.current;
  pendingAction.current = null;
  if (!p) return;
  if (p.kind === 'merge') return actions.merge(app);
  if (await actions.splitSpikes(app, p.spikes!)) clearAllLassos(app);
}
