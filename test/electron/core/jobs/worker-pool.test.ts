import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAll, JobCancelledError } from '../../../../electron/core/jobs/job.js';
import { WorkerPool } from '../../../../electron/core/jobs/worker-pool.js';

const workerUrl = new URL('./square-worker.ts', import.meta.url);
let pool: WorkerPool;
let values: Float64Array;

before(() => {
  values = new Float64Array(new SharedArrayBuffer(8 * 4));
  values.set([1, 2, 3, 4]);
  pool = new WorkerPool(workerUrl, 2, { values });
});
after(async () => {
  await pool.close();
});

test('tasks run on the workers and each promise gets its own answer', async () => {
  assert.equal(pool.size, 2);
  const inputs = Array.from({ length: 20 }, (_, i) => i);
  const out = await Promise.all(inputs.map((v) => pool.run<Float64Array>({ kind: 'square', v })));
  assert.deepEqual(
    out.map((a) => a[0]),
    inputs.map((v) => v * v),
  );
});

test('workers read SharedArrayBuffer data written by the main thread', async () => {
  values[3] = 10;
  assert.equal(await pool.run<number>({ kind: 'sum' }), 16);
});

test('a failing task rejects with its error and the pool keeps working', async () => {
  await assert.rejects(pool.run({ kind: 'square', v: -2 }), /negative input -2/);
  const out = await pool.run<Float64Array>({ kind: 'square', v: 3 });
  assert.equal(out[0], 9);
});

test('awaitAll rejects on abort while tasks run; close rejects what is left', async () => {
  const local = new WorkerPool(workerUrl, 1, { values });
  const controller = new AbortController();
  const tasks = [local.run({ kind: 'wait', ms: 5000 }), local.run({ kind: 'wait', ms: 1 })];
  const waiting = awaitAll(tasks, controller.signal);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(waiting, JobCancelledError);
  await local.close();
  await assert.rejects(tasks[1] as Promise<unknown>, /closed/);
  await assert.rejects(local.run({ kind: 'square', v: 1 }), /closed/);
});

test('awaitAll resolves once every task has', async () => {
  const order: number[] = [];
  const tasks = [30, 1, 10].map((ms) =>
    pool.run<number>({ kind: 'wait', ms }).then((v) => order.push(v)),
  );
  await awaitAll(tasks);
  assert.equal(order.length, 3);
});
