import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  predictedShown,
  Prefetch,
  runWithPrefetch,
  shownOf,
  type WalkState,
} from '../../../renderer/gl/view-prefetch.js';

const groups: Record<number, string> = { 3: 'noise', 5: 'mua' };
const walk = (over: Partial<WalkState>): WalkState => ({
  selected: [],
  similarSelected: [],
  orderIds: [1, 2, 3, 4, 5, 6],
  similarShown: [{ clusterId: 10 }, { clusterId: 11 }, { clusterId: 12 }],
  groupOf: (id) => groups[id] ?? null,
  skipNoiseMua: true,
  ...over,
});

test('shownOf: the selection, then the similar clusters not already in it, capped', () => {
  assert.deepEqual(shownOf([4, 2], [2, 9, 8]), [4, 2, 9, 8]);
  assert.deepEqual(shownOf([4, 2], [9, 8], 3), [4, 2, 9]);
});

test('predictedShown: Down through the cluster table, skipping noise and mua as the wizard does', () => {
  assert.equal(predictedShown(walk({})), null);
  assert.deepEqual(predictedShown(walk({ selected: [1] })), [2]);
  assert.deepEqual(predictedShown(walk({ selected: [2] })), [4]); // 3 is noise
  assert.deepEqual(predictedShown(walk({ selected: [2], skipNoiseMua: false })), [3]);
  assert.deepEqual(predictedShown(walk({ selected: [4] })), [6]); // 5 is mua
  assert.equal(predictedShown(walk({ selected: [6] })), null); // end of the table
});

test('predictedShown: Space through the similarity table once a similar cluster is selected', () => {
  assert.deepEqual(predictedShown(walk({ selected: [1], similarSelected: [10] })), [1, 11]);
  assert.deepEqual(predictedShown(walk({ selected: [1], similarSelected: [11] })), [1, 12]);
  assert.equal(predictedShown(walk({ selected: [1], similarSelected: [12] })), null);
});

test('Prefetch: the payload of the key is handed over once, in flight or answered', async () => {
  const p = new Prefetch<string>();
  let runs = 0;
  p.start('a', () => (runs++, Promise.resolve('A')));
  p.start('a', () => (runs++, Promise.resolve('A again')));
  assert.equal(runs, 1, 'the same key is not fetched twice');
  assert.equal(p.key, 'a');
  const got = p.take('a');
  assert.ok(got);
  assert.equal(await got.promise, 'A');
  assert.equal(p.take('a'), null, 'handed over once');
});

test('Prefetch: another key cancels what was fetched ahead', () => {
  const p = new Prefetch<string>();
  let signal: AbortSignal | null = null;
  p.start('a', (s) => ((signal = s), new Promise<string>(() => {})));
  assert.equal(p.take('b'), null);
  assert.equal(signal!.aborted, true);
  assert.equal(p.key, null);
  let second: AbortSignal | null = null;
  p.start('c', (s) => ((second = s), new Promise<string>(() => {})));
  p.start('d', () => new Promise<string>(() => {}));
  assert.equal(second!.aborted, true, 'a new prefetch replaces the old one');
  p.drop();
  assert.equal(p.key, null);
});

test('runWithPrefetch: uses the prefetched answer, refetches a failed one, cancels through', async () => {
  let fresh = 0;
  const run = () => (fresh++, Promise.resolve('fresh'));
  assert.equal(runWithPrefetch(null, run), run);

  const ok = { promise: Promise.resolve('ahead'), controller: new AbortController() };
  assert.equal(await runWithPrefetch(ok, run)(new AbortController().signal), 'ahead');
  assert.equal(fresh, 0);

  const failed = { promise: Promise.reject(new Error('gone')), controller: new AbortController() };
  failed.promise.catch(() => {});
  assert.equal(await runWithPrefetch(failed, run)(new AbortController().signal), 'fresh');
  assert.equal(fresh, 1);

  const pending = { promise: new Promise<string>(() => {}), controller: new AbortController() };
  const loader = new AbortController();
  void runWithPrefetch(pending, run)(loader.signal);
  loader.abort();
  assert.equal(pending.controller.signal.aborted, true);
});
