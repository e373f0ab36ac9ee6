/**
 * @file A small Kilosort4-style folder with known truth, written by the tests themselves (so they do
 * not depend on the demo generator): six units on a 16-channel linear probe over ~200 s.
 *   0 clean (10 Hz, 2 ms dead time)          1 contaminated (clean 8 Hz + 6 Hz Poisson)
 *   2, 3 one neuron over-split in two halves  4 noise (1 Hz Poisson, first 100 s only, tiny)
 *   5 clean (7 Hz) drifting 30 µm, next to 2/3
 * cluster_ContamPct.tsv / cluster_KSLabel.tsv come from `bruteKs4` below, an O(n·window)
 * transcription of Kilosort4's compute_CCG/CCG_metrics written independently of ks4-refractory.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveNpy } from '../../../../../electron/core/dataset/npy-writer.js';
import { formatPercentF } from '../../../../../electron/core/dataset/python-format.js';
import { Random } from '../../../../../shared/util/random.js';

export const SAMPLE_RATE = 30000;
export const N_CHANNELS = 16;
export const N_SLOTS = 4;
export const N_PCS = 3;
export const NT = 21;
export const DURATION_S = 200;

export interface UnitSpec {
  id: number;
  peak: number;
  amp: number;
}
export const UNITS: UnitSpec[] = [
  { id: 0, peak: 2, amp: 12 },
  { id: 1, peak: 5, amp: 10 },
  { id: 2, peak: 9, amp: 14 },
  { id: 3, peak: 9, amp: 14 },
  { id: 4, peak: 13, amp: 1.5 },
  { id: 5, peak: 10, amp: 9 },
];

export interface TestFolder {
  dir: string;
  /** Spike times in samples (ascending) and cluster per spike. */
  times: Float64Array;
  clusters: Int32Array;
  /** pc_features as written (n × 3 × 4) and the slot channels per template (6 × 4). */
  pcFeatures: Float32Array;
  pcInd: Int32Array;
  amplitudes: Float32Array;
  /** Expected KS4 values per cluster (brute force). */
  ks: Array<{ contamPct: number; label: 'good' | 'mua'; q12: number }>;
}

function renewal(rng: Random, rateHz: number, deadS: number, fromS: number, toS: number): number[] {
  const out: number[] = [];
  const meanWait = 1 / rateHz - deadS;
  let t = fromS + rng.exponential(1 / meanWait);
  while (t < toS) {
    out.push(Math.floor(t * SAMPLE_RATE));
    t += deadS + rng.exponential(1 / meanWait);
  }
  return out;
}

/** The 4 channels nearest to `peak` on the linear probe (distance, then index). */
export function slotChannels(peak: number): number[] {
  return Array.from({ length: N_CHANNELS }, (_, c) => c)
    .sort((a, b) => Math.abs(a - peak) - Math.abs(b - peak) || a - b)
    .slice(0, N_SLOTS);
}

