/**
 * Child process of the crash test: applies a deterministic random stream of curation actions to a
 * dataset through CurationService, saving now and then, and reports on stdout each action AFTER
 * it is acknowledged (`ACK revision digest`) and each completed save (`SAVED revision digest`).
 * The parent kills it with SIGKILL at a random moment.
 */
import { CurationService } from '../../../../electron/core/curation/curation-service.js';
import { Random } from '../../../../shared/util/random.js';
import { assignmentDigest, digest } from './crash-digest.js';

const [dir, seedText] = process.argv.slice(2);
const rng = new Random(Number(seedText));
const service = CurationService.open(dir as string);
service.setAutosave(false);

const out = (line: string) => process.stdout.write(line + '\n');
for (let step = 0; step < 400; step++) {
  const model = service.state;
  const ids = model.clusterIds;
  const r = rng.next();
  try {
    if (r < 0.3) {
      const id = ids[rng.int(ids.length)] as number;
      service.label([id], (['good', 'mua', 'noise'] as const)[rng.int(3)]);
    } else if (r < 0.5 && ids.length > 2) {
      const a = ids[rng.int(ids.length)] as number;
      const b = ids[rng.int(ids.length)] as number;
      if (a === b) continue;
      service.merge([a, b]);
    } else if (r < 0.7) {
      const id = ids[rng.int(ids.length)] as number;
      const spikes = model.spikesOf(id);
      if (spikes.length < 4) continue;
      service.split(spikes.filter(() => rng.next() < 0.5));
    } else if (r < 0.8 && model.canUndo) {
      service.undo();
    } else if (r < 0.85 && model.canRedo) {
      service.redo();
    } else if (r < 1) {
      service.save();
      out(
        `SAVED ${service.revision} ${digest(service.state)} ${assignmentDigest(service.state.spikeClusters)}`,
      );
      continue;
    } else continue;
  } catch (err) {
    if ((err as { name?: string }).name === 'CurationError') continue;
    throw err;
  }
  out(
    `ACK ${service.revision} ${digest(service.state)} ${assignmentDigest(service.state.spikeClusters)}`,
  );
}
service.close();
out('DONE');
