import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CurationModel } from '../../../../../shared/curation/index.js';
import {
  BOMBCELL_LIKE_RULES,
  evaluateRules,
  KS4_RULES,
} from '../../../../../electron/core/analysis/label-rules.js';
import { computeAllMetrics } from '../../../../../electron/core/analysis/metrics/compute-all.js';
import { computeMergeSuggestions } from '../../../../../electron/core/analysis/metrics/merge-stage.js';
import type { Dataset } from '../../../../../electron/core/dataset/dataset.js';
import { openDataset } from '../../../../../electron/core/dataset/load-dataset.js';
import { writeTestFolder } from './phy-folder.js';

let dir: string;
let dataset: Dataset;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kc-merge-'));
  writeTestFolder(dir);
  dataset = openDataset(dir);
});
after(() => {
  dataset.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the over-split pair ranks first among merge suggestions', async () => {
  const model = new CurationModel(dataset.spikeClusters);
  const result = await computeMergeSuggestions(dataset, model);
  const top = result.suggestions[0];
  assert.ok(top, 'at least one suggestion');
  assert.deepEqual([top.a, top.b], [2, 3]);
  // Halves of one neuron: a refractory dip in their CCG, same place, same amplitude.
  assert.equal(top.dip?.observed, 0);
  assert.ok(top.components.ccg > 0.5 && top.distanceUm < 5);
  // 2-5 and 3-5 are candidates too (similarity 0.6) but are different neurons: lower scores.
  for (const s of result.suggestions.slice(1)) assert.ok(s.score < top.score);
  // After the merge, the pair is gone.
  model.merge([2, 3]);
  const again = await computeMergeSuggestions(dataset, model);
  assert.ok(!again.suggestions.some((s) => (s.a === 2 && s.b === 3) || s.a === s.b));
});

test('label rules: noise and contaminated clusters fail, clean ones pass', async () => {
  const table = await computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
    backend: 'cpu',
  });
  const metrics = new Map(
    table.rows.map((r) => [
      r.id,
      Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v === 'number')) as Record<
        string,
        number
      >,
    ]),
  );
  const bombcell = evaluateRules(metrics, BOMBCELL_LIKE_RULES);
  const noise = bombcell.get(4);
  assert.equal(noise?.suggested, 'mua');
  assert.ok(noise?.failed.some((f) => f.startsWith('snr >= 5')));
  assert.ok(noise?.failed.some((f) => f.startsWith('num_spikes >= 300')));
  assert.equal(bombcell.get(1)?.suggested, 'mua');
  assert.ok(bombcell.get(1)?.failed.some((f) => f.startsWith('rp_contamination')));
  const ks = evaluateRules(metrics, KS4_RULES);
  // The KS4 rule set on recomputed values agrees with the recomputed KSLabel.
  for (const row of table.rows) assert.equal(ks.get(row.id)?.suggested, row.ks_label, `${row.id}`);
});
