/**
 * @file Display settings of the data views that commands change (waveform type, overlap and
 * scaling, correlogram bin and window, ISI axis, trace position): one reactive object, so a key
 * press and a toolbar button act on the same state. Persisted per user (localStorage).
 */
import type { WaveformMode } from '../../shared/contract/view-types.js';

export const WAVEFORM_MODES: readonly WaveformMode[] = ['templates', 'mean', 'raw', 'density'];

export interface ViewSettings {
  waveformMode: WaveformMode;
  /** Clusters drawn on top of each other (true) or side by side in each channel box. */
  waveformOverlap: boolean;
  /** Vertical and horizontal gains of the waveform, feature and trace views (1 = fit). */
  scaleY: number;
  scaleX: number;
  correlogramBinMs: number;
  correlogramWindowMs: number;
  isiLogX: boolean;
  /** Start of the trace window, seconds. */
  traceStartS: number;
  traceDurationS: number;
}

const DEFAULTS: ViewSettings = {
  waveformMode: 'templates',
  waveformOverlap: true,
  scaleY: 1,
  scaleX: 1,
  correlogramBinMs: 1,
  correlogramWindowMs: 50,
  isiLogX: false,
  traceStartS: 0,
  traceDurationS: 0.25,
};

const KEY = 'kilocurate:viewSettings';

function load(): ViewSettings {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const o = raw ? (JSON.parse(raw) as Partial<ViewSettings>) : {};
    const out = { ...DEFAULTS };
    for (const k of Object.keys(DEFAULTS) as Array<keyof ViewSettings>) {
      if (typeof o[k] === typeof DEFAULTS[k]) (out as Record<string, unknown>)[k] = o[k];
    }
    if (!WAVEFORM_MODES.includes(out.waveformMode)) out.waveformMode = DEFAULTS.waveformMode;
    out.traceStartS = 0;
    return out;
  } catch {
    return { ...DEFAULTS };
  }
}

export const viewSettings: ViewSettings = $state(load());

/** Stores the settings (called after a change). */
export function saveViewSettings(): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(viewSettings));
  } catch {
    // Storage full or disabled: the settings still apply for this session.
  }
}
