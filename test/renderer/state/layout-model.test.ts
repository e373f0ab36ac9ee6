import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LAYOUT,
  hideView,
  listPanes,
  moveView,
  parseLayout,
  resizeSplit,
  showView,
  VIEW_IDS,
  visibleViews,
  type Layout,
  type LayoutNode,
} from '../../../renderer/state/layout-model.js';

/** A small fixed layout, so these tests exercise the operations, not the shipped default. */
const BASE: Layout = {
  root: {
    type: 'split',
    dir: 'row',
    sizes: [0.3, 0.5, 0.2],
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
      { type: 'pane', id: 'p3', views: ['probe3d'], active: 'probe3d' },
      { type: 'pane', id: 'p4', views: ['probe2d'], active: 'probe2d' },
    ],
  },
  hidden: [],
};
const BASE_VIEWS = ['clusters', 'similar', 'probe3d', 'probe2d'];

test('the shipped default layout shows every view exactly once (visible or as a tab)', () => {
  assert.deepEqual(
    [...visibleViews(DEFAULT_LAYOUT), ...DEFAULT_LAYOUT.hidden.map((h) => h.view)].sort(),
    [...VIEW_IDS].sort(),
  );
});

test('hide then show puts a view back in its pane', () => {
  const hidden = hideView(BASE, 'similar');
  assert.deepEqual(visibleViews(hidden).sort(), ['clusters', 'probe2d', 'probe3d']);
  assert.equal(hidden.hidden[0]!.view, 'similar');
  const shown = showView(hidden, 'similar');
  assert.deepEqual(visibleViews(shown).sort(), [...BASE_VIEWS].sort());
  assert.deepEqual(shown.hidden, []);
  // The column split collapsed when similar was hidden, so it comes back as a tab with clusters.
  const pane = listPanes(shown).find((p) => p.views.includes('similar'))!;
  assert.deepEqual(pane.views, ['clusters', 'similar']);
});

test('the last visible view cannot be hidden', () => {
  let l = BASE;
  for (const v of ['clusters', 'similar', 'probe3d'] as const) l = hideView(l, v);
  assert.deepEqual(visibleViews(l), ['probe2d']);
  assert.equal(hideView(l, 'probe2d'), l);
});

test('docking to an edge splits the target pane; as a tab it joins it', () => {
  const l = moveView(BASE, 'probe2d', 'p3', 'bottom');
  const root = l.root as Extract<LayoutNode, { type: 'split' }>;
  assert.equal(root.children.length, 2);
  const right = root.children[1] as Extract<LayoutNode, { type: 'split' }>;
  assert.equal(right.dir, 'column');
  assert.deepEqual(
    right.children.map((c) => (c.type === 'pane' ? c.views : null)),
    [['probe3d'], ['probe2d']],
  );
  assert.ok(Math.abs(root.sizes.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  const tabbed = moveView(l, 'similar', 'p1', 'center');
  assert.deepEqual(listPanes(tabbed).find((p) => p.id === 'p1')!.views, ['clusters', 'similar']);
  assert.equal(listPanes(tabbed).find((p) => p.id === 'p1')!.active, 'similar');
});

test('resize clamps and renormalizes', () => {
  const l = resizeSplit(BASE, [], [2, 0, 2]);
  const sizes = (l.root as Extract<LayoutNode, { type: 'split' }>).sizes;
  assert.ok(Math.abs(sizes[1]! - 0.05 / 4.05) < 1e-12);
  assert.ok(Math.abs(sizes.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test('persisted layouts round-trip; junk and duplicates fall back to the default', () => {
  const l = moveView(BASE, 'probe2d', 'p1', 'right');
  // The tree round-trips; views the stored layout lacks come back as hidden.
  const parsed = parseLayout(JSON.stringify(l));
  assert.deepEqual(parsed.root, l.root);
  assert.deepEqual(
    parsed.hidden.map((h) => h.view),
    VIEW_IDS.filter((v) => !BASE_VIEWS.includes(v)),
  );
  assert.deepEqual(parseLayout(JSON.stringify(DEFAULT_LAYOUT)), DEFAULT_LAYOUT);
  assert.equal(parseLayout(null), DEFAULT_LAYOUT);
  assert.equal(parseLayout('{'), DEFAULT_LAYOUT);
  assert.equal(parseLayout('{"root": 3, "hidden": []}'), DEFAULT_LAYOUT);
  const dup = {
    root: { type: 'pane', id: 'a', views: ['clusters', 'clusters'], active: 'clusters' },
    hidden: [],
  };
  assert.equal(parseLayout(JSON.stringify(dup)), DEFAULT_LAYOUT);
  // A stored layout missing views (older version) gets them as hidden.
  const old = {
    root: { type: 'pane', id: 'a', views: ['clusters'], active: 'clusters' },
    hidden: [],
  };
  assert.deepEqual(
    parseLayout(JSON.stringify(old)).hidden.map((h) => h.view),
    VIEW_IDS.filter((v) => v !== 'clusters'),
  );
});
