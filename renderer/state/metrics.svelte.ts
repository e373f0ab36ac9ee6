/**
 * @file Quality metrics and suggestions in the renderer: runs the `metrics:compute` job (progress
 * bar in the status bar, cancellable), recomputes it (debounced) when the clustering changes once
 * metrics are wanted, asks for label and merge suggestions, and accepts label suggestions only on
 * an explicit user action. One instance per AppState (`metricsOf(app)`), so commands reach it.
 */
import { untrack } from 'svelte';
import type {
  BuiltinRuleSetId,
  CustomRuleSet,
  LabelSuggestion,
  LabelSuggestionsResult,
  MergeScore,
  MergeSuggestionItem,
  MetricsBackend,
  MetricsResult,
} from '../../shared/contract/metrics-types.js';
import { RemoteError } from '../api/remote-error.js';
import { acceptPlan, idsDiffer, wantsMetrics } from '../views/cluster-table/metrics-view.js';
import { livePairs, pairIndex, stepPair } from '../views/similarity-table/merge-nav.js';
import { SETTLE_MS, whenSettled } from '../gl/view-perf.js';
import { getApi } from './api-context.js';
import type { AppState } from './app.svelte.js';
import { describeError } from './notices.svelte.js';
import { isString, loadSetting, saveSetting } from './persist.js';

export type RuleChoice = BuiltinRuleSetId | 'custom';

/** Clustering changes arriving within this delay share one recomputation (ms). */
export const RECOMPUTE_DELAY_MS = 800;
/** Merge scores are computed for at most this many rows of the similarity table. */
export const MERGE_SCORE_ROWS = 50;
/** Rows scored as soon as the curator stays on a cluster; the rest follow after a longer stay. */
export const MERGE_SCORE_FIRST_ROWS = 15;
/** How much longer the curator must stay before the remaining rows are scored (ms). */
export const MERGE_SCORE_REST_DELAY_MS = 1500;

const isBackend = (v: unknown): v is MetricsBackend => v === 'auto' || v === 'cpu' || v === 'gpu';

/** Parses the custom rule set text; @throws Error with a readable reason. */
export function parseCustomRules(text: string): CustomRuleSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`the custom rule set is not JSON: ${describeError(e)}`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as CustomRuleSet).rules))
    throw new Error(
      'a rule set is {"name": ..., "rules": [{"metric", "op", "threshold", "onFail"}]}',
    );
  return json as CustomRuleSet;
}

export class MetricsState {
  /** The last metrics computed for this dataset. */
  result = $state.raw<MetricsResult | null>(null);
  running = $state(false);
  /** Set by the first computation: from then on clustering changes recompute (debounced). */
  auto = $state(false);
  backend = $state<MetricsBackend>(loadSetting('metricsBackend', 'auto', isBackend));
  ruleSet = $state<RuleChoice | null>(null);
  customRules = $state(loadSetting('customRules', '', isString));
  labels = $state.raw<LabelSuggestionsResult | null>(null);
  labelById = $derived(
    new Map<number, LabelSuggestion>(this.labels?.suggestions.map((s) => [s.clusterId, s]) ?? []),
  );
  merges = $state.raw<MergeSuggestionItem[] | null>(null);
  mergeIndex = $state(-1);
  /** Merge scores of the similar clusters of `ref`. */
  scores = $state.raw<{ ref: number; byId: Map<number, MergeScore> } | null>(null);

  #cancel: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #triedRevision = -1;
  #dir: string | null = null;
  #again = false;
  #scoreSeq = 0;
  #scoreRequest: AbortController | null = null;
  /** The reference cluster of the merge scores being loaded. */
  #scoreRef: number | null = null;

