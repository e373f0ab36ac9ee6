/**
 * @file Amplitude / depth over time on a generated Kilosort4 folder: values straight from
 * amplitudes.npy and spike_positions.npy, histograms counted by a linear scan, the background
 * rule (other clusters on the first cluster's peak channel, within budget) and the lasso on all
 * spikes against a brute-force rectangle test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../../electron/core/dataset/dataset.js';
import { ViewUnavailableError } from '../../../../electron/core/views/errors.js';
import {
  amplitudesOverTime,
  depthOverTime,
  spikesInPolygonOverTime,
  uniformHistogram,
} from '../../../../electron/core/views/over-time.js';
import { viewContext } from '../../../../electron/core/views/view-context.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
let amps: number[];
let positions: number[];

before(async () => {
  g = await generated({ durationS: 60, rawSeconds: 0 });
  amps = g.load('amplitudes.npy').data;
  positions = g.load('spike_positions.npy').data;
});
after(() => g.cleanup());

const bySize = () =>
  [...g.model.clusterIds].sort((a, b) => g.model.spikeCount(b) - g.model.spikeCount(a));
const timeOf = (s: number) => (g.dataset.spikeTimes[s] as number) / g.dataset.sampleRate;

test('amplitude points and histograms', () => {
  const [a, b] = bySize() as [number, number];
  const p = amplitudesOverTime(g.dataset, g.model, [a, b], { nSpikes: 30, nBins: 10 });
  const all = [...g.model.spikesOf(a), ...g.model.spikesOf(b)].map((s) => amps[s] as number);
  assert.equal(p.histogramEdges[0], Math.min(...all));
  assert.equal(p.histogramEdges[10], Math.max(...all));
  p.clusters.forEach((c) => {
    const spikes = Array.from(g.model.spikesOf(c.clusterId));
    assert.equal(c.spikes.length, Math.min(30, spikes.length));
    c.spikes.forEach((s, k) => {
      assert.equal(c.values[k], amps[s]);
      assert.equal(c.timeS[k], Math.fround(timeOf(s)));
    });
    const expected = new Array<number>(10).fill(0);
    for (const s of spikes) {
      const v = amps[s] as number;
      for (let i = 0; i < 10; i++) {
        const lo = p.histogramEdges[i] as number;
        const hi = p.histogramEdges[i + 1] as number;
        if (v >= lo && (v < hi || (i === 9 && v === hi))) {
          expected[i]++;
          break;
        }
      }
    }
    assert.deepEqual(Array.from(c.histogram), expected);
    assert.equal(
      expected.reduce((x, y) => x + y, 0),
      spikes.length,
    );
  });
});

test('background: other clusters sharing the peak channel, within budget', () => {
  const [a] = bySize() as [number];
  const ctx = viewContext(g.dataset, g.model);
  const peak = ctx.peakChannel(a) as number;
  const neighbours = g.model.clusterIds.filter(
    (id) => id !== a && ctx.bestChannels(id).includes(peak),
  );
  assert.ok(neighbours.length > 0, 'the generated probe has neighbours');
  const total = neighbours.reduce((n, id) => n + g.model.spikeCount(id), 0);
  // A budget above the total gives every neighbour spike.
  const full = amplitudesOverTime(g.dataset, g.model, [a], { background: total + 10 });
  const expected = neighbours
    .flatMap((id) => Array.from(g.model.spikesOf(id)))
    .sort((x, y) => x - y);
  assert.deepEqual(Array.from(full.background.spikes), expected);
  const small = amplitudesOverTime(g.dataset, g.model, [a], { background: 25 });
  assert.ok(small.background.spikes.length <= 25 && small.background.spikes.length >= 20);
  small.background.spikes.forEach((s, k) => {
    const c = small.background.clusters[k] as number;
    assert.equal(c, g.model.spikeClusters[s]);
    assert.ok(neighbours.includes(c));
    assert.equal(small.background.values[k], amps[s]);
  });
});

test('depth over time reads the y column of spike_positions.npy', () => {
  const [a] = bySize() as [number];
  const p = depthOverTime(g.dataset, g.model, [a], { nSpikes: 15 });
  const c = p.clusters[0];
  assert.ok(c);
  c.spikes.forEach((s, k) => assert.equal(c.values[k], positions[2 * s + 1]));
  assert.equal(p.attribute, 'depth');
});

test('lasso over time tests all spikes of the cluster', () => {
  const id = bySize()[0] as number;
  const spikes = Array.from(g.model.spikesOf(id));
  for (const attribute of ['amplitude', 'depth'] as const) {
    const value = (s: number) =>
      attribute === 'amplitude' ? (amps[s] as number) : (positions[2 * s + 1] as number);
    const vs = spikes.map(value).sort((x, y) => x - y);
    const y0 = vs[Math.floor(vs.length / 3)] as number;
    const y1 = vs[Math.floor((2 * vs.length) / 3)] as number;
    const [x0, x1] = [5.5, 41.25];
    const polygon = [x0, y0, x1, y0, x1, y1, x0, y1];
    const onEdge = (s: number) => value(s) === y0 || value(s) === y1;
    const expected = spikes.filter((s) => {
      const t = timeOf(s);
      const v = value(s);
      return t > x0 && t < x1 && v > y0 && v < y1;
    });
    const got = spikesInPolygonOverTime(g.dataset, g.model, id, attribute, polygon);
    assert.deepEqual(
      Array.from(got).filter((s) => !onEdge(s)),
      expected,
    );
    assert.ok(expected.length > 10);
  }
});

test('missing amplitudes.npy / spike_positions.npy: ViewUnavailableError', () => {
  const none: Dataset = { ...g.dataset, amplitudes: () => null, spikePositions: () => null };
  assert.throws(() => amplitudesOverTime(none, g.model, [0]), ViewUnavailableError);
  assert.throws(() => depthOverTime(none, g.model, [0]), ViewUnavailableError);
});

test('uniform histogram equals np.histogram bin membership on the linspace edges', () => {
  const edges = Float64Array.from([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5]);
  const values = Float64Array.from([0, 0.1, 0.15, 0.3, 0.30000000000000004, 0.45, 0.5, -0.1, 0.6]);
  // 0.3 < edges[3], so it belongs to bin 2; 0.5 (the last edge) to the last bin.
  assert.deepEqual(Array.from(uniformHistogram(values, edges)), [1, 2, 1, 1, 2]);
});
