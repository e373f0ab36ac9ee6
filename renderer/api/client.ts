/**
 * @file The one client of the contract, over any {@link WireTransport}: unwraps replies into
 * values or {@link RemoteError}s and keeps the book of running jobs (progress, result, cancel).
 * The desktop (preload bridge) and the browser (WebSocket) differ only in the transport.
 */
import { WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { JobSettled, Reply, WireTransport } from '../../shared/contract/codec.js';
import type { ClientApi, ContractTable, JobProgress } from '../../shared/contract/define.js';
import { RemoteError } from './remote-error.js';

export interface Client<T extends ContractTable> extends ClientApi<T> {
  /** Stops listening for job pushes; running jobs' results are left pending. */
  dispose(): void;
}

interface PendingJob {
  onProgress?: (p: JobProgress) => void;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Returns the value of a reply or throws its error. */
export function unwrap(reply: Reply): unknown {
  if (reply.ok) return reply.value;
  throw new RemoteError(reply.error);
}

let jobCounter = 0;
/** Unique per client session; only needs to differ from this client's other jobs. */
const newJobId = (): string =>
  `j${Date.now().toString(36)}-${(jobCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function createClient<T extends ContractTable>(transport: WireTransport): Client<T> {
  const jobs = new Map<string, PendingJob>();
  const stops = [
    transport.listen(WIRE_CHANNELS.jobProgress, (payload) => {
      const p = payload as JobProgress;
      jobs.get(p.jobId)?.onProgress?.(p);
    }),
    transport.listen(WIRE_CHANNELS.jobSettled, (payload) => {
      const { jobId, reply } = payload as JobSettled;
      const job = jobs.get(jobId);
      if (!job) return;
      jobs.delete(jobId);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new RemoteError(reply.error));
    }),
  ];

  const api: ClientApi<T> = {
    invoke: async (name, args, options) =>
      unwrap(
        await (options ? transport.call(name, args, options) : transport.call(name, args)),
      ) as never,
    startJob: (name, args, onProgress) => {
      const requested = newJobId();
      const result = new Promise<never>((resolve, reject) => {
        jobs.set(requested, { onProgress, resolve: resolve as (v: unknown) => void, reject });
      });
      // Listening starts before the call, so no push of this job can be missed.
      const jobId = transport.call(name, { jobId: requested, args }).then((reply) => {
        try {
          return unwrap(reply) as string;
        } catch (err) {
          jobs.get(requested)?.reject(err as Error);
          jobs.delete(requested);
          throw err;
        }
      });
      jobId.catch(() => {}); // the same error also rejects `result`; awaiting jobId is optional
      const cancel = () => {
        jobId.then((id) => transport.call(WIRE_CHANNELS.jobCancel, id)).catch(() => {});
      };
      return { jobId, result, cancel };
    },
    on: (name, listener) => transport.listen(name, listener as (payload: unknown) => void),
  };
  return { ...api, dispose: () => stops.forEach((stop) => stop()) };
}
