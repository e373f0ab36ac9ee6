/**
 * @file What the 2D data views offer to commands while they are mounted: lasso sources (the
 * feature, amplitude and depth views; K splits the spikes of the most recently drawn lasso, which
 * the server computes over ALL spikes of the clusters) and the trace view's spike picking. One
 * registry per app; the 3D view keeps its own handle on the app (app.view3d).
 */
import type { AppState } from '../state/app.svelte.js';

export interface LassoSource {
  readonly view: string;
  /** When its lasso was drawn (performance.now()), or null without one. */
  lassoDrawnAt(): number | null;
  /** All spikes of the shown clusters inside the lasso (computed by the core). */
  lassoSpikes(): Promise<Uint32Array<ArrayBuffer> | null>;
  clearLasso(): void;
}

const sources = new WeakMap<AppState, Set<LassoSource>>();

/** Registers a lasso source; returns the function that unregisters it. */
export function registerLassoSource(app: AppState, source: LassoSource): () => void {
  let set = sources.get(app);
  if (!set) sources.set(app, (set = new Set()));
  set.add(source);
  return () => set.delete(source);
}

/** The source whose lasso was drawn last, or null when no 2D view holds a lasso. */
export function activeLassoSource(app: AppState): LassoSource | null {
  let best: LassoSource | null = null;
  let at = -Infinity;
  for (const s of sources.get(app) ?? []) {
    const t = s.lassoDrawnAt();
    if (t !== null && t > at) {
      at = t;
      best = s;
    }
  }
  return best;
}

/** Clears the lasso of every 2D view (after a split was applied or cancelled). */
export function clearAllLassos(app: AppState): void {
  for (const s of sources.get(app) ?? []) s.clearLasso();
}
