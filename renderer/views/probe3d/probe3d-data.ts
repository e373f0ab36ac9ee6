/**
 * @file Data for the 3D spike view, pure: the scene transform (µm on x and y, the third axis scaled
 * to a comparable extent), point buffers from a SpikeCloud, the probe outline (shanks, contacts,
 * depth ticks) and the spikes a lasso selects for a split.
 */
import type { ProbeGeometry, SpikeCloud } from '../../../shared/contract/types.js';
import { pointsInPolygon, projectPoints, type Polygon } from '../../gl/lasso.js';
import { CLUSTER_PALETTE, hexToRgb } from '../../ui/colors.js';

/** Maps the third-axis value range onto scene units. */
export interface SceneTransform {
  /** z scene = (value - zMin) * zScale. */
  readonly zMin: number;
  readonly zScale: number;
  /** Scene bounding box [xmin, ymin, zmin, xmax, ymax, zmax]. */
  readonly bounds: readonly [number, number, number, number, number, number];
}

export interface ProbeOutline {
  /** Contact centres, interleaved x, y (µm). */
  readonly contacts: Float32Array;
  /** One rectangle per shank (µm), padded around its contacts. */
  readonly shanks: ReadonlyArray<{ shank: number; x0: number; x1: number; y0: number; y1: number }>;
  /** Depth axis tick values (µm). */
  readonly depthTicks: readonly number[];
  readonly yMin: number;
  readonly yMax: number;
}

/** A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` ticks over `span`. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** Shank rectangles, contacts and depth ticks from the probe geometry. */
export function probeOutline(geometry: ProbeGeometry, pad = 12): ProbeOutline {
  const n = geometry.channelMap.length;
  const byShank = new Map<number, { x0: number; x1: number; y0: number; y1: number }>();
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let c = 0; c < n; c++) {
    const x = geometry.positions[2 * c]!;
    const y = geometry.positions[2 * c + 1]!;
    const s = geometry.shanks[c] ?? 0;
    const r = byShank.get(s) ?? { x0: x, x1: x, y0: y, y1: y };
    byShank.set(s, {
      x0: Math.min(r.x0, x),
      x1: Math.max(r.x1, x),
      y0: Math.min(r.y0, y),
      y1: Math.max(r.y1, y),
    });
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (n === 0) {
    yMin = 0;
    yMax = 0;
  }
  const shanks = [...byShank]
    .sort((a, b) => a[0] - b[0])
    .map(([shank, r]) => ({
      shank,
      x0: r.x0 - pad,
      x1: r.x1 + pad,
      y0: r.y0 - pad,
      y1: r.y1 + pad,
    }));
  const stepUm = niceStep(yMax - yMin, 8);
  const depthTicks: number[] = [];
  for (let t = Math.ceil(yMin / stepUm) * stepUm; t <= yMax + 1e-9; t += stepUm) depthTicks.push(t);
  return { contacts: geometry.positions.slice(0, 2 * n), shanks, depthTicks, yMin, yMax };
}

/**
 * The scene transform: x and y stay in µm; the third axis spans `zRange` mapped onto half the
 * larger of the probe's extents (so neither the probe nor the third axis is flattened).
 */
export function sceneTransform(
  outline: ProbeOutline,
  zRange: readonly [number, number],
): SceneTransform {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const s of outline.shanks) {
    x0 = Math.min(x0, s.x0);
    x1 = Math.max(x1, s.x1);
  }
  if (!Number.isFinite(x0)) {
    x0 = 0;
    x1 = 1;
  }
  const extent = Math.max(x1 - x0, outline.yMax - outline.yMin, 1);
  const zSpan = zRange[1] - zRange[0];
  const zScale = zSpan > 0 && Number.isFinite(zSpan) ? (0.5 * extent) / zSpan : 1;
  return {
    zMin: Number.isFinite(zRange[0]) ? zRange[0] : 0,
    zScale,
    bounds: [x0, outline.yMin, 0, x1, outline.yMax, 0.5 * extent],
  };
}

/** Interleaved scene positions of a cloud's spikes. */
export function cloudPositions(cloud: SpikeCloud, t: SceneTransform): Float32Array {
  const n = cloud.x.length;
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    out[3 * i] = cloud.x[i]!;
    out[3 * i + 1] = cloud.y[i]!;
    out[3 * i + 2] = (cloud.z[i]! - t.zMin) * t.zScale;
  }
  return out;
}

/**
 * Per-point colour slot for the selected clusters' points: the position of the point's cluster in
 * `selected` (which picks its palette colour), or -1 when the cluster is not selected.
 */
export function colorSlots(clusters: Int32Array, selected: readonly number[]): Float32Array {
  const slot = new Map<number, number>();
  selected.forEach((id, i) => slot.set(id, i));
  const out = new Float32Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) out[i] = slot.get(clusters[i]!) ?? -1;
  return out;
}

