import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { METRIC_COLUMNS } from '../../../../electron/core/analysis/metrics/metrics-table.js';
import { computeAllMetrics } from '../../../../electron/core/analysis/metrics/compute-all.js';
import { CurationService } from '../../../../electron/core/curation/curation-service.js';
import { makeDataset } from '../../../../electron/core/fixtures/make-dataset.js';
import { JobCancelledError } from '../../../../electron/core/jobs/job.js';
import { createSessionHost, type SessionHost } from '../../../../electron/core/session/handlers.js';
import { createDispatcher, type Peer } from '../../../../electron/server/dispatcher.js';
import { contract } from '../../../../shared/contract/contract.js';
import { WIRE_CHANNELS, type JobSettled } from '../../../../shared/contract/codec.js';
import {
  NUMERIC_METRIC_COLUMNS,
  type MetricsResult,
} from '../../../../shared/contract/metrics-types.js';

let root: string;
let dir: string;
let host: SessionHost;
const idle = { signal: { aborted: false }, progress: () => undefined };

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kc-metrics-host-'));
  dir = join(root, 'ds');
  await makeDataset(dir, { units: 10, durationS: 60, seed: 3, nChannels: 32 });
  host = createSessionHost({ userDataDir: join(root, 'user') });
  await host.handlers['dataset:open']({ dir });
});
after(() => {
  host.close();
  rmSync(root, { recursive: true, force: true });
});

/** NaN-aware equality of two numbers. */
const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);

