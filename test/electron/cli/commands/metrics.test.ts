import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { curateCommand } from '../../../../electron/cli/commands/curate.js';
import { UsageError } from '../../../../electron/cli/commands/info.js';
import { metricsCommand } from '../../../../electron/cli/commands/metrics.js';
import { METRIC_COLUMNS } from '../../../../electron/core/analysis/metrics/metrics-table.js';
import type { TestFolder } from '../../core/analysis/metrics/phy-folder.js';
import { capture, tempFolder } from './cli-io.js';

let folder: TestFolder;
before(() => (folder = tempFolder('kc-metrics-cli-')));
after(() => rmSync(folder.dir, { recursive: true, force: true }));

test('metrics --tsv: one row per cluster, ContamPct as the sorter wrote it', async () => {
  const io = capture();
  assert.equal(await metricsCommand([folder.dir, '--tsv', '--backend', 'cpu'], io), 0);
  const lines = io.stdout().trimEnd().split('\n');
  assert.deepEqual((lines[0] as string).split('\t'), ['id', ...METRIC_COLUMNS]);
  assert.equal(lines.length, 7);
  const sorter = readFileSync(join(folder.dir, 'cluster_ContamPct.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  for (let i = 1; i <= 6; i++) {
    const cells = (lines[i] as string).split('\t');
    assert.equal(cells.length, METRIC_COLUMNS.length + 1);
    assert.equal(`${cells[0]}\t${cells[1]}`, sorter[i]);
  }
});

test('metrics --json reflects the session: a CLI merge yields one merged row', async () => {
  const quiet = process.stdout.write;
  process.stdout.write = () => true; // curateCommand prints the new id
  try {
    assert.equal(await curateCommand('merge', [folder.dir, '2', '3']), 0);
  } finally {
    process.stdout.write = quiet;
  }
  const io = capture();
  assert.equal(await metricsCommand([folder.dir, '--json', '--backend', 'cpu'], io), 0);
  const rows = JSON.parse(io.stdout()) as Array<Record<string, number | string | null>>;
  assert.deepEqual(
    rows.map((r) => r.id),
    [0, 1, 4, 5, 6],
  );
  const merged = rows.find((r) => r.id === 6) as Record<string, number | string | null>;
  const n2 = folder.clusters.filter((c) => c === 2).length;
  const n3 = folder.clusters.filter((c) => c === 3).length;
  assert.equal(merged.num_spikes, n2 + n3);
  assert.equal(typeof merged.ks_contam_pct, 'number');
  assert.deepEqual(Object.keys(merged), ['id', ...METRIC_COLUMNS]);
  // The plain table prints too.
  const table = capture();
  assert.equal(await metricsCommand([folder.dir, '--backend', 'cpu'], table), 0);
  assert.match(table.stdout(), /^\s*id\s+ks_contam_pct\s+ks_label/);
});

test('metrics usage errors', async () => {
  await assert.rejects(metricsCommand([], capture()), UsageError);
  await assert.rejects(metricsCommand([folder.dir, '--backend', 'fast'], capture()), UsageError);
  await assert.rejects(metricsCommand([folder.dir, '--json', '--tsv'], capture()), UsageError);
});
