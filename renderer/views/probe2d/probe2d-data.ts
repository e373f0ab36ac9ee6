/**
 * @file Data for the 2D probe view: which channels to highlight for the selected clusters and where
 * to draw each channel. The table gives each cluster's peak channel; as Phy's best-channel list
 * (phylib model.py:832-863) we add the nearest channels on the same shank, up to `nBest` in all.
 */
import type { ProbeGeometry } from '../../../shared/contract/types.js';

/** The `n` channels nearest to `center` on its shank (the centre first), by Euclidean distance. */
export function nearestChannels(geometry: ProbeGeometry, center: number, n: number): number[] {
  const nCh = geometry.channelMap.length;
  if (center < 0 || center >= nCh) return [];
  const cx = geometry.positions[2 * center]!;
  const cy = geometry.positions[2 * center + 1]!;
  const shank = geometry.shanks[center] ?? 0;
  const candidates: Array<[number, number]> = [];
  for (let c = 0; c < nCh; c++) {
    if ((geometry.shanks[c] ?? 0) !== shank) continue;
    const dx = geometry.positions[2 * c]! - cx;
    const dy = geometry.positions[2 * c + 1]! - cy;
    candidates.push([dx * dx + dy * dy, c]);
  }
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return candidates.slice(0, n).map(([, c]) => c);
}

/**
 * For every channel, the selection slot of the first selected cluster whose best channels include
 * it (-1: none), and whether it is that cluster's peak channel.
 */
export function highlightChannels(
  geometry: ProbeGeometry,
  bestChannels: readonly number[],
  nBest: number,
): { slot: Int32Array; peak: Uint8Array } {
  const n = geometry.channelMap.length;
  const slot = new Int32Array(n).fill(-1);
  const peak = new Uint8Array(n);
  bestChannels.forEach((best, i) => {
    for (const c of nearestChannels(geometry, best, nBest)) if (slot[c] === -1) slot[c] = i;
    if (best >= 0 && best < n) peak[best] = 1;
  });
  return { slot, peak };
}

/** Maps probe µm to canvas pixels, preserving aspect ratio, y up (deeper contacts lower). */
export function fitProbe(
  geometry: ProbeGeometry,
  width: number,
  height: number,
  margin: number,
): { scale: number; toX: (x: number) => number; toY: (y: number) => number } {
  const n = geometry.channelMap.length;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let c = 0; c < n; c++) {
    x0 = Math.min(x0, geometry.positions[2 * c]!);
    x1 = Math.max(x1, geometry.positions[2 * c]!);
    y0 = Math.min(y0, geometry.positions[2 * c + 1]!);
    y1 = Math.max(y1, geometry.positions[2 * c + 1]!);
  }
  if (n === 0) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const w = Math.max(x1 - x0, 1);
  const h = Math.max(y1 - y0, 1);
  const scale = Math.min((width - 2 * margin) / w, (height - 2 * margin) / h);
  const ox = (width - scale * w) / 2;
  const oy = (height - scale * h) / 2;
  return { scale, toX: (x) => ox + (x - x0) * scale, toY: (y) => height - oy - (y - y0) * scale };
}
