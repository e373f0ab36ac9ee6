/**
 * @file FeatureView geometry (pure): Phy's grid of PC projections (cell [row][col] plots x dim
 * against y dim; 'time' gives the time axis), background spikes in grey under the selected
 * clusters' spikes in their colours. Each dimension has one range shared by every cell, so a
 * lasso drawn in any cell maps back to data coordinates exactly (`lassoInData`).
 */
import type { FeaturesPayload } from '../../../shared/contract/view-types.js';
import {
  finiteRange,
  gridCells,
  linearMap,
  rgba,
  SceneBuilder,
  type Box,
  type LinearMap,
  type Rgba,
  type Scene2D,
} from '../../gl/scene2d.js';

export interface FeatureStyle {
  width: number;
  height: number;
  colors: readonly string[];
  /** Zoom of the PC dimensions around 0 (1 = fit the data). */
  scale: number;
  dark: boolean;
}

export interface FeatureCell {
  row: number;
  col: number;
  box: Box;
  x: string;
  y: string;
  mx: LinearMap;
  my: LinearMap;
}

/** The data range of each dimension over the clusters and the background. */
export function dimRanges(p: FeaturesPayload, scale = 1): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const d of p.dims) {
    const arrays = [p.background.columns[d], ...p.clusters.map((c) => c.columns[d])].filter(
      (a): a is Float32Array => a !== undefined,
    );
    let [lo, hi] = finiteRange(arrays);
    if (d !== 'time' && scale !== 1) {
      const m = Math.max(Math.abs(lo), Math.abs(hi)) / scale;
      [lo, hi] = [-m, m];
    }
    const pad = (hi - lo) * 0.03;
    out[d] = [lo - pad, hi + pad];
  }
  return out;
}

/** The grid cells with their data -> pixel maps. */
export function featureCells(p: FeaturesPayload, s: FeatureStyle): FeatureCell[] {
  const rows = p.grid.length;
  const cols = p.grid[0]?.length ?? 0;
  const boxes = gridCells({ x0: 2, y0: 2, x1: s.width - 2, y1: s.height - 2 }, rows, cols, 4);
  const ranges = dimRanges(p, s.scale);
  const cells: FeatureCell[] = [];
  p.grid.forEach((row, r) =>
    row.forEach(([x, y], c) => {
      const box = boxes[r]![c]!;
      const [x0, x1] = ranges[x] ?? [0, 1];
      const [y0, y1] = ranges[y] ?? [0, 1];
      cells.push({
        row: r,
        col: c,
        box,
        x,
        y,
        mx: linearMap(x0, x1, box.x0, box.x1),
        my: linearMap(y0, y1, box.y1, box.y0),
      });
    }),
  );
  return cells;
}

/** The cell containing pixel (x, y), or null. */
export function cellAt(cells: readonly FeatureCell[], x: number, y: number): FeatureCell | null {
  return (
    cells.find((c) => x >= c.box.x0 && x <= c.box.x1 && y >= c.box.y0 && y <= c.box.y1) ?? null
  );
}

/**
 * A pixel lasso as a polygon in the data coordinates of the cell of its first vertex:
 * { x dim, y dim, polygon [x0, y0, ...] }, or null when it starts outside every cell.
 */
export function lassoInData(
  cells: readonly FeatureCell[],
  pixels: readonly number[],
): { x: string; y: string; polygon: number[] } | null {
  if (pixels.length < 6) return null;
  const cell = cellAt(cells, pixels[0]!, pixels[1]!);
  if (!cell) return null;
  const polygon: number[] = [];
  for (let i = 0; i < pixels.length; i += 2)
    polygon.push(cell.mx.inverse(pixels[i]!), cell.my.inverse(pixels[i + 1]!));
  return { x: cell.x, y: cell.y, polygon };
}

/** The FeatureView scene. */
export function featureScene(p: FeaturesPayload, s: FeatureStyle): Scene2D {
  const b = new SceneBuilder();
  b.pointSize = 2;
  const cells = featureCells(p, s);
  // Each cell draws every point at most once (those outside its box are skipped).
  const perCell = p.clusters.reduce((n, c) => n + c.spikes.length, p.background.spikes.length);
  b.reservePoints(cells.length * perCell);
  const frame = s.dark ? rgba('#2c313a') : rgba('#cfd4dc');
  const grey = s.dark ? rgba('#8a93a0', 0.35) : rgba('#5f6875', 0.3);
  for (const cell of cells) {
    const { box, mx, my } = cell;
    b.frame(box.x0, box.y0, box.x1, box.y1, frame);
    b.label({ x: box.x0 + 3, y: box.y1 - 6, text: `${cell.x} / ${cell.y}` });
    const draw = (xs: Float32Array | undefined, ys: Float32Array | undefined, color: Rgba) => {
      if (xs && ys) b.scatter(xs, ys, mx, my, color, box);
    };
    draw(p.background.columns[cell.x], p.background.columns[cell.y], grey);
    p.clusters.forEach((c, k) =>
      draw(c.columns[cell.x], c.columns[cell.y], rgba(s.colors[k % s.colors.length]!, 0.85)),
    );
  }
  return b.build();
}
