/** @file Hand-made cases for each of Phy's curation rules (phy-semantics §2.3, §2.4, §1.3). */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CurationModel } from '../../../shared/curation/model.js';
import { CurationError } from '../../../shared/curation/errors.js';
import { makeSelection } from '../../../shared/curation/selection.js';
import { floatValue, intValue, strValue, type LabelValue } from '../../../shared/domain/labels.js';

/** Spikes 0..n-1 with the given cluster ids (hand-made layouts). */
const model = (
  clusters: number[],
  labels: Record<string, Record<number, LabelValue>> = {},
  nextClusterId?: number,
) =>
  new CurationModel(Int32Array.from(clusters), {
    labels: new Map(
      Object.entries(labels).map(([f, v]) => [
        f,
        new Map(Object.entries(v).map(([k, x]) => [Number(k), x])),
      ]),
    ),
    nextClusterId,
  });

const spikes = (m: CurationModel, id: number) => [...m.spikesOf(id)];
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof CurationError, `expected CurationError, got ${String(e)}`);
    return e.code;
  }
  return assert.fail('expected an error');
};

//                 0  1  2  3  4  5  6  7  8  9
const LAYOUT = [5, 7, 5, 2, 7, 5, 2, 5, 7, 2];

test('load: index, ids, counts and next id = max + 1', () => {
  const m = model(LAYOUT);
  assert.deepEqual(m.clusterIds, [2, 5, 7]);
  assert.deepEqual(spikes(m, 5), [0, 2, 5, 7]);
  assert.deepEqual(spikes(m, 2), [3, 6, 9]);
  assert.equal(m.spikeCount(7), 3);
  assert.equal(m.spikeCount(99), 0);
  assert.equal(m.nextClusterId, 8);
  assert.deepEqual(m.fields, ['group']);
});

test('a persisted counter above max+1 is used; one below is overridden by max+1', () => {
  assert.equal(model(LAYOUT, {}, 120).nextClusterId, 120);
  assert.equal(model(LAYOUT, {}, 3).nextClusterId, 8);
});

test('split of one cluster: selection -> N, rest -> N+1', () => {
  const m = model(LAYOUT);
  const ch = m.split([2, 7]);
  assert.equal(ch.action, 'split');
  assert.deepEqual(ch.added, [8, 9]);
  assert.deepEqual(ch.deleted, [5]);
  assert.deepEqual(ch.descendants, [
    [5, 8],
    [5, 9],
  ]);
  assert.deepEqual(ch.addedSpikeCounts, [2, 2]);
  assert.deepEqual(spikes(m, 8), [2, 7]);
  assert.deepEqual(spikes(m, 9), [0, 5]);
  assert.deepEqual([...m.spikeClusters], [9, 7, 8, 2, 7, 9, 2, 8, 7, 2]);
  assert.deepEqual(m.clusterIds, [2, 7, 8, 9]);
  assert.equal(m.nextClusterId, 10);
  assert.deepEqual(m.selection, { clusters: [8, 9], similar: [] });
});

test('lasso across 5 and 7: N = both selections, N+1 = rest of 5, N+2 = rest of 7', () => {
  const m = model(LAYOUT);
  // Unsorted with a duplicate, as a lasso may deliver.
  const ch = m.split([8, 0, 4, 0]);
  assert.deepEqual(ch.added, [8, 9, 10]);
  assert.deepEqual(ch.deleted, [5, 7]);
  assert.deepEqual(spikes(m, 8), [0, 4, 8]);
  assert.deepEqual(spikes(m, 9), [2, 5, 7]);
  assert.deepEqual(spikes(m, 10), [1]);
  assert.deepEqual(ch.descendants, [
    [5, 8],
    [5, 9],
    [7, 8],
    [7, 10],
  ]);
});

test('lasso covering all of 2 and part of 5: no rest id for 2', () => {
  const m = model(LAYOUT);
  const ch = m.split([3, 6, 9, 0]);
  assert.deepEqual(ch.added, [8, 9]);
  assert.deepEqual(ch.deleted, [2, 5]);
  assert.deepEqual(spikes(m, 8), [0, 3, 6, 9]);
  assert.deepEqual(spikes(m, 9), [2, 5, 7]);
});

