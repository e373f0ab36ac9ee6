/**
 * @file Table row selection with the mouse: click selects one row, Ctrl/Cmd-click toggles a row,
 * Shift-click selects the range from the anchor (the last plainly or Ctrl-clicked row) to the
 * clicked row, in display order. Pure; the selection is a list of cluster ids in selection order
 * (the first one drives the similarity table).
 */

export interface TableSelection {
  /** Selected ids, in the order they were selected. */
  readonly selected: readonly number[];
  /** The row a Shift-click range starts from, or null. */
  readonly anchor: number | null;
}

export interface ClickModifiers {
  /** Ctrl (or Cmd on macOS). */
  readonly toggle: boolean;
  /** Shift. */
  readonly range: boolean;
}

export const EMPTY_TABLE_SELECTION: TableSelection = { selected: [], anchor: null };

/**
 * The selection after clicking the row of `id`. `order` is the display order of ids (needed for
 * ranges). A range keeps the anchor and, with Ctrl also held, adds to the current selection.
 */
export function applyClick(
  state: TableSelection,
  order: readonly number[],
  id: number,
  mods: ClickModifiers,
): TableSelection {
  if (mods.range && state.anchor !== null) {
    const a = order.indexOf(state.anchor);
    const b = order.indexOf(id);
    if (a >= 0 && b >= 0) {
      const step = a <= b ? 1 : -1;
      const range: number[] = [];
      for (let i = a; i !== b + step; i += step) range.push(order[i]!);
      const base = mods.toggle ? state.selected.filter((x) => !range.includes(x)) : [];
      return { selected: [...base, ...range], anchor: state.anchor };
    }
  }
  if (mods.toggle) {
    const has = state.selected.includes(id);
    return {
      selected: has ? state.selected.filter((x) => x !== id) : [...state.selected, id],
      anchor: id,
    };
  }
  return { selected: [id], anchor: id };
}
