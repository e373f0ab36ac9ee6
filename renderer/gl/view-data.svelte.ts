/**
 * @file The data side every 2D view shares: given what to show (a request key and how to fetch
 * it), keeps the latest payload, defers the fetch while the view's tab is not active (only the
 * latest pending request is kept), drops stale responses, turns failures into a message, and
 * times selection -> drawn (view-perf.ts). Call during component initialisation.
 */
import { untrack } from 'svelte';
import type { AppState } from '../state/app.svelte.js';
import { isViewActive, type ViewId } from '../state/layout-model.js';
import { describeError } from '../state/notices.svelte.js';
import { whenSelectionShown } from '../state/perf.js';
import { DeferredLoader } from './view-request.js';
import { viewBegin, viewDone } from './view-perf.js';

export interface ViewRequest<T> {
  key: string;
  /** Fetches the payload; the signal aborts when the request is superseded. */
  run: (signal: AbortSignal) => Promise<T>;
}

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
  return [...app.selected, ...app.similarSelected.filter((id) => !app.selected.includes(id))].slice(
    0,
    max,
  );
}

export function useViewData<T>(
  app: AppState,
  view: ViewId,
  request: () => ViewRequest<T> | null,
  empty = 'Select a cluster.',
): ViewData<T> {
  const state = $state({ payload: null as T | null, message: empty, version: 0 });
  let seq = 0;
  const loader = new DeferredLoader<T>(
    (value) => {
      state.payload = value;
      state.message = '';
    },
    (error) => {
      state.payload = null;
      state.message = describeError(error);
      viewDone(seq, view);
    },
    // Heavy payloads wait until the selection itself is shown (tables, 3D highlight).
    () => whenSelectionShown(),
  );
  const visible = $derived(isViewActive(app.layout, view));
  $effect(() => {
    const v = visible;
    untrack(() => {
      if (loader.setVisible(v)) viewBegin(seq, view);
    });
  });
  $effect(() => {
    const s = app.selectionSeq;
    void state.version;
    const r = request();
    untrack(() => {
      seq = s;
      if (!r) {
        loader.clear();
        state.payload = null;
        state.message = empty;
        return;
      }
      if (loader.want(r.key, r.run) === 'fetching') viewBegin(s, view);
    });
  });
  return {
    get payload() {
      return state.payload;
    },
    get message() {
      return state.message;
    },
    get visible() {
      return visible;
    },
    drawn: () => viewDone(seq, view),
    reload: () => {
      loader.invalidate();
      state.version++;
    },
  };
}