test('a split whose selection is whole clusters only is a merge', () => {
  const m = model(LAYOUT);
  const ch = m.split([3, 6, 9, 1, 4, 8]);
  assert.equal(ch.kind, 'merge');
  assert.deepEqual(ch.added, [8]);
  assert.deepEqual(ch.deleted, [2, 7]);
  assert.deepEqual(spikes(m, 8), [1, 3, 4, 6, 8, 9]);
  assert.equal(m.nextClusterId, 9);
});

test('a split of exactly one whole cluster is refused and changes nothing', () => {
  const m = model(LAYOUT);
  assert.equal(
    code(() => m.split([3, 6, 9])),
    'nothing-to-split',
  );
  assert.equal(m.nextClusterId, 8);
  assert.equal(m.revision, 0);
  assert.equal(m.canUndo, false);
  assert.deepEqual(m.clusterIds, [2, 5, 7]);
});

test('invalid actions are refused with a code and leave the model unchanged', () => {
  const m = model(LAYOUT);
  assert.equal(
    code(() => m.merge([5])),
    'invalid-action',
  );
  assert.equal(
    code(() => m.merge([5, 5])),
    'invalid-action',
  );
  assert.equal(
    code(() => m.merge([5, 6])),
    'unknown-cluster',
  );
  assert.equal(
    code(() => m.split([])),
    'empty-selection',
  );
  assert.equal(
    code(() => m.split([10])),
    'invalid-spike',
  );
  assert.equal(
    code(() => m.apply({ type: 'split', spikes: [-1] as unknown as Uint32Array })),
    'invalid-spike',
  );
  assert.equal(
    code(() => m.setLabel([], 'group', strValue('good'))),
    'invalid-action',
  );
  assert.equal(
    code(() => m.setLabel([4], 'group', strValue('good'))),
    'unknown-cluster',
  );
  assert.equal(
    code(() => m.setLabel([5], 'a\tb', strValue('good'))),
    'invalid-action',
  );
  // A field names the file cluster_<field>.tsv: no path separators (nor NUL) can get through.
  for (const field of ['../../evil', 'a/b', 'a\\b', 'a\0b']) {
    assert.equal(
      code(() => m.setLabel([5], field, strValue('x'))),
      'invalid-action',
    );
  }
  assert.equal(
    code(() => m.setLabel([5], 'x', { kind: 'int', value: 1.5 })),
    'invalid-action',
  );
  assert.equal(
    code(() => m.undo()),
    'nothing-to-undo',
  );
  assert.equal(
    code(() => m.redo()),
    'nothing-to-redo',
  );
  assert.equal(m.revision, 0);
  assert.deepEqual([...m.spikeClusters], LAYOUT);
  assert.deepEqual(m.fields, ['group']);
});

test('merge: one new id, merged ids deleted, spikes sorted, new cluster selected', () => {
  const m = model(LAYOUT);
  m.select(makeSelection([7], [2]));
  const ch = m.merge([7, 2]);
  assert.deepEqual(ch.added, [8]);
  assert.deepEqual(ch.deleted, [2, 7]);
  assert.deepEqual(ch.descendants, [
    [2, 8],
    [7, 8],
  ]);
  assert.deepEqual(ch.addedSpikeCounts, [6]);
  assert.deepEqual(spikes(m, 8), [1, 3, 4, 6, 8, 9]);
  assert.equal(m.spikeCount(2), 0);
  assert.deepEqual(m.selection, { clusters: [8], similar: [] });
  assert.equal(ch.revision, 1);
  assert.equal(ch.nextClusterId, 9);
});

test('inheritance: good + unsorted -> good; split of good -> both good', () => {
  const m = model(LAYOUT, { group: { 5: strValue('good') } });
  const merged = m.merge([5, 7]);
  assert.deepEqual(m.label('group', 8), strValue('good'));
  assert.deepEqual(merged.labelChanges, [
    { field: 'group', clusterId: 8, value: strValue('good') },
  ]);
  assert.equal(m.label('group', 5), undefined, 'labels of deleted clusters go with them');
  m.split([0, 1]);
  assert.deepEqual(m.label('group', 9), strValue('good'));
  assert.deepEqual(m.label('group', 10), strValue('good'));
});

