import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkpoint,
  JobCancelledError,
  runJob,
  startJob,
  throttleProgress,
  type Job,
  type JobProgress,
} from '../../../../electron/core/jobs/job.js';

test('throttleProgress forwards at most one report per interval, plus final and phase changes', () => {
  let clock = 0;
  const seen: JobProgress[] = [];
  const t = throttleProgress(
    (p) => seen.push(p),
    100,
    () => clock,
  );
  // 1000 reports over 1 s of fake time (one per ms): ~10 forwarded.
  for (let i = 1; i <= 1000; i++) {
    clock = i;
    t.report({ done: i, total: 2000, phase: 'a' });
  }
  assert.equal(seen.length, 10);
  assert.deepEqual(
    seen.map((p) => p.done),
    [1, 101, 201, 301, 401, 501, 601, 701, 801, 901],
  );
  // A phase change passes at once, whatever the interval.
  clock = 1000.5;
  t.report({ done: 0, total: 10, phase: 'b' });
  assert.equal(seen.at(-1)?.phase, 'b');
  // Held reports: only the newest survives, and flush delivers it.
  clock = 1001;
  t.report({ done: 1, total: 10, phase: 'b' });
  t.report({ done: 2, total: 10, phase: 'b' });
  const before = seen.length;
  t.flush();
  assert.equal(seen.length, before + 1);
  assert.equal(seen.at(-1)?.done, 2);
  t.flush();
  assert.equal(seen.length, before + 1, 'nothing held after a flush');
  // Completion passes immediately.
  t.report({ done: 10, total: 10, phase: 'b' });
  assert.equal(seen.at(-1)?.done, 10);
});

test('runJob delivers the final progress and the result', async () => {
  const seen: JobProgress[] = [];
  const job: Job<number, number> = async (n, { progress, signal }) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += i;
      progress({ done: i + 1, total: n + 1 });
      await checkpoint(signal);
    }
    progress({ done: n, total: n + 1 }); // held (not final, same phase, inside the interval)
    return sum;
  };
  let clock = 0;
  const result = await runJob(job, 50, {
    onProgress: (p) => seen.push(p),
    now: () => clock++,
    progressIntervalMs: 1e9,
  });
  assert.equal(result, (49 * 50) / 2);
  assert.equal(seen[0]?.done, 1);
  assert.equal(seen.at(-1)?.done, 50, 'the held last report is flushed');
});

test('cancellation is observed at the next checkpoint', async () => {
  let reached = 0;
  const job: Job<null, string> = async (_p, { signal }) => {
    for (let i = 0; i < 1000; i++) {
      reached = i;
      await checkpoint(signal);
    }
    return 'finished';
  };
  const handle = startJob(job, null);
  setImmediate(() => handle.cancel());
  await assert.rejects(handle.result, JobCancelledError);
  assert.ok(reached < 10, `stopped early (at ${reached})`);
});

test('an aborted signal rejects before the job starts, and after a job that ignores it', async () => {
  const controller = new AbortController();
  controller.abort();
  let ran = false;
  await assert.rejects(
    runJob(async () => ((ran = true), 1), null, { signal: controller.signal }),
    JobCancelledError,
  );
  assert.equal(ran, false);
  const late = new AbortController();
  const ignoring: Job<null, number> = async () => {
    late.abort();
    return 1;
  };
  await assert.rejects(runJob(ignoring, null, { signal: late.signal }), JobCancelledError);
});
