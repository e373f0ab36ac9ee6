/**
 * @file WaveformView geometry (pure): one box per shown channel, placed by probe geometry (x, y
 * in µm; shallower channels higher), and each cluster's waveform drawn inside its channel boxes:
 * the template or the mean as a line, raw snippets as faint lines under their mean, or a density
 * heat-map. Clusters overlap in each box, or sit side by side (overlap off). All coordinates are
 * CSS pixels.
 */
import type { WaveformsPayload } from '../../../shared/contract/view-types.js';
import { linearMap, rgba, SceneBuilder, type Box, type Scene2D } from '../../gl/scene2d.js';

export interface WaveformStyle {
  width: number;
  height: number;
  /** Cluster colours by position in the payload (hex). */
  colors: readonly string[];
  overlap: boolean;
  /** Vertical and horizontal gains (1 = fit the largest amplitude to the box). */
  scaleY: number;
  scaleX: number;
  dark: boolean;
}

export interface ChannelBoxes {
  /** One box per shown channel, in payload order. */
  boxes: Box[];
}

/** The smallest positive gap between sorted distinct values (or `fallback`). */
function minGap(values: number[], fallback: number): number {
  const u = [...new Set(values)].sort((a, b) => a - b);
  let g = Infinity;
  for (let i = 1; i < u.length; i++) g = Math.min(g, u[i]! - u[i - 1]!);
  return Number.isFinite(g) && g > 0 ? g : fallback;
}

/**
 * Channel boxes from probe positions: the x and y extents (padded by one channel pitch) are fitted
 * to the view; each box is one pitch wide and tall (a bit less, to leave a gap).
 */
export function channelBoxes(positions: Float32Array, width: number, height: number): ChannelBoxes {
  const n = positions.length / 2;
  const xs = Array.from({ length: n }, (_, j) => positions[2 * j]!);
  const ys = Array.from({ length: n }, (_, j) => positions[2 * j + 1]!);
  if (n === 0) return { boxes: [] };
  const dy = minGap(ys, 20);
  const dx = minGap(xs, 2 * dy);
  const pad = 6;
  const mx = linearMap(
    Math.min(...xs) - dx / 2,
    Math.max(...xs) + dx / 2,
    pad,
    Math.max(pad + 1, width - pad),
  );
  // Shallow (large y) at the top.
  const my = linearMap(
    Math.min(...ys) - dy / 2,
    Math.max(...ys) + dy / 2,
    Math.max(pad + 1, height - pad),
    pad,
  );
  const w = Math.abs(mx(dx) - mx(0)) * 0.92;
  const h = Math.abs(my(dy) - my(0)) * 0.92;
  return {
    boxes: xs.map((x, j) => ({
      x0: mx(x) - w / 2,
      x1: mx(x) + w / 2,
      y0: my(ys[j]!) - h / 2,
      y1: my(ys[j]!) + h / 2,
    })),
  };
}

/** The waveform arrays drawn as lines for cluster k (time-major nSamples x nChannels). */
function lineArrays(p: WaveformsPayload, k: number): Float32Array | null {
  const c = p.clusters[k]!;
  return p.mode === 'templates' ? (c.template?.mean ?? null) : (c.mean ?? null);
}

/** max |value| over everything drawn as lines (the vertical scale fits it to half a box). */
export function amplitudeScale(p: WaveformsPayload): number {
  if (p.mode === 'density' && p.amplitudeBins) {
    const m = Math.max(Math.abs(p.amplitudeBins.min), Math.abs(p.amplitudeBins.max));
    return m > 0 ? m : 1;
  }
  let m = 0;
  p.clusters.forEach((c, k) => {
    for (const a of [lineArrays(p, k), p.mode === 'raw' ? (c.snippets ?? null) : null]) {
      if (!a) continue;
      for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
    }
  });
  return m > 0 ? m : 1;
}

/** Pixel position of sample `t` of value `v` of cluster `k` on channel `j`. */
export interface WaveformLayout {
  boxes: Box[];
  x(k: number, j: number, t: number): number;
  y(j: number, v: number): number;
}

