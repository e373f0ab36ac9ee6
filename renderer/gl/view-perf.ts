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
  /** Payloads a view took from its prefetch (fetched ahead for the selection made). */
  prefetchHits: number;
  /** Selections of a cluster whose feature sample the core had read ahead (read-ahead.ts). */
  readAheadHits: number;
  /** The clusters whose payloads are being fetched ahead (the wizard's next step), or null. */
  predicted: number[] | null;
}

const record: ViewPerfRecord = {
  selections: [],
  seqs: [],
  byView: {},
  pending: false,
  prefetchHits: 0,
  readAheadHits: 0,
  predicted: null,
};
(globalThis as { __kcViewPerf?: ViewPerfRecord }).__kcViewPerf = record;

let current: {
  seq: number;
  start: number;
  /** Views that have not drawn the selection yet. */
  waiting: Set<string>;
  /** Views whose payload for the selection has arrived. */
  arrived: Set<string>;
} | null = null;

function startOf(seq: number): number {
  const marks = performance.getEntriesByName(`kc:select:${seq}:start`);
  return marks.length > 0 ? marks[marks.length - 1]!.startTime : performance.now();
}

/** View `view` (visible) starts showing selection `seq`. */
export function viewBegin(seq: number, view: string): void {
  if (!current || current.seq !== seq) {
    current = { seq, start: startOf(seq), waiting: new Set(), arrived: new Set() };
  }
  current.waiting.add(view);
  record.pending = true;
}

/** A view's payload for the selection made was fetched ahead (view-prefetch.ts). */
export function notePrefetchHit(): void {
  record.prefetchHits++;
}

/** A cluster selected had its feature sample read ahead by the core (read-ahead.ts). */
export function noteReadAheadHit(): void {
  record.readAheadHits++;
}

/** The views fetch the payloads of `shown` ahead. */
export function notePrediction(shown: readonly number[] | null): void {
  record.predicted = shown ? [...shown] : null;
}

const batch = new Waiters();

/** Releases the views holding payloads once every view still to draw has its own. */
function releaseBatchIfComplete(): void {
  if (!current) return batch.releaseAll();
  for (const v of current.waiting) if (!current.arrived.has(v)) return;
  batch.releaseAll();
}

/**
 * View `view` has its payload for selection `seq`: resolves once every view that is to draw that
 * selection has its payload too, or after `maxWaitMs`. The views then draw in one frame: on a
 * software compositor each frame costs the page a layout, a paint and a read-back of every
 * changed canvas, and frames of payloads arriving one by one also take CPU from the core still
 * computing the next payload. (A payload fetched ahead arrives with the others: no wait.)
 */
export function whenPayloadsIn(seq: number, view: string, maxWaitMs = 100): Promise<void> {
  if (!current || current.seq !== seq || !current.waiting.has(view)) return Promise.resolve();
  current.arrived.add(view);
  const wait = batch.wait(maxWaitMs);
  releaseBatchIfComplete();
  return wait;
}

/** View `view` has drawn selection `seq` (or given up on it). */
export function viewDone(seq: number, view: string): void {
  if (!current || current.seq !== seq || !current.waiting.has(view)) return;
  const ms = performance.now() - current.start;
  (record.byView[view] ??= []).push(ms);
  current.waiting.delete(view);
  releaseBatchIfComplete();
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

/**
 * How long a selection must stay before its secondary work starts (ms): longer than a key repeat,
 * short enough not to be noticed by someone who stops to look.
 */
export const SETTLE_MS = 250;

/**
 * Resolves true once every visible data view has drawn the current selection and `dwellMs` more
 * have passed with `isCurrent()` still true; false as soon as it is not. Secondary work of a
 * selection (merge scores, the 3D view's every-spike frame) waits for it, so a curator walking
 * through clusters does not pay for work of clusters already left behind.
 */
export async function whenSettled(isCurrent: () => boolean, dwellMs: number): Promise<boolean> {
  await whenViewsDrawn();
  if (!isCurrent()) return false;
  if (dwellMs > 0) await new Promise((resolve) => setTimeout(resolve, dwellMs));
  return isCurrent();
}
