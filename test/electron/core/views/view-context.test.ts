/**
 * @file Per-cluster facts: template composition against a brute-force count, the dominant
 * template, and cache entries that follow merges and undo (identity of the model's spike arrays).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewContext, viewContext } from '../../../../electron/core/views/view-context.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
before(async () => {
  g = await generated({ durationS: 20, rawSeconds: 0 });
});
after(() => g.cleanup());

function bruteComposition(spikes: Uint32Array): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of spikes) {
    const t = g.dataset.spikeTemplates[s] as number;
    m.set(t, (m.get(t) ?? 0) + 1);
  }
  return m;
}

test('composition and dominant template follow merges and undo', () => {
  const model = g.freshModel();
  const ctx = new ViewContext(g.dataset, model);
  const [a, b] = [...model.clusterIds] as [number, number];
  assert.deepEqual(Array.from(ctx.composition(a).templates), [a]);
  assert.equal(ctx.dominantTemplate(a), a);
  const merged = model.merge([a, b]).added[0] as number;
  const comp = ctx.composition(merged);
  const brute = bruteComposition(model.spikesOf(merged));
  assert.deepEqual(
    Array.from(comp.templates),
    [...brute.keys()].sort((x, y) => x - y),
  );
  comp.templates.forEach((t, k) => assert.equal(comp.counts[k], brute.get(t)));
  const [na, nb] = [brute.get(a) as number, brute.get(b) as number];
  assert.equal(ctx.dominantTemplate(merged), na > nb || (na === nb && a < b) ? a : b);
  // Split the merged cluster so that template b dominates one child, then check it.
  const sb = model.spikesOf(merged).filter((s) => g.dataset.spikeTemplates[s] === b);
  const child = model.split(sb.subarray(0, Math.max(1, sb.length - 1))).added[0] as number;
  assert.equal(ctx.dominantTemplate(child), b);
  model.undo();
  model.undo();
  assert.deepEqual(Array.from(ctx.composition(a).templates), [a]);
  assert.equal(ctx.bestChannels(a)[0], ctx.peakChannel(a));
  assert.ok(ctx.bestChannels(a).length === 12);
});

test('viewContext is shared per model', () => {
  const model = g.freshModel();
  assert.equal(viewContext(g.dataset, model), viewContext(g.dataset, model));
  assert.notEqual(viewContext(g.dataset, model), viewContext(g.dataset, g.freshModel()));
});
