import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterSetKey, SimilarCache } from '../../../renderer/state/similar-cache.js';

const listOf = (id: number) => [{ clusterId: id + 100, similarity: 0.5 }];

test('lists are kept for the cluster set they were computed on, and dropped when it changes', () => {
  const cache = new SimilarCache();
  const a = clusterSetKey([1, 2, 3]);
  cache.set(a, 1, listOf(1));
  assert.deepEqual(cache.get(a, 1), listOf(1));
  assert.equal(cache.get(a, 2), undefined);
  const b = clusterSetKey([1, 3, 4]); // 2 and 3 merged into 4, say
  assert.equal(cache.get(b, 1), undefined);
  assert.equal(cache.size, 0);
});

test('fill fetches the missing lists one at a time while idle, and stops when not', async () => {
  const cache = new SimilarCache();
  const key = clusterSetKey([1, 2, 3, 4]);
  cache.set(key, 2, listOf(2));
  const fetched: number[] = [];
  let idleLeft = 2;
  await cache.fill(
    key,
    [1, 2, 3, 4],
    async (id) => (fetched.push(id), listOf(id)),
    async () => idleLeft-- > 0,
    () => key,
  );
  assert.deepEqual(fetched, [1, 3]); // 2 was held; idle ended before 4
  assert.deepEqual(cache.get(key, 3), listOf(3));
  assert.equal(cache.get(key, 4), undefined);
});

test('fill stops at a change of the cluster set and keeps nothing of the old one', async () => {
  const cache = new SimilarCache();
  const key = clusterSetKey([1, 2, 3]);
  let current = key;
  await cache.fill(
    key,
    [1, 2, 3],
    async (id) => {
      if (id === 2) current = clusterSetKey([1, 3, 4]); // an action while fetching
      return listOf(id);
    },
    async () => true,
    () => current,
  );
  assert.equal(cache.get(key, 2), undefined, 'a list that came back after the change is not kept');
  assert.deepEqual(cache.get(key, 1), listOf(1));
  assert.equal(cache.get(key, 3), undefined, 'nothing fetched after the change');
});
