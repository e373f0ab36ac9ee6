import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReadAhead } from '../../../renderer/state/read-ahead.js';

const always = async () => true;

test('asks for each cluster once, in order, while idle; remembers what the core holds', async () => {
  const ahead = new ReadAhead();
  const asked: number[] = [];
  const read = async (id: number) => (asked.push(id), [id]);
  await ahead.fill(
    () => [5, 3, 8],
    read,
    always,
    () => true,
  );
  assert.deepEqual(asked, [5, 3, 8]);
  assert.ok(ahead.holds(5) && ahead.holds(3) && ahead.holds(8));
  assert.equal(ahead.size, 3);
  // New clusters (after an action) are asked for; the old ones never again.
  await ahead.fill(
    () => [5, 3, 8, 9],
    read,
    always,
    () => true,
  );
  assert.deepEqual(asked, [5, 3, 8, 9]);
});

test('an answer holding nothing (the core is full) stops the fill; the next fill asks again', async () => {
  const ahead = new ReadAhead();
  const asked: number[] = [];
  let full = true;
  const read = async (id: number) => (asked.push(id), full && id === 3 ? [] : [id]);
  await ahead.fill(
    () => [5, 3, 8],
    read,
    always,
    () => true,
  );
  assert.deepEqual(asked, [5, 3], 'nothing after the full answer');
  assert.ok(ahead.holds(5) && !ahead.holds(3) && !ahead.holds(8));
  full = false; // room again (say the views' own samples pushed some out)
  await ahead.fill(
    () => [5, 3, 8],
    read,
    always,
    () => true,
  );
  assert.deepEqual(asked, [5, 3, 3, 8]);
  assert.ok(ahead.holds(3) && ahead.holds(8));
});

test('stops when not idle or not wanted; a cancelled ask is asked again, a failed one not', async () => {
  const ahead = new ReadAhead();
  const asked: number[] = [];
  let idleLeft = 2;
  await ahead.fill(
    () => [1, 2, 3],
    async (id) => (asked.push(id), [id]),
    async () => idleLeft-- > 0,
    () => true,
  );
  assert.deepEqual(asked, [1, 2], 'the look ended before 3');

  let wanted = true;
  await ahead.fill(
    () => [1, 2, 3, 4],
    async (id) => {
      asked.push(id);
      wanted = false; // the feature view was hidden meanwhile
      return null; // cancelled: not held, asked again later
    },
    always,
    () => wanted,
  );
  assert.deepEqual(asked, [1, 2, 3]);
  assert.ok(!ahead.holds(3));

  await ahead.fill(
    () => [1, 2, 3, 4],
    async (id) => {
      asked.push(id);
      if (id === 3) throw new Error('the core went away');
      return [id];
    },
    always,
    () => true,
  );
  assert.deepEqual(asked, [1, 2, 3, 3, 4], '3 asked again after its cancel, 4 after its failure');
  await ahead.fill(
    () => [1, 2, 3, 4],
    async (id) => (asked.push(id), [id]),
    always,
    () => true,
  );
  assert.equal(asked.length, 5, 'a failed ask is not retried');
});

test('a cluster gone during the idle wait is not asked for; one fill at a time', async () => {
  const ahead = new ReadAhead();
  let ids = [1, 2];
  const asked: number[] = [];
  let release: () => void = () => undefined;
  const first = ahead.fill(
    () => ids,
    async (id) => (asked.push(id), [id]),
    () =>
      new Promise<boolean>((resolve) => {
        release = () => resolve(true);
      }),
    () => true,
  );
  // A second fill while the first runs does nothing.
  await ahead.fill(
    () => ids,
    async (id) => (asked.push(-id), [id]),
    always,
    () => true,
  );
  ids = [2, 3]; // 1 merged away while waiting
  release();
  await new Promise((r) => setTimeout(r, 0));
  release();
  await new Promise((r) => setTimeout(r, 0));
  release();
  await first;
  assert.deepEqual(asked, [2, 3]);
});

test('reset forgets every cluster and stops the fill in progress; a new fill asks again', async () => {
  const ahead = new ReadAhead();
  const asked: string[] = [];
  await ahead.fill(
    () => [1, 2],
    async (id) => (asked.push(`a${id}`), [id]),
    always,
    () => true,
  );
  assert.ok(ahead.holds(1));
  // A fill in progress when another dataset is loaded: it stops at its next step, and what it
  // was answered is not kept for the new one.
  let release: () => void = () => undefined;
  const old = ahead.fill(
    () => [1, 2, 3],
    (id) =>
      new Promise<number[]>((resolve) => {
        asked.push(`a${id}`);
        release = () => resolve([id]);
      }),
    always,
    () => true,
  );
  await new Promise((r) => setTimeout(r, 0));
  ahead.reset();
  assert.equal(ahead.size, 0);
  assert.ok(!ahead.holds(1));
  const fresh = ahead.fill(
    () => [1, 2],
    async (id) => (asked.push(`b${id}`), [id]),
    always,
    () => true,
  );
  release();
  await Promise.all([old, fresh]);
  assert.deepEqual(asked, ['a1', 'a2', 'a3', 'b1', 'b2']);
  assert.ok(!ahead.holds(3), 'the old fill answer came after the reset');
  assert.ok(ahead.holds(1) && ahead.holds(2));
});
