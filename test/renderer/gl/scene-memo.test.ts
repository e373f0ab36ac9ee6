import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastSceneOf } from '../../../renderer/gl/scene-memo.js';

test('the same payload with an equal style returns the scene built before', () => {
  let builds = 0;
  const sceneOf = lastSceneOf((p: { n: number }, s: { width: number; colors: string[] }) => {
    builds++;
    return { n: p.n, width: s.width, colors: s.colors };
  });
  const payload = { n: 1 };
  const a = sceneOf(payload, { width: 100, colors: ['#fff'] });
  // A new style object with the same values: the same scene.
  assert.equal(sceneOf(payload, { width: 100, colors: ['#fff'] }), a);
  assert.equal(builds, 1);
  // Another style value or another payload object (even with equal content): built again.
  assert.notEqual(sceneOf(payload, { width: 101, colors: ['#fff'] }), a);
  assert.notEqual(sceneOf({ n: 1 }, { width: 101, colors: ['#fff'] }), a);
  assert.equal(builds, 3);
});
