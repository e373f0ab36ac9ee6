import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeDataset } from '../../../../electron/core/fixtures/make-dataset.js';
import { createSessionHost, type SessionHost } from '../../../../electron/core/session/handlers.js';
import {
  INLINE_SCORER,
  mergeScores,
  workerScorer,
  type MergeScoreMemo,
  type PairScorer,
} from '../../../../electron/core/session/merge-scores.js';

let root: string;
let host: SessionHost;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kc-merge-scores-'));
  const dir = join(root, 'ds');
  await makeDataset(dir, { units: 8, durationS: 60, seed: 21, nChannels: 32 });
  host = createSessionHost({ userDataDir: join(root, 'user') });
  host.open(dir);
});
after(() => {
  host.close();
  rmSync(root, { recursive: true, force: true });
});

const freshMemo = (): MergeScoreMemo => ({ generation: 0, summaries: new Map(), pairs: new Map() });

describe('merge scores', () => {
  it('the worker thread scores every pair exactly as the inline path does', async () => {
    const s = host.session()!;
    const ids = [...s.service.state.clusterIds].filter((id) => s.service.state.spikeCount(id) > 0);
    const worker = workerScorer();
    // Every pair to the worker, whatever its size (the real threshold keeps small ones inline).
    const forced: PairScorer = { score: (task) => worker.score(task, true), close: worker.close };
    try {
      for (const ref of ids.slice(0, 3)) {
        const inline = await mergeScores(s, ref, ids, freshMemo(), undefined, INLINE_SCORER);
        const threaded = await mergeScores(s, ref, ids, freshMemo(), undefined, forced);
        assert.equal(inline.length, ids.length - 1);
        assert.deepEqual(threaded, inline);
      }
    } finally {
      await worker.close();
    }
  });

  it('a cancelled request stops at its next pause; a newer one supersedes an older one', async () => {
    const s = host.session()!;
    const ids = [...s.service.state.clusterIds];
    // A scorer that takes long enough per pair for the request to pause between pairs.
    const slow: PairScorer = {
      score: async (task, heavy) => {
        const end = Date.now() + 20;
        while (Date.now() < end) {
          // longer than a slice
        }
        return INLINE_SCORER.score(task, heavy);
      },
      close: () => Promise.resolve(),
    };
    const cancelled = { aborted: true };
    const stopped = await mergeScores(s, ids[0]!, ids, freshMemo(), cancelled, slow);
    assert.equal(stopped.length, 1, 'one pair, then the pause sees the cancel');
    const memo = freshMemo();
    const older = mergeScores(s, ids[0]!, ids, memo, undefined, slow);
    const newer = mergeScores(s, ids[1]!, ids, memo, undefined, INLINE_SCORER);
    assert.equal((await newer).length, ids.length - 1);
    assert.ok((await older).length < ids.length - 1, 'the older request stopped early');
  });
});
