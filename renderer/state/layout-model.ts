/**
 * @file The dock layout as data: a tree of splits (rows/columns with relative sizes) whose leaves
 * are panes of tabbed views. Pure operations: show, hide, move a view into a pane (as a tab) or to
 * a pane's edge (splitting it), resize; and validation of what was persisted (localStorage can
 * hold anything, including a layout from an older version).
 */

export const VIEW_IDS = [
  'clusters',
  'similar',
  'probe3d',
  'probe2d',
  'waveform',
  'feature',
  'amplitude',
  'drift',
  'correlogram',
  'isi',
  'firingRate',
  'traces',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  clusters: 'Clusters',
  similar: 'Similar clusters',
  probe3d: '3D spikes on probe',
  probe2d: 'Probe',
  waveform: 'Waveforms',
  feature: 'Features',
  amplitude: 'Amplitudes',
  drift: 'Depth over time',
  correlogram: 'Correlograms',
  isi: 'ISI',
  firingRate: 'Firing rate',
  traces: 'Traces',
};

export type LayoutNode =
  | { type: 'split'; dir: 'row' | 'column'; sizes: number[]; children: LayoutNode[] }
  | { type: 'pane'; id: string; views: ViewId[]; active: ViewId };

export interface Layout {
  readonly root: LayoutNode;
  /** Hidden views, with the pane they were last in (so showing puts them back). */
  readonly hidden: ReadonlyArray<{ view: ViewId; pane: string }>;
}

export type Edge = 'center' | 'left' | 'right' | 'top' | 'bottom';

/**
 * The default arrangement: tables on the left; waveforms; features over the 3D view; amplitudes
 * over correlograms. The other views are tabs beside them (a tab that is not active costs
 * nothing: its data is fetched when it is shown).
 */
export const DEFAULT_LAYOUT: Layout = {
  root: {
    type: 'split',
    dir: 'row',
    sizes: [0.26, 0.2, 0.24, 0.3],
    children: [
      {
        type: 'split',
        dir: 'column',
        sizes: [0.6, 0.4],
        children: [
          { type: 'pane', id: 'p1', views: ['clusters'], active: 'clusters' },
          { type: 'pane', id: 'p2', views: ['similar'], active: 'similar' },
        ],
      },
      { type: 'pane', id: 'p3', views: ['waveform', 'traces'], active: 'waveform' },
      {
        type: 'split',
        dir: 'column',
        sizes: [0.5, 0.5],
        children: [
          { type: 'pane', id: 'p4', views: ['feature', 'drift'], active: 'feature' },
          { type: 'pane', id: 'p5', views: ['probe3d', 'probe2d'], active: 'probe3d' },
        ],
      },
      {
        type: 'split',
        dir: 'column',
        sizes: [0.5, 0.5],
        children: [
          { type: 'pane', id: 'p6', views: ['amplitude', 'firingRate'], active: 'amplitude' },
          { type: 'pane', id: 'p7', views: ['correlogram', 'isi'], active: 'correlogram' },
        ],
      },
    ],
  },
  hidden: [],
};

function panes(node: LayoutNode, out: Array<Extract<LayoutNode, { type: 'pane' }>> = []) {
  if (node.type === 'pane') out.push(node);
  else node.children.forEach((c) => panes(c, out));
  return out;
}

/** Every pane, depth-first. */
export function listPanes(layout: Layout): Array<Extract<LayoutNode, { type: 'pane' }>> {
  return panes(layout.root);
}

/** Views currently shown (in some pane). */
export function visibleViews(layout: Layout): ViewId[] {
  return listPanes(layout).flatMap((p) => p.views);
}

/** Whether `view` is the active tab of a pane (shown on screen). */
export function isViewActive(layout: Layout, view: ViewId): boolean {
  return listPanes(layout).some((p) => p.active === view);
}

/** Removes empty panes and single-child splits; renormalizes sizes to sum to 1. */
function prune(node: LayoutNode): LayoutNode | null {
  if (node.type === 'pane') return node.views.length > 0 ? node : null;
  const kept: LayoutNode[] = [];
  const sizes: number[] = [];
  node.children.forEach((c, i) => {
    const p = prune(c);
    if (p) {
      kept.push(p);
      sizes.push(node.sizes[i] ?? 1);
    }
  });
  if (kept.length === 0) return null;
  if (kept.length === 1) return kept[0]!;
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  return { ...node, children: kept, sizes: sizes.map((s) => s / total) };
}

function withoutView(node: LayoutNode, view: ViewId): LayoutNode {
  if (node.type === 'pane') {
    const views = node.views.filter((v) => v !== view);
    return { ...node, views, active: node.active === view ? (views[0] ?? view) : node.active };
  }
  return { ...node, children: node.children.map((c) => withoutView(c, view)) };
}

function paneOf(layout: Layout, view: ViewId): string | null {
  return listPanes(layout).find((p) => p.views.includes(view))?.id ?? null;
}

function freshPaneId(layout: Layout): string {
  const ids = new Set([...listPanes(layout).map((p) => p.id), ...layout.hidden.map((h) => h.pane)]);
  let i = 1;
  while (ids.has(`p${i}`)) i++;
  return `p${i}`;
}

/** Hides a view (remembering its pane). Hiding the last visible view is refused (returns as is). */
export function hideView(layout: Layout, view: ViewId): Layout {
  const pane = paneOf(layout, view);
  if (pane === null || visibleViews(layout).length <= 1) return layout;
  const root = prune(withoutView(layout.root, view))!;
  return { root, hidden: [...layout.hidden.filter((h) => h.view !== view), { view, pane }] };
}