test('inheritance conflict: value of the parent with most spikes; ties -> smallest id', () => {
  // 5 has 4 spikes, 7 and 2 have 3 each.
  const m = model(LAYOUT, {
    group: { 5: strValue('mua'), 7: strValue('good'), 2: strValue('noise') },
  });
  m.merge([7, 5]);
  assert.deepEqual(m.label('group', 8), strValue('mua'));
  const t = model(LAYOUT, { group: { 7: strValue('good'), 2: strValue('noise') } });
  t.merge([7, 2]);
  assert.deepEqual(
    t.label('group', 8),
    strValue('noise'),
    'tie 3 vs 3 -> cluster 2 (numpy argmax)',
  );
});

test('inheritance conflict where the largest parent has no value: children get none (Phy sets None)', () => {
  const m = model(LAYOUT, { group: { 7: strValue('good'), 2: strValue('noise') } });
  m.merge([2, 5, 7]);
  assert.equal(m.label('group', 8), undefined);
});

test('lasso split: every new cluster gets the same inherited value, as Phy does', () => {
  const m = model(LAYOUT, { group: { 5: strValue('good'), 7: strValue('mua') } });
  m.split([0, 1]);
  for (const id of [8, 9, 10]) assert.deepEqual(m.label('group', id), strValue('good'));
});

test('int 3 and float 3.0 are one value (Python equality): no conflict, smallest parent kind kept', () => {
  const m = model(LAYOUT, { score: { 7: floatValue(3), 2: intValue(3), 5: intValue(9) } });
  m.merge([2, 7]);
  assert.deepEqual(m.label('score', 8), intValue(3));
});

test('sorter metric fields are not inherited by default; the set is configurable', () => {
  const labels = {
    KSLabel: { 5: strValue('good') },
    ContamPct: { 5: floatValue(1.5) },
    note: { 5: strValue('x') },
  };
  const m = model(LAYOUT, labels);
  m.merge([5, 7]);
  assert.equal(m.label('KSLabel', 8), undefined);
  assert.equal(m.label('ContamPct', 8), undefined);
  assert.deepEqual(m.label('note', 8), strValue('x'));
  assert.deepEqual(m.fields, ['ContamPct', 'KSLabel', 'group', 'note']);
  const phyLike = new CurationModel(Int32Array.from(LAYOUT), {
    labels: new Map([['KSLabel', new Map([[5, strValue('good')]])]]),
    nonInheritedFields: [],
  });
  phyLike.merge([5, 7]);
  assert.deepEqual(phyLike.label('KSLabel', 8), strValue('good'));
});

test('label, remove label, and labels of unknown clusters are dropped at load', () => {
  const m = model(LAYOUT, { group: { 5: strValue('good'), 42: strValue('mua') } });
  assert.equal(m.label('group', 42), undefined);
  const ch = m.setLabel([2, 7, 2], 'group', strValue('noise'));
  assert.equal(ch.action, 'label');
  assert.deepEqual(ch.added, []);
  assert.deepEqual(ch.labelChanges, [
    { field: 'group', clusterId: 2, value: strValue('noise') },
    { field: 'group', clusterId: 7, value: strValue('noise') },
  ]);
  m.setLabel([5], 'group', null);
  assert.deepEqual([...m.labels('group')].sort(), [
    [2, strValue('noise')],
    [7, strValue('noise')],
  ]);
  m.setLabel([5], 'quality', intValue(2));
  assert.deepEqual(m.fields, ['group', 'quality']);
  m.undo();
  assert.deepEqual(m.fields, ['group', 'quality'], 'a field stays once named, as in Phy');
  assert.equal(m.label('quality', 5), undefined);
  assert.equal(m.nextClusterId, 8, 'labels never take ids');
});

