/**
 * @file The renderer's state: session status, the cluster table, the probe, THE selection (one
 * store; every view is a projection of it), table sort/filter/columns, and per-user settings
 * (theme, layout, keybindings, wizard options) persisted in localStorage. Curation actions live in
 * actions.ts; this class only loads data and keeps the state consistent.
 */
import { tick } from 'svelte';
import type {
  ClusterTable,
  ProbeGeometry,
  SessionStatus,
  SimilarCluster,
  ThirdAxis,
} from '../../shared/contract/types.js';
import type { ClusterChange } from '../../shared/curation/index.js';
import { applyOverrides, buildKeymap, DEFAULT_KEYBINDINGS } from '../commands/keybindings.js';
import { compileFilter, type CompiledFilter } from '../table/filter-expr.js';
import {
  DEFAULT_VISIBLE,
  filterNames,
  rowIndex,
  tableColumns,
  viewOrder,
} from '../views/cluster-table/cluster-table-data.js';
import { getApi } from './api-context.js';
import { isViewActive, parseLayout, type Layout } from './layout-model.js';
import { NoticeStore } from './notices.svelte.js';
import { noteReadAheadHit, SETTLE_MS, whenSettled } from '../gl/view-perf.js';
import { beginSelection, selectionPartDone, type SelectionPart } from './perf.js';
import { RemoteError } from '../api/remote-error.js';
import { ReadAhead } from './read-ahead.js';
import { clusterSetKey, SimilarCache } from './similar-cache.js';
import {
  isBoolean,
  isString,
  isStringArray,
  isStringArrayRecord,
  loadRaw,
  loadSetting,
  saveSetting,
} from './persist.js';

export type Theme = 'dark' | 'light';
export type Overlay = 'none' | 'help' | 'palette' | 'snippet' | 'columns';

/** What the 3D view offers to commands (registered while it is mounted). */
export interface View3dHandle {
  reset(): void;
  startLasso(): void;
  /** Spikes inside the current lasso (all spikes of the selected clusters), or null. */
  lassoSpikes(): Promise<Uint32Array<ArrayBuffer> | null>;
  clearLasso(): void;
  /** Whether it will report the selection as shown (visible, with data). */
  reportsSelection(): boolean;
}

const isTheme = (v: unknown): v is Theme => v === 'dark' || v === 'light';

/** Idle time after the last selection change before it is sent to the core (ms). */
const SELECTION_SAVE_DELAY_MS = 400;
/** Entries of a similar list (the similarity table shows them all, in order). */
const SIMILAR_LIMIT = 100;

export class AppState {
  readonly notices = new NoticeStore();

  status = $state.raw<SessionStatus | null>(null);
  table = $state.raw<ClusterTable | null>(null);
  geometry = $state.raw<ProbeGeometry | null>(null);
  recent = $state.raw<string[]>([]);
  loading = $state(false);

