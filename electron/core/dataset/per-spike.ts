/**
 * @file Readers for the per-spike vectors (times, template/cluster indices, amplitudes, positions)
 * that are held in memory, converting any stored dtype to the one the app computes with and
 * validating values as they are converted (one pass, no extra copies where avoidable).
 */
import { BackgroundRead } from './background-read.js';
import { DatasetError } from './dataset-error.js';
import type { NpyReader, NpyTypedArray } from './npy-reader.js';
import { indexVectorToInt32, spikeTimesToFloat64 } from './vector-kernels.js';

/**
 * Below this many spikes a vector is read on the calling thread: a worker's start-up (~30-100 ms)
 * would cost more than it saves.
 */
export const BACKGROUND_MIN_SPIKES = 2_000_000;

function toFloat64(values: NpyTypedArray): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array)
    return Float64Array.from(values, Number);
  return Float64Array.from(values as ArrayLike<number>);
}

/**
 * Spike times in samples. Must be finite, non-negative, below 2^53 and non-decreasing (Phy
 * refuses unsorted times too: every windowed computation relies on it). Integer files (the
 * usual case, 150 MB at 20 M spikes) are converted in place and validated in a single pass.
 */
export function readSpikeTimes(reader: NpyReader): Float64Array {
  const raw = reader.readVector();
  const times = spikeTimesToFloat64(raw);
  if (typeof times === 'number') throw timeError(reader.name, raw, times);
  return times;
}

/** Spike times being read, possibly on a worker thread (startReadSpikeTimes). */
export interface PendingSpikeTimes {
  /** Number of spikes (from the header). */
  readonly length: number;
  /**
   * The times, exactly as readSpikeTimes returns them, or its exact error. Blocks until the
   * worker is done; may be called again (same result or error).
   */
  join(): Float64Array;
}

/**
 * Starts reading spike times: on a worker thread when there are at least `minSpikes`, so the
 * caller can read other files meanwhile, else right now. A shape error is thrown now, as
 * readSpikeTimes would. When the worker finds the times invalid (or fails at all), join() reads
 * them again with readSpikeTimes, which throws the exact error (rare, so the repeat is cheap).
 * The reader must stay open until join() has returned.
 */
export function startReadSpikeTimes(
  reader: NpyReader,
  minSpikes = BACKGROUND_MIN_SPIKES,
): PendingSpikeTimes {
  const length = reader.vectorLength();
  if (length < minSpikes) {
    const times = readSpikeTimes(reader);
    return { length, join: () => times };
  }
  const job = BackgroundRead.start('times', reader.vectorSource());
  let outcome: { times: Float64Array } | { error: unknown } | undefined;
  return {
    length,
    join() {
      if (!outcome) {
        try {
          outcome = { times: job.join() ?? readSpikeTimes(reader) };
        } catch (error) {
          outcome = { error };
        }
      }
      if ('error' in outcome) throw outcome.error;
      return outcome.times;
    },
  };
}

/**
 * The error for the first bad time, at index `at` of a failed spikeTimesToFloat64(raw): the
 * values before `at` may have been converted in place, `raw[at]` is as read.
 */
function timeError(name: string, raw: NpyTypedArray, at: number): DatasetError {
  const t = Number(raw[at] as number | bigint);
  let prev = NaN;
  if (at > 0) {
    const wide = raw instanceof BigInt64Array || raw instanceof BigUint64Array;
    prev = wide
      ? (new Float64Array(raw.buffer, raw.byteOffset, raw.length)[at - 1] as number)
      : Number(raw[at - 1] as number);
  }
  if (!Number.isFinite(t))
    return new DatasetError(name, `spike ${at} has a non-finite time (${t})`);
  if (t < 0) return new DatasetError(name, `spike ${at} has a negative time (${t})`);
  if (t >= 2 ** 53)
    return new DatasetError(name, `spike ${at} has a time beyond 2^53 samples (${t})`);
  return new DatasetError(
    name,
    `spike times are not sorted: spike ${at} (${t}) comes before spike ${at - 1} (${prev})`,
  );
}

/**
 * An index vector (templates, clusters) as int32. Floats must be integral (Phy casts float
 * templates to int32); values must be within [0, 2^31).
 */
export function readIndexVector(reader: NpyReader): Int32Array {
  return readIndexVectorWithMax(reader).values;
}

/** readIndexVector, plus the largest entry (-1 for an empty vector), found in the same pass. */
export function readIndexVectorWithMax(reader: NpyReader): { values: Int32Array; max: number } {
  const raw = reader.readVector();
  const checked = indexVectorToInt32(raw);
  if (typeof checked === 'number') throw indexError(reader.name, raw, checked);
  return checked;
}

/** The error for entry `at`, the first invalid one of a failed indexVectorToInt32(raw). */
function indexError(name: string, raw: NpyTypedArray, at: number): DatasetError {
  const v = Number(raw[at] as number | bigint);
  if (raw instanceof Int32Array) return new DatasetError(name, `entry ${at} is negative (${v})`);
  if (!Number.isInteger(v)) return new DatasetError(name, `entry ${at} is not an integer (${v})`);
  return new DatasetError(name, `entry ${at} is out of range (${v})`);
}

/** A float vector (amplitudes) as float32; NaN/inf are replaced by 0 and counted, as Phy does. */
export function readFloatVector(reader: NpyReader, warnings: string[]): Float32Array {
  const raw = reader.readVector();
  const out =
    raw instanceof Float32Array ? raw : Float32Array.from(raw as ArrayLike<number>, Number);
  let bad = 0;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i] as number)) {
      out[i] = 0;
      bad++;
    }
  }
  if (bad > 0) warnings.push(`${reader.name}: ${bad} non-finite values (NaN/inf) replaced by 0`);
  return out;
}

/** A small matrix read whole as float64, C-ordered; NaN/inf replaced by 0 with a warning. */
export function readMatrix(reader: NpyReader, warnings: string[]): Float64Array {
  const out = toFloat64(reader.readAll());
  let bad = 0;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i] as number)) {
      out[i] = 0;
      bad++;
    }
  }
  if (bad > 0) warnings.push(`${reader.name}: ${bad} non-finite values (NaN/inf) replaced by 0`);
  return out;
}
