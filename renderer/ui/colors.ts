/**
 * @file Colours of selected clusters (by selection position, as Phy colours them) as hex and RGB.
 */

/** A categorical palette (Phy's first selected cluster is blue-ish, then red, ...). */
export const CLUSTER_PALETTE: readonly string[] = [
  '#5a9bff',
  '#ff5a5a',
  '#59d98e',
  '#ffb347',
  '#c77dff',
  '#4dd9e6',
  '#ff7ac6',
  '#d4e157',
  '#a1887f',
  '#7986cb',
  '#ff8a65',
  '#aed581',
];

/** The colour of the i-th selected cluster (wrapping around the palette). */
export function clusterColor(i: number): string {
  return CLUSTER_PALETTE[
    ((i % CLUSTER_PALETTE.length) + CLUSTER_PALETTE.length) % CLUSTER_PALETTE.length
  ]!;
}

/** "#rrggbb" -> [r, g, b] in 0..1. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.replace('#', ''), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