/**
 * The spikes a lasso splits off: of the points of `cloud` (which must hold ALL spikes of the
 * target clusters, from spikes:ofClusters) whose cluster is in `targets`, those whose projection
 * lies inside `polygon`. Returns sorted spike indices.
 */
export function lassoSpikes(
  cloud: SpikeCloud,
  positions: Float32Array,
  targets: readonly number[],
  mvp: ArrayLike<number>,
  width: number,
  height: number,
  polygon: Polygon,
): Uint32Array<ArrayBuffer> {
  if (!cloud.spikes) throw new Error('the spike cloud carries no spike indices');
  if (cloud.sampled)
    throw new Error('a lasso split needs every spike of the cluster, not a sample');
  const screen = projectPoints(positions, mvp, width, height);
  const targetSet = new Set(targets);
  const inside = pointsInPolygon(screen, polygon).filter((i) => targetSet.has(cloud.clusters[i]!));
  const out = Uint32Array.from(inside, (i) => cloud.spikes![i]!);
  return out.sort();
}

/** Point indices of a cloud grouped by cluster id (each group ascending). */
export type ClusterPoints = ReadonlyMap<number, Uint32Array>;

/** Groups the points of a cloud by cluster in two linear passes (count, then scatter). */
export function pointsByCluster(clusters: Int32Array): ClusterPoints {
  const counts = new Map<number, number>();
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const groups = new Map<number, { at: number; points: Uint32Array }>();
  for (const [c, n] of counts) groups.set(c, { at: 0, points: new Uint32Array(n) });
  for (let i = 0; i < clusters.length; i++) {
    const g = groups.get(clusters[i]!)!;
    g.points[g.at++] = i;
  }
  return new Map([...groups].map(([c, g]) => [c, g.points]));
}

/** The selected clusters' points taken out of a larger cloud, ready to draw and to pick. */
export interface PointSubset {
  /** The subset as a cloud (same per-point fields, spike indices kept). */
  cloud: SpikeCloud;
  /** Interleaved scene positions, copied from the larger cloud's. */
  positions: Float32Array;
  /** Colour slot of each point (its cluster's position in the selection). */
  slots: Float32Array;
}

/**
 * The points of `selected` clusters in `cloud` (whose scene positions are `positions` and whose
 * points are grouped by `groups`), cluster by cluster in selection order. Costs O(points taken):
 * this is what lets the 3D view highlight a selection from the background it already holds.
 */
export function selectedSubset(
  cloud: SpikeCloud,
  positions: Float32Array,
  groups: ClusterPoints,
  selected: readonly number[],
): PointSubset {
  const parts = selected.map((id) => groups.get(id) ?? new Uint32Array(0));
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = {
    x: new Float32Array(n),
    y: new Float32Array(n),
    z: new Float32Array(n),
    clusters: new Int32Array(n),
    spikes: cloud.spikes ? new Uint32Array(n) : null,
    positions: new Float32Array(3 * n),
    slots: new Float32Array(n),
  };
  let k = 0;
  let lo = Infinity;
  let hi = -Infinity;
  parts.forEach((points, slot) => {
    for (let j = 0; j < points.length; j++, k++) {
      const i = points[j]!;
      out.x[k] = cloud.x[i]!;
      out.y[k] = cloud.y[i]!;
      const z = (out.z[k] = cloud.z[i]!);
      if (z < lo) lo = z;
      if (z > hi) hi = z;
      out.clusters[k] = cloud.clusters[i]!;
      if (out.spikes) out.spikes[k] = cloud.spikes![i]!;
      out.positions[3 * k] = positions[3 * i]!;
      out.positions[3 * k + 1] = positions[3 * i + 1]!;
      out.positions[3 * k + 2] = positions[3 * i + 2]!;
      out.slots[k] = slot;
    }
  });
  return {
    cloud: {
      revision: cloud.revision,
      spikes: out.spikes,
      sampled: cloud.sampled,
      x: out.x,
      y: out.y,
      z: out.z,
      clusters: out.clusters,
      zRange: n > 0 ? [lo, hi] : [0, 1],
    },
    positions: out.positions,
    slots: out.slots,
  };
}

/** Straight-alpha RGBA per point from palette slots (as the point shader colours them). */
export function slotColors(slots: Float32Array, alpha: number): Float32Array {
  // A flat table, index 3 * slot (the last entry: white, for slot -1): no per-point allocation.
  const n = CLUSTER_PALETTE.length;
  const table = new Float32Array(3 * (n + 1));
  CLUSTER_PALETTE.forEach((h, i) => table.set(hexToRgb(h), 3 * i));
  table.set([1, 1, 1], 3 * n);
  const out = new Float32Array(4 * slots.length);
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    const k = 3 * (s < 0 ? n : s % n);
    out[4 * i] = table[k]!;
    out[4 * i + 1] = table[k + 1]!;
    out[4 * i + 2] = table[k + 2]!;
    out[4 * i + 3] = alpha;
  }
  return out;
}
