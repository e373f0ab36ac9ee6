import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  correlogramAt,
  correlogramBaseline,
  correlogramGeometry,
  correlogramOf,
  correlograms,
  correlogramsOfTrains,
  phylibSamples,
  refractoryLines,
  roundHalfEven,
} from '../../../../electron/core/analysis/correlograms.js';
import { Random } from '../../../../shared/util/random.js';
import { phylibReference } from './phylib-reference.js';

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

  it('property: equals the transcription over many chunks, ties across clusters, odd/even windows', () => {
    // Long trains (several 2048-spike chunks, carried spikes, gaps past the window), exact
    // coincidences across clusters, and bin/window pairs whose ratio is odd, even or fractional.
    const rng = new Random(4242);
    const bins = [1e-3, 0.5e-3, 2e-3, 1.7e-3, 0.1e-3, 1 / 30000];
    const windows = [50e-3, 10e-3, 3e-3, 7e-3, 1e-3, 20e-3, 2.5e-3];
    for (let trial = 0; trial < 30; trial++) {
      const sr = trial % 3 === 0 ? 30000.12 : 30000;
      const nSpikes = 2000 + rng.int(7000);
      const times = new Float64Array(nSpikes);
      let t = rng.int(50);
      for (let i = 0; i < nSpikes; i++) {
        const u = rng.next();
        // ties, bursts, ordinary gaps, and now and then a gap far past any window
        t += u < 0.1 ? 0 : u < 0.4 ? rng.int(20) : u < 0.995 ? rng.int(400) : 30000 + rng.int(9e5);
        times[i] = t;
      }
      const n = 1 + rng.int(9);
      const lists: number[][] = Array.from({ length: n + 1 }, () => []);
      for (let i = 0; i < nSpikes; i++) lists[rng.int(n + 1)]!.push(i); // last = unselected
      const selected = lists.slice(0, n).map((l) => Uint32Array.from(l));
      const binS = bins[rng.int(bins.length)] as number;
      const windowS = Math.max(windows[rng.int(windows.length)] as number, binS);
      const got = correlograms(times, selected, { sampleRate: sr, binS, windowS });
      const want = phylibReference(times, selected, sr, binS, windowS);
      assert.deepEqual(got.counts, want, `trial ${trial} bin ${binS} window ${windowS}`);
    }
  });

  it('property: dense coincident bursts (many equal times) still match', () => {
    // Whole clusters inside a few samples: long runs of equal times across clusters, chunks far
    // above the target size, insertion sort past its move budget (native sort fallback).
    const rng = new Random(77);
    for (let trial = 0; trial < 6; trial++) {
      const nSpikes = 600 + rng.int(900);
      const times = new Float64Array(nSpikes);
      let t = 1000;
      for (let i = 0; i < nSpikes; i++) times[i] = t += rng.next() < 0.7 ? 0 : rng.int(3);
      const n = 2 + rng.int(5);
      const lists: number[][] = Array.from({ length: n }, () => []);
      for (let i = 0; i < nSpikes; i++) lists[rng.int(n)]!.push(i);
      const selected = lists.map((l) => Uint32Array.from(l));
      const opts = { sampleRate: 30000, binS: 1e-3, windowS: 5e-3 };
      const got = correlograms(times, selected, opts);
      assert.deepEqual(got.counts, phylibReference(times, selected, 30000, 1e-3, 5e-3), `${trial}`);
    }
  });

  it('counts pairs across chunk boundaries at exactly the last lag of the window', () => {
    // Gaps of limit - 2 .. limit + 1 samples (limit = (halfBins + 1) * binSamples = 180): at
    // every chunk boundary the next spike sits just inside or just outside the window.
    const rng = new Random(9);
    for (let trial = 0; trial < 4; trial++) {
      const nSpikes = 12000;
      const times = new Float64Array(nSpikes);
      let t = 0;
      for (let i = 0; i < nSpikes; i++) times[i] = t += 178 + rng.int(4);
      const lists: number[][] = [[], []];
      for (let i = 0; i < nSpikes; i++) lists[trial % 2 === 0 ? 0 : rng.int(2)]!.push(i);
      const selected = lists.map((l) => Uint32Array.from(l));
      const opts = { sampleRate: 30000, binS: 1e-3, windowS: 10e-3 };
      const got = correlograms(times, selected, opts);
      assert.deepEqual(
        got.counts,
        phylibReference(times, selected, 30000, 1e-3, 10e-3),
        `${trial}`,
      );
    }
  });

  it('property: the general path (many clusters, long windows, late int32 samples) matches', () => {
    const rng = new Random(5150);
    const cases = [
      { n: 1100, windowS: 20e-3, start: 0 }, // more than 1024 clusters
      { n: 4, windowS: 5, start: 0 }, // window of 150 000 samples
      { n: 3, windowS: 50e-3, start: 0x70000000 }, // int32 samples close to 2^31
    ];
    for (const { n, windowS, start } of cases) {
      const nSpikes = 3000;
      const times = new Float64Array(nSpikes);
      let t = start;
      for (let i = 0; i < nSpikes; i++)
        times[i] = t += rng.next() < 0.1 ? 0 : rng.int(windowS > 1 ? 3000 : 300);
      const lists: number[][] = Array.from({ length: n }, () => []);
      for (let i = 0; i < nSpikes; i++) lists[rng.int(n)]!.push(i);
      const selected = lists.map((l) => Uint32Array.from(l));
      const opts = { sampleRate: 30000, binS: 1e-3, windowS };
      const got = correlograms(times, selected, opts);
      assert.deepEqual(
        got.counts,
        phylibReference(times, selected, 30000, 1e-3, windowS),
        `n ${n}`,
      );
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
