/**
 * The view operations through the session host, as a transport calls them (arguments validated
 * against the contract's schemas first). Lasso results are checked against a brute-force test of
 * every spike read straight from the .npy files; the payloads against the generator's shape.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { makeDataset } from '../../../../electron/core/fixtures/make-dataset.js';
import { createSessionHost, type SessionHost } from '../../../../electron/core/session/handlers.js';
import { contract } from '../../../../shared/contract/contract.js';
import { validateArgs } from '../../../../shared/contract/validate.js';
import { writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-view-handlers-'));
const dir = join(root, 'ks4');
let host: SessionHost;
const SR = 30000;

function readAll(name: string): number[] {
  const r = NpyReader.open(join(dir, name));
  try {
    return Array.from(r.readAll() as ArrayLike<number | bigint>, Number);
  } finally {
    r.close();
  }
}

/** Calls an invoke the way a transport does: schema check, then the handler. */
async function call(name: keyof typeof contract, args: unknown): Promise<unknown> {
  const checked = validateArgs(contract, name, args);
  if (!checked.ok) throw new Error(checked.message);
  const fn = (host.handlers as unknown as Record<string, (a: unknown) => unknown>)[name]!;
  return fn(checked.value);
}

before(async () => {
  await makeDataset(dir, { units: 6, durationS: 20, rawSeconds: 2, seed: 11, nChannels: 32 });
  host = createSessionHost({ userDataDir: join(root, 'user'), initialDir: dir });
});
after(() => {
  host?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('view handlers', () => {
  it('serve every view payload for a selection', async () => {
    const table = host.handlers['clusters:table']({}) as { ids: Int32Array; nSpikes: Int32Array };
    const [a, b] = [table.ids[0]!, table.ids[1]!];
    const wf = (await call('views:waveforms', { clusterIds: [a, b], mode: 'templates' })) as {
      clusters: Array<{ clusterId: number; template?: { mean: Float32Array } }>;
      channels: Int32Array;
      nSamples: number;
    };
    assert.deepEqual(
      wf.clusters.map((c) => c.clusterId),
      [a, b],
    );
    assert.equal(wf.clusters[0]!.template!.mean.length, wf.nSamples * wf.channels.length);
    const raw = (await call('views:waveforms', { clusterIds: [a], mode: 'raw', nSpikes: 7 })) as {
      clusters: Array<{ spikes: Uint32Array; snippets: Float32Array }>;
    };
    assert.ok(raw.clusters[0]!.spikes.length <= 7 && raw.clusters[0]!.spikes.length > 0);

    const ft = (await call('views:features', { clusterIds: [a], nSpikes: 50 })) as {
      clusters: Array<{ spikes: Uint32Array }>;
      channels: Int32Array;
    };
    assert.ok(ft.clusters[0]!.spikes.length <= 50);
    assert.equal(ft.channels.length, 2);

    // Read ahead: answers the clusters whose feature samples the core now holds (a stale id
    // is no cluster and is left out); the view's payload is unchanged by it.
    const shown = await call('views:features', { clusterIds: [b] });
    assert.deepEqual(await call('views:readAhead', { clusterIds: [b, 987_654] }), [b]);
    assert.deepEqual(await call('views:features', { clusterIds: [b] }), shown);

    const amp = (await call('views:overTime', { clusterIds: [a, b], attribute: 'amplitude' })) as {
      clusters: Array<{ histogram: Uint32Array }>;
    };
    // The histogram covers all spikes of each cluster.
    amp.clusters.forEach((c, i) =>
      assert.equal(
        c.histogram.reduce((s, x) => s + x, 0),
        table.nSpikes[i],
      ),
    );

    const ccg = (await call('views:correlograms', {
      clusterIds: [a, b],
      binS: 0.002,
      windowS: 0.02,
    })) as { nBins: number; counts: Int32Array; binS: number };
    assert.equal(ccg.nBins, 11);
    assert.equal(ccg.counts.length, 4 * 11);
    assert.equal(ccg.binS, 0.002);

    const isi = (await call('views:isi', { clusterIds: [a] })) as Array<{ clusterId: number }>;
    assert.equal(isi[0]!.clusterId, a);
    const fr = (await call('views:firingRate', { clusterIds: [a], nBins: 10 })) as Array<{
      counts: Uint32Array;
    }>;
    assert.equal(fr[0]!.counts.length, 10);
    assert.equal(
      fr[0]!.counts.reduce((s, x) => s + x, 0),
      table.nSpikes[0],
    );
  });

  it('lasso requests test every spike of every named cluster (brute force from the files)', async () => {
    const times = readAll('spike_times.npy').map((t) => t / SR);
    const clusters = readAll('spike_clusters.npy');
    const amps = readAll('amplitudes.npy');
    const table = host.handlers['clusters:table']({}) as { ids: Int32Array };
    const ids = [table.ids[0]!, table.ids[2]!];
    // A rectangle: 3 s <= t <= 12 s, amplitude below the median of the two clusters.
    const own = amps.filter((_, s) => ids.includes(clusters[s]!)).sort((x, y) => x - y);
    const cut = own[own.length >> 1]!;
    const rect = [3, -1e9, 12, -1e9, 12, cut, 3, cut];
    const got = (await call('views:overTimeLasso', {
      clusterIds: ids,
      attribute: 'amplitude',
      polygon: rect,
    })) as Uint32Array;
    const want: number[] = [];
    clusters.forEach((c, s) => {
      if (ids.includes(c) && times[s]! > 3 && times[s]! < 12 && amps[s]! < cut) want.push(s);
    });
    assert.ok(want.length > 10);
    assert.deepEqual(Array.from(got), want);

    // Feature lasso on (time, time): the diagonal band 5 s .. 9 s.
    const ft = (await call('views:features', { clusterIds: ids })) as { channels: Int32Array };
    const band = (await call('views:featureLasso', {
      clusterIds: ids,
      channels: Array.from(ft.channels),
      x: 'time',
      y: 'time',
      polygon: [5, 4, 9, 8, 9, 10, 5, 6],
    })) as Uint32Array;
    const inBand = clusters
      .map((c, s) => (ids.includes(c) && times[s]! > 5 && times[s]! < 9 ? s : -1))
      .filter((s) => s >= 0);
    assert.deepEqual(Array.from(band), inBand);
  });

  it('traces, spike stepping and previews', async () => {
    const times = readAll('spike_times.npy');
    const clusters = readAll('spike_clusters.npy');
    const tr = (await call('views:traces', { startS: 0.5, durationS: 0.1 })) as {
      startSample: number;
      nSamples: number;
      channels: Int32Array;
      data: Float32Array;
      spikes: { spikes: Uint32Array };
    };
    assert.equal(tr.startSample, 15000);
    assert.equal(tr.nSamples, 3000);
    assert.equal(tr.data.length, 3000 * 32);
    const inWindow = times.map((t, s) => (t >= 15000 && t < 18000 ? s : -1)).filter((s) => s >= 0);
    assert.deepEqual(Array.from(tr.spikes.spikes), inWindow);

    const id = clusters[inWindow[0]!]!;
    const mine = times.map((t, s) => ({ t, s })).filter(({ s }) => clusters[s] === id);
    const next = (await call('views:stepSpike', {
      clusterId: id,
      timeS: 1,
      direction: 'next',
    })) as {
      spike: number;
    };
    assert.equal(next.spike, mine.find(({ t }) => t / SR > 1)!.s);
    const prev = (await call('views:stepSpike', {
      clusterId: id,
      timeS: 1,
      direction: 'previous',
    })) as { spike: number };
    assert.equal(prev.spike, mine.filter(({ t }) => t / SR < 1).at(-1)!.s);

    const table = host.handlers['clusters:table']({}) as { ids: Int32Array; nSpikes: Int32Array };
    const merge = (await call('views:preview', {
      action: { type: 'merge', clusterIds: [table.ids[0]!, table.ids[1]!] },
    })) as { kind: string; results: Array<{ summary: { nSpikes: number } }> };
    assert.equal(merge.kind, 'merge');
    assert.equal(merge.results[0]!.summary.nSpikes, table.nSpikes[0]! + table.nSpikes[1]!);
    const some = Uint32Array.from(mine.slice(0, 5).map(({ s }) => s));
    const split = (await call('views:preview', { action: { type: 'split', spikes: some } })) as {
      kind: string;
      results: Array<{ role: string; summary: { nSpikes: number } }>;
    };
    assert.equal(split.kind, 'split');
    assert.deepEqual(
      split.results.map((r) => [r.role, r.summary.nSpikes]),
      [
        ['selection', 5],
        ['rest', mine.length - 5],
      ],
    );
    // The preview did not change the state.
    assert.equal((host.handlers['session:status']({}) as { revision: number }).revision, 0);
  });

  it('rejects bad arguments and reports what a dataset lacks', async () => {
    await assert.rejects(call('views:isi', { clusterIds: [] }), /invalid arguments/);
    await assert.rejects(
      call('views:overTimeLasso', {
        clusterIds: [0],
        attribute: 'amplitude',
        polygon: [1, 2, 3, 4, 5],
      }),
      /invalid arguments/,
    );
    await assert.rejects(
      call('views:featureLasso', {
        clusterIds: [0],
        channels: [0],
        x: 'time',
        y: 'pc',
        polygon: [0, 0, 1, 0, 1, 1],
      }),
      /invalid arguments/,
    );
    const mini = join(root, 'mini');
    mkdirSync(mini);
    writeMiniDataset(mini);
    const other = createSessionHost({ userDataDir: join(root, 'user2'), initialDir: mini });
    try {
      assert.throws(
        () => other.handlers['views:traces']({ startS: 0 }),
        (e: Error) => e.name === 'ViewUnavailableError' && /raw/.test(e.message),
      );
    } finally {
      other.close();
    }
  });
});
