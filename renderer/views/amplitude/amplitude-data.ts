/**
 * @file Amplitude-over-time geometry (pure), also used by the depth-over-time view: a scatter of
 * each selected cluster's spikes (time in s on x, the value on y) over grey background spikes,
 * and at the right each cluster's histogram of the value over ALL its spikes, on the same y axis.
 * `lassoInData` maps a pixel lasso on the scatter back to (time, value).
 */
import type { OverTimePayload } from '../../../shared/contract/view-types.js';
import {
  finiteRange,
  linearMap,
  rgba,
  SceneBuilder,
  type Box,
  type LinearMap,
  type Scene2D,
} from '../../gl/scene2d.js';

export interface OverTimeStyle {
  width: number;
  height: number;
  colors: readonly string[];
  dark: boolean;
}

export interface OverTimeLayout {
  plot: Box;
  hist: Box;
  mx: LinearMap;
  my: LinearMap;
}

/** Plot and histogram boxes and the (time, value) -> pixel maps. */
export function overTimeLayout(p: OverTimePayload, s: OverTimeStyle): OverTimeLayout {
  const left = 40;
  const histW = Math.max(30, Math.min(120, s.width * 0.18));
  const plot = { x0: left, y0: 6, x1: s.width - histW - 8, y1: s.height - 18 };
  const hist = { x0: plot.x1 + 4, y0: plot.y0, x1: s.width - 4, y1: plot.y1 };
  const edges = p.histogramEdges;
  const [v0, v1] = finiteRange([
    p.background.values,
    ...p.clusters.map((c) => c.values),
    [edges[0]!, edges[edges.length - 1]!],
  ]);
  const pad = (v1 - v0) * 0.03;
  return {
    plot,
    hist,
    mx: linearMap(0, p.durationS > 0 ? p.durationS : 1, plot.x0, plot.x1),
    my: linearMap(v0 - pad, v1 + pad, plot.y1, plot.y0),
  };
}

/** A pixel lasso as a (time s, value) polygon. */
export function lassoInData(L: OverTimeLayout, pixels: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < pixels.length; i += 2)
    out.push(L.mx.inverse(pixels[i]!), L.my.inverse(pixels[i + 1]!));
  return out;
}

/** The scene of the amplitude (or depth) over time view. */
export function overTimeScene(p: OverTimePayload, s: OverTimeStyle, unit: string): Scene2D {
  const b = new SceneBuilder();
  b.pointSize = 2;
  const L = overTimeLayout(p, s);
  const { plot, hist, mx, my } = L;
  const frame = s.dark ? rgba('#2c313a') : rgba('#cfd4dc');
  b.frame(plot.x0, plot.y0, plot.x1, plot.y1, frame);
  b.frame(hist.x0, hist.y0, hist.x1, hist.y1, frame);
  const [v0, v1] = [my.inverse(plot.y1), my.inverse(plot.y0)];
  b.label({ x: plot.x0 - 3, y: plot.y0 + 4, text: fmt(v1), align: 'end' });
  b.label({ x: plot.x0 - 3, y: plot.y1 - 4, text: fmt(v0), align: 'end' });
  b.label({ x: plot.x0 - 3, y: (plot.y0 + plot.y1) / 2, text: unit, align: 'end' });
  b.label({ x: plot.x0, y: plot.y1 + 9, text: '0 s' });
  b.label({ x: plot.x1, y: plot.y1 + 9, text: `${fmt(p.durationS)} s`, align: 'end' });
  const grey = s.dark ? rgba('#8a93a0', 0.3) : rgba('#5f6875', 0.25);
  const bg = p.background;
  b.reservePoints(p.clusters.reduce((n, c) => n + c.timeS.length, bg.timeS.length));
  for (let i = 0; i < bg.timeS.length; i++) b.point(mx(bg.timeS[i]!), my(bg.values[i]!), grey);
  p.clusters.forEach((c, k) => {
    const col = rgba(s.colors[k % s.colors.length]!, 0.85);
    for (let i = 0; i < c.timeS.length; i++) b.point(mx(c.timeS[i]!), my(c.values[i]!), col);
  });
  // Histograms: bars growing leftwards from the right edge, each cluster scaled to its own max.
  const e = p.histogramEdges;
  p.clusters.forEach((c, k) => {
    let max = 0;
    for (const n of c.histogram) max = Math.max(max, n);
    if (max === 0) return;
    const col = rgba(s.colors[k % s.colors.length]!, 0.55);
    const w = hist.x1 - hist.x0;
    for (let i = 0; i < c.histogram.length; i++) {
      const n = c.histogram[i]!;
      if (n === 0) continue;
      b.rect(hist.x0, my(e[i + 1]!), hist.x0 + (n / max) * w, my(e[i]!), col);
    }
  });
  return b.build();
}

/** Short number text for axis labels. */
export function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000 || a === 0) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toPrecision(2);
}
