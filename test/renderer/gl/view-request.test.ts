import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clustersRequest, DeferredLoader } from '../../../renderer/gl/view-request.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('hidden: only the latest request is kept and runs when shown', async () => {
  const applied: string[] = [];
  const runs: string[] = [];
  const l = new DeferredLoader<string>(
    (v) => applied.push(v),
    () => {},
  );
  const run = (k: string) => () => (runs.push(k), Promise.resolve(k));
  assert.equal(l.want('a', run('a')), 'deferred');
  assert.equal(l.want('b', run('b')), 'deferred');
  assert.deepEqual(runs, []);
  assert.equal(l.setVisible(true), true);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(runs, ['b']);
  assert.deepEqual(applied, ['b']);
  assert.equal(l.want('b', run('b')), 'unchanged');
});

test('a stale response is dropped', async () => {
  const applied: string[] = [];
  const l = new DeferredLoader<string>(
    (v) => applied.push(v),
    () => {},
  );
  l.setVisible(true);
  const slow = deferred<string>();
  const fast = deferred<string>();
  assert.equal(
    l.want('slow', () => slow.promise),
    'fetching',
  );
  assert.equal(
    l.want('fast', () => fast.promise),
    'fetching',
  );
  fast.resolve('fast');
  slow.resolve('slow');
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(applied, ['fast']);
  l.clear();
  const late = deferred<string>();
  l.want('late', () => late.promise);
  l.clear();
  late.resolve('late');
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(applied, ['fast']);
});

test('a superseded or cleared request is aborted; a settled one is not', async () => {
  const l = new DeferredLoader<string>(
    () => {},
    () => {},
  );
  l.setVisible(true);
  const signals: Record<string, AbortSignal> = {};
  const run = (k: string, settle: boolean) => (signal: AbortSignal) => {
    signals[k] = signal;
    return settle ? Promise.resolve(k) : new Promise<string>(() => {});
  };
  l.want('a', run('a', false));
  await Promise.resolve();
  assert.equal(signals['a']!.aborted, false);
  l.want('b', run('b', true));
  assert.equal(signals['a']!.aborted, true); // superseded at once
  await Promise.resolve();
  await Promise.resolve();
  l.want('c', run('c', false));
  assert.equal(signals['b']!.aborted, false); // b had answered: nothing to cancel
  await Promise.resolve();
  l.clear();
  assert.equal(signals['c']!.aborted, true);
});

test('a request starts inside want(), not on a later microtask', () => {
  const l = new DeferredLoader<string>(
    () => {},
    () => {},
  );
  l.setVisible(true);
  const runs: string[] = [];
  l.want('a', () => (runs.push('a'), Promise.resolve('a')));
  assert.deepEqual(runs, ['a']);
});

test('a run that throws synchronously fails the request', async () => {
  const failed: unknown[] = [];
  const l = new DeferredLoader<string>(
    () => {},
    (e) => failed.push(e),
  );
  l.setVisible(true);
  l.want('a', () => {
    throw new Error('boom');
  });
  await Promise.resolve();
  assert.equal((failed[0] as Error).message, 'boom');
});

const at = (revision: number | null) => ({
  table: revision === null ? null : { revision },
});

test('clustersRequest: none without clusters; keyed by clusters, settings and revision', async () => {
  const run = async (ids: number[], _signal: AbortSignal) => ids;
  assert.equal(clustersRequest(at(3), [], ['templates'], run), null);
  const shown = [4, 9];
  const r = clustersRequest(at(3), shown, ['templates', 0.001], run)!;
  assert.equal(r.key, '4,9|templates|0.001|3');
  assert.equal(clustersRequest(at(null), [4, 9], [], run)!.key, '4,9|0');
  // Another revision or setting is another request; the ids handed to `run` are a copy.
  assert.notEqual(clustersRequest(at(4), shown, ['templates', 0.001], run)!.key, r.key);
  assert.notEqual(clustersRequest(at(3), shown, ['mean', 0.001], run)!.key, r.key);
  const ids = await r.run(new AbortController().signal);
  assert.deepEqual(ids, [4, 9]);
  assert.notEqual(ids, shown);
});
