/**
 * Crash safety (issue: "no acknowledged action is lost, and each Phy file on disk is always a
 * complete old or new version"): a child applies and saves actions and is killed with SIGKILL at
 * random moments, 200 times. After each kill the dataset is reopened and checked.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { CurationService } from '../../../../electron/core/curation/curation-service.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { parseClusterTsv } from '../../../../electron/core/dataset/tsv.js';
import { Random } from '../../../../shared/util/random.js';
import { assignmentDigest, digest } from './crash-digest.js';
import { npyOf } from '../../../helpers/mini-dataset.js';

const TRIALS = Number(process.env.KILOCURATE_CRASH_TRIALS ?? 200);
const N_SPIKES = 3000;
const root = mkdtempSync(join(tmpdir(), 'kc-crash-'));
const template = join(root, 'template');
// Inside the repository so that Node resolves better-sqlite3 from node_modules.
const childJs = fileURLToPath(
  new URL(`../../../../test-output/crash-child-${process.pid}.mjs`, import.meta.url),
);
after(() => rmSync(childJs, { force: true }));
after(() => rmSync(root, { recursive: true, force: true }));

before(() => {
  // Bundle the child once: a bundled script starts ~4x faster than going through tsx.
  buildSync({
    entryPoints: [fileURLToPath(new URL('./crash-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: childJs,
    external: ['better-sqlite3'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  // A dataset of 3000 spikes in 12 clusters.
  mkdirSync(template);
  const rng = new Random(5);
  const clusters = Array.from({ length: N_SPIKES }, () => rng.int(12));
  const w = (name: string, data: Uint8Array | string) => writeFileSync(join(template, name), data);
  w(
    'spike_times.npy',
    npyOf(
      '<i8',
      [N_SPIKES],
      Array.from({ length: N_SPIKES }, (_, i) => BigInt(i * 97)),
    ),
  );
  w('spike_clusters.npy', npyOf('<i4', [N_SPIKES], clusters));
  w('spike_templates.npy', npyOf('<i4', [N_SPIKES], clusters));
  w('channel_map.npy', npyOf('<i4', [2], [0, 1]));
  w('channel_positions.npy', npyOf('<f8', [2, 2], [0, 0, 0, 20]));
  w('params.py', 'dat_path = []\nn_channels_dat = 2\ndtype = "int16"\nsample_rate = 30000.\n');
  w('cluster_group.tsv', 'cluster_id\tgroup\r\n3\tgood\r\n');
});

interface ChildReport {
  acked: Map<number, string>;
  /** Assignment digest after each acknowledged action. */
  assignments: Map<number, string>;
  saved: Array<[number, string]>;
  lastAck: number;
}

function runAndKill(dir: string, seed: number, killAfterMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childJs, dir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const report: ChildReport = { acked: new Map(), assignments: new Map(), saved: [], lastAck: 0 };
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, rev, hash, assignment] = line.split(' ');
        if (kind === 'ACK') {
          report.acked.set(Number(rev), hash as string);
          report.assignments.set(Number(rev), assignment as string);
          report.lastAck = Number(rev);
        } else if (kind === 'SAVED') report.saved.push([Number(rev), assignment as string]);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // The clock starts at the first acknowledged action, so kills land inside the action loop.
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    };
    child.stdout.once('data', arm);
    const fallback = setTimeout(arm, 3000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(fallback);
      if (signal !== 'SIGKILL' && code !== 0)
        reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve(report);
    });
  });
}

function checkPhyFiles(dir: string, report: ChildReport, originalClusters: Buffer): void {
  // spike_clusters.npy must be complete: the original or one of the saved versions.
  const reader = NpyReader.open(join(dir, 'spike_clusters.npy'));
  const values = reader.readVector() as Int32Array;
  reader.close();
  assert.equal(values.length, N_SPIKES);
  const bytes = readFileSync(join(dir, 'spike_clusters.npy'));
  if (!bytes.equals(originalClusters)) {
    // Otherwise it must be a version the child saved, or the one it was saving when killed
    // (the state at its last acknowledged action: saving does not change the state).
    const allowed = new Set(report.saved.map(([, a]) => a));
    const inFlight = report.assignments.get(report.lastAck);
    if (inFlight) allowed.add(inFlight);
    assert.ok(
      allowed.has(assignmentDigest(values)),
      'spike_clusters.npy is neither the original nor a saved version',
    );
  }
  // Every TSV parses in full (a truncated one would lose its CRLF tail or rows).
  for (const name of ['cluster_group.tsv']) {
    const text = readFileSync(join(dir, name), 'latin1');
    parseClusterTsv(text, name);
    assert.ok(text.endsWith('\n'), `${name} is truncated`);
  }
}

describe('crash safety under SIGKILL', () => {
  it(`${TRIALS} kills at random moments lose no acknowledged action and leave complete files`, async () => {
    const rng = new Random(2024);
    const originalClusters = readFileSync(join(template, 'spike_clusters.npy'));
    let killedWhileRunning = 0;
    const trial = async (t: number) => {
      const dir = join(root, `trial${t}`);
      cpSync(template, dir, { recursive: true });
      const report = await runAndKill(dir, 1000 + t, Math.floor(rng.next() * 120));
      checkPhyFiles(dir, report, originalClusters);
      const service = CurationService.open(dir);
      const revision = service.revision;
      // No acknowledged action is lost; at most one more (committed, killed before the ACK).
      assert.ok(
        revision >= report.lastAck,
        `trial ${t}: revision ${revision} < acknowledged ${report.lastAck}`,
      );
      assert.ok(
        revision <= report.lastAck + 1,
        `trial ${t}: revision ${revision} > ${report.lastAck} + 1`,
      );
      const expected = report.acked.get(revision);
      if (expected !== undefined)
        assert.equal(digest(service.state), expected, `trial ${t}: state differs`);
      // What is on disk is one of the saves the child completed (or one in flight), never garbage.
      service.close();
      if (report.lastAck < 400) killedWhileRunning++;
      rmSync(dir, { recursive: true, force: true });
    };
    for (let t = 0; t < TRIALS; t += 2) await Promise.all([trial(t), trial(t + 1)]);
    assert.ok(killedWhileRunning > TRIALS / 2, `only ${killedWhileRunning} kills happened mid-run`);
  });
});
