/** State digest shared by the crash test and its child process. */
import { createHash } from 'node:crypto';
import type { CurationModel } from '../../../../shared/curation/index.js';

export function digest(model: CurationModel): string {
  const h = createHash('sha1');
  h.update(
    new Uint8Array(
      model.spikeClusters.buffer,
      model.spikeClusters.byteOffset,
      model.spikeClusters.byteLength,
    ),
  );
  for (const f of model.fields)
    for (const [id, v] of model.labels(f)) h.update(`${f}:${id}:${v.value};`);
  return h.digest('hex');
}

/** sha1 of the assignment alone (what spike_clusters.npy holds after its header). */
export function assignmentDigest(values: Int32Array): string {
  return createHash('sha1')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}
