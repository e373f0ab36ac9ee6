/** @file Random action sequences vs the naive reference model, and exact journal replay. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { actionFromJson, actionToJson } from '../../../shared/curation/codec.js';
import type { CurationAction } from '../../../shared/curation/actions.js';
import type { ClusterChange } from '../../../shared/curation/change.js';
import { CurationError } from '../../../shared/curation/errors.js';
import { CurationModel } from '../../../shared/curation/model.js';
import { floatValue, intValue, strValue, type LabelValue } from '../../../shared/domain/labels.js';
import { Random } from '../../../shared/util/random.js';
import { ReferenceModel, type RefAction, type RefSelection } from './reference-model.js';

const VALUES: Array<LabelValue | null> = [
  strValue('good'),
  strValue('mua'),
  strValue('noise'),
  strValue('unsorted'),
  intValue(3),
  floatValue(3),
  floatValue(2.5),
  null,
];
const FIELDS = ['group', 'group', 'KSLabel', 'note', 'extra'];

interface Initial {
  assign: number[];
  labels: Map<string, Map<number, LabelValue>>;
  persisted: number | undefined;
}

function makeInitial(seed: number): Initial {
  const r = new Random(seed);
  const pool = [0, 1, 2, 4, 5, 7, 9, 12].filter(() => r.next() < 0.7);
  if (pool.length === 0) pool.push(3);
  const n = r.int(40);
  const assign = Array.from({ length: n }, () => pool[r.int(pool.length)]!);
  const labels = new Map<string, Map<number, LabelValue>>();
  for (const f of ['group', 'KSLabel', 'note']) {
    const m = new Map<number, LabelValue>();
    // Ids 0..13 include clusters absent from the assignment: their labels must be dropped.
    for (let id = 0; id < 14; id++) {
      const v = VALUES[r.int(VALUES.length)];
      if (r.next() < 0.5 && v) m.set(id, v);
    }
    labels.set(f, m);
  }
  return { assign, labels, persisted: r.next() < 0.3 ? 13 + r.int(5) : undefined };
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.int(xs.length)]!;

function randomSelection(r: Random, ids: number[]): RefSelection {
  const k = ids.length === 0 ? 0 : r.int(3);
  return {
    clusters: Array.from({ length: k }, () => pick(r, ids)),
    similar: r.next() < 0.5 && ids.length ? [pick(r, ids)] : [],
  };
}

/** Materialises a random command against the reference state (never consulting the model). */
function makeAction(
  op: string,
  seed: number,
  ref: ReferenceModel,
): RefAction | { type: 'select'; selection: RefSelection } {
  const r = new Random(seed);
  const ids = ref.clusterIds();
  const someIds = (k: number) =>
    Array.from({ length: k }, () => (ids.length === 0 || r.next() < 0.05 ? 99 : pick(r, ids)));
  const maybeSel = () => (r.next() < 0.3 ? { selection: randomSelection(r, ids) } : {});
  switch (op) {
    case 'label':
      return {
        type: 'label',
        field: pick(r, FIELDS),
        clusterIds: someIds(1 + r.int(3)),
        value: pick(r, VALUES),
        ...maybeSel(),
        ...(r.next() < 0.3 ? { selectionAfter: randomSelection(r, ids) } : {}),
      };
    case 'merge':
      return { type: 'merge', clusterIds: someIds(1 + r.int(3)), ...maybeSel() };
    case 'split': {
      const chosen = new Set(someIds(1 + r.int(2)));
      const whole = r.next() < 0.25;
      const spikes: number[] = [];
      ref.assign.forEach((c, s) => {
        if (chosen.has(c) && (whole || r.next() < 0.5)) spikes.push(s);
      });
      if (r.next() < 0.05) spikes.push(ref.assign.length + r.int(3));
      r.shuffle(spikes);
      if (spikes.length > 0 && r.next() < 0.2) spikes.push(spikes[0]!); // duplicate
      return { type: 'split', spikes, ...maybeSel() };
    }
    case 'select':
      return { type: 'select', selection: randomSelection(r, ids) };
    default:
      return { type: op as 'undo' | 'redo' };
  }
}

const toModelAction = (a: RefAction): CurationAction =>
  a.type === 'split' ? { ...a, spikes: Uint32Array.from(a.spikes) } : a;

const sortedEntries = (m: ReadonlyMap<number, LabelValue>) => [...m].sort((x, y) => x[0] - y[0]);

function assertSameState(m: CurationModel, ref: ReferenceModel, withSelection = true): void {
  assert.deepEqual([...m.spikeClusters], ref.assign, 'assignment');
  assert.deepEqual([...m.clusterIds], ref.clusterIds(), 'cluster ids');
  for (const id of ref.clusterIds()) {
    assert.deepEqual([...m.spikesOf(id)], ref.spikesOf(id), `spikes of ${id}`);
    assert.equal(m.spikeCount(id), ref.spikesOf(id).length);
  }
  assert.equal(m.nextClusterId, ref.next, 'next id');
  assert.deepEqual(m.fields, [...ref.fields].sort(), 'fields');
  for (const f of ref.fields) {
    assert.deepEqual(sortedEntries(m.labels(f)), sortedEntries(ref.labels.get(f)!), `labels ${f}`);
  }
  if (withSelection) {
    assert.deepEqual(
      { clusters: [...m.selection.clusters], similar: [...m.selection.similar] },
      ref.selection,
      'selection',
    );
  }
  assert.equal(m.revision, ref.revision, 'revision');
  assert.equal(m.canUndo, ref.canUndo);
  assert.equal(m.canRedo, ref.canRedo);
}

