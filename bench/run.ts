/**
 * @file `npm run bench`: generates (once, cached in .cache/bench/) the synthetic Kilosort4
 * datasets at three scales, runs every scenario in a child process per scale, and prints a table
 * plus JSON (also written to bench/results/latest.json) of named figures: median and 95th
 * percentile over several runs, and peak RSS.
 *
 *   npm run bench -- [--scale small,medium,large] [--scenario open,curation,...]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDataset } from '../electron/core/fixtures/make-dataset.js';
import type { Figure } from './measure.js';
import { SCALES, type Scale } from './scales.js';
import { SCENARIOS } from './scenarios/index.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: { scale: { type: 'string' }, scenario: { type: 'string' } },
});
const scales = values.scale
  ? SCALES.filter((s) => values.scale!.split(',').includes(s.name))
  : SCALES;
const scenarios = values.scenario ? values.scenario.split(',') : Object.keys(SCENARIOS);

async function ensureDataset(scale: Scale): Promise<string> {
  const dir = join(root, '.cache', 'bench', `${scale.name}-${scale.seed}`);
  const stamp = join(dir, '.complete');
  const key = JSON.stringify(scale);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  process.stderr.write(
    `generating ${scale.name} dataset (~${scale.approxSpikes.toLocaleString()} spikes) in ${dir}...\n`,
  );
  await makeDataset(dir, {
    units: scale.units,
    durationS: scale.durationS,
    nChannels: scale.nChannels,
    rawSeconds: scale.rawSeconds,
    seed: scale.seed,
  });
  process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  writeFileSync(stamp, key);
  return dir;
}

/** Scenarios that do not depend on the dataset run once, on the first scale. */
const DATASET_INDEPENDENT = new Set(['gpu']);
const figures: Figure[] = [];
for (const [i, scale] of scales.entries()) {
  const dir = await ensureDataset(scale);
  for (const name of scenarios) {
    if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}`);
    if (DATASET_INDEPENDENT.has(name) && i > 0) continue;
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=8192',
        '--import',
        'tsx',
        join(root, 'bench', 'scenario-child.ts'),
        name,
        dir,
        scale.name,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('FIGURES '));
    if (child.status !== 0 || !line) {
      process.stderr.write(
        `scenario ${name} on ${scale.name} failed (exit ${child.status})\n${child.stdout}\n`,
      );
      process.exitCode = 1;
      continue;
    }
    figures.push(...(JSON.parse(line.slice('FIGURES '.length)) as Figure[]));
  }
}

const fmt = (v: number | undefined, digits = 1) =>
  v === undefined || Number.isNaN(v) ? '' : v.toFixed(digits);
const header = ['figure', 'median ms', 'p95 ms', 'runs', 'peak RSS MiB', 'budget', 'verdict'];
const rows = figures.map((f) => {
  const measured = f.note?.includes('budget on p95') ? f.p95Ms : f.medianMs;
  const overTime = f.budgetMs !== undefined && measured > f.budgetMs;
  const overRss = f.budgetRssMiB !== undefined && f.peakRssMiB > f.budgetRssMiB;
  const budget = [
    f.budgetMs !== undefined ? `${f.budgetMs} ms` : '',
    f.budgetRssMiB !== undefined ? `${f.budgetRssMiB} MiB` : '',
  ]
    .filter(Boolean)
    .join(', ');
  // Interactive budgets are on the 95th percentile (marked in the note), others on the median.
  const verdict = !budget ? '' : overTime || overRss ? 'OVER' : 'ok';
  return [
    f.name,
    fmt(f.medianMs, 2),
    fmt(f.p95Ms, 2),
    String(f.runs),
    fmt(f.peakRssMiB, 0),
    budget,
    verdict + (f.note ? ` ${f.note}` : ''),
  ];
});
const widths = header.map((h, i) =>
  Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
);
const print = (cells: string[]) =>
  console.log(cells.map((c, i) => c.padEnd(widths[i] as number)).join('  '));
print(header);
rows.forEach(print);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, figures };
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify(report));
