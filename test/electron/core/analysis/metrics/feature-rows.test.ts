import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { PcFeaturesSource } from '../../../../../electron/core/dataset/dataset.js';
import { NpyReader } from '../../../../../electron/core/dataset/npy-reader.js';
import { saveNpy } from '../../../../../electron/core/dataset/npy-writer.js';
import {
  readPcRows,
  readPcRowsOfMany,
  sampleSpikes,
} from '../../../../../electron/core/analysis/metrics/feature-rows.js';
import { Random } from '../../../../../shared/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-feature-rows-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const N = 300;
const N_PCS = 2;
const N_SLOTS = 3;

/** pc_features.npy of N rows whose values encode (row, element), and its source. */
function source(spikeIds: Int32Array | null): PcFeaturesSource {
  const rows = spikeIds ? spikeIds.length : N;
  const data = Float32Array.from({ length: rows * N_PCS * N_SLOTS }, (_, i) => i + 0.5);
  const path = join(dir, `pc-${spikeIds ? 'subset' : 'all'}.npy`);
  saveNpy(path, data, [rows, N_PCS, N_SLOTS]);
  return {
    reader: NpyReader.open(path),
    nPcs: N_PCS,
    nChannelsLocal: N_SLOTS,
    channelIndex: new Int32Array(N_SLOTS),
    spikeIds,
  };
}

test('one pass over many lists reads the same rows as one read per list', () => {
  const rng = new Random(8);
  // Disjoint clusters: a random partition of the spikes, then a sample of each.
  const owner = Int32Array.from({ length: N }, () => rng.int(6));
  const clusters = Array.from({ length: 6 }, (_, c) =>
    Uint32Array.from(Array.from({ length: N }, (_, s) => s).filter((s) => owner[s] === c)),
  );
  const lists = clusters.map((spikes) => sampleSpikes(spikes, 25, rng));
  lists.push(new Uint32Array(0));
  // Features for every third spike only (pc_feature_spike_ids), and for all.
  const subset = Int32Array.from({ length: N / 3 }, (_, i) => 3 * i);
  for (const src of [source(null), source(subset)]) {
    const many = readPcRowsOfMany(src, lists);
    assert.equal(many.length, lists.length);
    lists.forEach((list, c) => {
      const one = readPcRows(src, list);
      const got = many[c];
      assert.ok(got);
      assert.deepEqual(Array.from(got.spikes), Array.from(one.spikes), `cluster ${c} spikes`);
      assert.deepEqual(got.data, one.data, `cluster ${c} rows`);
      assert.equal(got.nPcs, N_PCS);
      assert.equal(got.nSlots, N_SLOTS);
    });
    src.reader.close();
  }
});
