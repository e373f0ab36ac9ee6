/**
 * @file Firing-rate view geometry (pure): each selected cluster's rate (Hz) over the recording
 * as a step line in its colour, on one y axis shared by the clusters (0 .. the highest rate).
 */
import type { ClusterFiringRate } from '../../../shared/contract/view-types.js';
import { linearMap, rgba, SceneBuilder, type Scene2D } from '../../gl/scene2d.js';

export interface FiringRateStyle {
  width: number;
  height: number;
  colors: readonly string[];
  dark: boolean;
}

/** The highest rate of any bin of any cluster (Hz), at least 1. */
export function maxRate(rates: readonly ClusterFiringRate[]): number {
  let m = 0;
  for (const r of rates) for (const v of r.rateHz) m = Math.max(m, v);
  return m > 0 ? m : 1;
}

export function firingRateScene(rates: readonly ClusterFiringRate[], s: FiringRateStyle): Scene2D {
  const b = new SceneBuilder();
  const first = rates[0];
  if (!first) return b.build();
  const box = { x0: 40, y0: 6, x1: s.width - 6, y1: s.height - 16 };
  const e = first.edgesS;
  const mx = linearMap(e[0]!, e[e.length - 1]!, box.x0, box.x1);
  const top = maxRate(rates) * 1.05;
  const my = linearMap(0, top, box.y1, box.y0);
  b.frame(box.x0, box.y0, box.x1, box.y1, s.dark ? rgba('#2c313a') : rgba('#cfd4dc'));
  rates.forEach((r, k) => {
    const col = rgba(s.colors[k % s.colors.length]!, 0.95);
    for (let i = 0; i < r.rateHz.length; i++) {
      const y = my(r.rateHz[i]!);
      b.line(mx(r.edgesS[i]!), y, mx(r.edgesS[i + 1]!), y, col);
      if (i + 1 < r.rateHz.length)
        b.line(mx(r.edgesS[i + 1]!), y, mx(r.edgesS[i + 1]!), my(r.rateHz[i + 1]!), col);
    }
  });
  b.label({ x: box.x0 - 3, y: box.y0 + 4, text: `${top.toPrecision(3)} Hz`, align: 'end' });
  b.label({ x: box.x0 - 3, y: box.y1 - 4, text: '0', align: 'end' });
  b.label({ x: box.x0, y: box.y1 + 9, text: '0 s' });
  b.label({ x: box.x1, y: box.y1 + 9, text: `${e[e.length - 1]!.toFixed(0)} s`, align: 'end' });
  return b.build();
}