  constructor(private readonly app: AppState) {
    $effect.root(() => {
      $effect(() => {
        const table = app.table;
        const visible = app.visibleColumns;
        const dir = app.status?.dataset?.dir ?? null;
        if (table) untrack(() => this.#onTable(table.ids, table.revision, visible, dir));
      });
    });
  }

  /** Merge suggestions whose clusters still exist. */
  get livePairs(): MergeSuggestionItem[] {
    return this.merges ? livePairs(this.merges, new Set(this.app.rowOf.keys())) : [];
  }

  #onTable(ids: Int32Array, revision: number, visible: readonly string[], dir: string | null) {
    if (dir !== this.#dir) {
      // Another dataset: nothing computed so far applies to it.
      this.#dir = dir;
      this.cancel();
      this.result = null;
      this.labels = null;
      this.merges = null;
      this.scores = null;
      this.mergeIndex = -1;
      this.auto = false;
      this.#triedRevision = -1;
    }
    if (!this.auto && !wantsMetrics(visible)) return;
    if (this.result && !idsDiffer(this.result.ids, ids)) return;
    if (revision === this.#triedRevision) return; // no endless retry when the ids cannot match
    this.#triedRevision = revision;
    this.schedule();
  }

  /** Recomputes after a short delay (several quick changes cost one run). */
  schedule(delayMs = RECOMPUTE_DELAY_MS): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.compute();
    }, delayMs);
  }

  setBackend(backend: MetricsBackend): void {
    this.backend = backend;
    saveSetting('metricsBackend', backend);
  }

  /** Runs the metrics job with a progress bar; afterwards the table shows the new columns. */
  async compute(): Promise<void> {
    if (!this.app.status?.dataset) return;
    if (this.running) {
      this.#again = true; // the clustering changed while computing: run once more afterwards
      return;
    }
    this.auto = true;
    this.running = true;
    try {
      const result = await this.app.notices.track(
        'Metrics',
        async (report) => {
          const job = getApi().startJob('metrics:compute', { backend: this.backend }, (p) =>
            report(p.done, p.total, p.message),
          );
          this.#cancel = job.cancel;
          return job.result;
        },
        () => this.cancel(),
      );
      this.result = result;
      await this.app.refreshTable();
      if (this.ruleSet) await this.suggestLabels(this.ruleSet, { quiet: true });
    } catch (e) {
      if (e instanceof RemoteError && e.code === 'cancelled') {
        this.auto = false;
        this.#again = false;
        this.app.notices.push('info', 'Metrics cancelled');
      } else this.app.notices.error('Metrics', e);
    } finally {
      this.running = false;
      this.#cancel = null;
    }
    if (this.#again) {
      this.#again = false;
      this.schedule(0);
    }
  }

  /** Cancels a running or scheduled computation. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#cancel?.();
  }

  /** Asks for label suggestions of a rule set; they show as the `suggested` column. */
  async suggestLabels(choice: RuleChoice | null, opts: { quiet?: boolean } = {}): Promise<void> {
    this.ruleSet = choice;
    if (choice === null) {
      // The core keeps the last verdicts in its tables; hiding the column is what "none" means.
      this.labels = null;
      this.app.setColumns(this.app.visibleColumns.filter((k) => k !== 'suggested'));
      return;
    }
    try {
      let ruleSet: BuiltinRuleSetId | CustomRuleSet = choice as BuiltinRuleSetId;
      if (choice === 'custom') {
        ruleSet = parseCustomRules(this.customRules);
        saveSetting('customRules', this.customRules);
      }
      const run = () => getApi().invoke('suggest:labels', { ruleSet });
      this.labels = opts.quiet ? await run() : await this.app.notices.track('Suggest labels', run);
      await this.app.refreshTable();
      if (!this.app.visibleColumns.includes('suggested'))
        this.app.setColumns([...this.app.visibleColumns, 'suggested']);
    } catch (e) {
      this.app.notices.error('Label suggestions', e);
    }
  }

  /**
   * Gives the selected clusters (both tables) their suggested group: one `curation:label` per
   * group, journaled with the reason "suggested by <rule set>". Only ever run by the user.
   */
  async acceptSelected(): Promise<void> {
    const app = this.app;
    if (!this.labels) {
      app.notices.push('info', 'Choose a rule set first (Suggest: in the cluster table).');
      return;
    }
    if (!app.canWrite) {
      app.notices.push('error', 'This window is read-only (another client is curating).');
      return;
    }
    const ids = [...app.selected, ...app.similarSelected];
    const plan = acceptPlan(this.labelById, ids, app.groupOf);
    if (plan.length === 0) {
      app.notices.push('info', 'The selected clusters already have their suggested labels.');
      return;
    }
    const reason = `suggested by ${this.labels.ruleSet.name}`;
    const selection = { clusters: [...app.selected], similar: [...app.similarSelected] };
    await app.flushSelection();
    app.actionsInFlight++;
    try {
      for (const step of plan) {
        const change = await getApi().invoke('curation:label', {
          clusterIds: step.ids,
          group: step.group,
          reason,
          selectionAfter: selection,
        });
        app.ownRevisions.add(change.revision);
        await app.refreshTable(change.revision);
      }
      const text = plan.map((s) => `${s.ids.join(', ')} → ${s.group}`).join('; ');
      app.notices.push('success', `Accepted suggestions: ${text}`);
    } catch (e) {
      app.notices.error('Accept suggestion', e);
    } finally {
      app.actionsInFlight--;
    }
  }

  /** Fetches the ranked merge suggestions, then shows the best pair. */
  async suggestMerges(): Promise<void> {
    try {
      const result = await this.app.notices.track('Suggest merges', () =>
        getApi().invoke('suggest:merges', {}),
      );
      if (result.unavailable) this.app.notices.push('info', result.unavailable);
      this.merges = result.suggestions;
      this.mergeIndex = -1;
      if (result.suggestions.length === 0) this.app.notices.push('info', 'No merge to suggest.');
      else this.stepMerge(1);
    } catch (e) {
      this.app.notices.error('Merge suggestions', e);
    }
  }

  /** Selects the next (+1) or previous (-1) suggested pair: a in the cluster table, b similar. */
  stepMerge(delta: number): void {
    if (this.merges === null) {
      void this.suggestMerges();
      return;
    }
    const pairs = this.livePairs;
    const shown = this.app.selected.length > 0 && this.app.similarSelected.length > 0;
    const here = shown ? pairIndex(pairs, this.app.selected[0]!, this.app.similarSelected[0]!) : -1;
    // Away from the list (e.g. the shown pair was just merged), "next" is the pair now at the
    // remembered position, which the merge moved up into it.
    const i =
      here >= 0 || this.mergeIndex < 0
        ? stepPair(here, delta, pairs.length)
        : delta > 0
          ? Math.min(this.mergeIndex, pairs.length - 1)
          : stepPair(Math.min(this.mergeIndex, pairs.length), -1, pairs.length);
    this.mergeIndex = i;
    const pair = pairs[i];
    if (pair) this.app.setSelection([pair.a], [pair.b]);
  }

  /**
   * Stops loading merge scores unless they are those of `ref`: called as soon as the selection
   * changes, so the core drops the old request (between pairs) before the new selection's views
   * ask for its time, not only once the new similar list has arrived.
   */
  cancelScoresUnless(ref: number | undefined): void {
    if (this.#scoreRequest === null || this.#scoreRef === ref) return;
    ++this.#scoreSeq;
    this.#scoreRequest.abort();
    this.#scoreRequest = null;
    this.#scoreRef = null;
  }

  /**
   * Loads the merge scores of `ids` against `ref` (the similarity table's rows, most similar
   * first): the first {@link MERGE_SCORE_FIRST_ROWS} once the selection is drawn and the curator
   * stays on it, the rest up to {@link MERGE_SCORE_ROWS} if they stay
   * {@link MERGE_SCORE_REST_DELAY_MS} longer. Scoring is the most expensive work of a selection
   * (each pair: both trains, their correlogram, amplitude and position summaries), and a curator
   * moving through clusters looks at the top rows; the rest must not compete with the next
   * selection.
   */
  async loadScores(ref: number, ids: readonly number[]): Promise<void> {
    const wanted = ids.slice(0, MERGE_SCORE_ROWS);
    if (wanted.length === 0) return;
    const seq = ++this.#scoreSeq;
    // A newer request supersedes this one: the core drops it if it has not started.
    this.#scoreRequest?.abort();
    const request = (this.#scoreRequest = new AbortController());
    this.#scoreRef = ref;
    const current = () => seq === this.#scoreSeq && !request.signal.aborted;
    const byId = new Map<number, MergeScore>();
    const stages = [wanted.slice(0, MERGE_SCORE_FIRST_ROWS), wanted.slice(MERGE_SCORE_FIRST_ROWS)];
    for (const [stage, rows] of stages.entries()) {
      if (rows.length === 0) continue;
      const settled =
        stage === 0
          ? await whenSettled(current, SETTLE_MS)
          : await new Promise<boolean>((resolve) =>
              setTimeout(() => resolve(current()), MERGE_SCORE_REST_DELAY_MS),
            );
      if (!settled) return;
      try {
        const scores = await getApi().invoke(
          'clusters:mergeScores',
          { clusterId: ref, clusterIds: rows },
          { signal: request.signal },
        );
        // Only the latest request counts (the selection may have moved on meanwhile).
        if (seq !== this.#scoreSeq || this.app.selected[0] !== ref) return;
        for (const score of scores) byId.set(score.clusterId, score);
        this.scores = { ref, byId: new Map(byId) };
      } catch (e) {
        if (seq === this.#scoreSeq && !request.signal.aborted)
          this.app.notices.error(`Merge scores of ${ref}`, e);
        return;
      }
    }
  }
}

const states = new WeakMap<AppState, MetricsState>();

/** The metrics state of an app (created on first use). */
export function metricsOf(app: AppState): MetricsState {
  let s = states.get(app);
  if (!s) states.set(app, (s = new MetricsState(app)));
  return s;
}
