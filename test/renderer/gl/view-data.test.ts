import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clustersRequest } from '../../../renderer/gl/view-data.svelte.js';
import type { AppState } from '../../../renderer/state/app.svelte.js';

const at = (revision: number | null) =>
  ({ table: revision === null ? null : { revision } }) as unknown as AppState;

test('clustersRequest: none without clusters; keyed by clusters, settings and revision', async () => {
  const run = async (ids: number[], _signal: AbortSignal) => ids;
  assert.equal(clustersRequest(at(3), [], ['templates'], run), null);
  const shown = [4, 9];
  const r = clustersRequest(at(3), shown, ['templates', 0.001], run)!;
  assert.equal(r.key, '4,9|templates|0.001|3');
  assert.equal(clustersRequest(at(null), [4, 9], [], run)!.key, '4,9|0');
  // Another revision or setting is another request; the ids handed to `run` are a copy.
  assert.notEqual(clustersRequest(at(4), shown, ['templates', 0.001], run)!.key, r.key);
  assert.notEqual(clustersRequest(at(3), shown, ['mean', 0.001], run)!.key, r.key);
  const ids = await r.run(new AbortController().signal);
  assert.deepEqual(ids, [4, 9]);
  assert.notEqual(ids, shown);
});
