import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  correlogramAt,
  correlogramBaseline,
  correlogramGeometry,
  correlogramOf,
  correlograms,
  correlogramsOfTrains,
  mergedSlots,
  mergeSpikeLists,
  phylibSamples,
  refractoryLines,
  roundHalfEven,
} from '../../../../electron/core/analysis/correlograms.js';
import { Random } from '../../../../shared/util/random.js';

/**
 * phylib's algorithm transcribed literally (shift loop with a mask over the whole train, int
 * samples from the seconds round trip, symmetrisation by dstack), as an independent reference.
 */
function phylibReference(
  times: Float64Array,
  lists: Uint32Array[],
  sr: number,
  binS: number,
  windowS: number,
): Int32Array {
  const ids: { spike: number; cluster: number }[] = [];
  lists.forEach((l, c) => l.forEach((s) => ids.push({ spike: s, cluster: c })));
  ids.sort((a, b) => a.spike - b.spike);
  const samples = ids.map((x) => Math.trunc(((times[x.spike] as number) / sr) * sr));
  const binsize = Math.trunc(sr * binS);
  const winsizeBins = 2 * Math.trunc((0.5 * windowS) / binS) + 1;
  const half = Math.floor(winsizeBins / 2);
  const n = lists.length;
  const h = half + 1;
  const c = new Int32Array(n * n * h);
  const mask = new Array<boolean>(ids.length).fill(true);
  for (let shift = 1; mask.slice(0, -shift).some(Boolean); shift++) {
    for (let i = 0; i + shift < ids.length; i++) {
      const d = Math.floor(((samples[i + shift] as number) - (samples[i] as number)) / binsize);
      if (d > half) mask[i] = false;
      if (mask[i]) c[(ids[i]!.cluster * n + ids[i + shift]!.cluster) * h + d]++;
    }
  }
  for (let i = 0; i < n; i++) c[(i * n + i) * h] = 0;
  const at = (i: number, j: number, k: number) => c[(i * n + j) * h + k] as number;
  const out = new Int32Array(n * n * winsizeBins);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const row: number[] = [];
      for (let k = half; k >= 1; k--) row.push(at(j, i, k)); // transposed, reversed positive lags
      row.push(Math.max(at(i, j, 0), at(j, i, 0)));
      for (let k = 1; k <= half; k++) row.push(at(i, j, k));
      out.set(row, (i * n + j) * winsizeBins);
    }
  }
  return out;
}

