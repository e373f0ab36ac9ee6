/**
 * @file A deliberately naive curation model for property tests: plain arrays, full scans, and
 * whole-state snapshots for undo. It shares no code with shared/curation (only the LabelValue type),
 * so agreement between the two is evidence, not tautology.
 */

import type { LabelValue } from '../../../shared/domain/labels.js';

export interface RefSelection {
  clusters: number[];
  similar: number[];
}

interface Snapshot {
  assign: number[];
  labels: Map<string, Map<number, LabelValue>>;
  selection: RefSelection;
}

export type RefAction =
  | {
      type: 'label';
      field: string;
      clusterIds: number[];
      value: LabelValue | null;
      selection?: RefSelection;
      selectionAfter?: RefSelection;
    }
  | { type: 'merge'; clusterIds: number[]; selection?: RefSelection }
  | { type: 'split'; spikes: number[]; selection?: RefSelection }
  | { type: 'undo' }
  | { type: 'redo' };

const copyLabels = (l: Map<string, Map<number, LabelValue>>) =>
  new Map([...l].map(([f, m]) => [f, new Map(m)]));

/** Python-equality key: 3 and 3.0 collide, strings never collide with numbers. */
const pyKey = (v: LabelValue) => (v.kind === 'str' ? `s:${v.value}` : `n:${v.value}`);

export class ReferenceModel {
  assign: number[];
  labels: Map<string, Map<number, LabelValue>>;
  fields: Set<string>;
  next: number;
  selection: RefSelection = { clusters: [], similar: [] };
  revision = 0;
  private past: Array<{ before: Snapshot; after: Snapshot }> = [];
  private future: Array<{ before: Snapshot; after: Snapshot }> = [];

  constructor(
    assign: number[],
    labels: Map<string, Map<number, LabelValue>>,
    persisted: number | undefined,
    private readonly nonInherited: string[] = ['KSLabel', 'ContamPct', 'Amplitude'],
  ) {
    this.assign = [...assign];
    const present = new Set(assign);
    this.fields = new Set(['group', ...labels.keys()]);
    this.labels = new Map();
    for (const f of this.fields) {
      const m = new Map<number, LabelValue>();
      for (const [id, v] of labels.get(f) ?? []) if (present.has(id)) m.set(id, v);
      this.labels.set(f, m);
    }
    let max = -1;
    for (const c of assign) max = Math.max(max, c);
    this.next = Math.max(max + 1, persisted ?? 0);
  }

  clusterIds(): number[] {
    return [...new Set(this.assign)].sort((a, b) => a - b);
  }

  spikesOf(id: number): number[] {
    const out: number[] = [];
    this.assign.forEach((c, s) => {
      if (c === id) out.push(s);
    });
    return out;
  }

  private snapshot(): Snapshot {
    return { assign: [...this.assign], labels: copyLabels(this.labels), selection: this.selection };
  }

  private restore(s: Snapshot) {
    this.assign = [...s.assign];
    this.labels = copyLabels(s.labels);
    // Fields outlive undo (Phy keeps them): a field named after the snapshot has no values in it.
    for (const f of this.fields) if (!this.labels.has(f)) this.labels.set(f, new Map());
    this.selection = s.selection;
  }

  /** Applies an action; returns false (and changes nothing) when it is invalid. */
  apply(a: RefAction): boolean {
    if (a.type === 'undo' || a.type === 'redo') {
      const from = a.type === 'undo' ? this.past : this.future;
      const to = a.type === 'undo' ? this.future : this.past;
      const step = from.pop();
      if (!step) return false;
      to.push(step);
      this.restore(a.type === 'undo' ? step.before : step.after);
      this.revision++;
      return true;
    }
    const before = this.snapshot();
    const selBefore = a.selection ?? this.selection;
    const ok =
      a.type === 'label'
        ? this.label(a)
        : a.type === 'merge'
          ? this.merge(a.clusterIds)
          : this.split(a.spikes);
    if (!ok) return false;
    if (a.type === 'label') this.selection = a.selectionAfter ?? selBefore;
    before.selection = selBefore;
    this.past.push({ before, after: this.snapshot() });
    this.future = [];
    this.revision++;
    return true;
  }

  private label(a: { field: string; clusterIds: number[]; value: LabelValue | null }): boolean {
    const present = new Set(this.assign);
    if (a.clusterIds.length === 0 || a.clusterIds.some((id) => !present.has(id))) return false;
    this.fields.add(a.field);
    if (!this.labels.has(a.field)) this.labels.set(a.field, new Map());
    const m = this.labels.get(a.field)!;
    for (const id of a.clusterIds) {
      if (a.value === null) m.delete(id);
      else m.set(id, a.value);
    }
    return true;
  }

  private merge(ids: number[]): boolean {
    const present = new Set(this.assign);
    const parents = [...new Set(ids)];
    if (parents.length < 2 || parents.some((id) => !present.has(id))) return false;
    const n = this.next++;
    const inherited = this.inherit(parents);
    this.assign = this.assign.map((c) => (parents.includes(c) ? n : c));
    this.finishReassign(parents, [n], inherited);
    return true;
  }

  private split(spikes: number[]): boolean {
    if (spikes.length === 0 || spikes.some((s) => s < 0 || s >= this.assign.length)) return false;
    const sel = new Set(spikes);
    const touched = [...new Set(spikes.map((s) => this.assign[s]!))].sort((a, b) => a - b);
    const withRest = touched.filter((c) => this.assign.some((cc, s) => cc === c && !sel.has(s)));
    if (withRest.length === 0) return touched.length > 1 && this.merge(touched);
    const n = this.next;
    this.next += 1 + withRest.length;
    const inherited = this.inherit(touched);
    const old = [...this.assign];
    this.assign = old.map((c, s) =>
      sel.has(s) ? n : withRest.includes(c) ? n + 1 + withRest.indexOf(c) : c,
    );
    this.finishReassign(touched, [n, ...withRest.map((_, i) => n + 1 + i)], inherited);
    return true;
  }

  /** set_from_descendants, computed from full scans. */
  private inherit(parents: number[]): Map<string, LabelValue> {
    const size = (id: number) => this.assign.filter((c) => c === id).length;
    const sorted = [...parents].sort((a, b) => a - b);
    let largest = sorted[0]!;
    for (const p of sorted) if (size(p) > size(largest)) largest = p;
    const out = new Map<string, LabelValue>();
    for (const f of this.fields) {
      if (this.nonInherited.includes(f)) continue;
      const m = this.labels.get(f)!;
      const groups = new Map<string, LabelValue>();
      for (const p of sorted) {
        const v = m.get(p);
        if (v !== undefined && !groups.has(pyKey(v))) groups.set(pyKey(v), v);
      }
      if (groups.size === 0) continue;
      const v = groups.size === 1 ? [...groups.values()][0] : m.get(largest);
      if (v !== undefined) out.set(f, v);
    }
    return out;
  }

  private finishReassign(
    parents: number[],
    children: number[],
    inherited: Map<string, LabelValue>,
  ) {
    for (const m of this.labels.values()) for (const p of parents) m.delete(p);
    for (const [f, v] of inherited) for (const c of children) this.labels.get(f)!.set(c, v);
    this.selection = { clusters: [...children].sort((a, b) => a - b), similar: [] };
  }

  get canUndo() {
    return this.past.length > 0;
  }
  get canRedo() {
    return this.future.length > 0;
  }
}
