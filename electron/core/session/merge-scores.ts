/**
 * @file `clusters:mergeScores`: merge scores of the similar clusters against the selected one,
 * scored like `suggest:merges` scores a pair (merge-score-task.ts). Pairs run one at a time and
 * a newer request (or the client's cancel) stops an older one between pairs. A pair of large
 * clusters costs hundreds of milliseconds (trains of hundreds of thousands of spikes, sorted
 * summaries), so on a large dataset such pairs run in a worker thread and the thread that
 * answers the UI only gathers their inputs; small pairs run inline (cheaper than the message).
 *
 * Cluster ids never change meaning (a new spike set always gets a new id), so summaries and pair
 * scores are memoised by id: reselecting a cluster costs nothing.
 */
import type { CancelSignal } from '../../../shared/contract/define.js';
import type { MergeScore } from '../../../shared/contract/metrics-types.js';
import type { ClusterSummary } from '../analysis/merge-suggestions.js';
import { clusterPairSimilarity } from '../analysis/similarity.js';
import type { Dataset } from '../dataset/dataset.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { clusterTimesCacheOf } from '../views/correlogram-view.js';
import {
  scoreMergeTask,
  type MergePairResult,
  type MergePairTask,
  type PairSide,
} from './merge-score-task.js';
import type { Session } from './session.js';

/** Per-session memo of merge-score inputs and results, keyed by (immutable) cluster ids. */
export interface MergeScoreMemo {
  generation: number;
  summaries: Map<number, ClusterSummary>;
  pairs: Map<string, { score: number; veto: MergeScore['veto'] }>;
}

/** Work between pauses of a merge-score request on the UI's thread (ms). */
const YIELD_EVERY_MS = 15;
/** Datasets with fewer spikes never start the worker (its start costs more than it saves). */
const MIN_DATASET_SPIKES_FOR_WORKER = 1_000_000;
/** Pairs with fewer spikes (both clusters) are scored inline. */
const MIN_PAIR_SPIKES_FOR_WORKER = 50_000;

const memos = new WeakMap<Session, MergeScoreMemo>();

export function mergeScoreMemoOf(s: Session): MergeScoreMemo {
  let memo = memos.get(s);
  if (!memo) memos.set(s, (memo = { generation: 0, summaries: new Map(), pairs: new Map() }));
  return memo;
}

/** Where pairs are scored: inline, or in one worker thread per dataset (started on first use). */
export interface PairScorer {
  score(task: MergePairTask, heavy: boolean): Promise<MergePairResult>;
  close(): Promise<void>;
}

/** Scores every pair inline (tests, small datasets). */
export const INLINE_SCORER: PairScorer = {
  score: (task) => Promise.resolve(scoreMergeTask(task)),
  close: () => Promise.resolve(),
};

/** A scorer that sends heavy pairs to a worker thread (inline when the worker fails). */
export function workerScorer(): PairScorer {
  let pool: WorkerPool | null = null;
  let broken = false;
  return {
    score: async (task, heavy) => {
      if (!heavy || broken) return scoreMergeTask(task);
      const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
      pool ??= new WorkerPool(new URL(`./merge-score-worker.${ext}`, import.meta.url), 1, null);
      try {
        return await pool.run<MergePairResult>(task);
      } catch {
        // A worker that cannot start or crashed: the same numbers, computed here.
        broken = true;
        return scoreMergeTask(task);
      }
    },
    close: async () => {
      await pool?.close();
      pool = null;
    },
  };
}

const scorers = new WeakMap<Dataset, PairScorer>();

/** The scorer of a session's dataset; closed with the session (Session.close). */
export function pairScorerOf(s: Session): PairScorer {
  const ds = s.dataset;
  if (ds.nSpikes < MIN_DATASET_SPIKES_FOR_WORKER) return INLINE_SCORER;
  let scorer = scorers.get(ds);
  if (!scorer) {
    const created = workerScorer();
    scorers.set(ds, created);
    s.onClose(() => void created.close());
    scorer = created;
  }
  return scorer;
}

/** A copy that owns its buffer (a view would send the whole underlying buffer to the worker). */
function own<T extends Uint32Array | Int32Array | Float64Array | Float32Array>(a: T): T {
  return (a.byteLength === a.buffer.byteLength ? a : a.slice()) as T;
}

/** Gathers the values a cluster's summary is computed from. */
function summaryValues(ds: Dataset, spikes: Uint32Array) {
  const amps = ds.amplitudes();
  const pos = ds.spikePositions();
  const amplitudes = amps ? new Float32Array(spikes.length) : null;
  const positions = pos ? new Float32Array(2 * spikes.length) : null;
  for (let k = 0; k < spikes.length; k++) {
    const s = spikes[k] as number;
    if (amplitudes) amplitudes[k] = amps![s] as number;
    if (positions) {
      positions[2 * k] = pos![2 * s] as number;
      positions[2 * k + 1] = pos![2 * s + 1] as number;
    }
  }
  return { amplitudes, positions };
}

/**
 * Merge scores of `others` against `ref` (see the file header). Stops early, returning what it
 * has, when a newer request starts or `signal` aborts.
 */
export async function mergeScores(
  s: Session,
  ref: number,
  others: readonly number[],
  memo: MergeScoreMemo = mergeScoreMemoOf(s),
  signal?: CancelSignal,
  scorer: PairScorer = pairScorerOf(s),
): Promise<MergeScore[]> {
  const generation = ++memo.generation;
  const ds = s.dataset;
  const model = s.service.state;
  const sim = ds.similarTemplates;
  const sets = s.live.templateSets;
  const refSet = sets.get(ref);
  if (model.spikesOf(ref).length === 0 || !refSet) return [];
  const trains = clusterTimesCacheOf(ds);
  const stopped = () => memo.generation !== generation || signal?.aborted === true;
  const out: MergeScore[] = [];
  let sliceStart = performance.now();
  for (const other of others) {
    if (performance.now() - sliceStart > YIELD_EVERY_MS) {
      // Let other requests (tables, 3D highlight, views) run between pairs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) break;
      sliceStart = performance.now();
    }
    const set = sets.get(other);
    if (other === ref || model.spikesOf(other).length === 0 || !set) continue;
    const [a, b] = ref < other ? [ref, other] : [other, ref];
    const key = `${a}:${b}`;
    let scored = memo.pairs.get(key);
    if (!scored) {
      const similarity = sim
        ? Math.max(
            clusterPairSimilarity(sim, ds.nTemplates, refSet, set),
            clusterPairSimilarity(sim, ds.nTemplates, set, refSet),
          )
        : NaN;
      const heavy =
        model.spikesOf(a).length + model.spikesOf(b).length >= MIN_PAIR_SPIKES_FOR_WORKER;
      const side = (id: number): PairSide => {
        const spikes = model.spikesOf(id);
        const train = trains.trainOf(id, spikes);
        return {
          id,
          train: heavy ? { spikes: own(train.spikes), samples: own(train.samples) } : train,
          summary: memo.summaries.get(id) ?? summaryValues(ds, spikes),
        };
      };
      const task: MergePairTask = { a: side(a), b: side(b), similarity, sampleRate: ds.sampleRate };
      const result = await scorer.score(task, heavy);
      memo.summaries.set(a, result.summaryA);
      memo.summaries.set(b, result.summaryB);
      scored = { score: result.score, veto: result.veto };
      memo.pairs.set(key, scored);
      if (heavy && stopped()) break;
    }
    out.push({ clusterId: other, score: scored.score, veto: scored.veto });
  }
  return out;
}
