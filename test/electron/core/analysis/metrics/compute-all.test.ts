import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CurationModel } from '../../../../../shared/curation/index.js';
import {
  computeAllMetrics,
  recordingSpan,
} from '../../../../../electron/core/analysis/metrics/compute-all.js';
import type { MetricsCache } from '../../../../../electron/core/analysis/metrics/metrics-cache.js';
import {
  metricsToJson,
  metricsToTsv,
  type MetricsRow,
} from '../../../../../electron/core/analysis/metrics/metrics-table.js';
import type { Dataset } from '../../../../../electron/core/dataset/dataset.js';
import { openDataset } from '../../../../../electron/core/dataset/load-dataset.js';
import {
  bruteKs4,
  N_PCS,
  N_SLOTS,
  SAMPLE_RATE,
  slotChannels,
  writeTestFolder,
  type TestFolder,
} from './phy-folder.js';

let dir: string;
let folder: TestFolder;
let dataset: Dataset;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kc-metrics-'));
  folder = writeTestFolder(dir);
  dataset = openDataset(dir);
});
after(() => {
  dataset.close();
  rmSync(dir, { recursive: true, force: true });
});

function spikesOf(id: number): number[] {
  const out: number[] = [];
  folder.clusters.forEach((c, i) => c === id && out.push(i));
  return out;
}

function memoryCache(): MetricsCache & { map: Map<string, Buffer> } {
  const map = new Map<string, Buffer>();
  return { map, get: (k) => map.get(k), setMany: (e) => e.forEach(([k, v]) => map.set(k, v)) };
}

test('KS4 ContamPct/KSLabel of untouched clusters reproduce the sorter TSVs (brute-force KS4)', async () => {
  const table = await computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
    backend: 'cpu',
  });
  const tsv = metricsToTsv(table).trimEnd().split('\n');
  const header = (tsv[0] as string).split('\t');
  const contamCol = header.indexOf('ks_contam_pct');
  const labelCol = header.indexOf('ks_label');
  const sorterContam = readFileSync(join(dir, 'cluster_ContamPct.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  const sorterLabel = readFileSync(join(dir, 'cluster_KSLabel.tsv'), 'utf8').trimEnd().split('\n');
  for (let id = 0; id < 6; id++) {
    const cells = (tsv[id + 1] as string).split('\t');
    assert.equal(cells[0], String(id));
    assert.equal(
      cells[contamCol],
      (sorterContam[id + 1] as string).split('\t')[1],
      `ContamPct ${id}`,
    );
    assert.equal(cells[labelCol], (sorterLabel[id + 1] as string).split('\t')[1], `KSLabel ${id}`);
    const row = table.rows[id] as MetricsRow;
    const ks = folder.ks[id] as { q12: number };
    assert.ok(Math.abs(row.ks_q12 - ks.q12) <= 1e-12 * Math.max(1, ks.q12), `q12 ${id}`);
  }
  // The truth behind it: the contaminated unit is the one KS rejects.
  assert.equal(table.rows[1]?.ks_label, 'mua');
  assert.ok((table.rows[1]?.ks_contam_pct as number) > 20);
  for (const id of [0, 2, 3, 5]) assert.equal(table.rows[id]?.ks_label, 'good');
});

test('spike-train metrics match direct computations', async () => {
  const table = await computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
    backend: 'cpu',
  });
  const T = folder.times[folder.times.length - 1] as number; // no raw data: last spike (Phy)
  const bin = 60 * SAMPLE_RATE;
  const nBins = Math.floor(T / bin);
  for (const row of table.rows) {
    const s = spikesOf(row.id).map((i) => folder.times[i] as number);
    assert.equal(row.num_spikes, s.length);
    assert.ok(Math.abs(row.firing_rate - s.length / (T / SAMPLE_RATE)) < 1e-9);
    let isi = 0;
    for (let k = 1; k < s.length; k++)
      if ((s[k] as number) / SAMPLE_RATE - (s[k - 1] as number) / SAMPLE_RATE < 0.0015) isi++;
    assert.equal(row.isi_violations_count, isi, `isi count ${row.id}`);
    let pairs = 0;
    for (let a = 0; a < s.length; a++)
      for (let b = a + 1; b < s.length && (s[b] as number) - (s[a] as number) <= 30; b++) pairs++;
    assert.equal(row.rp_violations, pairs, `rp pairs ${row.id}`);
    const present = new Set(
      s.filter((t) => t <= nBins * bin).map((t) => Math.min(nBins - 1, Math.floor(t / bin))),
    );
    assert.equal(row.presence_ratio, present.size / nBins, `presence ${row.id}`);
  }
  const byId = new Map(table.rows.map((r) => [r.id, r]));
  // Known truth: only the contaminated unit violates the refractory period.
  assert.ok((byId.get(1)?.isi_violations_ratio as number) > 0.1);
  for (const id of [0, 2, 3, 5]) assert.equal(byId.get(id)?.isi_violations_count, 0);
  // The noise unit only fires in the first 100 s; the drifting unit drifts (30 µm over 200 s).
  assert.equal(byId.get(4)?.presence_ratio, 2 / 3);
  assert.ok((byId.get(5)?.drift_ptp as number) > 12 && (byId.get(0)?.drift_ptp as number) < 3);
  // Template SNR with identity whitening = the template's negative peak (amp * 1).
  assert.ok(Math.abs((byId.get(4)?.snr as number) - 1.5 * 0.9493) < 0.01);
  assert.equal(byId.get(4)?.snr_source, 'template');
});

