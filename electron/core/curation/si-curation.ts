/**
 * @file Export of the curation as SpikeInterface's curation JSON (format v2, the pydantic
 * `CurationModel` in spikeinterface/curation/curation_model.py), relative to the session's base
 * (the sorter output): labels, merges and splits of original units; nothing is `removed` (we
 * label noise instead of deleting).
 *
 * SpikeInterface applies labels, then merges, then splits, and labels may only name original
 * units. When the final clusters cannot be written that way (a cluster made of part of one unit
 * plus another unit, or a labelled split piece), the export is a SequentialCuration: step 1
 * splits the units into pieces, step 2 merges pieces into the final clusters and labels them.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import { GROUP_FIELD, GROUPS } from '../../../shared/domain/labels.js';

interface ManualLabel {
  unit_id: number;
  labels: { quality: string[] };
}
interface Merge {
  unit_ids: number[];
  new_unit_id: number;
}
interface Split {
  unit_id: number;
  mode: 'indices';
  indices: number[][];
  new_unit_ids: number[];
}
export interface SiCuration {
  format_version: '2';
  unit_ids: number[];
  label_definitions: { quality: { name: 'quality'; label_options: string[]; exclusive: true } };
  manual_labels: ManualLabel[];
  removed: number[];
  merges: Merge[];
  splits: Split[];
}
export type SiExport = SiCuration | { curation_steps: SiCuration[] };

const emptyCuration = (unitIds: number[]): SiCuration => ({
  format_version: '2',
  unit_ids: [...unitIds].sort((a, b) => a - b),
  label_definitions: { quality: { name: 'quality', label_options: [...GROUPS], exclusive: true } },
  manual_labels: [],
  removed: [],
  merges: [],
  splits: [],
});

/**
 * @param base cluster of every spike in the sorter output (the session's base state)
 * @param model the live curation
 */
export function toSiCuration(base: Int32Array, model: CurationModel): SiExport {
  const final = model.spikeClusters;
  // pieces: original -> final -> positions of those spikes within the original's spike train.
  const pieces = new Map<number, Map<number, number[]>>();
  const position = new Map<number, number>();
  for (let s = 0; s < base.length; s++) {
    const u = base[s] as number;
    const f = final[s] as number;
    const k = position.get(u) ?? 0;
    position.set(u, k + 1);
    let byFinal = pieces.get(u);
    if (!byFinal) pieces.set(u, (byFinal = new Map()));
    let list = byFinal.get(f);
    if (!list) byFinal.set(f, (list = []));
    list.push(k);
  }
  const contributors = new Map<number, number[]>();
  for (const [u, byFinal] of pieces) {
    for (const f of byFinal.keys()) {
      const list = contributors.get(f) ?? [];
      list.push(u);
      contributors.set(f, list);
    }
  }
  const group = (f: number) => {
    const v = model.label(GROUP_FIELD, f);
    return v && v.kind === 'str' ? v.value : null;
  };
  const whole = (u: number) => (pieces.get(u) as Map<number, number[]>).size === 1;
  const originals = [...pieces.keys()];

  const mixed = [...contributors].some(([, us]) => us.length > 1 && us.some((u) => !whole(u)));
  const labelledPiece = [...contributors].some(
    ([f, us]) => us.length === 1 && !whole(us[0] as number) && group(f) !== null,
  );

  if (!mixed && !labelledPiece) {
    const c = emptyCuration(originals);
    for (const [u, byFinal] of [...pieces].sort((a, b) => a[0] - b[0])) {
      if (byFinal.size > 1) {
        const finals = [...byFinal.keys()].sort((a, b) => a - b);
        c.splits.push({
          unit_id: u,
          mode: 'indices',
          indices: finals.map((f) => byFinal.get(f) as number[]),
          new_unit_ids: finals,
        });
      } else {
        const f = byFinal.keys().next().value as number;
        const g = group(f);
        if (g !== null) c.manual_labels.push({ unit_id: u, labels: { quality: [g] } });
      }
    }
    for (const [f, us] of [...contributors].sort((a, b) => a[0] - b[0])) {
      if (us.length > 1) c.merges.push({ unit_ids: [...us].sort((a, b) => a - b), new_unit_id: f });
    }
    return c;
  }

  // Two steps: split every divided unit into pieces (a piece that is a final cluster on its own
  // gets that cluster's id, others a temporary id above every id in use), then merge and label.
  let temporary = model.nextClusterId;
  const step1 = emptyCuration(originals);
  const unitOfPiece = new Map<string, number>();
  for (const [u, byFinal] of [...pieces].sort((a, b) => a[0] - b[0])) {
    if (byFinal.size === 1) {
      unitOfPiece.set(`${u}:${byFinal.keys().next().value as number}`, u);
      continue;
    }
    const finals = [...byFinal.keys()].sort((a, b) => a - b);
    const ids = finals.map((f) =>
      (contributors.get(f) as number[]).length === 1 ? f : temporary++,
    );
    finals.forEach((f, i) => unitOfPiece.set(`${u}:${f}`, ids[i] as number));
    step1.splits.push({
      unit_id: u,
      mode: 'indices',
      indices: finals.map((f) => byFinal.get(f) as number[]),
      new_unit_ids: ids,
    });
  }
  const step2 = emptyCuration([...new Set(unitOfPiece.values())]);
  for (const [f, us] of [...contributors].sort((a, b) => a[0] - b[0])) {
    const members = us.map((u) => unitOfPiece.get(`${u}:${f}`) as number).sort((a, b) => a - b);
    const g = group(f);
    if (g !== null)
      for (const m of members) step2.manual_labels.push({ unit_id: m, labels: { quality: [g] } });
    if (members.length > 1) step2.merges.push({ unit_ids: members, new_unit_id: f });
  }
  step2.manual_labels.sort((a, b) => a.unit_id - b.unit_id);
  return { curation_steps: [step1, step2] };
}