/** Shows a hidden view in the pane it was last in (or the first pane if that one is gone). */
export function showView(layout: Layout, view: ViewId): Layout {
  if (paneOf(layout, view) !== null) return activateView(layout, view);
  const remembered = layout.hidden.find((h) => h.view === view)?.pane;
  const all = listPanes(layout);
  const target = all.find((p) => p.id === remembered) ?? all[0]!;
  const hidden = layout.hidden.filter((h) => h.view !== view);
  return moveView({ root: layout.root, hidden }, view, target.id, 'center');
}

/** Makes `view` the active tab of its pane. */
export function activateView(layout: Layout, view: ViewId): Layout {
  const visit = (n: LayoutNode): LayoutNode =>
    n.type === 'pane'
      ? n.views.includes(view)
        ? { ...n, active: view }
        : n
      : { ...n, children: n.children.map(visit) };
  return { ...layout, root: visit(layout.root) };
}

/**
 * Moves `view` into pane `target`: as a tab ('center') or into a new pane beside it on `edge`
 * (splitting the target). Moving a view onto its own single-view pane does nothing.
 */
export function moveView(layout: Layout, view: ViewId, target: string, edge: Edge): Layout {
  const targetPane = listPanes(layout).find((p) => p.id === target);
  if (!targetPane) return layout;
  if (targetPane.views.length === 1 && targetPane.views[0] === view) return layout;
  const newId = freshPaneId(layout);
  const removed = withoutView(layout.root, view);
  const insert = (n: LayoutNode): LayoutNode => {
    if (n.type === 'split') return { ...n, children: n.children.map(insert) };
    if (n.id !== target) return n;
    if (edge === 'center') return { ...n, views: [...n.views, view], active: view };
    const pane: LayoutNode = { type: 'pane', id: newId, views: [view], active: view };
    const dir = edge === 'left' || edge === 'right' ? 'row' : 'column';
    const first = edge === 'left' || edge === 'top';
    return { type: 'split', dir, sizes: [0.5, 0.5], children: first ? [pane, n] : [n, pane] };
  };
  const root = prune(insert(removed))!;
  return { root, hidden: layout.hidden.filter((h) => h.view !== view) };
}

/**
 * Sets the sizes of the split at `path` (child indices from the root). Sizes are clamped to at
 * least `min` each and renormalized.
 */
export function resizeSplit(
  layout: Layout,
  path: readonly number[],
  sizes: readonly number[],
  min = 0.05,
): Layout {
  const visit = (n: LayoutNode, depth: number): LayoutNode => {
    if (n.type === 'pane') return n;
    if (depth === path.length) {
      if (sizes.length !== n.children.length) return n;
      const clamped = sizes.map((s) => Math.max(min, Number.isFinite(s) ? s : min));
      const total = clamped.reduce((a, b) => a + b, 0);
      return { ...n, sizes: clamped.map((s) => s / total) };
    }
    const i = path[depth]!;
    return { ...n, children: n.children.map((c, j) => (j === i ? visit(c, depth + 1) : c)) };
  };
  return { ...layout, root: visit(layout.root, 0) };
}

function validNode(n: unknown, seen: Set<string>, paneIds: Set<string>): n is LayoutNode {
  if (typeof n !== 'object' || n === null) return false;
  const o = n as Record<string, unknown>;
  if (o.type === 'pane') {
    if (typeof o.id !== 'string' || paneIds.has(o.id) || !Array.isArray(o.views)) return false;
    paneIds.add(o.id);
    if (o.views.length === 0 || !o.views.includes(o.active)) return false;
    for (const v of o.views) {
      if (!(VIEW_IDS as readonly unknown[]).includes(v) || seen.has(v as string)) return false;
      seen.add(v as string);
    }
    return true;
  }
  if (o.type !== 'split' || (o.dir !== 'row' && o.dir !== 'column')) return false;
  if (!Array.isArray(o.children) || !Array.isArray(o.sizes) || o.children.length !== o.sizes.length)
    return false;
  if (!o.sizes.every((s) => typeof s === 'number' && s > 0 && Number.isFinite(s))) return false;
  return o.children.length > 0 && o.children.every((c) => validNode(c, seen, paneIds));
}

/**
 * A layout read back from storage, or the default when it is malformed. Views missing from a
 * stored layout (added in a newer version) are appended as hidden.
 */
export function parseLayout(json: string | null): Layout {
  if (!json) return DEFAULT_LAYOUT;
  try {
    const o = JSON.parse(json) as { root?: unknown; hidden?: unknown };
    const seen = new Set<string>();
    if (!validNode(o.root, seen, new Set()) || !Array.isArray(o.hidden)) return DEFAULT_LAYOUT;
    const hidden: Array<{ view: ViewId; pane: string }> = [];
    for (const h of o.hidden as Array<{ view?: unknown; pane?: unknown }>) {
      const v = h?.view;
      if (typeof v === 'string' && (VIEW_IDS as readonly string[]).includes(v) && !seen.has(v)) {
        seen.add(v);
        hidden.push({ view: v as ViewId, pane: typeof h.pane === 'string' ? h.pane : '' });
      }
    }
    for (const v of VIEW_IDS) if (!seen.has(v)) hidden.push({ view: v, pane: '' });
    return { root: o.root, hidden };
  } catch {
    return DEFAULT_LAYOUT;
  }
}
