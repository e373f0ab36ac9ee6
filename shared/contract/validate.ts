/**
 * @file Runtime checks of what arrives over a transport: is the channel an operation of the
 * contract table, and do the arguments satisfy its valibot schema. Both transports call this
 * before any handler runs, so a handler only ever sees arguments of its declared type.
 */
import * as v from 'valibot';
import type { AnySpec, ContractTable, InvokeSpec, JobSpec } from './define.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationSpec = InvokeSpec<any, any> | JobSpec<any, any>;

export type Validation = { ok: true; value: unknown } | { ok: false; message: string };

/** The invoke or job spec named `channel`, or null (events and unknown names are not callable). */
export function operationSpec(table: ContractTable, channel: string): OperationSpec | null {
  if (!Object.hasOwn(table, channel)) return null;
  const spec: AnySpec = table[channel];
  return spec.kind === 'invoke' || spec.kind === 'job' ? spec : null;
}

/** Names of every entry of `kind` in the table, in table order. */
export function channelsOfKind(table: ContractTable, kind: AnySpec['kind']): string[] {
  return Object.keys(table).filter((name) => table[name].kind === kind);
}

/**
 * Checks `args` against the schema of operation `channel`. On success `value` is valibot's
 * output (unknown keys of objects stripped); on failure `message` names the first problems
 * with their paths, e.g. `clusterIds.1: Invalid type: Expected number but received "a"`.
 */
export function validateArgs(table: ContractTable, channel: string, args: unknown): Validation {
  const spec = operationSpec(table, channel);
  if (!spec) return { ok: false, message: `unknown operation '${channel}'` };
  const result = v.safeParse(spec.args, args);
  if (result.success) return { ok: true, value: result.output };
  const problems = result.issues.slice(0, 3).map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = result.issues.length > 3 ? ` (+${result.issues.length - 3} more)` : '';
  return { ok: false, message: `invalid arguments: ${problems.join('; ')}${more}` };
}
