import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dataset } from '../../../../../electron/core/dataset/dataset.js';
import type { PcRows } from '../../../../../electron/core/analysis/metrics/feature-rows.js';
import { stackPcRows } from '../../../../../electron/core/analysis/metrics/feature-rows.js';
import {
  buildPcStore,
  sliceOf,
  stackSlice,
} from '../../../../../electron/core/analysis/metrics/pc-store.js';
import { Random } from '../../../../../shared/util/random.js';

const N_PCS = 3;
const N_SLOTS = 4;
const N_TEMPLATES = 5;

/** A dataset with just what stacking reads: spike templates and pc_feature_ind. */
function fakeDataset(rng: Random, nSpikes: number): Dataset {
  // Template ids include one past the table (no slots) to exercise the "none" case.
  const spikeTemplates = Int32Array.from({ length: nSpikes }, () => rng.int(N_TEMPLATES + 1));
  const channelIndex = Int32Array.from({ length: N_TEMPLATES * N_SLOTS }, () => rng.int(16));
  return {
    spikeTemplates,
    pcFeatures: { nPcs: N_PCS, nChannelsLocal: N_SLOTS, channelIndex, spikeIds: null },
  } as unknown as Dataset;
}

function randomRows(rng: Random, spikes: number[]): PcRows {
  return {
    spikes: Uint32Array.from(spikes),
    data: Float32Array.from({ length: spikes.length * N_PCS * N_SLOTS }, () => rng.normal()),
    nPcs: N_PCS,
    nSlots: N_SLOTS,
  };
}

test('a slice of the store stacks to exactly stackPcRows (rows, labels, slot channels)', () => {
  const rng = new Random(41);
  const dataset = fakeDataset(rng, 200);
  const spikes = rng.shuffle(Array.from({ length: 200 }, (_, i) => i));
  const rowsById = new Map<number, PcRows>([
    [
      7,
      randomRows(
        rng,
        spikes.slice(0, 30).sort((a, b) => a - b),
      ),
    ],
    [2, randomRows(rng, spikes.slice(30, 31))],
    [9, randomRows(rng, [])],
    [
      4,
      randomRows(
        rng,
        spikes.slice(31, 80).sort((a, b) => a - b),
      ),
    ],
  ]);
  for (const shared of [false, true]) {
    const store = buildPcStore(dataset, rowsById, shared);
    assert.equal(store.data.buffer instanceof SharedArrayBuffer, shared);
    for (const ids of [[2, 4, 7], [7], [9, 4], [4, 2, 9, 7]]) {
      const got = stackSlice(sliceOf(store, ids));
      const want = stackPcRows(
        dataset,
        ids.map((id) => ({ id, rows: rowsById.get(id) as PcRows })),
      );
      assert.equal(got.m, want.m);
      assert.deepEqual(got.data, want.data);
      assert.deepEqual(Array.from(got.labels), Array.from(want.labels));
      for (let i = 0; i < got.m; i++) {
        const a = Array.from(got.slotChannels(i));
        const b = Array.from(want.slotChannels(i));
        // stackPcRows gives [] for a template without slots, the store -1 per slot: both "none".
        assert.deepEqual(b.length === 0 ? a.filter((c) => c >= 0) : a, b, `row ${i}`);
      }
    }
  }
});

test('a float64 source is kept as float32, as stackPcRows keeps it', () => {
  const rng = new Random(3);
  const dataset = fakeDataset(rng, 10);
  const rows: PcRows = {
    spikes: Uint32Array.of(1, 4),
    data: Float64Array.from({ length: 2 * N_PCS * N_SLOTS }, () => rng.normal() / 3),
    nPcs: N_PCS,
    nSlots: N_SLOTS,
  };
  const store = buildPcStore(dataset, new Map([[0, rows]]), false);
  const want = stackPcRows(dataset, [{ id: 0, rows }]);
  assert.deepEqual(stackSlice(sliceOf(store, [0])).data, want.data);
});
