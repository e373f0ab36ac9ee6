import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ccgCommand } from '../../../../electron/cli/commands/ccg.js';
import { UsageError } from '../../../../electron/cli/commands/info.js';
import { DatasetError } from '../../../../electron/core/dataset/dataset-error.js';
import type { TestFolder } from '../../core/analysis/metrics/phy-folder.js';
import { SAMPLE_RATE } from '../../core/analysis/metrics/phy-folder.js';
import { capture, tempFolder } from './cli-io.js';

let folder: TestFolder;
before(() => (folder = tempFolder('kc-ccg-')));
after(() => rmSync(folder.dir, { recursive: true, force: true }));

/** phylib `correlograms()` transcribed naively: all ordered pairs, then symmetrised. */
function phylibCcg(ids: number[], binMs: number, windowMs: number): number[][][] {
  const binS = binMs / 1000;
  const binSamples = Math.trunc(SAMPLE_RATE * binS);
  const nBins = 2 * Math.trunc((0.5 * windowMs) / binMs) + 1;
  const h = nBins >> 1;
  const spikes: Array<[number, number]> = [];
  folder.clusters.forEach((c, i) => {
    const slot = ids.indexOf(c);
    const t = folder.times[i] as number;
    if (slot >= 0) spikes.push([Math.trunc((t / SAMPLE_RATE) * SAMPLE_RATE), slot]);
  });
  const n = ids.length;
  const half = ids.map(() => ids.map(() => new Array<number>(h + 1).fill(0)));
  for (let a = 0; a < spikes.length; a++) {
    for (let b = a + 1; b < spikes.length; b++) {
      const lag = Math.floor(
        ((spikes[b] as number[])[0]! - (spikes[a] as number[])[0]!) / binSamples,
      );
      if (lag > h) break;
      half[(spikes[a] as number[])[1]!]![(spikes[b] as number[])[1]!]![lag]!++;
    }
  }
  for (let i = 0; i < n; i++) half[i]![i]![0] = 0;
  return ids.map((_, i) =>
    ids.map((__, j) => {
      const pos = half[i]![j]!.slice();
      pos[0] = Math.max(half[i]![j]![0]!, half[j]![i]![0]!);
      const neg = half[j]![i]!.slice(1).reverse();
      return [...neg, ...pos];
    }),
  );
}

test('ccg --json has phylib layout counts[i][j][lag] with phylib counts', async () => {
  const io = capture();
  const code = await ccgCommand(
    [folder.dir, '2', '3', '0', '--bin-ms', '1', '--window-ms', '20', '--json'],
    io,
  );
  assert.equal(code, 0);
  const out = JSON.parse(io.stdout()) as {
    cluster_ids: number[];
    bin_ms: number;
    window_ms: number;
    counts: number[][][];
  };
  assert.deepEqual(Object.keys(out), ['cluster_ids', 'bin_ms', 'window_ms', 'counts']);
  assert.deepEqual(out.cluster_ids, [2, 3, 0]);
  assert.equal(out.bin_ms, 1);
  assert.equal(out.window_ms, 20);
  assert.equal(out.counts.length, 3);
  assert.equal(out.counts[0]?.length, 3);
  assert.equal(out.counts[0]?.[1]?.length, 21);
  assert.deepEqual(out.counts, phylibCcg([2, 3, 0], 1, 20));
  // Over-split halves of one neuron: no pair closer than the 2 ms dead time.
  const c23 = out.counts[0]?.[1] as number[];
  assert.deepEqual(c23.slice(9, 12), [0, 0, 0]);
  assert.ok(c23.reduce((s, v) => s + v, 0) > 0);
});

test('ccg error exits', async () => {
  const io = capture();
  assert.equal(await ccgCommand([folder.dir, '99', '--json'], io), 1);
  assert.match(io.stderr(), /no cluster 99/);
  await assert.rejects(ccgCommand([folder.dir], capture()), UsageError);
  await assert.rejects(ccgCommand([folder.dir, 'x1'], capture()), UsageError);
  await assert.rejects(ccgCommand([folder.dir, '1', '1'], capture()), UsageError);
  await assert.rejects(ccgCommand([folder.dir, '1', '--bin-ms=-1'], capture()), UsageError);
  await assert.rejects(
    ccgCommand([folder.dir, '1', '--bin-ms', '2', '--window-ms', '1'], capture()),
    UsageError,
  );
  await assert.rejects(ccgCommand([folder.dir, '1', '--bin-ms', '0.00001'], capture()), UsageError);
  await assert.rejects(ccgCommand([`${folder.dir}/missing`, '1'], capture()), DatasetError);
});
