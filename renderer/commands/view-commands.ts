/**
 * @file Commands of the data views (Phy's keys): waveform type (W / Shift+W), mean (M), overlap
 * (O); scaling (Ctrl+arrows); trace stepping (Alt+arrows, Alt+Shift+arrows jump) and the next /
 * previous spike of the selected cluster (Alt+PgDn / Alt+PgUp).
 */
import { getApi } from '../state/api-context.js';
import type { AppState } from '../state/app.svelte.js';
import { saveViewSettings, viewSettings, WAVEFORM_MODES } from '../gl/view-settings.svelte.js';
import type { Command } from './registry.js';

function cycleMode(dir: 1 | -1): void {
  const i = WAVEFORM_MODES.indexOf(viewSettings.waveformMode);
  const n = WAVEFORM_MODES.length;
  viewSettings.waveformMode = WAVEFORM_MODES[(i + dir + n) % n]!;
  saveViewSettings();
}

function scale(axis: 'scaleX' | 'scaleY', factor: number): void {
  viewSettings[axis] = Math.min(50, Math.max(0.05, viewSettings[axis] * factor));
  saveViewSettings();
}

/** Moves the trace window by `windows` window lengths (never before 0). */
function stepTraces(windows: number): void {
  viewSettings.traceStartS = Math.max(
    0,
    viewSettings.traceStartS + windows * viewSettings.traceDurationS,
  );
}

/** Centres the trace window on the next / previous spike of the first selected cluster. */
async function spikeOfSelected(app: AppState, direction: 'next' | 'previous'): Promise<void> {
  const id = app.selected[0];
  if (id === undefined) {
    app.notices.push('info', 'Select a cluster first.');
    return;
  }
  const half = viewSettings.traceDurationS / 2;
  const centre = viewSettings.traceStartS + half;
  // Strictly after/before the centre, nudged by a sample's worth so the current spike is skipped.
  const from = centre + (direction === 'next' ? 1e-4 : -1e-4);
  const at = await getApi().invoke('views:stepSpike', { clusterId: id, timeS: from, direction });
  if (!at) {
    app.notices.push('info', `No ${direction} spike of cluster ${id}.`);
    return;
  }
  viewSettings.traceStartS = Math.max(0, at.timeS - half);
}

export const VIEW_COMMANDS: Command[] = [
  {
    id: 'waveform.nextType',
    title: 'Waveforms: next type',
    category: 'View',
    run: () => cycleMode(1),
  },
  {
    id: 'waveform.prevType',
    title: 'Waveforms: previous type',
    category: 'View',
    run: () => cycleMode(-1),
  },
  {
    id: 'waveform.toggleMean',
    title: 'Waveforms: toggle mean / templates',
    category: 'View',
    run: () => {
      viewSettings.waveformMode = viewSettings.waveformMode === 'mean' ? 'templates' : 'mean';
      saveViewSettings();
    },
  },
  {
    id: 'waveform.toggleOverlap',
    title: 'Waveforms: toggle overlap',
    category: 'View',
    run: () => {
      viewSettings.waveformOverlap = !viewSettings.waveformOverlap;
      saveViewSettings();
    },
  },
  {
    id: 'view.scaleUp',
    title: 'Views: increase vertical scale',
    category: 'View',
    run: () => scale('scaleY', 1.25),
  },
  {
    id: 'view.scaleDown',
    title: 'Views: decrease vertical scale',
    category: 'View',
    run: () => scale('scaleY', 0.8),
  },
  {
    id: 'view.widen',
    title: 'Views: increase horizontal scale',
    category: 'View',
    run: () => scale('scaleX', 1.25),
  },
  {
    id: 'view.narrow',
    title: 'Views: decrease horizontal scale',
    category: 'View',
    run: () => scale('scaleX', 0.8),
  },
  {
    id: 'traces.stepForward',
    title: 'Traces: step forward',
    category: 'View',
    run: () => stepTraces(0.5),
  },
  {
    id: 'traces.stepBack',
    title: 'Traces: step back',
    category: 'View',
    run: () => stepTraces(-0.5),
  },
  {
    id: 'traces.jumpForward',
    title: 'Traces: jump forward',
    category: 'View',
    run: () => stepTraces(4),
  },
  {
    id: 'traces.jumpBack',
    title: 'Traces: jump back',
    category: 'View',
    run: () => stepTraces(-4),
  },
  {
    id: 'traces.nextSpike',
    title: 'Traces: next spike of the selected cluster',
    category: 'View',
    run: (app) => spikeOfSelected(app, 'next'),
  },
  {
    id: 'traces.prevSpike',
    title: 'Traces: previous spike of the selected cluster',
    category: 'View',
    run: (app) => spikeOfSelected(app, 'previous'),
  },
];
