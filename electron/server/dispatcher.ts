/**
 * @file The transport-neutral server side of the contract: one `call(channel, payload, peer)`
 * for Electron IPC and the WebSocket alike. It refuses unknown channels, write operations from
 * read-only peers and invalid arguments, runs the handler, and turns every failure into a
 * {@link Reply} naming the operation. Invokes run in the order of their priority (call-queue.ts)
 * and can be cancelled by the transport while queued. Jobs get an AbortSignal, throttled progress
 * pushes and a final settled push.
 */
import type {
  CancelSignal,
  ContractTable,
  Handlers,
  InvokeContext,
  JobContext,
} from '../../shared/contract/define.js';
import { cancelledReply, failure, WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { JobSettled, Reply } from '../../shared/contract/codec.js';
import { operationSpec, validateArgs } from '../../shared/contract/validate.js';
import { CallQueue } from './call-queue.js';
import { throttle } from './throttle.js';

/** One connected client, as the dispatcher sees it. */
export interface Peer {
  /** False for read-only clients: operations marked `writes` are refused. */
  readonly canWrite: boolean;
  /** Sends a push (job progress or job settled) to this client. */
  push(channel: string, payload: unknown): void;
}

/** A transport-level call outside the contract table (e.g. the desktop folder dialog). */
export type WireHandler = (payload: unknown, peer: Peer) => unknown;

export interface DispatcherOptions {
  /** Minimum time between two progress pushes of one job, ms. @default 100 */
  progressIntervalMs?: number;
  /** Extra calls by channel name, added by a transport (never contract names). */
  wireHandlers?: Record<string, WireHandler>;
  /** Told about every handler failure (for a log); replies are sent regardless. */
  onError?: (operation: string, error: unknown) => void;
}

export interface Dispatcher {
  /**
   * Answers one call. `signal` (from the transport) cancels it: a queued invoke then never runs
   * and is answered `cancelled`; a running one sees the signal in its context.
   */
  call(channel: string, payload: unknown, peer: Peer, signal?: CancelSignal): Promise<Reply>;
  /** Cancels every job of a peer that went away. */
  release(peer: Peer): void;
  /** Number of jobs running now, over all peers. */
  runningJobs(): number;
}

const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message || err.name : String(err);

type AnyHandler = (args: unknown, context: JobContext | InvokeContext) => unknown;

const NEVER_CANCELLED: CancelSignal = { aborted: false };

export function createDispatcher<T extends ContractTable>(
  table: T,
  handlers: Handlers<T>,
  options: DispatcherOptions = {},
): Dispatcher {
  const byName = handlers as unknown as Record<string, AnyHandler>;
  const jobs = new Map<Peer, Map<string, AbortController>>();
  const interval = options.progressIntervalMs ?? 100;
  const queue = new CallQueue();

  const startJob = (channel: string, payload: unknown, peer: Peer): Reply => {
    const start = payload as { jobId?: unknown; args?: unknown } | null;
    const jobId = typeof start === 'object' && start !== null ? start.jobId : undefined;
    if (typeof jobId !== 'string' || !JOB_ID.test(jobId))
      return failure(
        'invalid-args',
        channel,
        'a job needs a jobId of 1-64 letters, digits, _ or -',
      );
    const peerJobs = jobs.get(peer) ?? new Map<string, AbortController>();
    if (peerJobs.has(jobId))
      return failure('invalid-args', channel, `job ${jobId} is already running`);
    const checked = validateArgs(table, channel, start?.args);
    if (!checked.ok) return failure('invalid-args', channel, checked.message);

    const controller = new AbortController();
    peerJobs.set(jobId, controller);
    jobs.set(peer, peerJobs);
    let settled = false;
    const progress = throttle(
      (p: { done: number; total: number; message: string }) =>
        peer.push(WIRE_CHANNELS.jobProgress, { jobId, ...p }),
      interval,
    );
    const context: JobContext = {
      signal: controller.signal,
      progress: (done, total, message = '') => {
        if (!settled) progress({ done, total, message });
      },
    };
    const settle = (reply: Reply) => {
      settled = true;
      progress.cancel();
      peerJobs.delete(jobId);
      if (peerJobs.size === 0) jobs.delete(peer);
      peer.push(WIRE_CHANNELS.jobSettled, { jobId, reply } satisfies JobSettled);
    };
    // Started on a later tick so that the start reply reaches the client before any push.
    setImmediate(() => {
      Promise.resolve()
        .then(() => byName[channel](checked.value, context))
        .then(
          (value) => settle({ ok: true, value }),
          (err: unknown) => {
            if (controller.signal.aborted) {
              settle(cancelledReply(channel));
            } else {
              options.onError?.(channel, err);
              settle(failure('failed', channel, messageOf(err)));
            }
          },
        );
    });
    return { ok: true, value: jobId };
  };

  const invoke = async (channel: string, args: unknown, signal: CancelSignal): Promise<Reply> => {
    try {
      return { ok: true, value: await byName[channel](args, { signal }) };
    } catch (err) {
      if (signal.aborted) return cancelledReply(channel);
      options.onError?.(channel, err);
      return failure('failed', channel, messageOf(err));
    }
  };

  const call = async (
    channel: string,
    payload: unknown,
    peer: Peer,
    signal: CancelSignal = NEVER_CANCELLED,
  ): Promise<Reply> => {
    if (channel === WIRE_CHANNELS.jobCancel) {
      const controller = typeof payload === 'string' ? jobs.get(peer)?.get(payload) : undefined;
      controller?.abort();
      return { ok: true, value: controller !== undefined };
    }
    const wire = options.wireHandlers;
    if (wire && Object.hasOwn(wire, channel)) {
      try {
        return { ok: true, value: await wire[channel](payload, peer) };
      } catch (err) {
        options.onError?.(channel, err);
        return failure('failed', channel, messageOf(err));
      }
    }
    const spec = operationSpec(table, channel);
    if (!spec) return failure('unknown-operation', channel, `unknown operation '${channel}'`);
    if (spec.writes && !peer.canWrite)
      return failure(
        'read-only',
        channel,
        `${channel} refused: this client is read-only (another client is the writer for this dataset)`,
      );
    if (spec.kind === 'job') return startJob(channel, payload, peer);
    const checked = validateArgs(table, channel, payload);
    if (!checked.ok) return failure('invalid-args', channel, checked.message);
    return queue.schedule(
      spec.priority ?? 'interactive',
      () => invoke(channel, checked.value, signal),
      () => signal.aborted,
      () => failure('cancelled', channel, `${channel} was cancelled before it started`),
    );
  };

  return {
    call,
    release: (peer) => {
      for (const controller of jobs.get(peer)?.values() ?? []) controller.abort();
    },
    runningJobs: () => [...jobs.values()].reduce((n, m) => n + m.size, 0),
  };
}
