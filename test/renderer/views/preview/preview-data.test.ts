import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActionPreview, SpikeSetSummary } from '../../../../shared/contract/view-types.js';
import {
  formatDelta,
  formatValue,
  previewRows,
  resultTitles,
  worseIsi,
} from '../../../../renderer/views/preview/preview-data.js';

const summary = (n: number, isi: number): SpikeSetSummary => ({
  nSpikes: n,
  fr: n / 10,
  amplitudeMedian: NaN,
  isiViolationsRatio: isi,
  isiViolationsCount: 0,
  contamPct: 5,
  ksLabel: 'good',
  acg: new Int32Array(3),
});

test('rows hold parents, results and their deltas', () => {
  const p: ActionPreview = {
    kind: 'split',
    parents: [{ clusterId: 7, summary: summary(100, 0.1) }],
    results: [
      {
        role: 'selection',
        parentIds: [7],
        summary: summary(30, 0),
        deltas: [
          {
            parentId: 7,
            delta: {
              nSpikes: -70,
              fr: -7,
              amplitudeMedian: NaN,
              isiViolationsRatio: -0.1,
              isiViolationsCount: 0,
              contamPct: 0,
            },
          },
        ],
      },
    ],
  };
  const rows = previewRows(p);
  const spikes = rows.find((r) => r.key === 'nSpikes')!;
  assert.deepEqual(spikes.parents, ['100']);
  assert.deepEqual(spikes.results, ['30']);
  assert.deepEqual(spikes.deltas, [['−70 vs 7']]);
  assert.deepEqual(rows.find((r) => r.key === 'amplitudeMedian')!.results, ['–']);
  assert.deepEqual(resultTitles(p), ['selected spikes']);
  assert.equal(formatDelta(0, 2), '±0.00');
  assert.equal(formatDelta(1.234, 1), '+1.2');
  assert.equal(formatValue(NaN, 1), '–');
  assert.equal(worseIsi(summary(1, 0.3), [summary(1, 0.1), summary(1, 0.2)]), true);
  assert.equal(worseIsi(summary(1, 0.15), [summary(1, 0.1), summary(1, 0.2)]), false);
});
