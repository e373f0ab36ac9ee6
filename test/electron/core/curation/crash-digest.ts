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
  // Sorted: the label maps' insertion order depends on the history, not on the state.
  for (const f of [...model.fields].sort()) {
    for (const [id, v] of [...model.labels(f)].sort((a, b) => a[0] - b[0])) {
      h.update(`${f}:${id}:${v.kind}:${v.value};`);
    }
  }
  return h.digest('hex');
}

/** sha1 of the assignment alone (what spike_clusters.npy holds after its header). */
export function assignmentDigest(values: Int32Array): string {
  return createHash('sha1')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}
