/**
 * @file TraceView payload on a generated folder with raw data: samples against the file bytes
 * processed by the reference pipeline, the spikes in the window and spike navigation against
 * brute-force scans of spike_times.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RAW_FILE_NAME } from '../../../../electron/core/fixtures/make-dataset.js';
import { nextSpikeOf, previousSpikeOf, traces } from '../../../../electron/core/views/traces.js';
import { viewContext } from '../../../../electron/core/views/view-context.js';
import { generated, type Generated } from './generated.js';
import { phyProcess, readRawColumn } from './reference.js';

let g: Generated;
let channelMap: number[];
before(async () => {
  g = await generated({ durationS: 3, rawSeconds: 1 });
  channelMap = g.load('channel_map.npy').data;
});
after(() => g.cleanup());

const FS = 30000;

test('a window of all channels: median removed and filtered, with its spikes', () => {
  const p = traces(g.dataset, g.model, { startS: 0.5, durationS: 0.1 });
  assert.equal(p.startSample, 15000);
  assert.equal(p.nSamples, 3000);
  assert.equal(p.channels.length, 32);
  for (const j of [0, 13, 31]) {
    const expected = phyProcess(
      readRawColumn(join(g.dir, RAW_FILE_NAME), 15000, 3000, channelMap[j] as number),
    );
    for (let t = 0; t < 3000; t += 7) {
      const got = p.data[t * 32 + j] as number;
      assert.ok(
        Math.abs(got - (expected[t] as number)) < 1e-3 * Math.max(1, Math.abs(got)),
        `ch ${j} t ${t}`,
      );
    }
  }
  const expectedSpikes = [];
  for (let s = 0; s < g.dataset.nSpikes; s++) {
    const t = g.dataset.spikeTimes[s] as number;
    if (t >= 15000 && t < 18000) expectedSpikes.push(s);
  }
  assert.deepEqual(Array.from(p.spikes.spikes), expectedSpikes);
  assert.ok(expectedSpikes.length > 0);
  const ctx = viewContext(g.dataset, g.model);
  p.spikes.spikes.forEach((s, k) => {
    assert.equal(p.spikes.clusters[k], g.model.spikeClusters[s]);
    assert.equal(p.spikes.peakChannels[k], ctx.peakChannel(g.model.spikeClusters[s] as number));
    assert.equal(p.spikes.timeS[k], (g.dataset.spikeTimes[s] as number) / FS);
  });
});

test('chosen channels, unfiltered, and a window clamped to the end of the raw data', () => {
  const p = traces(g.dataset, g.model, { startS: 0.98, channels: [3, 1], filter: false });
  assert.equal(p.nSamples, 7500);
  assert.equal(p.startSample, 30000 - 7500);
  const expected = phyProcess(
    readRawColumn(join(g.dir, RAW_FILE_NAME), 22500, 7500, channelMap[1] as number),
    false,
  );
  for (let t = 0; t < 7500; t += 11) assert.equal(p.data[t * 2 + 1], expected[t]);
});

test('next / previous spike of a cluster', () => {
  const id = g.model.clusterIds[0] as number;
  const times = Array.from(g.model.spikesOf(id), (s) => (g.dataset.spikeTimes[s] as number) / FS);
  const probes = [
    -1,
    0,
    times[0] as number,
    times[3] as number,
    1.5,
    (times[times.length - 1] as number) + 1,
  ];
  for (const x of probes) {
    const next = times.findIndex((t) => t > x);
    const got = nextSpikeOf(g.dataset, g.model, id, x);
    assert.equal(got?.spike ?? null, next < 0 ? null : g.model.spikesOf(id)[next]);
    let prev = -1;
    times.forEach((t, k) => {
      if (t < x) prev = k;
    });
    const gotPrev = previousSpikeOf(g.dataset, g.model, id, x);
    assert.equal(gotPrev?.spike ?? null, prev < 0 ? null : g.model.spikesOf(id)[prev]);
    if (gotPrev) assert.equal(gotPrev.timeS, times[prev]);
  }
});
