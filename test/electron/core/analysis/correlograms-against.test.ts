import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { correlogramsAgainst } from '../../../../electron/core/analysis/correlograms-against.js';
import { phylibSamples } from '../../../../electron/core/analysis/correlograms.js';
import { Random } from '../../../../shared/util/random.js';
import { phylibReference } from './phylib-reference.js';

/** Random times with ties, bursts and gaps past any window; clusters drawn at random. */
function randomCase(rng: Random, nSpikes: number, nClusters: number) {
  const times = new Float64Array(nSpikes);
  let t = rng.int(50);
  for (let i = 0; i < nSpikes; i++) {
    const u = rng.next();
    t += u < 0.12 ? 0 : u < 0.4 ? rng.int(20) : u < 0.995 ? rng.int(400) : 30000 + rng.int(9e5);
    times[i] = t;
  }
  const lists: number[][] = Array.from({ length: nClusters + 1 }, () => []);
  for (let i = 0; i < nSpikes; i++) lists[rng.int(nClusters + 1)]!.push(i); // last = unselected
  return { times, lists: lists.slice(0, nClusters).map((l) => Uint32Array.from(l)) };
}

describe('correlogramsAgainst', () => {
  it('equals row 0 of the literal phylib transcription (ties, odd/even/fractional windows)', () => {
    const rng = new Random(8080);
    const bins = [1e-3, 0.5e-3, 2e-3, 1.7e-3, 1 / 30000];
    const windows = [50e-3, 10e-3, 3e-3, 7e-3, 1e-3, 20e-3];
    for (let trial = 0; trial < 40; trial++) {
      const sr = trial % 3 === 0 ? 30000.12 : 30000;
      const n = 1 + rng.int(7);
      const { times, lists } = randomCase(rng, 300 + rng.int(3000), n);
      const binS = bins[rng.int(bins.length)] as number;
      const windowS = Math.max(windows[rng.int(windows.length)] as number, binS);
      const opts = { sampleRate: sr, binS, windowS };
      const trains = lists.map((spikes) => ({ spikes, samples: phylibSamples(times, spikes, sr) }));
      const got = correlogramsAgainst(trains[0]!, trains.slice(1), opts);
      const want = phylibReference(times, lists, sr, binS, windowS);
      const nb = got.nBins;
      assert.deepEqual(got.auto, want.subarray(0, nb), `trial ${trial} auto`);
      for (let j = 1; j < n; j++) {
        assert.deepEqual(
          got.cross[j - 1],
          want.subarray(j * nb, (j + 1) * nb),
          `trial ${trial} ${j}`,
        );
      }
    }
  });

  it('zero lags count for the cluster whose spike comes first (spike index), bin 0 = max', () => {
    // Spikes 0..3 all at sample 100: reference {1, 3}, other {0, 2}. Ordered pairs across the
    // two clusters by spike index: (0,1) other first, (0,3) other first, (1,2) ref first,
    // (2,3) other first -> other-first 3, ref-first 1 -> bin 0 = max = 3.
    const times = Float64Array.from([100, 100, 100, 100]);
    const ref = { spikes: Uint32Array.from([1, 3]), samples: Int32Array.from([100, 100]) };
    const other = { spikes: Uint32Array.from([0, 2]), samples: Int32Array.from([100, 100]) };
    const got = correlogramsAgainst(ref, [other], {
      sampleRate: 1000,
      binS: 0.001,
      windowS: 0.005,
    });
    assert.deepEqual([...got.cross[0]!], [0, 0, 3, 0, 0]);
    assert.deepEqual([...got.auto], [0, 0, 0, 0, 0]);
    const want = phylibReference(times, [ref.spikes, other.spikes], 1000, 0.001, 0.005);
    assert.deepEqual(got.cross[0], want.subarray(5, 10));
  });

  it('handles samples beyond 2^31 (Float64 trains) and empty clusters', () => {
    const sr = 30000;
    const base = 2 ** 33;
    const times = Float64Array.from([base, base + 10, base + 25, base + 31, base + 900]);
    const trains = [[0, 3], [1, 4], [], [2]].map((l) => {
      const spikes = Uint32Array.from(l);
      return { spikes, samples: phylibSamples(times, spikes, sr) };
    });
    assert.ok(trains[0]!.samples instanceof Float64Array);
    const got = correlogramsAgainst(trains[0]!, trains.slice(1), {
      sampleRate: sr,
      binS: 1e-3,
      windowS: 4e-3,
    });
    const want = phylibReference(
      times,
      trains.map((t) => t.spikes),
      sr,
      1e-3,
      4e-3,
    );
    const nb = got.nBins;
    assert.deepEqual(got.auto, want.subarray(0, nb));
    for (let j = 1; j < 4; j++)
      assert.deepEqual(got.cross[j - 1], want.subarray(j * nb, (j + 1) * nb));
  });

  it('refuses unsorted trains and mismatched lengths', () => {
    const opts = { sampleRate: 1000, binS: 0.001, windowS: 0.005 };
    const ok = { spikes: Uint32Array.from([0]), samples: Int32Array.from([0]) };
    const unsorted = { spikes: Uint32Array.from([1, 2]), samples: Int32Array.from([5, 4]) };
    const short = { spikes: Uint32Array.from([1, 2]), samples: Int32Array.from([5]) };
    assert.throws(() => correlogramsAgainst(ok, [unsorted], opts), /non-decreasing/);
    assert.throws(() => correlogramsAgainst(short, [ok], opts), /samples and spikes differ/);
  });
});
