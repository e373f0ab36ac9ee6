/**
 * @file Performance marks for the selection budget (select -> tables and 3D highlight updated,
 * issue 6: p95 <= 100 ms) and the 3D frame time. Results are kept on `globalThis.__kcPerf` so the
 * e2e tests and the benchmark can read them from the page.
 *
 * The 3D part of a selection is its first highlight frame: the selected clusters' points of the
 * background sample in colour (docs/views.md). The frame with every spike of the selected
 * clusters comes after and is recorded apart (`full3d`).
 */
import { Waiters } from './waiters.js';

export interface PerfRecord {
  /** Durations of complete selection updates, ms. */
  selections: number[];
  /** CPU time of each 3D render call, ms. */
  renders: number[];
  /** Intervals between successive frames while the camera moves, ms. */
  frameIntervals: number[];
  /** Durations from a selection to the 3D view drawing every spike of its clusters, ms. */
  full3d: number[];
  /** Whether a selection is being timed now (not yet fully shown). */
  pending: boolean;
}

const record: PerfRecord = {
  selections: [],
  renders: [],
  frameIntervals: [],
  full3d: [],
  pending: false,
};
(globalThis as { __kcPerf?: PerfRecord }).__kcPerf = record;

/** Parts that must finish before a selection counts as shown. */
export type SelectionPart = 'tables' | 'view3d';

let pending: {
  seq: number;
  start: number;
  parts: Set<SelectionPart>;
  needed: Set<SelectionPart>;
} | null = null;

/**
 * Starts timing selection `seq`. `needed` lists the parts that will report (the 3D view only when
 * it is visible and has data).
 */
export function beginSelection(seq: number, needed: readonly SelectionPart[]): void {
  pending = { seq, start: performance.now(), parts: new Set(), needed: new Set(needed) };
  record.pending = true;
  performance.mark(`kc:select:${seq}:start`);
}

/** Reports that `part` shows selection `seq`; the last needed part closes the measurement. */
export function selectionPartDone(seq: number, part: SelectionPart): void {
  if (!pending || pending.seq !== seq) return;
  pending.parts.add(part);
  for (const p of pending.needed) if (!pending.parts.has(p)) return;
  const ms = performance.now() - pending.start;
  record.selections.push(ms);
  try {
    performance.measure(`kc:select:${seq}`, `kc:select:${seq}:start`);
  } catch {
    // The mark may have been cleared by the page; the duration is recorded regardless.
  }
  pending = null;
  record.pending = false;
  waiters.releaseAll();
}

const waiters = new Waiters();

/**
 * Resolves once the current selection is shown (tables and 3D highlight), or after `maxWaitMs`.
 * The data views wait for it before drawing a payload (they ask the core for it at once, so its
 * work overlaps the page's), so the page's thread draws what shows the selection first.
 */
export function whenSelectionShown(maxWaitMs = 400): Promise<void> {
  if (!pending) return Promise.resolve();
  return waiters.wait(maxWaitMs);
}

export function recordRender(ms: number): void {
  if (record.renders.length > 10_000) record.renders.splice(0, 5000);
  record.renders.push(ms);
}

export function recordFrameInterval(ms: number): void {
  if (record.frameIntervals.length > 10_000) record.frameIntervals.splice(0, 5000);
  record.frameIntervals.push(ms);
}

/** The 3D view has drawn every spike of selection `seq`'s clusters. */
export function recordFull3d(seq: number): void {
  const marks = performance.getEntriesByName(`kc:select:${seq}:start`);
  const start = marks[marks.length - 1];
  if (!start) return;
  if (record.full3d.length > 10_000) record.full3d.splice(0, 5000);
  record.full3d.push(performance.now() - start.startTime);
}
