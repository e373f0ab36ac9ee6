/**
 * @file `kilocurate make-demo DIR [--units N --duration S --raw-seconds S --seed N --channels N]`:
 * writes a synthetic Kilosort4 folder with ground truth. Never writes into a non-empty folder
 * unless it is an earlier demo (recognised by its ground_truth.json), so user data is safe.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_NAME, GROUND_TRUTH_FILE } from '../../core/fixtures/ground-truth.js';
import { makeDataset, type MakeDatasetOptions } from '../../core/fixtures/make-dataset.js';
import { UsageError } from './info.js';

const USAGE =
  'usage: kilocurate make-demo DIR [--units N] [--duration S] [--raw-seconds S] [--seed N] [--channels N]';

function num(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${name} needs ${integer ? 'an integer' : 'a number'}, got '${text}'`);
  }
  return v;
}

/** Whether `dir` is absent, empty, or a folder this command wrote before. */
export function isSafeDemoTarget(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  if (readdirSync(dir).length === 0) return true;
  try {
    const doc = JSON.parse(readFileSync(join(dir, GROUND_TRUTH_FILE), 'utf8')) as unknown;
    return (doc as { generator?: unknown }).generator === GENERATOR_NAME;
  } catch {
    return false;
  }
}

export async function makeDemoCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      units: { type: 'string' },
      duration: { type: 'string' },
      'raw-seconds': { type: 'string' },
      seed: { type: 'string' },
      channels: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [dir, extra] = positionals;
  if (!dir || extra !== undefined) throw new UsageError(USAGE);
  const opts: MakeDatasetOptions = {
    units: num('units', values.units, true),
    durationS: num('duration', values.duration, false),
    rawSeconds: num('raw-seconds', values['raw-seconds'], false),
    seed: num('seed', values.seed, true),
    nChannels: num('channels', values.channels, true),
  };
  if (!isSafeDemoTarget(dir)) {
    process.stderr.write(
      `kilocurate: ${dir} exists and is not an empty folder or an earlier demo; refusing to write into it\n`,
    );
    return 1;
  }
  let lastPct = -1;
  let result;
  try {
    result = await makeDataset(dir, {
      ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
      onProgress: (f) => {
        const pct = Math.floor(f * 10) * 10;
        if (process.stderr.isTTY && pct !== lastPct) process.stderr.write(`\r${pct}%`);
        lastPct = pct;
      },
    });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('makeDataset: ')) {
      throw new UsageError(err.message.slice('makeDataset: '.length));
    }
    throw err;
  }
  if (process.stderr.isTTY) process.stderr.write('\r');
  const p = result.plan;
  console.log(
    [
      `wrote ${dir}: ${result.nSpikes} spikes, ${result.nClusters} clusters from ${result.nUnits} units on ${result.nChannels} channels`,
      `  deliberate problems: ${p.overSplit.length} over-split units, ${p.underSplit.length} under-split clusters, ` +
        `${p.contaminated.length} contaminated clusters, ${p.noise.length} noise clusters (see ${GROUND_TRUTH_FILE})`,
      `  raw data: ${result.rawFile ?? 'none (params.py dat_path = no_path.bin)'}`,
      `  took ${result.elapsedS.toFixed(1)} s`,
    ].join('\n'),
  );
  return 0;
}
