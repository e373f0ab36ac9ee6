/**
 * @file Phy's wizard as pure functions (supervisor.py:146-208, 1288-1347): next/previous best
 * (Down/Up in the cluster table), next/previous similar (Space/Shift+Space), the first similar
 * rows at once (Ctrl+Space), and where the selection goes after a label. "Skip noise and MUA"
 * (Phy's default) passes over rows whose group is noise or mua.
 */

export type GroupOf = (id: number) => string | null;

/** Whether the wizard may stop on a row. */
export function eligible(id: number, groupOf: GroupOf, skipNoiseMua: boolean): boolean {
  if (!skipNoiseMua) return true;
  const g = groupOf(id);
  return g !== 'noise' && g !== 'mua';
}

/**
 * The next (dir = 1) or previous (dir = -1) eligible id in `order` after the position of the last
 * id of `current` found in `order`. With nothing current, the first eligible row (dir = 1) or the
 * last (dir = -1). Returns null at the end of the table (the selection then stays).
 */
export function step(
  order: readonly number[],
  current: readonly number[],
  dir: 1 | -1,
  groupOf: GroupOf,
  skipNoiseMua: boolean,
): number | null {
  let pos = -1;
  for (const id of current) {
    const p = order.indexOf(id);
    if (p >= 0) pos = dir === 1 ? Math.max(pos, p) : pos < 0 ? p : Math.min(pos, p);
  }
  let i = pos < 0 ? (dir === 1 ? 0 : order.length - 1) : pos + dir;
  for (; i >= 0 && i < order.length; i += dir) {
    if (eligible(order[i]!, groupOf, skipNoiseMua)) return order[i]!;
  }
  return null;
}

/**
 * The ids to select after labelling `labelled` in a table shown in `order`: the next eligible row
 * after the last labelled one (`groupOf` already answers with the new labels). At the end of the
 * table the labelled rows stay selected, as in Phy.
 */
export function afterLabel(
  order: readonly number[],
  labelled: readonly number[],
  groupOf: GroupOf,
  skipNoiseMua: boolean,
): number[] {
  const next = step(order, labelled, 1, groupOf, skipNoiseMua);
  return next === null ? [...labelled] : [next];
}

/** Phy's "Select N Similar" default (supervisor.py:698). */
export const SELECT_SIMILAR_COUNT = 15;

/**
 * Ctrl+Space (supervisor.py:1338-1347): the first `n` eligible rows of `order` (the similarity
 * table), in table order.
 */
export function firstEligible(
  order: readonly number[],
  n: number,
  groupOf: GroupOf,
  skipNoiseMua: boolean,
): number[] {
  const out: number[] = [];
  for (const id of order) {
    if (out.length >= n) break;
    if (eligible(id, groupOf, skipNoiseMua)) out.push(id);
  }
  return out;
}
