/**
 * Property test of the journal: random sequences of label / merge / split / undo / redo / save,
 * with the session closed and reopened at random points, must leave the service in exactly the
 * state of a never-closed in-memory model given the same actions (the model itself is checked
 * against a naive reference in test/shared/curation).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { CurationModel, type CurationAction } from '../../../../shared/curation/index.js';
import { strValue } from '../../../../shared/domain/labels.js';
import { CurationService } from '../../../../electron/core/curation/curation-service.js';
import { writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-journal-prop-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Step =
  | { kind: 'label'; pick: number; group: 'good' | 'mua' | 'noise' | null }
  | { kind: 'merge'; a: number; b: number }
  | { kind: 'split'; pick: number; mask: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'save' }
  | { kind: 'reopen' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('label' as const),
    pick: fc.nat(),
    group: fc.constantFrom('good' as const, 'mua' as const, 'noise' as const, null),
  }),
  fc.record({ kind: fc.constant('merge' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), pick: fc.nat(), mask: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
  fc.constant({ kind: 'save' as const }),
  fc.constant({ kind: 'reopen' as const }),
);

function toAction(s: Step, model: CurationModel): CurationAction | null {
  const ids = model.clusterIds;
  switch (s.kind) {
    case 'label':
      return {
        type: 'label',
        field: 'group',
        clusterIds: [ids[s.pick % ids.length] as number],
        value: s.group === null ? null : strValue(s.group),
        selection: model.selection,
      };
    case 'merge': {
      const a = ids[s.a % ids.length] as number;
      const b = ids[s.b % ids.length] as number;
      return a === b ? null : { type: 'merge', clusterIds: [a, b], selection: model.selection };
    }
    case 'split': {
      const spikes = model.spikesOf(ids[s.pick % ids.length] as number);
      const chosen = spikes.filter((_, i) => ((s.mask >> (i % 30)) & 1) === 1);
      return chosen.length === 0 || chosen.length === spikes.length
        ? null
        : { type: 'split', spikes: chosen, selection: model.selection };
    }
    case 'undo':
      return model.canUndo ? { type: 'undo' } : null;
    case 'redo':
      return model.canRedo ? { type: 'redo' } : null;
    default:
      return null;
  }
}

function sameState(service: CurationService, reference: CurationModel): void {
  const m = service.state;
  assert.deepEqual(Array.from(m.spikeClusters), Array.from(reference.spikeClusters));
  assert.deepEqual(m.clusterIds, reference.clusterIds);
  assert.equal(m.nextClusterId, reference.nextClusterId);
  assert.equal(m.revision, reference.revision);
  assert.equal(m.canUndo, reference.canUndo);
  assert.equal(m.canRedo, reference.canRedo);
  assert.deepEqual(m.selection, reference.selection);
  assert.deepEqual(
    [...m.labels('group')].sort((a, b) => a[0] - b[0]),
    [...reference.labels('group')].sort((a, b) => a[0] - b[0]),
  );
}

describe('journal replay', () => {
  it('random actions with saves and reopens match an uninterrupted model', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const dir = join(root, `run${run++}`);
        mkdirSync(dir);
        writeMiniDataset(dir);
        let service = CurationService.open(dir);
        service.setAutosave(false);
        const reference = new CurationModel(Int32Array.from(service.state.spikeClusters), {
          labels: new Map(service.state.fields.map((f) => [f, new Map(service.state.labels(f))])),
          nextClusterId: service.state.nextClusterId,
        });
        try {
          for (const s of steps) {
            if (s.kind === 'reopen') {
              service.close();
              service = CurationService.open(dir);
            } else if (s.kind === 'save') {
              service.save();
            } else {
              const action = toAction(s, reference);
              if (!action) continue;
              reference.apply(action);
              service.apply(action);
            }
            sameState(service, reference);
          }
        } finally {
          service.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 42, numRuns: 80 },
    );
  });
});
