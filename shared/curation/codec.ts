/**
 * @file JSON form of curation actions, for the session journal and the transports.
 *
 * The only non-JSON part of an action is a split's Uint32Array, stored as a number array. Decoding
 * checks the shape (not that clusters or spikes exist: applying the action does that).
 */

import type { CurationAction } from './actions.js';
import { CurationError } from './errors.js';
import { checkField, checkLabelValue, checkSelection } from './validate.js';

const fail = (why: string): never => {
  throw new CurationError('invalid-action', `malformed action: ${why}`);
};

const intArray = (x: unknown, what: string): number[] =>
  Array.isArray(x) && x.every((v) => Number.isSafeInteger(v))
    ? (x as number[])
    : fail(`${what} must be integers`);

/** Serialises an action to JSON text. */
export function actionToJson(action: CurationAction): string {
  if (action.type === 'split')
    return JSON.stringify({ ...action, spikes: Array.from(action.spikes) });
  return JSON.stringify(action);
}

/** Parses and shape-checks an action written by {@link actionToJson}. */
export function actionFromJson(text: string): CurationAction {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  if (typeof raw !== 'object' || raw === null) return fail('not an object');
  const a = raw as Record<string, unknown>;
  const withSelection = <T extends object>(base: T, keys: readonly string[]): T => {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const key of keys) if (a[key] !== undefined) out[key] = checkSelection(a[key]);
    return out as T;
  };
  switch (a.type) {
    case 'undo':
    case 'redo':
      return { type: a.type };
    case 'merge':
      return withSelection({ type: 'merge', clusterIds: intArray(a.clusterIds, 'clusterIds') }, [
        'selection',
      ]);
    case 'label':
      return withSelection(
        {
          type: 'label',
          field: checkField(a.field),
          clusterIds: intArray(a.clusterIds, 'clusterIds'),
          value: checkLabelValue(a.value),
        },
        ['selection', 'selectionAfter'],
      );
    case 'split': {
      const spikes = intArray(a.spikes, 'spikes');
      if (spikes.some((s) => s < 0 || s > 0xffffffff)) fail('spike index out of range');
      return withSelection({ type: 'split', spikes: Uint32Array.from(spikes) }, ['selection']);
    }
    default:
      return fail(`unknown type ${JSON.stringify(a.type)}`);
  }
}
