/**
 * @file CorrelogramView geometry (pure): the n x n grid of correlograms as bars (ACGs on the
 * diagonal in the cluster's colour, CCGs in a neutral colour), each cell scaled to its own
 * maximum, with Phy's baseline (counts per bin expected without correlation) as a horizontal line
 * and the two refractory-period lines as vertical lines.
 */
import type { CorrelogramPayload } from '../../../shared/contract/view-types.js';
import {
  gridCells,
  linearMap,
  rgba,
  SceneBuilder,
  type Box,
  type Scene2D,
} from '../../gl/scene2d.js';

export interface CorrelogramStyle {
  width: number;
  height: number;
  colors: readonly string[];
  dark: boolean;
}

/** Counts of pair (i, j), nBins long. */
export function pairCounts(p: CorrelogramPayload, i: number, j: number): Int32Array {
  const n = p.nClusters;
  return p.counts.subarray((i * n + j) * p.nBins, (i * n + j + 1) * p.nBins);
}

/** The cell boxes, [i][j]. */
export function correlogramCells(p: CorrelogramPayload, s: CorrelogramStyle): Box[][] {
  return gridCells(
    { x0: 2, y0: 2, x1: s.width - 2, y1: s.height - 14 },
    p.nClusters,
    p.nClusters,
    4,
  );
}

export function correlogramScene(p: CorrelogramPayload, s: CorrelogramStyle): Scene2D {
  const b = new SceneBuilder();
  const cells = correlogramCells(p, s);
  const frame = s.dark ? rgba('#2c313a') : rgba('#cfd4dc');
  const neutral = s.dark ? rgba('#c8ccd4', 0.8) : rgba('#5f6875', 0.8);
  const guide = s.dark ? rgba('#ffffff', 0.45) : rgba('#000000', 0.4);
  for (let i = 0; i < p.nClusters; i++) {
    for (let j = 0; j < p.nClusters; j++) {
      const box = cells[i]![j]!;
      b.frame(box.x0, box.y0, box.x1, box.y1, frame);
      const c = pairCounts(p, i, j);
      const base = p.baseline[i * p.nClusters + j] ?? 0;
      let max = base;
      for (const v of c) max = Math.max(max, v);
      const mx = linearMap(0, p.nBins, box.x0, box.x1);
      const my = linearMap(0, max > 0 ? max * 1.05 : 1, box.y1, box.y0 + 2);
      const color = i === j ? rgba(s.colors[i % s.colors.length]!, 0.9) : neutral;
      for (let k = 0; k < p.nBins; k++) {
        const v = c[k]!;
        if (v > 0) b.rect(mx(k), my(v), mx(k + 1), my(0), color);
      }
      if (base > 0) b.line(box.x0, my(base), box.x1, my(base), guide);
      for (const r of p.refractoryLines) b.line(mx(r), box.y0, mx(r), box.y1, guide);
      if (i === j)
        b.label({
          x: box.x0 + 3,
          y: box.y0 + 7,
          text: `${p.clusterIds[i]}`,
          color: s.colors[i % s.colors.length]!,
        });
    }
  }
  const half = (p.windowS * 1000) / 2;
  b.label({
    x: 2,
    y: s.height - 6,
    text: `±${half.toFixed(half < 10 ? 1 : 0)} ms, bin ${(p.binS * 1000).toFixed(2)} ms`,
  });
  return b.build();
}
