/** Test worker for worker-pool.test.ts: squares numbers, fails on negatives, sums a shared array. */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../../../electron/core/jobs/worker-host.js';

const shared = workerData as { values: Float64Array };

serveTasks(async (message) => {
  const m = message as
    { kind: 'square'; v: number } | { kind: 'sum' } | { kind: 'wait'; ms: number };
  if (m.kind === 'sum') return { value: shared.values.reduce((a, b) => a + b, 0) };
  if (m.kind === 'wait') {
    await new Promise((resolve) => setTimeout(resolve, m.ms));
    return { value: m.ms };
  }
  if (m.v < 0) throw new Error(`negative input ${m.v}`);
  const out = Float64Array.of(m.v * m.v);
  return { value: out, transfer: [out.buffer] };
});