/** Checks a change record against a diff of the reference state before/after. */
function assertChange(
  ch: ClusterChange,
  m: CurationModel,
  before: { assign: number[]; labels: Map<string, Map<number, LabelValue>> },
  ref: ReferenceModel,
): void {
  const idsBefore = new Set(before.assign);
  const idsAfter = new Set(ref.assign);
  const asc = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);
  assert.deepEqual(ch.added, asc([...idsAfter].filter((id) => !idsBefore.has(id))), 'added');
  assert.deepEqual(ch.deleted, asc([...idsBefore].filter((id) => !idsAfter.has(id))), 'deleted');
  assert.deepEqual(
    ch.addedSpikeCounts,
    ch.added.map((id) => ref.spikesOf(id).length),
  );
  const pairs = new Set<string>();
  before.assign.forEach((c, s) => {
    if (c !== ref.assign[s]) pairs.add(`${c},${ref.assign[s]}`);
  });
  const expected = [...pairs]
    .map((p) => p.split(',').map(Number))
    .sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  assert.deepEqual(
    ch.descendants.map((d) => [...d]),
    expected,
    'descendants',
  );
  for (const c of ch.labelChanges) {
    assert.ok(idsAfter.has(c.clusterId), 'label change on a live cluster');
    assert.deepEqual(
      m.label(c.field, c.clusterId) ?? null,
      c.value,
      'label change = current value',
    );
  }
  for (const [f, values] of ref.labels) {
    for (const id of idsAfter) {
      const now = values.get(id);
      const was = before.labels.get(f)?.get(id);
      if (JSON.stringify(now) !== JSON.stringify(was)) {
        assert.ok(
          ch.labelChanges.some((c) => c.field === f && c.clusterId === id),
          `missing change ${f}/${id}`,
        );
      }
    }
  }
  assert.equal(ch.revision, m.revision);
  assert.equal(ch.nextClusterId, m.nextClusterId);
  assert.deepEqual(ch.selection, m.selection);
}

const OPS = ['label', 'label', 'merge', 'split', 'split', 'undo', 'undo', 'redo', 'select'];
const commands = fc.array(fc.record({ op: fc.constantFrom(...OPS), seed: fc.nat() }), {
  maxLength: 40,
});

test('random label/merge/split/undo/redo sequences agree with the naive reference; replay is exact', () => {
  fc.assert(
    fc.property(fc.nat(), commands, (initSeed, cmds) => {
      const init = makeInitial(initSeed);
      const fresh = () =>
        new CurationModel(Int32Array.from(init.assign), {
          labels: init.labels,
          nextClusterId: init.persisted,
        });
      const m = fresh();
      const ref = new ReferenceModel(init.assign, init.labels, init.persisted);
      assertSameState(m, ref);
      const journal: string[] = [];
      let selectedSinceLastAction = false;
      for (const { op, seed } of cmds) {
        const a = makeAction(op, seed, ref);
        if (a.type === 'select') {
          m.select(a.selection);
          ref.selection = a.selection;
          selectedSinceLastAction = true;
          continue;
        }
        const before = {
          assign: [...ref.assign],
          labels: new Map([...ref.labels].map(([f, v]) => [f, new Map(v)])),
        };
        // The journal stores actions with the selection they were issued under (see actions.ts).
        const action = toModelAction(a);
        const journaled =
          'selection' in action || a.type === 'undo' || a.type === 'redo'
            ? action
            : { ...action, selection: m.selection };
        let change: ClusterChange | undefined;
        try {
          change = m.apply(action);
        } catch (e) {
          if (!(e instanceof CurationError)) throw e;
        }
        const ok = ref.apply(a);
        assert.equal(change !== undefined, ok, `validity of ${op}`);
        if (change) {
          journal.push(actionToJson(journaled));
          selectedSinceLastAction = false;
          assertChange(change, m, before, ref);
        }
        assertSameState(m, ref);
      }
      // Replay the journal from the same initial state: identical state, ids included.
      const replayed = fresh();
      for (const text of journal) replayed.apply(actionFromJson(text));
      const same = (x: CurationModel, y: CurationModel) => {
        assert.deepEqual([...x.spikeClusters], [...y.spikeClusters]);
        assert.deepEqual(x.clusterIds, y.clusterIds);
        assert.equal(x.nextClusterId, y.nextClusterId);
        assert.equal(x.revision, y.revision);
        assert.deepEqual(x.fields, y.fields);
        for (const f of x.fields)
          assert.deepEqual(sortedEntries(x.labels(f)), sortedEntries(y.labels(f)));
      };
      same(replayed, m);
      if (!selectedSinceLastAction) assert.deepEqual(replayed.selection, m.selection);
      // Both histories behave the same: undo everything step by step.
      while (m.canUndo) {
        assert.deepEqual(replayed.undo(), m.undo());
        same(replayed, m);
      }
      assert.equal(replayed.canUndo, false);
    }),
    { seed: 0x5eed, numRuns: 250 },
  );
});

test('reference inheritance with non-inherited fields off agrees too (Phy-like configuration)', () => {
  fc.assert(
    fc.property(fc.nat(), commands, (initSeed, cmds) => {
      const init = makeInitial(initSeed);
      const m = new CurationModel(Int32Array.from(init.assign), {
        labels: init.labels,
        nonInheritedFields: [],
      });
      const ref = new ReferenceModel(init.assign, init.labels, undefined, []);
      for (const { op, seed } of cmds) {
        const a = makeAction(op, seed, ref);
        if (a.type === 'select') continue;
        let ok = true;
        try {
          m.apply(toModelAction(a));
        } catch (e) {
          if (!(e instanceof CurationError)) throw e;
          ok = false;
        }
        assert.equal(ok, ref.apply(a));
        assertSameState(m, ref);
      }
    }),
    { seed: 7, numRuns: 100 },
  );
});
