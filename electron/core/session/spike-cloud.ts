/**
 * @file Spike positions for the 3D view: x, y (µm, from spike_positions.npy) and a third axis
 * (time in s, template amplitude, or the first PC on the spike's first feature channel), for a
 * level-of-detail sample of all spikes or for every spike of chosen clusters.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { SpikeCloud, ThirdAxis } from '../../../shared/contract/types.js';
import type { Dataset } from '../dataset/dataset.js';

/** Evenly strided sample of `n` spike indices out of `total` (deterministic, covers the recording). */
export function strideSample(total: number, n: number): Uint32Array {
  if (n >= total) return Uint32Array.from({ length: total }, (_, i) => i);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((i * total) / n);
  return out;
}

/**
 * A permutation of 0..n-1 in which every prefix is spread evenly over the range (bit-reversed
 * order): the renderer can draw a prefix of a sampled cloud as a coarser level of detail.
 */
export function progressiveOrder(n: number): Uint32Array {
  const out = new Uint32Array(n);
  if (n === 0) return out;
  const bits = Math.max(1, Math.ceil(Math.log2(n)));
  let k = 0;
  for (let i = 0; i < 2 ** bits && k < n; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>>= 1) r = (r << 1) | (v & 1);
    if (r < n) out[k++] = r;
  }
  return out;
}

/** Reorders every per-point array of a cloud by `order`. */
export function permuteCloud(cloud: SpikeCloud, order: Uint32Array): SpikeCloud {
  const pick = <T extends Float32Array | Int32Array | Uint32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(order.length);
    for (let i = 0; i < order.length; i++) out[i] = a[order[i] as number] as number;
    return out;
  };
  return {
    ...cloud,
    spikes: cloud.spikes
      ? pick(cloud.spikes)
      : pick(Uint32Array.from({ length: cloud.x.length }, (_, i) => i)),
    x: pick(cloud.x),
    y: pick(cloud.y),
    z: pick(cloud.z),
    clusters: pick(cloud.clusters),
  };
}

export function spikeCloud(
  dataset: Dataset,
  model: CurationModel,
  spikes: Uint32Array | null,
  axis: ThirdAxis,
  channelOfTemplate: (t: number) => number | null,
): SpikeCloud {
  const n = spikes ? spikes.length : dataset.nSpikes;
  const at = spikes ? (i: number) => spikes[i] as number : (i: number) => i;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  const clusters = new Int32Array(n);
  const positions = dataset.spikePositions();
  const assignment = model.spikeClusters;
  for (let i = 0; i < n; i++) {
    const s = at(i);
    clusters[i] = assignment[s] as number;
    if (positions) {
      x[i] = positions[2 * s] as number;
      y[i] = positions[2 * s + 1] as number;
    }
  }
  if (!positions) fillFromTemplateChannels(dataset, at, x, y, channelOfTemplate);
  fillThirdAxis(dataset, spikes, axis, z, at);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = z[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    revision: model.revision,
    spikes,
    sampled: spikes !== null,
    x,
    y,
    z,
    clusters,
    zRange: n > 0 ? [lo, hi] : [0, 1],
  };
}

/**
 * Without spike_positions.npy: each spike sits at the peak channel of its sorter template (a
 * coarse but honest position; the UI says positions are per template).
 */
function fillFromTemplateChannels(
  dataset: Dataset,
  at: (i: number) => number,
  x: Float32Array,
  y: Float32Array,
  channelOfTemplate: (t: number) => number | null,
): void {
  const pos = dataset.probe.positions;
  const cache = new Map<number, number | null>();
  for (let i = 0; i < x.length; i++) {
    const t = dataset.spikeTemplates[at(i)] as number;
    let c = cache.get(t);
    if (c === undefined) cache.set(t, (c = channelOfTemplate(t)));
    x[i] = c === null ? NaN : (pos[2 * c] as number);
    y[i] = c === null ? NaN : (pos[2 * c + 1] as number);
  }
}

function fillThirdAxis(
  dataset: Dataset,
  spikes: Uint32Array | null,
  axis: ThirdAxis,
  z: Float32Array,
  at: (i: number) => number,
): void {
  const n = z.length;
  if (axis === 'time') {
    const rate = dataset.sampleRate;
    for (let i = 0; i < n; i++) z[i] = (dataset.spikeTimes[at(i)] as number) / rate;
    return;
  }
  if (axis === 'amplitude') {
    const amps = dataset.amplitudes();
    if (amps) for (let i = 0; i < n; i++) z[i] = amps[at(i)] as number;
    return;
  }
  const pcs = dataset.pcFeatures;
  if (!pcs || pcs.spikeIds) return;
  // First PC on the first (peak) feature channel: element [0, 0] of each (n_pcs, n_ch) row.
  const rows = spikes ?? Uint32Array.from({ length: n }, (_, i) => i);
  const BLOCK = 65536;
  for (let a = 0; a < rows.length; a += BLOCK) {
    const block = rows.subarray(a, Math.min(rows.length, a + BLOCK));
    const data = pcs.reader.readRowSet(block) as Float32Array;
    const stride = pcs.nPcs * pcs.nChannelsLocal;
    for (let i = 0; i < block.length; i++) z[a + i] = data[i * stride] as number;
  }
}