/** Squared Mahalanobis isolation distance by Gauss-Jordan inversion (independent of linalg.ts). */
function isolationDistance(self: number[][], other: number[][]): number {
  const d = (self[0] as number[]).length;
  const mean = Array.from(
    { length: d },
    (_, c) => self.reduce((s, r) => s + (r[c] as number), 0) / self.length,
  );
  const a = Array.from({ length: d }, (_, i) =>
    Array.from({ length: 2 * d }, (_, j) => {
      if (j >= d) return j - d === i ? 1 : 0;
      let s = 0;
      for (const r of self)
        s += ((r[i] as number) - (mean[i] as number)) * ((r[j] as number) - (mean[j] as number));
      return s / (self.length - 1);
    }),
  );
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    for (let j = 0; j < 2 * d; j++) a[c]![j]! /= pivot;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      for (let j = 0; j < 2 * d; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const d2 = other.map((y) => {
    const v = y.map((x, i) => x - (mean[i] as number));
    let s = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += v[i]! * a[i]![d + j]! * v[j]!;
    return s;
  });
  d2.sort((x, y) => x - y);
  return d2[Math.min(self.length, other.length) - 1] as number;
}

test('PC metrics of a unit equal an independent computation on its neighbourhood', async () => {
  const table = await computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
    backend: 'cpu',
    params: { pcSpikesPerUnit: 1e9, pcComponents: N_PCS },
  });
  // Unit 5 (peak channel 10): its feature channels [10, 9, 11, 8] hold the peaks of 2, 3 and 5.
  const channels = slotChannels(10);
  const rowOf = (spike: number): number[] => {
    const t = folder.clusters[spike] as number;
    const slots = Array.from(folder.pcInd.subarray(t * N_SLOTS, (t + 1) * N_SLOTS));
    const out = new Array<number>(N_PCS * channels.length).fill(0);
    for (let p = 0; p < N_PCS; p++)
      channels.forEach((ch, c) => {
        const s = slots.indexOf(ch);
        if (s >= 0)
          out[p * channels.length + c] = folder.pcFeatures[
            (spike * N_PCS + p) * N_SLOTS + s
          ] as number;
      });
    return out;
  };
  const self = spikesOf(5).map(rowOf);
  const other = [...spikesOf(2), ...spikesOf(3)].sort((a, b) => a - b).map(rowOf);
  const row = table.rows.find((r) => r.id === 5) as MetricsRow;
  const expected = isolationDistance(self, other);
  assert.ok(
    Math.abs(row.isolation_distance - expected) < 1e-6 * expected,
    `${row.isolation_distance} vs ${expected}`,
  );
  // NN hit rate: 4 nearest other rows of each of unit 5's rows (brute force, squared distances).
  const all = [...self, ...other];
  const d = all[0]?.length as number;
  const flat = Float64Array.from(all.flat());
  let hits = 0;
  for (let i = 0; i < self.length; i++) {
    const best: Array<[number, number]> = [];
    for (let j = 0; j < all.length; j++) {
      if (j === i) continue;
      let s2 = 0;
      for (let c = 0; c < d; c++)
        s2 += ((flat[i * d + c] as number) - (flat[j * d + c] as number)) ** 2;
      if (best.length === 4 && s2 >= (best[3] as [number, number])[0]) continue;
      best.push([s2, j]);
      best.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      if (best.length > 4) best.pop();
    }
    hits += best.filter(([, j]) => j < self.length).length;
  }
  assert.equal(row.nn_hit_rate, hits / (4 * self.length));
  // Known truth: 5 is well separated; 2 and 3 are halves of one neuron, so they mix.
  assert.ok(row.nn_hit_rate > 0.95 && row.isolation_distance > 50);
  const r2 = table.rows.find((r) => r.id === 2) as MetricsRow;
  assert.ok(r2.nn_hit_rate < 0.7 && r2.isolation_distance < row.isolation_distance);
  // Units alone in their neighbourhood: Mahalanobis metrics undefined, NN trivially (1, 0).
  const r0 = table.rows.find((r) => r.id === 0) as MetricsRow;
  assert.ok(Number.isNaN(r0.isolation_distance));
  assert.equal(r0.nn_hit_rate, 1);
  assert.equal(metricsToJson(table)[0]?.isolation_distance, null, 'NaN becomes null in JSON');
});

