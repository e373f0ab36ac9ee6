/** @file `kilocurate export DIR --format si-json OUT`: the curation as SpikeInterface curation JSON. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CurationService } from '../../core/curation/curation-service.js';
import { loadBaseState } from '../../core/curation/base-state.js';
import { toSiCuration } from '../../core/curation/si-curation.js';
import { UsageError } from './info.js';

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, reload: { type: 'boolean' }, keep: { type: 'boolean' } },
  });
  const [dir, out] = positionals;
  if (!dir || !out || values.format !== 'si-json') {
    throw new UsageError('usage: kilocurate export DIR --format si-json OUT');
  }
  const service = CurationService.open(dir, {
    onExternalChange: values.reload ? 'reload' : values.keep ? 'keep' : 'fail',
  });
  try {
    const base = loadBaseState(service.dataset, service.journal.epoch, []);
    const curation = toSiCuration(base.spikeClusters, service.state);
    writeFileSync(out, JSON.stringify(curation, null, 2) + '\n');
    const steps = 'curation_steps' in curation ? curation.curation_steps.length : 1;
    console.log(
      `wrote ${out} (SpikeInterface curation format 2, ${steps} step${steps > 1 ? 's' : ''})`,
    );
  } finally {
    service.close();
  }
  return 0;
}
