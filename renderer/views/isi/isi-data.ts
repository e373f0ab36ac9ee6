/**
 * @file ISI view geometry (pure): each selected cluster's inter-spike-interval histogram over ALL
 * its spikes, overlaid as step lines in its colour and scaled to its own maximum; linear x
 * (0..50 ms) or log x (0.1 ms .. 10 s), with a vertical line at the ISI-violation threshold.
 */
import type { ClusterIsi } from '../../../shared/contract/view-types.js';
import { linearMap, rgba, SceneBuilder, type Scene2D } from '../../gl/scene2d.js';

export interface IsiStyle {
  width: number;
  height: number;
  colors: readonly string[];
  logX: boolean;
  /** Threshold line, seconds (SpikeInterface's default 1.5 ms). */
  thresholdS: number;
  dark: boolean;
}

/** The x pixel of an interval (s) on the chosen axis. */
export function isiX(s: IsiStyle, lo: number, hi: number): (v: number) => number {
  const box = { x0: 8, x1: s.width - 8 };
  if (!s.logX) return linearMap(lo, hi, box.x0, box.x1);
  const m = linearMap(Math.log10(lo), Math.log10(hi), box.x0, box.x1);
  return (v) => m(Math.log10(Math.max(v, lo)));
}

export function isiScene(isis: readonly ClusterIsi[], s: IsiStyle): Scene2D {
  const b = new SceneBuilder();
  const y0 = s.height - 16;
  const y1 = 6;
  const first = isis[0];
  if (!first) return b.build();
  const hist = (c: ClusterIsi) => (s.logX ? c.log : c.linear);
  const edges = hist(first).edgesS;
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const mx = isiX(s, lo, hi);
  const frame = s.dark ? rgba('#2c313a') : rgba('#cfd4dc');
  b.frame(mx(lo), y1, mx(hi), y0, frame);
  isis.forEach((c, k) => {
    const h = hist(c);
    let max = 0;
    for (const n of h.counts) max = Math.max(max, n);
    const my = linearMap(0, max > 0 ? max * 1.05 : 1, y0, y1);
    const col = rgba(s.colors[k % s.colors.length]!, 0.95);
    for (let i = 0; i < h.counts.length; i++) {
      const xa = mx(h.edgesS[i]!);
      const xb = mx(h.edgesS[i + 1]!);
      const y = my(h.counts[i]!);
      b.rect(xa, y, xb, y0, rgba(s.colors[k % s.colors.length]!, 0.18));
      b.line(xa, y, xb, y, col);
      if (i + 1 < h.counts.length) b.line(xb, y, xb, my(h.counts[i + 1]!), col);
    }
  });
  if (s.thresholdS > lo && s.thresholdS < hi) {
    const x = mx(s.thresholdS);
    b.line(x, y1, x, y0, s.dark ? rgba('#ff6b6b', 0.8) : rgba('#d23c3c', 0.8));
  }
  const ms = (v: number) => `${+(v * 1000).toPrecision(2)} ms`;
  b.label({ x: mx(lo), y: y0 + 9, text: ms(lo) });
  b.label({ x: mx(hi), y: y0 + 9, text: ms(hi), align: 'end' });
  return b.build();
}