describe('metrics handlers', () => {
  let first: MetricsResult;

  it('the numeric column list is the metrics table without its two text columns', () => {
    assert.deepEqual(
      [...NUMERIC_METRIC_COLUMNS],
      METRIC_COLUMNS.filter((c) => c !== 'ks_label' && c !== 'snr_source'),
    );
  });

  it('metrics:compute reports progress and equals computeAllMetrics called directly', async () => {
    const reports: Array<[number, number, string]> = [];
    first = await host.handlers['metrics:compute'](
      { backend: 'cpu' },
      { signal: new AbortController().signal, progress: (d, t, m = '') => reports.push([d, t, m]) },
    );
    const n = first.ids.length;
    assert.ok(n >= 10, `${n} clusters`);
    // Both stages count clusters 1..n.
    const phases = [...new Set(reports.map((r) => r[2]))];
    assert.equal(phases.length, 2);
    for (const phase of phases) {
      const done = reports.filter((r) => r[2] === phase).map((r) => r[0]);
      assert.deepEqual(
        done,
        Array.from({ length: n }, (_, i) => i + 1),
      );
    }
    assert.ok(reports.every((r) => r[1] === n));

    // Independent run: a second service on the same folder, no cache.
    const service = CurationService.open(dir, { userDataDir: join(root, 'other-user') });
    try {
      const direct = await computeAllMetrics(service.dataset, service.state, { backend: 'cpu' });
      assert.deepEqual(
        Array.from(first.ids),
        direct.rows.map((r) => r.id),
      );
      direct.rows.forEach((row, i) => {
        for (const c of NUMERIC_METRIC_COLUMNS)
          assert.ok(same(first.columns[c][i]!, row[c]), `${c} of ${row.id}`);
        assert.equal(first.ksLabel[i], row.ks_label);
        assert.equal(first.snrSource[i], row.snr_source);
      });
    } finally {
      service.close();
    }
  });

  it('clusters:table carries the metrics as columns; sorter labels stay as on disk', async () => {
    const table = await host.handlers['clusters:table']({});
    const rowOf = new Map(Array.from(first.ids, (id, r) => [id, r]));
    for (let i = 0; i < table.ids.length; i++) {
      const r = rowOf.get(table.ids[i]!)!;
      for (const c of NUMERIC_METRIC_COLUMNS)
        assert.ok(same(table.metrics[c]![i]!, Math.fround(first.columns[c][r]!)), c);
      assert.equal(table.labels['ks_label']![i], first.ksLabel[r]);
    }
    // For untouched Kilosort clusters the recomputed label is the sorter's own.
    assert.deepEqual(table.labels['ks_label'], table.labels['KSLabel']);
  });

  it('after a merge only the merged cluster is computed again; its KSLabel comes from it', async () => {
    const before = await host.handlers['clusters:table']({});
    const [a, b] = [before.ids[0]!, before.ids[1]!];
    const change = await host.handlers['curation:merge']({ clusterIds: [a, b] });
    const merged = change.added[0]!;
    let table = await host.handlers['clusters:table']({});
    let i = Array.from(table.ids).indexOf(merged);
    assert.ok(Number.isNaN(table.metrics['snr']![i]!), 'no metrics yet for the new cluster');
    assert.equal(table.labels['ks_label']![i], null);

    const again = await host.handlers['metrics:compute']({ backend: 'cpu' }, idle);
    assert.equal(again.stats.own.computed, 1);
    assert.equal(again.stats.own.cached, again.ids.length - 1);
    const r = Array.from(again.ids).indexOf(merged);
    assert.equal(
      again.columns.num_spikes[r],
      before.nSpikes[0]! + before.nSpikes[1]!,
      'num_spikes of the merged cluster',
    );
    table = await host.handlers['clusters:table']({});
    i = Array.from(table.ids).indexOf(merged);
    assert.equal(table.labels['ks_label']![i], again.ksLabel[r]);
    // Blank KSLabel / ContamPct of the merged cluster show the recomputed values.
    assert.equal(table.labels['KSLabel']![i], again.ksLabel[r]);
    const pct = table.labels['ContamPct']![i] as number;
    assert.ok(Math.abs(pct - again.columns.ks_contam_pct[r]!) <= 0.05 + 1e-9, `${pct}`);
    assert.equal(pct, Math.round(pct * 10) / 10, 'one decimal, as Kilosort writes it');
    await host.handlers['curation:undo']({});
  });

  it('cancelling stops the job (AbortSignal or a plain cancel flag)', async () => {
    // A fresh session so nothing is cached and the job has work left when cancelled.
    const user = join(root, 'cancel-user');
    const h = createSessionHost({ userDataDir: user });
    await h.handlers['dataset:open']({ dir });
    try {
      const controller = new AbortController();
      let reports = 0;
      await assert.rejects(
        h.handlers['metrics:compute'](
          { backend: 'cpu' },
          {
            signal: controller.signal,
            progress: () => {
              if (++reports === 2) controller.abort();
            },
          },
        ),
        JobCancelledError,
      );
      assert.equal(reports, 2);
      const flag = { aborted: false };
      reports = 0;
      await assert.rejects(
        h.handlers['metrics:compute'](
          { backend: 'cpu' },
          {
            signal: flag,
            progress: () => {
              if (++reports === 3) flag.aborted = true;
            },
          },
        ),
        JobCancelledError,
      );
      assert.equal(reports, 3);
      // What was computed before the cancel is cached: a full run now reuses it.
      const done = await h.handlers['metrics:compute']({ backend: 'cpu' }, idle);
      assert.ok(done.stats.own.cached >= 3, `${done.stats.own.cached} cached`);
    } finally {
      h.close();
    }
  });

  it('suggest:labels with the KS4 rules reproduces the recomputed KSLabel', async () => {
    const result = await host.handlers['suggest:labels']({ ruleSet: 'ks4' });
    assert.equal(result.ruleSet.name, 'kilosort4');
    const m = await host.handlers['metrics:compute']({ backend: 'cpu' }, idle);
    const byId = new Map(result.suggestions.map((s) => [s.clusterId, s]));
    m.ids.forEach((id, r) => {
      const s = byId.get(id)!;
      // Independent statement of Kilosort4's rule: good iff Q12 < 0.2, R12 < 0.2, > 10 spikes.
      const good =
        m.columns.ks_q12[r]! < 0.2 && m.columns.ks_r12[r]! < 0.2 && m.columns.num_spikes[r]! > 10;
      assert.equal(s.suggested, good ? 'good' : 'mua', `cluster ${id}`);
      assert.equal(s.suggested, m.ksLabel[r]);
      assert.equal(s.failed.length === 0, good);
    });
    const table = await host.handlers['clusters:table']({});
    assert.deepEqual(
      table.labels['suggested'],
      Array.from(table.ids, (id) => byId.get(id)!.suggested),
    );
  });

  it('suggest:labels with a custom rule set; a bad one is refused', async () => {
    const m = await host.handlers['metrics:compute']({ backend: 'cpu' }, idle);
    const sorted = [...m.columns.firing_rate].sort((x, y) => x - y);
    const threshold = sorted[Math.floor(sorted.length / 2)]!;
    const result = await host.handlers['suggest:labels']({
      ruleSet: {
        name: 'busy',
        rules: [{ metric: 'firing_rate', op: '>=', threshold, onFail: 'noise' }],
      },
    });
    const byId = new Map(result.suggestions.map((s) => [s.clusterId, s]));
    let noise = 0;
    m.ids.forEach((id, r) => {
      const want = m.columns.firing_rate[r]! >= threshold ? 'good' : 'noise';
      if (want === 'noise') noise++;
      assert.equal(byId.get(id)!.suggested, want);
    });
    assert.ok(noise > 0 && noise < m.ids.length);
    assert.deepEqual(result.ruleSet.rules, [`firing_rate >= ${threshold} (else noise)`]);
    await assert.rejects(
      async () =>
        host.handlers['suggest:labels']({
          ruleSet: {
            name: 'bad',
            rules: [{ metric: 'snr', op: '>', threshold: NaN, onFail: 'mua' }],
          },
        }),
      /finite number/,
    );
  });

  it('suggest:merges is ranked; clusters:mergeScores scores a pair the same way', async () => {
    const result = await host.handlers['suggest:merges']({});
    assert.equal(result.unavailable, null);
    assert.ok(result.suggestions.length > 0);
    for (let i = 1; i < result.suggestions.length; i++)
      assert.ok(result.suggestions[i - 1]!.score >= result.suggestions[i]!.score);
    const limited = await host.handlers['suggest:merges']({ limit: 2 });
    assert.deepEqual(limited.suggestions, result.suggestions.slice(0, 2));
    for (const s of result.suggestions.slice(0, 3)) {
      const [fromA] = await host.handlers['clusters:mergeScores']({
        clusterId: s.a,
        clusterIds: [s.b],
      });
      const [fromB] = await host.handlers['clusters:mergeScores']({
        clusterId: s.b,
        clusterIds: [s.a, s.b],
      });
      assert.deepEqual(fromA, { clusterId: s.b, score: s.score, veto: null });
      assert.deepEqual(fromB, { clusterId: s.a, score: s.score, veto: null });
    }
  });

  it('runs as a job through the dispatcher: throttled progress pushes, then the result', async () => {
    const pushes: Array<[string, unknown]> = [];
    let settled!: (s: JobSettled) => void;
    const done = new Promise<JobSettled>((r) => (settled = r));
    const peer: Peer = {
      canWrite: true,
      push: (channel, payload) => {
        pushes.push([channel, payload]);
        if (channel === WIRE_CHANNELS.jobSettled) settled(payload as JobSettled);
      },
    };
    const dispatcher = createDispatcher(contract, host.handlers, { progressIntervalMs: 50 });
    const start = await dispatcher.call(
      'metrics:compute',
      { jobId: 'm1', args: { backend: 'cpu' } },
      peer,
    );
    assert.deepEqual(start, { ok: true, value: 'm1' });
    const end = await done;
    assert.equal(end.reply.ok, true);
    const value = (end.reply as { value: MetricsResult }).value;
    assert.ok(value.ids.length > 0);
    assert.ok(pushes.some(([c]) => c === WIRE_CHANNELS.jobProgress));
    const bad = await dispatcher.call(
      'metrics:compute',
      { jobId: 'm2', args: { backend: 'x' } },
      peer,
    );
    assert.equal(bad.ok, false);
  });
});