export function waveformLayout(p: WaveformsPayload, s: WaveformStyle): WaveformLayout {
  const { boxes } = channelBoxes(p.positions, s.width, s.height);
  const nC = p.clusters.length;
  const amp = amplitudeScale(p);
  const slots = s.overlap ? 1 : Math.max(1, nC);
  return {
    boxes,
    x: (k, j, t) => {
      const b = boxes[j]!;
      const slotW = (b.x1 - b.x0) / slots;
      const x0 = b.x0 + (s.overlap ? 0 : k) * slotW;
      const mid = x0 + slotW / 2;
      const frac = p.nSamples > 1 ? t / (p.nSamples - 1) : 0.5;
      return mid + (frac - 0.5) * slotW * s.scaleX;
    },
    y: (j, v) => {
      const b = boxes[j]!;
      return (b.y0 + b.y1) / 2 - (v / amp) * ((b.y1 - b.y0) / 2) * s.scaleY;
    },
  };
}

/** The WaveformView scene. */
export function waveformScene(p: WaveformsPayload, s: WaveformStyle): Scene2D {
  const b = new SceneBuilder();
  const L = waveformLayout(p, s);
  const nCh = p.channels.length;
  const frameColor = s.dark ? rgba('#2c313a', 1) : rgba('#cfd4dc', 1);
  L.boxes.forEach((box, j) => {
    b.frame(box.x0, box.y0, box.x1, box.y1, frameColor);
    b.label({ x: box.x0 + 2, y: box.y0 + 6, text: String(p.channels[j]) });
  });
  const xs = new Float32Array(p.nSamples);
  const ys = new Float32Array(p.nSamples);
  const drawLine = (
    k: number,
    j: number,
    arr: Float32Array,
    offset: number,
    color: ReturnType<typeof rgba>,
  ) => {
    for (let t = 0; t < p.nSamples; t++) {
      xs[t] = L.x(k, j, t);
      ys[t] = L.y(j, arr[offset + t * nCh + j]!);
    }
    b.polyline(xs, ys, color);
  };
  p.clusters.forEach((c, k) => {
    const hex = s.colors[k % s.colors.length]!;
    if (p.mode === 'density' && c.density && p.amplitudeBins) {
      densityCells(b, p, k, L, hex);
      return;
    }
    if (p.mode === 'raw' && c.snippets) {
      const per = p.nSamples * nCh;
      const n = c.snippets.length / per;
      const faint = rgba(hex, Math.min(0.5, Math.max(0.08, 6 / Math.max(1, n))));
      for (let i = 0; i < n; i++)
        for (let j = 0; j < nCh; j++) drawLine(k, j, c.snippets, i * per, faint);
    }
    const line = lineArrays(p, k);
    if (line) for (let j = 0; j < nCh; j++) drawLine(k, j, line, 0, rgba(hex, 1));
  });
  return b.build();
}

/** Density heat-map cells of cluster k: alpha grows with the count (shared amplitude bins). */
function densityCells(
  b: SceneBuilder,
  p: WaveformsPayload,
  k: number,
  L: WaveformLayout,
  hex: string,
): void {
  const c = p.clusters[k]!;
  const bins = p.amplitudeBins!;
  const d = c.density!;
  let max = 0;
  for (let i = 0; i < d.length; i++) max = Math.max(max, d[i]!);
  if (max === 0) return;
  const step = (bins.max - bins.min) / bins.nBins;
  const nCh = p.channels.length;
  for (let j = 0; j < nCh; j++) {
    for (let t = 0; t < p.nSamples; t++) {
      const xa = L.x(k, j, t - 0.5);
      const xb = L.x(k, j, t + 0.5);
      for (let a = 0; a < bins.nBins; a++) {
        const n = d[(j * p.nSamples + t) * bins.nBins + a]!;
        if (n === 0) continue;
        const v0 = bins.min + a * step;
        b.rect(xa, L.y(j, v0 + step), xb, L.y(j, v0), rgba(hex, 0.15 + 0.85 * Math.sqrt(n / max)));
      }
    }
  }
}
