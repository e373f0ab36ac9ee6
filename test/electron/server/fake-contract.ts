/**
 * @file A small contract and handler set for transport tests: echo (any data, typed arrays
 * included), a write operation, a failing operation, a counting job with progress and cancel,
 * and events; and, apart (`queuedContract`), a queued (`view` priority) operation that logs when
 * it runs and one that keeps the thread busy, for the answer-order tests. Not a test file itself (no .test.ts): imported by the transport tests.
 */
import { EventEmitter } from 'node:events';
import * as v from 'valibot';
import { event, invoke, job } from '../../../shared/contract/define.js';
import type { EventNames, Handlers, PayloadOf } from '../../../shared/contract/define.js';

export const fakeContract = {
  'session:status': invoke<{ canWrite: boolean; dirty: boolean }>()(v.object({})),
  'test:echo': invoke<unknown>()(v.object({ value: v.unknown() })),
  'test:sum': invoke<number>()(v.object({ spikes: v.instance(Uint32Array) }), { writes: true }),
  'test:fail': invoke<never>()(v.object({})),
  'test:count': job<number>()(
    v.object({
      steps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
      delayMs: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
      failAt: v.optional(v.number()),
    }),
  ),
  'session:changed': event<{ canWrite: boolean; dirty: boolean }>(),
  'curation:changed': event<{ data: Float64Array; status: { canWrite: boolean } }>(),
} as const;

export type FakeContract = typeof fakeContract;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const fakeHandlers: Handlers<FakeContract> = {
  'session:status': () => ({ canWrite: true, dirty: false }),
  'test:echo': ({ value }) => value,
  // Sum in a plain loop: the result proves the array arrived intact.
  'test:sum': ({ spikes }) => {
    let sum = 0;
    for (let i = 0; i < spikes.length; i++) sum += spikes[i];
    return sum;
  },
  'test:fail': () => {
    throw new Error('the disk is on fire');
  },
  'test:count': async ({ steps, delayMs, failAt }, { signal, progress }) => {
    for (let i = 0; i < steps; i++) {
      if (signal.aborted) throw new Error('aborted');
      if (i === failAt) throw new Error(`step ${i} failed`);
      await sleep(delayMs);
      progress(i + 1, steps, `step ${i + 1}`);
    }
    return steps;
  },
};

/** The EventSource the transports need, backed by a Node EventEmitter. */
export class FakeEvents {
  private readonly emitter = new EventEmitter();
  emit<N extends EventNames<FakeContract>>(name: N, payload: PayloadOf<FakeContract[N]>): void {
    this.emitter.emit(name, payload);
  }
  on<N extends EventNames<FakeContract>>(
    name: N,
    listener: (payload: PayloadOf<FakeContract[N]>) => void,
  ): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
  listenerCount(name: string): number {
    return this.emitter.listenerCount(name);
  }
}

/** Values of the `test:later` calls, in the order their handler ran. */
export const laterLog: string[] = [];

/** The fake contract plus a queued operation and a busy one (answer order, cancel). */
export const queuedContract = {
  ...fakeContract,
  'test:later': invoke<string>()(v.object({ value: v.string() }), { priority: 'view' }),
  /** Keeps the thread busy for `ms` (so that later frames arrive while it runs). */
  'test:block': invoke<number>()(v.object({ ms: v.pipe(v.number(), v.maxValue(2000)) })),
} as const;

export type QueuedContract = typeof queuedContract;

export const queuedHandlers: Handlers<QueuedContract> = {
  ...fakeHandlers,
  'test:later': ({ value }) => {
    laterLog.push(value);
    return value;
  },
  'test:block': ({ ms }) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      // busy on purpose
    }
    return ms;
  },
};
