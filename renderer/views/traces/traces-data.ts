/**
 * @file TraceView geometry (pure): a window of all channels stacked by channel (channel 0 at the
 * bottom, as Phy), each trace min/max-decimated to the pixel columns when it has more samples
 * than pixels; the spikes in the window are redrawn over their cluster's peak channel and its
 * neighbours (±1 ms), in the selected cluster's colour or a neutral highlight for the others.
 */
import type { TracesPayload } from '../../../shared/contract/view-types.js';
import { linearMap, rgba, SceneBuilder, type LinearMap, type Scene2D } from '../../gl/scene2d.js';

export interface TraceStyle {
  width: number;
  height: number;
  /** Colour of each selected cluster id. */
  colorOf: ReadonlyMap<number, string>;
  scaleY: number;
  dark: boolean;
}

export interface TraceLayout {
  mx: LinearMap;
  /** Baseline y of row j (channel position j in the payload). */
  rowY(j: number): number;
  /** Pixels per data unit. */
  gain: number;
  rowH: number;
  x0: number;
  x1: number;
}

/** Standard deviation of the whole window (the vertical scale unit). */
export function traceSpread(data: Float32Array): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < data.length; i++) {
    s += data[i]!;
    s2 += data[i]! * data[i]!;
  }
  const n = Math.max(1, data.length);
  const v = s2 / n - (s / n) ** 2;
  return v > 0 ? Math.sqrt(v) : 1;
}

export function traceLayout(p: TracesPayload, s: TraceStyle): TraceLayout {
  const x0 = 34;
  const x1 = s.width - 4;
  const y0 = 4;
  const y1 = s.height - 14;
  const n = Math.max(1, p.channels.length);
  const rowH = (y1 - y0) / n;
  return {
    mx: linearMap(p.startS, p.startS + p.nSamples / p.sampleRate, x0, x1),
    rowY: (j) => y1 - (j + 0.5) * rowH,
    gain: (rowH / (10 * traceSpread(p.data))) * s.scaleY,
    rowH,
    x0,
    x1,
  };
}

/** Draws samples [a, b) of row j, decimated to min/max per pixel column when dense. */
function traceLine(
  bld: SceneBuilder,
  p: TracesPayload,
  L: TraceLayout,
  j: number,
  a: number,
  b: number,
  color: ReturnType<typeof rgba>,
): void {
  const nCh = p.channels.length;
  const base = L.rowY(j);
  const yOf = (t: number) => base - p.data[t * nCh + j]! * L.gain;
  const xOf = (t: number) => L.x0 + ((t + 0.5) / p.nSamples) * (L.x1 - L.x0);
  const perPixel = p.nSamples / Math.max(1, L.x1 - L.x0);
  if (perPixel <= 2) {
    for (let t = a + 1; t < b; t++) bld.line(xOf(t - 1), yOf(t - 1), xOf(t), yOf(t), color);
    return;
  }
  let prevY = NaN;
  let prevX = NaN;
  for (let px = Math.floor((a / p.nSamples) * (L.x1 - L.x0)); ; px++) {
    const ta = Math.max(a, Math.floor(px * perPixel));
    const tb = Math.min(b, Math.floor((px + 1) * perPixel));
    if (ta >= b) break;
    if (tb <= ta) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = ta; t < tb; t++) {
      const y = yOf(t);
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
    const x = L.x0 + px + 0.5;
    bld.line(x, lo, x, hi + 0.5, color);
    if (Number.isFinite(prevY)) bld.line(prevX, prevY, x, (lo + hi) / 2, color);
    prevX = x;
    prevY = (lo + hi) / 2;
  }
}

/** Rows (payload channel positions) a spike is drawn on: its peak channel and 2 on each side. */
function spikeRows(p: TracesPayload, peak: number): number[] {
  const j = p.channels.indexOf(peak);
  if (j < 0) return [];
  const out: number[] = [];
  for (let d = -2; d <= 2; d++) if (j + d >= 0 && j + d < p.channels.length) out.push(j + d);
  return out;
}

export function traceScene(p: TracesPayload, s: TraceStyle): Scene2D {
  const b = new SceneBuilder();
  const L = traceLayout(p, s);
  const traceColor = s.dark ? rgba('#aab2bf', 0.75) : rgba('#3d4450', 0.75);
  const other = s.dark ? rgba('#ffffff', 0.9) : rgba('#000000', 0.9);
  for (let j = 0; j < p.channels.length; j++) traceLine(b, p, L, j, 0, p.nSamples, traceColor);
  const half = Math.round(0.001 * p.sampleRate);
  const sp = p.spikes;
  for (let i = 0; i < sp.spikes.length; i++) {
    const hex = s.colorOf.get(sp.clusters[i]!);
    const t = Math.round((sp.timeS[i]! - p.startS) * p.sampleRate);
    const color = hex ? rgba(hex, 1) : other;
    for (const j of spikeRows(p, sp.peakChannels[i]!))
      traceLine(b, p, L, j, Math.max(0, t - half), Math.min(p.nSamples, t + half), color);
  }
  const every = Math.max(1, Math.ceil(12 / Math.max(1, L.rowH)));
  for (let j = 0; j < p.channels.length; j += every)
    b.label({ x: L.x0 - 3, y: L.rowY(j), text: String(p.channels[j]), align: 'end' });
  const end = p.startS + p.nSamples / p.sampleRate;
  b.label({ x: L.x0, y: s.height - 6, text: `${p.startS.toFixed(3)} s` });
  b.label({ x: L.x1, y: s.height - 6, text: `${end.toFixed(3)} s`, align: 'end' });
  return b.build();
}

/** The index (in p.spikes) of the spike nearest a click, within `maxPx` pixels, or -1. */
export function spikeAt(
  p: TracesPayload,
  L: TraceLayout,
  x: number,
  y: number,
  maxPx = 12,
): number {
  let best = -1;
  let bestD = maxPx * maxPx;
  const sp = p.spikes;
  for (let i = 0; i < sp.spikes.length; i++) {
    const j = p.channels.indexOf(sp.peakChannels[i]!);
    if (j < 0) continue;
    const dx = L.mx(sp.timeS[i]!) - x;
    const dy = L.rowY(j) - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