describe('correlograms', () => {
  it('matches a hand-counted two-cluster case, including phylib bin-0 quirks', () => {
    // Spikes 0..4 at samples 0, 10, 10, 25, 40; A = {0, 2, 4}, B = {1, 3}. 1 kHz, 10 ms bins,
    // 50 ms window -> 5 bins, pairs kept while the lag is < 30 samples.
    const times = Float64Array.from([0, 10, 10, 25, 40]);
    const c = correlograms(times, [Uint32Array.from([0, 2, 4]), Uint32Array.from([1, 3])], {
      sampleRate: 1000,
      binS: 0.01,
      windowS: 0.05,
    });
    assert.equal(c.nBins, 5);
    assert.equal(c.binSamples, 10);
    assert.deepEqual([...correlogramOf(c, 0, 0)], [0, 1, 0, 1, 0]);
    // A->B: B 10 after A(0) and 15 after A(10) -> +1 bin twice; 25 after A(0) -> +2; A(40) 15
    // after B(25) -> -1; B(10) and A(10) coincide -> centre once (max, not sum, of both orders).
    assert.deepEqual([...correlogramOf(c, 0, 1)], [0, 1, 1, 2, 1]);
    assert.deepEqual([...correlogramOf(c, 1, 0)], [1, 2, 1, 1, 0]);
    assert.deepEqual([...correlogramOf(c, 1, 1)], [0, 1, 0, 1, 0]);
    assert.equal(correlogramAt(c, 0, 1, 3), 2);
  });

  it('drops lags at the window edge and zeroes same-cluster pairs inside bin 0', () => {
    // 1 kHz, 1 ms bins (1 sample), 5 ms window -> lags 0..2 kept, 3 dropped.
    const times = Float64Array.from([0, 2, 3, 100, 100]);
    const c = correlograms(times, [Uint32Array.from([0, 1, 2, 3, 4])], {
      sampleRate: 1000,
      binS: 0.001,
      windowS: 0.005,
    });
    // Lags: (0,1)=2 and (1,2)=1 kept; (0,2)=3 dropped; (3,4)=0 -> bin 0 -> zeroed (same cluster).
    assert.deepEqual([...correlogramOf(c, 0, 0)], [1, 1, 0, 1, 1]);
  });

  it('reproduces the seconds round trip: int64((59 / 30000) * 30000) = 58', () => {
    const times = Float64Array.from([29, 59]);
    const opts = { sampleRate: 30000, binS: 0.001, windowS: 0.01 };
    const c = correlograms(times, [Uint32Array.from([0]), Uint32Array.from([1])], opts);
    // A naive lag of 30 samples would be +1 bin; phylib sees 29 -> the zero-lag bin.
    assert.equal(correlogramAt(c, 0, 1, c.halfBins), 1);
    assert.equal(correlogramAt(c, 0, 1, c.halfBins + 1), 0);
  });

  it('equals the literal phylib transcription on random trains', () => {
    const rng = new Random(20240611);
    const rates = [30000, 25000, 30000.12, 20000];
    for (let trial = 0; trial < 40; trial++) {
      const sr = rates[trial % rates.length] as number;
      const nSpikes = 50 + rng.int(1500);
      const times = new Float64Array(nSpikes);
      let t = rng.int(1000);
      for (let i = 0; i < nSpikes; i++) {
        t += rng.next() < 0.15 ? 0 : rng.int(150); // many exact ties
        times[i] = t;
      }
      const nClusters = 1 + rng.int(5);
      const lists: number[][] = Array.from({ length: nClusters + 1 }, () => []);
      for (let i = 0; i < nSpikes; i++) lists[rng.int(nClusters + 1)]!.push(i); // last = unselected
      const selected = lists.slice(0, nClusters).map((l) => Uint32Array.from(l));
      const binS = [1e-3, 0.5e-3, 2e-3, 1.7e-3][rng.int(4)] as number;
      const windowS = [50e-3, 10e-3, 20e-3, 3e-3][rng.int(4)] as number;
      const got = correlograms(times, selected, { sampleRate: sr, binS, windowS });
      const want = phylibReference(times, selected, sr, binS, windowS);
      assert.deepEqual(got.counts, want, `trial ${trial}`);
    }
  });

  it('from trains: equals the phylib transcription, also beyond 2^31 samples and with huge gaps', () => {
    const rng = new Random(99);
    for (let trial = 0; trial < 24; trial++) {
      const sr = trial % 2 === 0 ? 30000 : 30000.12;
      const nSpikes = 50 + rng.int(800);
      const times = new Float64Array(nSpikes);
      // Odd trials start past 2^31 samples and jump by 2^30..2^33 now and then (Float64 path).
      let t = trial % 2 === 0 ? rng.int(1000) : 2 ** 31 + rng.int(1000);
      for (let i = 0; i < nSpikes; i++) {
        const jump = trial % 2 === 1 && rng.next() < 0.02 ? 2 ** (30 + rng.int(4)) : 0;
        t += jump + (rng.next() < 0.15 ? 0 : rng.int(120));
        times[i] = t;
      }
      const nClusters = 1 + rng.int(4);
      const lists: number[][] = Array.from({ length: nClusters }, () => []);
      for (let i = 0; i < nSpikes; i++) lists[rng.int(nClusters)]!.push(i);
      const selected = lists.map((l) => Uint32Array.from(l));
      const trains = selected.map((spikes) => ({
        spikes,
        samples: phylibSamples(times, spikes, sr),
      }));
      const kinds = new Set(trains.map((x) => x.samples.constructor.name));
      assert.deepEqual([...kinds], [trial % 2 === 0 ? 'Int32Array' : 'Float64Array']);
      const opts = { sampleRate: sr, binS: 1e-3, windowS: 20e-3 };
      const got = correlogramsOfTrains(trains, opts);
      assert.deepEqual(got.counts, phylibReference(times, selected, sr, 1e-3, 20e-3), `${trial}`);
    }
  });

  it('phylibSamples applies the seconds round trip and picks Int32 only below 2^31', () => {
    const times = Float64Array.from([29, 59, 2 ** 31 - 1, 2 ** 31]);
    assert.deepEqual([...phylibSamples(times, Uint32Array.from([0, 1]), 30000)], [29, 58]);
    assert.ok(phylibSamples(times, Uint32Array.from([2]), 1) instanceof Int32Array);
    const big = phylibSamples(times, Uint32Array.from([2, 3]), 1);
    assert.ok(big instanceof Float64Array);
    assert.deepEqual([...big], [2 ** 31 - 1, 2 ** 31]);
  });

  it('handles empty clusters and no clusters', () => {
    const times = Float64Array.from([0, 5, 9]);
    const opts = { sampleRate: 1000, binS: 0.001, windowS: 0.01 };
    const c = correlograms(times, [new Uint32Array(0), Uint32Array.from([0, 1, 2])], opts);
    assert.equal(c.counts.length, 4 * c.nBins);
    assert.deepEqual([...correlogramOf(c, 0, 0)], new Array(c.nBins).fill(0));
    assert.equal(correlograms(times, [], opts).counts.length, 0);
  });

  it('rejects unsorted times and sub-sample bins', () => {
    const opts = { sampleRate: 1000, binS: 0.001, windowS: 0.01 };
    assert.throws(() => correlograms(Float64Array.from([5, 3]), [Uint32Array.from([0, 1])], opts));
    assert.throws(() => correlogramGeometry({ sampleRate: 1000, binS: 1e-4, windowS: 0.01 }));
  });
});

