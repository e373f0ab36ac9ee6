/**
 * @file phylib's `correlograms()` transcribed literally, as the independent reference of the
 * correlogram tests (not a test file itself).
 */

/**
 * phylib's algorithm transcribed literally (shift loop with a mask over the whole train, int
 * samples from the seconds round trip, symmetrisation by dstack), as an independent reference.
 */
export function phylibReference(
  times: Float64Array,
  lists: Uint32Array[],
  sr: number,
  binS: number,
  windowS: number,
): Int32Array {
  const ids: { spike: number; cluster: number }[] = [];
  lists.forEach((l, c) => l.forEach((s) => ids.push({ spike: s, cluster: c })));
  ids.sort((a, b) => a.spike - b.spike);
  const samples = ids.map((x) => Math.trunc(((times[x.spike] as number) / sr) * sr));
  const binsize = Math.trunc(sr * binS);
  const winsizeBins = 2 * Math.trunc((0.5 * windowS) / binS) + 1;
  const half = Math.floor(winsizeBins / 2);
  const n = lists.length;
  const h = half + 1;
  const c = new Int32Array(n * n * h);
  const mask = new Array<boolean>(ids.length).fill(true);
  for (let shift = 1; mask.slice(0, -shift).some(Boolean); shift++) {
    for (let i = 0; i + shift < ids.length; i++) {
      const d = Math.floor(((samples[i + shift] as number) - (samples[i] as number)) / binsize);
      if (d > half) mask[i] = false;
      if (mask[i]) c[(ids[i]!.cluster * n + ids[i + shift]!.cluster) * h + d]++;
    }
  }
  for (let i = 0; i < n; i++) c[(i * n + i) * h] = 0;
  const at = (i: number, j: number, k: number) => c[(i * n + j) * h + k] as number;
  const out = new Int32Array(n * n * winsizeBins);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const row: number[] = [];
      for (let k = half; k >= 1; k--) row.push(at(j, i, k)); // transposed, reversed positive lags
      row.push(Math.max(at(i, j, 0), at(j, i, 0)));
      for (let k = 1; k <= half; k++) row.push(at(i, j, k));
      out.set(row, (i * n + j) * winsizeBins);
    }
  }
  return out;
}