/** erf by its Maclaurin series (|x| < 5; error < 1e-9 there), ±1 beyond. */
export function erfSeries(x: number): number {
  if (Math.abs(x) >= 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Kilosort4 `refract` for one cluster, straight from the Python (st in seconds, ascending). */
export function bruteKs4(st: number[]): { contamPct: number; label: 'good' | 'mua'; q12: number } {
  const n = st.length;
  if (n <= 10 || st[n - 1] === st[0]) return { contamPct: 0, label: 'mua', q12: 0 };
  const nb = 500;
  const tbin = 1 / 1000;
  const dt = nb * tbin;
  const K = new Array<number>(2 * nb + 1).fill(0);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const d = (st[j] as number) - (st[k] as number);
      if (
        (st[k] as number) > (st[j] as number) - dt &&
        (st[k] as number) <= (st[j] as number) + dt
      ) {
        K[roundEven(d / tbin) + nb]++;
      }
    }
  }
  const T = (st[n - 1] as number) - (st[0] as number);
  const r1 = [...range(1, nb / 2), ...range((3 * nb) / 2, 2 * nb)];
  const r2 = range(nb - 50, nb - 10);
  const r3 = range(nb + 10, nb + 50);
  const sum = (r: number[]) => r.reduce((s, i) => s + (K[i] as number), 0);
  const norm = (r: number[]) => sum(r) / ((r.length * tbin * n * n) / T);
  const q00 = norm(r1);
  const q01 = Math.max(norm(r2), norm(r3));
  const r00 = Math.max(sum(r2) / r2.length, sum(r3) / r3.length, sum(r1) / r1.length);
  K[nb] = 0;
  let minQ = Infinity;
  let minR = Infinity;
  for (let i = 1; i <= 10; i++) {
    const s = sum(range(nb - i, nb + i + 1));
    minQ = Math.min(minQ, s / ((2 * i * tbin * n * n) / T));
    const lam = r00 * i;
    minR = Math.min(minR, 0.5 * (1 + erfSeries((s / 2 - lam) / Math.sqrt(1e-10 + 2 * lam))));
  }
  const q12 = minQ / (1e-10 + Math.max(q00, q01));
  return { contamPct: 100 * q12, label: q12 < 0.2 && minR < 0.2 ? 'good' : 'mua', q12 };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

/** Writes the folder into `dir` (which must exist) and returns what the tests need to check. */
export function writeTestFolder(dir: string, seed = 11): TestFolder {
  const rng = new Random(seed);
  const events: Array<[number, number]> = [];
  const add = (id: number, samples: number[]) => samples.forEach((s) => events.push([s, id]));
  add(0, renewal(rng, 10, 0.002, 0, DURATION_S));
  add(1, [...renewal(rng, 8, 0.002, 0, DURATION_S), ...renewal(rng, 6, 0, 0, DURATION_S)]);
  for (const s of renewal(rng, 12, 0.002, 0, DURATION_S))
    events.push([s, rng.next() < 0.5 ? 2 : 3]);
  add(4, renewal(rng, 1, 0, 0, 100));
  add(5, renewal(rng, 7, 0.002, 0, DURATION_S));
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const n = events.length;
  const times = Float64Array.from(events, (e) => e[0]);
  const clusters = Int32Array.from(events, (e) => e[1]);

  // Per-spike vectors.
  const amplitudes = new Float32Array(n);
  const positions = new Float32Array(2 * n);
  const pcFeatures = new Float32Array(n * N_PCS * N_SLOTS);
  const centres = UNITS.map(() => Array.from({ length: N_PCS * N_SLOTS }, () => 6 * rng.normal()));
  centres[3] = centres[2] as number[]; // one neuron: same feature cloud
  for (let i = 0; i < n; i++) {
    const u = UNITS[clusters[i] as number] as UnitSpec;
    amplitudes[i] = u.amp * (1 + 0.1 * rng.normal());
    const drift = u.id === 5 ? (30 * (times[i] as number)) / (DURATION_S * SAMPLE_RATE) : 0;
    positions[2 * i] = 8 + rng.normal();
    positions[2 * i + 1] = 20 * u.peak + drift + 3 * rng.normal();
    const c = centres[u.id] as number[];
    for (let f = 0; f < N_PCS * N_SLOTS; f++) {
      pcFeatures[i * N_PCS * N_SLOTS + f] = (c[f] as number) + rng.normal();
    }
  }

  // Templates (dense, 21 samples), identity whitening, pc_feature_ind, similarity.
  const nT = UNITS.length;
  const templates = new Float32Array(nT * NT * N_CHANNELS);
  const pcInd = new Int32Array(nT * N_SLOTS);
  for (const u of UNITS) {
    for (let t = 0; t < NT; t++) {
      const shape = -Math.exp(-(((t - 8) / 2) ** 2)) + 0.3 * Math.exp(-(((t - 12) / 3) ** 2));
      for (let c = 0; c < N_CHANNELS; c++) {
        templates[(u.id * NT + t) * N_CHANNELS + c] =
          u.amp * shape * Math.exp(-Math.abs(c - u.peak));
      }
    }
    pcInd.set(slotChannels(u.peak), u.id * N_SLOTS);
  }
  const similar = new Float32Array(nT * nT).fill(0.1);
  const setSim = (a: number, b: number, v: number) => {
    similar[a * nT + b] = v;
    similar[b * nT + a] = v;
  };
  for (let a = 0; a < nT; a++) setSim(a, a, 1);
  setSim(2, 3, 0.95);
  setSim(2, 5, 0.6);
  setSim(3, 5, 0.6);
  setSim(0, 1, 0.55);

  const whitening = new Float64Array(N_CHANNELS * N_CHANNELS);
  for (let c = 0; c < N_CHANNELS; c++) whitening[c * N_CHANNELS + c] = 1;
  const chPos = new Float32Array(2 * N_CHANNELS);
  for (let c = 0; c < N_CHANNELS; c++) {
    chPos[2 * c] = 8;
    chPos[2 * c + 1] = 20 * c;
  }
  const p = (name: string) => join(dir, name);
  saveNpy(
    p('spike_times.npy'),
    BigInt64Array.from(times, (t) => BigInt(t)),
  );
  saveNpy(p('spike_templates.npy'), clusters);
  saveNpy(p('spike_clusters.npy'), clusters);
  saveNpy(p('amplitudes.npy'), amplitudes);
  saveNpy(p('spike_positions.npy'), positions, [n, 2]);
  saveNpy(
    p('channel_map.npy'),
    Int32Array.from({ length: N_CHANNELS }, (_, c) => c),
  );
  saveNpy(p('channel_positions.npy'), chPos, [N_CHANNELS, 2]);
  saveNpy(p('templates.npy'), templates, [nT, NT, N_CHANNELS]);
  saveNpy(p('whitening_mat_inv.npy'), whitening, [N_CHANNELS, N_CHANNELS]);
  saveNpy(p('similar_templates.npy'), similar, [nT, nT]);
  saveNpy(p('pc_features.npy'), pcFeatures, [n, N_PCS, N_SLOTS]);
  saveNpy(p('pc_feature_ind.npy'), pcInd, [nT, N_SLOTS]);
  writeFileSync(
    p('params.py'),
    `n_channels_dat = ${N_CHANNELS}\noffset = 0\nsample_rate = ${SAMPLE_RATE}.0\n` +
      `dtype = 'int16'\nhp_filtered = False\ndat_path = 'absent.dat'\n`,
  );
  const ks = UNITS.map((u) => {
    const st: number[] = [];
    for (let i = 0; i < n; i++)
      if (clusters[i] === u.id) st.push((times[i] as number) / SAMPLE_RATE);
    return bruteKs4(st);
  });
  const tsv = (name: string, values: string[]) =>
    writeFileSync(
      p(`cluster_${name}.tsv`),
      `cluster_id\t${name}\n` + values.map((v, i) => `${i}\t${v}\n`).join(''),
    );
  tsv(
    'ContamPct',
    ks.map((k) => formatPercentF(k.contamPct, 1)),
  );
  tsv(
    'KSLabel',
    ks.map((k) => k.label),
  );
  tsv(
    'group',
    ks.map((k) => k.label),
  );
  return { dir, times, clusters, pcFeatures, pcInd, amplitudes, ks };
}
