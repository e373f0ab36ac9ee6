/**
 * @file Merge / split preview as a table (pure): one column per cluster the action would create
 * and one per parent, one row per key metric, each result's value followed by its change against
 * each parent (only the parent for a split's rest). Also flags results that look worse.
 */
import type {
  ActionPreview,
  SpikeSetSummary,
  SummaryDelta,
} from '../../../shared/contract/view-types.js';
import { gridCells, linearMap, rgba, SceneBuilder, type Scene2D } from '../../gl/scene2d.js';

export interface PreviewRow {
  key: keyof SummaryDelta;
  label: string;
  /** Formatted values: parents first, then results. */
  parents: string[];
  results: string[];
  /** Per result: formatted deltas against its parents ("+12 vs 4"). */
  deltas: string[][];
}

const METRICS: ReadonlyArray<{ key: keyof SummaryDelta; label: string; digits: number }> = [
  { key: 'nSpikes', label: 'spikes', digits: 0 },
  { key: 'fr', label: 'firing rate (Hz)', digits: 2 },
  { key: 'amplitudeMedian', label: 'median amplitude', digits: 1 },
  { key: 'isiViolationsRatio', label: 'ISI violations ratio', digits: 3 },
  { key: 'isiViolationsCount', label: 'ISI violations', digits: 0 },
  { key: 'contamPct', label: 'KS4 contamination %', digits: 1 },
];

/** A number with `digits` decimals; NaN as an en dash. */
export function formatValue(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/** A signed change ("+3", "−0.25"); NaN as an en dash. */
export function formatDelta(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '–';
  const t = Math.abs(v).toFixed(digits);
  return Number(t) === 0 ? `±${t}` : `${v > 0 ? '+' : '−'}${t}`;
}

export function previewRows(p: ActionPreview): PreviewRow[] {
  return METRICS.map(({ key, label, digits }) => ({
    key,
    label,
    parents: p.parents.map((x) => formatValue(x.summary[key] as number, digits)),
    results: p.results.map((r) => formatValue(r.summary[key] as number, digits)),
    deltas: p.results.map((r) =>
      r.deltas.map((d) => `${formatDelta(d.delta[key], digits)} vs ${d.parentId}`),
    ),
  }));
}

/** Column titles of the results: "merged", "selected spikes", "rest of 12". */
export function resultTitles(p: ActionPreview): string[] {
  return p.results.map((r) =>
    p.kind === 'merge'
      ? 'merged'
      : r.role === 'selection'
        ? 'selected spikes'
        : `rest of ${r.parentIds[0]}`,
  );
}

/** Whether the result's ISI violations ratio is above every parent's (a merge of two units?). */
export function worseIsi(result: SpikeSetSummary, parents: readonly SpikeSetSummary[]): boolean {
  return parents.every((p) => result.isiViolationsRatio > p.isiViolationsRatio);
}

/** ACG panels side by side: the results (in their colours), then the parents (neutral). */
export function previewAcgScene(
  p: ActionPreview,
  s: { width: number; height: number; colors: readonly string[]; dark: boolean },
): Scene2D {
  const b = new SceneBuilder();
  const panels = [
    ...p.results.map((r, k) => ({
      acg: r.summary.acg,
      hex: s.colors[k % s.colors.length]!,
      title: resultTitles(p)[k]!,
    })),
    ...p.parents.map((x) => ({
      acg: x.summary.acg,
      hex: s.dark ? '#aab2bf' : '#5f6875',
      title: `${x.clusterId}`,
    })),
  ];
  const cells = gridCells(
    { x0: 2, y0: 14, x1: s.width - 2, y1: s.height - 2 },
    1,
    panels.length,
    8,
  )[0]!;
  panels.forEach((panel, k) => {
    const box = cells[k]!;
    b.frame(box.x0, box.y0, box.x1, box.y1, s.dark ? rgba('#2c313a') : rgba('#cfd4dc'));
    let max = 0;
    for (const v of panel.acg) max = Math.max(max, v);
    const mx = linearMap(0, panel.acg.length, box.x0, box.x1);
    const my = linearMap(0, max > 0 ? max * 1.05 : 1, box.y1, box.y0);
    for (let i = 0; i < panel.acg.length; i++)
      if (panel.acg[i]! > 0)
        b.rect(mx(i), my(panel.acg[i]!), mx(i + 1), my(0), rgba(panel.hex, 0.9));
    b.label({
      x: (box.x0 + box.x1) / 2,
      y: 6,
      text: panel.title,
      align: 'middle',
      color: panel.hex,
    });
  });
  return b.build();
}