describe('correlogram helpers', () => {
  it('derives phylib geometry', () => {
    assert.deepEqual(correlogramGeometry({ sampleRate: 30000, binS: 1e-3, windowS: 50e-3 }), {
      binSamples: 30,
      nBins: 51,
      halfBins: 25,
    });
  });

  it('merges sorted lists like a stable sort, also for clustered and sparse input', () => {
    const rng = new Random(7);
    for (let trial = 0; trial < 30; trial++) {
      const k = 1 + rng.int(25);
      const universe = 10 + rng.int(trial % 3 === 0 ? 200 : 2_000_000);
      const owner = new Map<number, number>();
      const lists = Array.from({ length: k }, () => [] as number[]);
      const count = rng.int(Math.min(universe, 3000));
      const dense = trial % 4 === 0; // all spikes packed in a narrow index range
      for (let i = 0; i < count; i++) {
        const s = dense ? universe - 1 - rng.int(Math.min(universe, 600)) : rng.int(universe);
        if (owner.has(s)) continue;
        const c = rng.int(k);
        owner.set(s, c);
        lists[c]!.push(s);
      }
      const typed = lists.map((l) => Uint32Array.from(l.sort((a, b) => a - b)));
      const { spikes, clusters } = mergeSpikeLists(typed);
      const want = [...owner.keys()].sort((a, b) => a - b);
      assert.deepEqual([...spikes], want);
      assert.deepEqual(
        [...clusters],
        want.map((s) => owner.get(s)),
      );
    }
  });

  it('mergedSlots gives the merge order of mergeSpikeLists, on both of its paths', () => {
    const rng = new Random(11);
    for (let trial = 0; trial < 20; trial++) {
      const k = 1 + rng.int(40);
      // Large indices with many lists overflow the 32-bit keys (the general path).
      const universe = trial % 5 === 0 ? 2 ** 31 : 10 + rng.int(100000);
      const lists = Array.from({ length: k }, () => new Set<number>());
      for (let i = 0; i < rng.int(2000); i++) lists[rng.int(k)]!.add(rng.int(universe));
      // Duplicates across lists are allowed: they keep list order.
      const typed = lists.map((l) => Float64Array.from(l).sort()).map((l) => Uint32Array.from(l));
      const want = mergeSpikeLists(typed).clusters;
      const pairs = typed.flatMap((l, c) => [...l].map((s) => [s, c] as const));
      pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      assert.deepEqual(
        [...want],
        pairs.map((p) => p[1]),
      );
      assert.deepEqual(mergedSlots(typed), want, `trial ${trial}`);
    }
  });

  it('computes the baseline n_i n_j bin / duration', () => {
    const b = correlogramBaseline([2, 3], 0.001, 10);
    assert.deepEqual([...b], [4 * 1e-4, 6 * 1e-4, 6 * 1e-4, 9 * 1e-4]);
    assert.deepEqual([...correlogramBaseline([2], 0.5, 0)], [2]); // duration 0 -> divide by 1
  });

  it('places refractory lines with Python rounding (half to even)', () => {
    assert.deepEqual(refractoryLines(0.05, 0.001, 0.002), [23, 28]);
    assert.deepEqual(refractoryLines(5, 1, 0), [2, 3]); // round(2.5) = 2
    assert.deepEqual(refractoryLines(5, 1, 1), [2, 5]); // round(1.5) = 2, round(3.5) = 4
    assert.deepEqual([-2.5, -1.5, 0.5, 1.5, 2.4, 2.6].map(roundHalfEven), [-2, -2, 0, 2, 2, 3]);
  });
});
