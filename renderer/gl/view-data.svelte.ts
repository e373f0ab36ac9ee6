/**
 * @file The data side every 2D view shares: given what to show (a request key and how to fetch
 * it, for the clusters shown), keeps the latest payload, defers the fetch while the view's tab is
 * not active (only the latest pending request is kept), drops stale responses, turns failures
 * into a message, times selection -> drawn (view-perf.ts), and once the selection is drawn
 * fetches the payload of the wizard's next step ahead (view-prefetch.ts). Call during component
 * initialisation.
 *
 * Requests go out as soon as the selection changes: the core answers the calls that show the
 * selection itself (tables) first, as their priority says, and works on the payloads while the
 * page draws the tables and the 3D highlight; a payload is drawn once those are shown, together
 * with the other views' payloads of the selection (`whenPayloadsIn`: one frame for all).
 */
import { untrack } from 'svelte';
import type { AppState } from '../state/app.svelte.js';
import { isViewActive, type ViewId } from '../state/layout-model.js';
import { describeError } from '../state/notices.svelte.js';
import { whenSelectionShown } from '../state/perf.js';
import { DeferredLoader, type ViewRequest } from './view-request.js';

export { clustersRequest, type ViewRequest } from './view-request.js';
import { predictedShown, Prefetch, runWithPrefetch, shownOf } from './view-prefetch.js';
import {
  notePrediction,
  notePrefetchHit,
  viewBegin,
  viewDone,
  whenPayloadsIn,
  whenSettled,
} from './view-perf.js';

export interface ViewData<T> {
  readonly payload: T | null;
  readonly message: string;
  /** Whether the tab of the view is the active one of its pane. */
  readonly visible: boolean;
  /** Call when the scene of the current payload has been drawn. */
  drawn(): void;
  /** Fetch again even if the request key did not change (e.g. after a failed lasso). */
  reload(): void;
}

/** The clusters the data views show: the cluster table's selection, then the similar one's. */
export function shownClusters(app: AppState, max = 64): number[] {
  return shownOf(app.selected, app.similarSelected, max);
}

/**
 * @param request what to fetch for the clusters shown (`shownClusters(app)` for the current
 *   selection, the predicted next ones for a prefetch); reactive reads in it re-run the request
 *   when they change. Null: nothing to show.
 */
export function useViewData<T>(
  app: AppState,
  view: ViewId,
  request: (shown: readonly number[]) => ViewRequest<T> | null,
  options: {
    /** The message while there is nothing to show. @default 'Select a cluster.' */
    empty?: string;
    /**
     * Called with a selection's payload once the selection is shown, before the payload is
     * drawn with the other views' (they may still be computed): work that shows nothing yet
     * (building the scene, a software point image) done here is off the frame that draws them.
     */
    prepare?: (payload: T) => void;
  } = {},
): ViewData<T> {
  const empty = options.empty ?? 'Select a cluster.';
  const state = $state({ message: empty, version: 0 });
  // Raw: a payload is immutable and large (typed arrays in arrays of objects); a deep proxy
  // would put a reactive read in every access of the scene builders' per-point loops.
  let payload = $state.raw<T | null>(null);
  let seq = 0;
  let wantedKey: string | null = null;
  const ahead = new Prefetch<T>();
  let prefetchedFor = -1;
  const loader = new DeferredLoader<T>(
    (value) => {
      payload = value;
      state.message = '';
    },
    (error) => {
      payload = null;
      state.message = describeError(error);
      viewDone(seq, view);
    },
  );
  const visible = $derived(isViewActive(app.layout, view));
  $effect(() => {
    const v = visible;
    untrack(() => {
      if (loader.setVisible(v)) viewBegin(seq, view);
    });
  });
  // A pre-effect: it runs while the change is applied, before the effects of everything else
  // that shows the selection (table scrolling, the 3D highlight), so the core starts on the
  // payloads that much earlier.
  $effect.pre(() => {
    const s = app.selectionSeq;
    void state.version;
    const r = request(shownClusters(app));
    untrack(() => {
      seq = s;
      wantedKey = r?.key ?? null;
      if (!r) {
        ahead.drop();
        loader.clear();
        payload = null;
        state.message = empty;
        return;
      }
      const prefetched = ahead.take(r.key);
      if (prefetched) notePrefetchHit();
      const fetch = runWithPrefetch(prefetched, r.run);
      const run = async (signal: AbortSignal) => {
        const value = await fetch(signal);
        await whenSelectionShown();
        if (options.prepare && s === app.selectionSeq) options.prepare(value);
        await whenPayloadsIn(s, view);
        return value;
      };
      if (loader.want(r.key, run) === 'fetching') viewBegin(s, view);
    });
  });

  /** Once selection `s` is drawn everywhere, fetches the payload of the wizard's next step. */
  async function prefetchNext(s: number): Promise<void> {
    if (prefetchedFor === s) return;
    prefetchedFor = s;
    if (!(await whenSettled(() => s === app.selectionSeq && visible, 0))) return;
    const next = predictedShown(app);
    notePrediction(next);
    const r = next ? untrack(() => request(next)) : null;
    if (r && r.key !== wantedKey) ahead.start(r.key, r.run);
  }

  return {
    get payload() {
      return payload;
    },
    get message() {
      return state.message;
    },
    get visible() {
      return visible;
    },
    drawn: () => {
      viewDone(seq, view);
      void prefetchNext(seq);
    },
    reload: () => {
      ahead.drop();
      loader.invalidate();
      state.version++;
    },
  };
}