test('undo/redo restore assignment, labels and selection; ids are never reused', () => {
  const m = model(LAYOUT, { group: { 5: strValue('good') } });
  const sel = makeSelection([5], [7]);
  m.select(sel);
  m.merge([5, 7]); // -> 8
  const undone = m.undo();
  assert.equal(undone.action, 'undo');
  assert.equal(undone.kind, 'merge');
  assert.deepEqual(undone.added, [5, 7]);
  assert.deepEqual(undone.deleted, [8]);
  assert.deepEqual(undone.descendants, [
    [8, 5],
    [8, 7],
  ]);
  assert.deepEqual(undone.addedSpikeCounts, [4, 3]);
  assert.deepEqual(undone.labelChanges, [
    { field: 'group', clusterId: 5, value: strValue('good') },
  ]);
  assert.deepEqual([...m.spikeClusters], LAYOUT);
  assert.deepEqual(m.clusterIds, [2, 5, 7]);
  assert.deepEqual(m.selection, sel);
  assert.deepEqual(m.label('group', 5), strValue('good'));
  assert.equal(m.label('group', 8), undefined);
  assert.equal(m.nextClusterId, 9, 'undo does not give the id back');

  const redone = m.redo();
  assert.deepEqual(redone.added, [8], 'redo re-creates the same id');
  assert.deepEqual(m.label('group', 8), strValue('good'));
  assert.deepEqual(m.selection, { clusters: [8], similar: [] });

  m.undo();
  const again = m.merge([5, 7]);
  assert.deepEqual(again.added, [9], 'a new action after undo takes a fresh id');
  assert.equal(m.canRedo, false, 'and drops the redo stack');
  assert.equal(m.revision, 5);
});

test('label action selection: explicit before/after are restored by undo/redo', () => {
  const m = model(LAYOUT);
  const before = makeSelection([5], [2]);
  const after = makeSelection([7], []);
  m.apply({
    type: 'label',
    field: 'group',
    clusterIds: [5],
    value: strValue('good'),
    selection: before,
    selectionAfter: after,
  });
  assert.deepEqual(m.selection, after);
  m.undo();
  assert.deepEqual(m.selection, before);
  m.redo();
  assert.deepEqual(m.selection, after);
});

test('undo of a split restores the original cluster and its spike array', () => {
  const m = model(LAYOUT);
  m.split([8, 0, 4]);
  m.merge([9, 10]);
  m.undo();
  m.undo();
  assert.deepEqual([...m.spikeClusters], LAYOUT);
  assert.deepEqual(spikes(m, 5), [0, 2, 5, 7]);
  assert.deepEqual(spikes(m, 7), [1, 4, 8]);
  assert.equal(m.nextClusterId, 12);
  m.redo();
  assert.deepEqual(m.clusterIds, [2, 8, 9, 10]);
});

test('restoreNextClusterId refuses values that could reuse an id', () => {
  const m = model(LAYOUT);
  m.merge([2, 5]);
  assert.throws(() => m.restoreNextClusterId(8), RangeError);
  m.restoreNextClusterId(50);
  assert.equal(m.nextClusterId, 50);
  assert.deepEqual(m.merge([7, 8]).added, [50]);
});

test('empty dataset and sparse huge ids', () => {
  const e = new CurationModel(new Int32Array(0));
  assert.deepEqual(e.clusterIds, []);
  assert.equal(e.nextClusterId, 0);
  const s = new CurationModel(Int32Array.from([2_000_000_000, 3, 2_000_000_000, -4]));
  assert.deepEqual(s.clusterIds, [-4, 3, 2_000_000_000]);
  assert.deepEqual(spikes(s, 2_000_000_000), [0, 2]);
  assert.equal(s.nextClusterId, 2_000_000_001);
  const top = new CurationModel(Int32Array.from([0, 0, 1]), { nextClusterId: 0x7fffffff });
  assert.equal(
    code(() => top.split([0])),
    'id-overflow',
    'N+1 would not fit in int32',
  );
  assert.deepEqual(top.merge([0, 1]).added, [0x7fffffff]);
  assert.equal(
    code(() => top.undo() && top.merge([0, 1])),
    'id-overflow',
  );
});