test('cache: a rerun is served from the cache; a merge recomputes only affected clusters', async () => {
  const cache = memoryCache();
  const model = new CurationModel(dataset.spikeClusters);
  const first = await computeAllMetrics(dataset, model, { backend: 'cpu', cache });
  assert.deepEqual(first.stats.own, { computed: 6, cached: 0 });
  assert.deepEqual(first.stats.pc, { computed: 6, cached: 0, skipped: 0 });
  const second = await computeAllMetrics(dataset, model, { backend: 'cpu', cache });
  assert.deepEqual(second.stats.own, { computed: 0, cached: 6 });
  assert.deepEqual(second.rows, first.rows);
  const other = await computeAllMetrics(dataset, model, {
    backend: 'cpu',
    cache,
    params: { isiThresholdMs: 2 },
  });
  assert.equal(other.stats.own.computed, 6, 'parameters are part of the key');

  model.merge([2, 3]);
  const merged = Math.max(...model.clusterIds);
  const third = await computeAllMetrics(dataset, model, { backend: 'cpu', cache });
  assert.deepEqual(third.stats.own, { computed: 1, cached: 4 });
  // pc: the new cluster and unit 5 (its neighbourhood changed) are recomputed; 0, 1, 4 are not.
  assert.deepEqual(third.stats.pc, { computed: 2, cached: 3, skipped: 0 });
  const union = [...spikesOf(2), ...spikesOf(3)].sort((a, b) => a - b);
  const ks = bruteKs4(union.map((i) => (folder.times[i] as number) / SAMPLE_RATE));
  const row = third.rows.find((r) => r.id === merged) as MetricsRow;
  assert.equal(row.num_spikes, union.length);
  assert.ok(Math.abs(row.ks_q12 - ks.q12) < 1e-12);
  assert.equal(row.ks_label, ks.label);
  for (const id of [0, 1, 4, 5]) {
    assert.deepEqual(
      third.rows.find((r) => r.id === id)?.ks_contam_pct,
      first.rows.find((r) => r.id === id)?.ks_contam_pct,
    );
  }
  model.undo();
  const fourth = await computeAllMetrics(dataset, model, { backend: 'cpu', cache });
  assert.deepEqual(fourth.stats.own, { computed: 0, cached: 6 }, 'undo finds the old entries');
  assert.deepEqual(fourth.rows, first.rows);
});

test('cancellation stops the job and keeps what was computed', async () => {
  const cache = memoryCache();
  const controller = new AbortController();
  let reports = 0;
  await assert.rejects(
    computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
      backend: 'cpu',
      cache,
      signal: controller.signal,
      progress: (p) => {
        reports++;
        if (p.done === 2) controller.abort();
      },
    }),
    { name: 'JobCancelledError' },
  );
  assert.equal(reports, 2);
  assert.equal(cache.map.size, 2, 'the two finished clusters were stored');
});

test('worker threads give the same table as the calling thread', async () => {
  const model = new CurationModel(dataset.spikeClusters);
  const inline = await computeAllMetrics(dataset, model, { backend: 'cpu', workers: 0 });
  let reports = 0;
  const threaded = await computeAllMetrics(dataset, model, {
    backend: 'cpu',
    workers: 2,
    progress: () => reports++,
  });
  assert.deepEqual(threaded.rows, inline.rows);
  assert.deepEqual(threaded.stats.own, inline.stats.own);
  assert.deepEqual(threaded.stats.pc, inline.stats.pc);
  assert.equal(reports, 2 * threaded.rows.length, 'one report per cluster and stage');
});

test('cancelling a threaded run rejects and stops its workers', async () => {
  const controller = new AbortController();
  await assert.rejects(
    computeAllMetrics(dataset, new CurationModel(dataset.spikeClusters), {
      backend: 'cpu',
      workers: 2,
      signal: controller.signal,
      progress: (p) => {
        if (p.done === 1) controller.abort();
      },
    }),
    { name: 'JobCancelledError' },
  );
});

test('the metrics span is the dataset duration, also when the raw file is a shorter partial copy', () => {
  // 60 s of spikes, a raw file of 5 s: firing rates and presence bins must use 60 s, like the table.
  const partialRaw = {
    sampleRate: 30000,
    durationS: 60,
    raw: { status: 'available', data: { nSamples: 150_000 } },
  } as unknown as Dataset;
  assert.deepEqual(recordingSpan(partialRaw), { sampleRate: 30000, totalSamples: 1_800_000 });
  // A complete raw file gives its own length back exactly.
  const fullRaw = { ...partialRaw, durationS: 2_000_003 / 30000 } as unknown as Dataset;
  assert.equal(recordingSpan(fullRaw).totalSamples, 2_000_003);
});
