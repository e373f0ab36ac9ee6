/**
 * @file Selection -> views drawn timing for the data views (waveform, features, ...), kept on
 * `globalThis.__kcViewPerf` for the e2e tests and the benchmark. The start is the app's own
 * selection mark (`kc:select:<seq>:start`, renderer/state/perf.ts); each visible view that starts
 * loading for a selection reports when it has drawn it; the last one closes the measurement.
 */
import { Waiters } from '../state/waiters.js';

export interface ViewPerfRecord {
  /** Durations (ms) from the selection change to every visible data view drawn. */
  selections: number[];
  /** The selection seq of each duration. */
  seqs: number[];
  /** Per view: durations (ms) to that view drawn. */
  byView: Record<string, number[]>;
  /** Whether a selection is being timed now. */
  pending: boolean;
}

const record: ViewPerfRecord = { selections: [], seqs: [], byView: {}, pending: false };
(globalThis as { __kcViewPerf?: ViewPerfRecord }).__kcViewPerf = record;

let current: { seq: number; start: number; waiting: Set<string> } | null = null;

function startOf(seq: number): number {
  const marks = performance.getEntriesByName(`kc:select:${seq}:start`);
  return marks.length > 0 ? marks[marks.length - 1]!.startTime : performance.now();
}

/** View `view` (visible) starts showing selection `seq`. */
export function viewBegin(seq: number, view: string): void {
  if (!current || current.seq !== seq) {
    current = { seq, start: startOf(seq), waiting: new Set() };
  }
  current.waiting.add(view);
  record.pending = true;
}

/** View `view` has drawn selection `seq` (or given up on it). */
export function viewDone(seq: number, view: string): void {
  if (!current || current.seq !== seq || !current.waiting.has(view)) return;
  const ms = performance.now() - current.start;
  (record.byView[view] ??= []).push(ms);
  current.waiting.delete(view);
  if (current.waiting.size > 0) return;
  record.selections.push(ms);
  record.seqs.push(seq);
  if (record.selections.length > 10_000) {
    record.selections.splice(0, 5000);
    record.seqs.splice(0, 5000);
  }
  current = null;
  record.pending = false;
  waiters.releaseAll();
}

const waiters = new Waiters();

/**
 * Resolves once every visible data view has drawn the current selection (at once when none is
 * loading), or after `maxWaitMs`. Work that can wait (merge scores) waits for it, so it does not
 * compete with the views for the core and the CPU.
 */
export function whenViewsDrawn(maxWaitMs = 5000): Promise<void> {
  if (!current) return Promise.resolve();
  return waiters.wait(maxWaitMs);
}
