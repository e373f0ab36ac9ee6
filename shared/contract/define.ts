/**
 * @file The building blocks of the API contract: every operation is an `invoke` (request ->
 * response), an `event` (core -> UI push) or a `job` (long work with progress and cancel). Each
 * carries a runtime schema for what crosses the process/network boundary (valibot); results are
 * typed with a phantom type only, since they come from our own core.
 */
import type { GenericSchema, InferOutput } from 'valibot';

/**
 * When the core answers an invoke (it answers on one thread):
 * - `interactive`: at once (what shows a selection: tables, similar clusters; curation actions);
 * - `view`: queued, one per turn of the event loop, so interactive calls that arrive meanwhile go
 *   first (heavy view payloads);
 * - `idle`: queued behind every `view` call (merge scores: nice to have, expensive).
 * Queued calls can be cancelled by the client before they start.
 */
export type InvokePriority = 'interactive' | 'view' | 'idle';

export interface InvokeSpec<A extends GenericSchema, R> {
  readonly kind: 'invoke';
  readonly args: A;
  /** Writes the curation state: refused for read-only (second) clients in serve mode. */
  readonly writes: boolean;
  readonly priority: InvokePriority;
  readonly _result?: R;
}

export interface EventSpec<P> {
  readonly kind: 'event';
  readonly _payload?: P;
}

export interface JobSpec<A extends GenericSchema, R> {
  readonly kind: 'job';
  readonly args: A;
  readonly writes: boolean;
  readonly _result?: R;
}

export const invoke =
  <R>() =>
  <A extends GenericSchema>(
    args: A,
    options: { writes?: boolean; priority?: InvokePriority } = {},
  ): InvokeSpec<A, R> => ({
    kind: 'invoke',
    args,
    writes: options.writes ?? false,
    priority: options.priority ?? 'interactive',
  });

export const event = <P>(): EventSpec<P> => ({ kind: 'event' });

export const job =
  <R>() =>
  <A extends GenericSchema>(args: A, options: { writes?: boolean } = {}): JobSpec<A, R> => ({
    kind: 'job',
    args,
    writes: options.writes ?? false,
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = InvokeSpec<any, any> | EventSpec<any> | JobSpec<any, any>;
export type ContractTable = Record<string, AnySpec>;

export type ArgsOf<S> = S extends InvokeSpec<infer A, unknown> | JobSpec<infer A, unknown>
  ? InferOutput<A>
  : never;
export type ResultOf<S> = S extends
  InvokeSpec<GenericSchema, infer R> | JobSpec<GenericSchema, infer R>
  ? R
  : never;
export type PayloadOf<S> = S extends EventSpec<infer P> ? P : never;

type KeysOfKind<T extends ContractTable, K extends AnySpec['kind']> = {
  [N in keyof T]: T[N]['kind'] extends K ? N : never;
}[keyof T] &
  string;

export type InvokeNames<T extends ContractTable> = KeysOfKind<T, 'invoke'>;
export type EventNames<T extends ContractTable> = KeysOfKind<T, 'event'>;
export type JobNames<T extends ContractTable> = KeysOfKind<T, 'job'>;

/** Progress of a running job, throttled by the core to about 10 per second. */
export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/** The part of AbortSignal a job needs (shared/ has no DOM or Node types). */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** The part of AbortSignal a client passes to cancel a call (DOM's and Node's both fit). */
export interface AbortSignalLike extends CancelSignal {
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What an invoke handler may use besides its arguments. */
export interface InvokeContext {
  /** Aborted when the client cancelled the call (it no longer wants the answer). */
  signal: CancelSignal;
}

/** Options of one call from a client. */
export interface CallOptions {
  /** Aborting it cancels the call: the promise rejects with a 'cancelled' error, and the core
   * drops the call if it has not started yet (serve mode; the desktop bridge ignores it). */
  signal?: AbortSignalLike;
}

export interface JobContext {
  signal: CancelSignal;
  progress: (done: number, total: number, message?: string) => void;
}

/** What the core implements: one function per invoke and job. A missing one is a compile error. */
export type Handlers<T extends ContractTable> = {
  [N in InvokeNames<T>]: (
    args: ArgsOf<T[N]>,
    context?: InvokeContext,
  ) => ResultOf<T[N]> | Promise<ResultOf<T[N]>>;
} & {
  [N in JobNames<T>]: (args: ArgsOf<T[N]>, context: JobContext) => Promise<ResultOf<T[N]>>;
};

/** What a UI client sees: invoke and job functions, and event subscriptions. */
export interface ClientApi<T extends ContractTable> {
  invoke<N extends InvokeNames<T>>(
    name: N,
    args: ArgsOf<T[N]>,
    options?: CallOptions,
  ): Promise<ResultOf<T[N]>>;
  startJob<N extends JobNames<T>>(
    name: N,
    args: ArgsOf<T[N]>,
    onProgress?: (p: JobProgress) => void,
  ): { jobId: Promise<string>; result: Promise<ResultOf<T[N]>>; cancel: () => void };
  on<N extends EventNames<T>>(name: N, listener: (payload: PayloadOf<T[N]>) => void): () => void;
}