  /** Selected clusters (cluster table), in selection order; the first drives the similar table. */
  selected = $state.raw<readonly number[]>([]);
  /** Selected rows of the similarity table. */
  similarSelected = $state.raw<readonly number[]>([]);
  /** Increments on every selection change (stale view payloads compare against it). */
  selectionSeq = $state(0);
  similarList = $state.raw<SimilarCluster[]>([]);
  /** The cluster `similarList` was loaded for (it lags the selection until the core answers). */
  similarOf = $state<number | null>(null);
  /** Similar lists held per cluster, fetched ahead while the curator looks (similar-cache.ts). */
  readonly #similar = new SimilarCache();
  /** Feature samples the core was asked to read ahead (read-ahead.ts). */
  readonly #readAhead = new ReadAhead();
  /** Cancels the read ahead in flight: a selection stops it, so the core reads for that first. */
  #readAheadCancel: AbortController | null = null;
  /** Counts the datasets loaded: another dataset (or the same folder reloaded) can have the
   * same cluster ids with other spikes. */
  #datasetLoads = $state(0);
  /** The key of the table's cluster set (a list stays valid while it is the same). */
  #clusterSetKey = $derived(
    this.table ? `${this.#datasetLoads}:${clusterSetKey(this.table.ids)}` : '',
  );
  clusterAnchor: number | null = null;
  similarAnchor: number | null = null;

  sortKey = $state(loadSetting('sortKey', 'n_spikes', isString));
  descending = $state(loadSetting('descending', true, isBoolean));
  filterText = $state('');
  visibleColumns = $state.raw<string[]>(loadSetting('columns', DEFAULT_VISIBLE, isStringArray));
  skipNoiseMua = $state(loadSetting('skipNoiseMua', true, isBoolean));
  theme = $state<Theme>(loadSetting('theme', 'dark', isTheme));
  axis = $state<ThirdAxis>('time');
  overlay = $state<Overlay>('none');
  layout = $state.raw<Layout>(parseLayout(loadRaw('layout')));
  keyOverrides = $state.raw<Record<string, string[]>>(
    loadSetting('keybindings', {}, isStringArrayRecord),
  );

  view3d: View3dHandle | null = null;
  /** Revisions produced by this client's own actions (their selection comes from the result). */
  readonly ownRevisions = new Set<number>();
  /**
   * Own write actions in flight. Their change event can arrive before their result: it must not
   * be mistaken for another client's change (which would adjust the selection a second time).
   */
  actionsInFlight = 0;
  #selectTimer: ReturnType<typeof setTimeout> | null = null;

  columns = $derived(this.table ? tableColumns(this.table) : []);
  filterState = $derived.by((): { filter: CompiledFilter | null; error: string | null } => {
    const text = this.filterText.trim();
    if (!text) return { filter: null, error: null };
    try {
      return { filter: compileFilter(text, filterNames(this.columns)), error: null };
    } catch (e) {
      return { filter: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
  /** Table rows in display order (sorted, filtered). */
  order = $derived(
    this.table ? viewOrder(this.table, this.sortKey, this.descending, this.filterState.filter) : [],
  );
  orderIds = $derived(this.table ? this.order.map((r) => this.table!.ids[r]!) : []);
  rowOf = $derived(this.table ? rowIndex(this.table) : new Map<number, number>());
  /** Similar clusters shown: the list without the selected clusters. */
  similarShown = $derived(this.similarList.filter((s) => !this.selected.includes(s.clusterId)));
  bindings = $derived(applyOverrides(DEFAULT_KEYBINDINGS, this.keyOverrides));
  keymap = $derived(buildKeymap(this.bindings));

  get canWrite(): boolean {
    return this.status?.canWrite ?? false;
  }

  /** The group (label) of a cluster, or null. */
  groupOf = (id: number): string | null => {
    const row = this.rowOf.get(id);
    if (row === undefined || !this.table) return null;
    const g = this.table.labels['group']?.[row];
    return typeof g === 'string' ? g : null;
  };

  /** Connects to the core: status, events, and the dataset if one is open. */
  async start(): Promise<void> {
    const api = getApi();
    api.on('curation:changed', ({ change, status }) => {
      this.status = status;
      if (this.actionsInFlight === 0 && !this.ownRevisions.has(change.revision)) {
        void this.#applyForeignChange(change);
      }
    });
    api.on('session:changed', (status) => (this.status = status));
    api.on('dataset:opened', () => void this.loadDataset());
    try {
      this.status = await api.invoke('session:status', {});
      this.recent = await api.invoke('dataset:recent', {}).catch(() => []);
      if (!this.status.dataset && this.recent.length === 0 && this.status.canWrite) {
        // First use, nothing to reopen: start on the demo dataset (made once, in user data).
        // (The core's dataset:opened event then loads it.)
        await this.notices.track('Opening the demo dataset', () => api.invoke('dataset:demo', {}));
        this.recent = await api.invoke('dataset:recent', {}).catch(() => []);
      } else if (this.status.dataset) {
        await this.loadDataset();
      }
    } catch (e) {
      this.notices.error('Could not reach the Kilocurate core', e);
    }
  }

  /** Loads the table and probe of the open dataset and restores its saved selection. */
  async loadDataset(): Promise<void> {
    const api = getApi();
    this.loading = true;
    try {
      this.status = await api.invoke('session:status', {});
      const [table, geometry] = await Promise.all([
        api.invoke('clusters:table', {}),
        api.invoke('probe:geometry', {}).catch(() => null),
      ]);
      // Nothing held for the previous dataset applies to this one.
      this.#datasetLoads++;
      this.#readAhead.reset();
      this.table = table;
      this.geometry = geometry;
      void this.#fetchSimilarAhead();
      this.readFeaturesAhead();
      const saved = this.status.selection;
      const live = (ids: readonly number[]) => ids.filter((id) => this.rowOf.has(id));
      this.setSelection(live(saved.clusters), live(saved.similar), { notify: false });
    } catch (e) {
      this.notices.error('Could not load the dataset', e);
    } finally {
      this.loading = false;
    }
  }

  /** Refetches the cluster table unless it is already at `revision`. */
  async refreshTable(revision = Infinity): Promise<void> {
    if (this.table && this.table.revision >= revision) return;
    const table = await getApi().invoke('clusters:table', {});
    if (!this.table || table.revision >= this.table.revision) this.table = table;
    void this.#fetchSimilarAhead();
    this.readFeaturesAhead();
  }

  /**
   * A wait for the curator looking at a selection that is fully drawn (`whenSettled`), for work
   * done ahead: the settle dwell once per selection; later waits during the same look resolve at
   * once (each ahead step waits for its answer from the core anyway).
   */
  #whileLooking(): () => Promise<boolean> {
    let settledSeq = -1;
    return async () => {
      for (;;) {
        const seq = this.selectionSeq;
        const dwell = seq === settledSeq ? 0 : SETTLE_MS;
        if (await whenSettled(() => seq === this.selectionSeq, dwell)) {
          settledSeq = seq;
          return true;
        }
      }
    };
  }

  /**
   * Fetches every cluster's similar list ahead, one at a time, while the curator looks; it stops
   * when the cluster set changes (the next table starts another fill).
   */
  async #fetchSimilarAhead(): Promise<void> {
    if (!this.table) return;
    try {
      await this.#similar.fill(
        this.#clusterSetKey,
        // In the table's order: the clusters the curator reaches next come first.
        [...this.orderIds],
        (id) => getApi().invoke('clusters:similar', { clusterId: id, limit: SIMILAR_LIMIT }),
        this.#whileLooking(),
        () => this.#clusterSetKey,
      );
    } catch {
      // Fetching ahead is an optimisation only: a selection fetches its own list as before.
    }
  }

  /**
   * Has the core read every cluster's feature sample ahead (read-ahead.ts), one at a time, in the
   * table's order, while the curator looks, as long as the feature view is shown. Started with
   * each table (new clusters after an action) and when the feature view is shown.
   */
  readFeaturesAhead(): void {
    const wanted = () =>
      this.table !== null &&
      this.status?.dataset?.capabilities.pcFeatures === true &&
      isViewActive(this.layout, 'feature');
    void this.#readAhead.fill(
      () => this.orderIds,
      (id) => this.#readAheadOne(id),
      this.#whileLooking(),
      wanted,
    );
  }

  async #readAheadOne(id: number): Promise<readonly number[] | null> {
    const cancel = (this.#readAheadCancel = new AbortController());
    try {
      return await getApi().invoke(
        'views:readAhead',
        { clusterIds: [id] },
        { signal: cancel.signal },
      );
    } catch (e) {
      if (e instanceof RemoteError && e.code === 'cancelled') return null;
      throw e;
    } finally {
      if (this.#readAheadCancel === cancel) this.#readAheadCancel = null;
    }
  }

  /** Another client changed the state: refresh, and drop deleted clusters from the selection. */
  async #applyForeignChange(change: ClusterChange): Promise<void> {
    await this.refreshTable(change.revision);
    const gone = new Set(change.deleted);
    if (
      this.selected.some((id) => gone.has(id)) ||
      this.similarSelected.some((id) => gone.has(id))
    ) {
      this.setSelection(
        this.selected.filter((id) => !gone.has(id)),
        this.similarSelected.filter((id) => !gone.has(id)),
      );
    }
  }

  /**
   * THE selection change. Loads the similar list when the first cluster changes, tells the core
   * (debounced, so the selection saved with the next action is right) and times the update.
   */
  setSelection(
    clusters: readonly number[],
    similar: readonly number[] = [],
    opts: { notify?: boolean } = {},
  ): void {
    const firstChanged = clusters[0] !== this.selected[0];
    this.selected = [...clusters];
    this.similarSelected = similar.filter((id) => !clusters.includes(id));
    const seq = ++this.selectionSeq;
    this.#readAheadCancel?.abort();
    if (firstChanged && clusters[0] !== undefined && this.#readAhead.holds(clusters[0]))
      noteReadAheadHit();
    const parts: SelectionPart[] = ['tables'];
    if (this.view3d?.reportsSelection()) parts.push('view3d');
    beginSelection(seq, parts);
    const held =
      firstChanged && clusters[0] !== undefined && this.#tableCurrent()
        ? this.#similar.get(this.#clusterSetKey, clusters[0])
        : undefined;
    if (held) {
      // Fetched ahead: the similarity table changes with the rest of the selection.
      this.similarList = held;
      this.similarOf = clusters[0] ?? null;
    }
    if (firstChanged && !held) void this.#loadSimilar(seq);
    else void tick().then(() => selectionPartDone(seq, 'tables'));
    if (opts.notify !== false) this.#notifySelection();
  }

  /**
   * Whether the table is the core's current state (no action in flight, no newer revision
   * announced): only then does the table's cluster set say which held lists are valid.
   */
  #tableCurrent(): boolean {
    return (
      this.actionsInFlight === 0 &&
      this.table !== null &&
      this.status !== null &&
      this.status.revision === this.table.revision
    );
  }

  async #loadSimilar(seq: number): Promise<void> {
    const first = this.selected[0];
    const key = this.#clusterSetKey;
    try {
      const list =
        first === undefined
          ? []
          : await getApi().invoke('clusters:similar', { clusterId: first, limit: SIMILAR_LIMIT });
      // Kept only if the cluster set is still the one asked about.
      if (first !== undefined && key === this.#clusterSetKey) this.#similar.set(key, first, list);
      if (seq !== this.selectionSeq && this.selected[0] !== first) return;
      this.similarList = list;
      this.similarOf = first ?? null;
    } catch (e) {
      this.similarList = [];
      this.similarOf = null;
      this.notices.error(`Similar clusters of ${first}`, e);
    }
    await tick();
    selectionPartDone(seq, 'tables');
  }

  #notifySelection(): void {
    if (this.#selectTimer) clearTimeout(this.#selectTimer);
    // Only for restoring the selection on reopen (actions flush it first): wait until the user
    // pauses, so walking through clusters does not put a journal write in every selection.
    this.#selectTimer = setTimeout(() => void this.flushSelection(), SELECTION_SAVE_DELAY_MS);
  }

  /** Sends a pending selection to the core now (before an action records it). */
  async flushSelection(): Promise<void> {
    if (!this.#selectTimer) return;
    clearTimeout(this.#selectTimer);
    this.#selectTimer = null;
    try {
      await getApi().invoke('curation:select', {
        clusters: [...this.selected],
        similar: [...this.similarSelected],
      });
    } catch {
      // A read-only client or a transient error: the selection is still right locally.
    }
  }

  setSort(key: string, descending?: boolean): void {
    if (descending === undefined) descending = this.sortKey === key ? !this.descending : true;
    this.sortKey = key;
    this.descending = descending;
    saveSetting('sortKey', key);
    saveSetting('descending', descending);
  }

  setColumns(keys: string[]): void {
    this.visibleColumns = keys;
    saveSetting('columns', keys);
  }

  setLayout(layout: Layout): void {
    this.layout = layout;
    saveSetting('layout', layout);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    saveSetting('theme', theme);
  }

  setSkipNoiseMua(on: boolean): void {
    this.skipNoiseMua = on;
    saveSetting('skipNoiseMua', on);
  }

  setKeyOverrides(overrides: Record<string, string[]>): void {
    this.keyOverrides = overrides;
    saveSetting('keybindings', overrides);
  }
}
