import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contract } from '../../../shared/contract/contract.js';
import { channelsOfKind, operationSpec, validateArgs } from '../../../shared/contract/validate.js';

describe('contract argument validation', () => {
  it('accepts valid arguments and strips unknown keys', () => {
    const r = validateArgs(contract, 'curation:merge', { clusterIds: [3, 4], extra: 'x' });
    assert.deepEqual(r, { ok: true, value: { clusterIds: [3, 4] } });
    const spikes = new Uint32Array([1, 2]);
    const split = validateArgs(contract, 'curation:split', { spikes });
    assert.ok(split.ok && (split.value as { spikes: Uint32Array }).spikes === spikes);
  });

  it('refuses wrong types, ranges and shapes with the path in the message', () => {
    const cases: [string, unknown, RegExp][] = [
      ['curation:merge', { clusterIds: [3] }, /clusterIds/],
      ['curation:merge', { clusterIds: [3, 'a'] }, /clusterIds\.1/],
      ['curation:merge', { clusterIds: [3, -1] }, /clusterIds\.1/],
      ['curation:merge', { clusterIds: [3, 1.5] }, /clusterIds\.1/],
      ['curation:split', { spikes: [1, 2] }, /spikes/],
      ['curation:split', { spikes: new Int32Array(2) }, /spikes/],
      ['curation:label', { clusterIds: [1], group: 'excellent' }, /group/],
      ['curation:setField', { clusterIds: [1], field: '../x', value: 'a' }, /field/],
      ['curation:setField', { clusterIds: [1], field: 'KSLabel', value: 'a' }, /field/],
      ['curation:setField', { clusterIds: [1], field: 'kind', value: 'a\tb' }, /value/],
      ['curation:setField', { clusterIds: [], field: 'kind', value: 'a' }, /clusterIds/],
      ['dataset:open', { dir: '' }, /dir/],
      ['dataset:open', null, /invalid arguments/],
      ['spikes:cloud', { axis: 'time', maxPoints: 10 }, /maxPoints/],
    ];
    for (const [name, args, pattern] of cases) {
      const r = validateArgs(contract, name, args);
      assert.equal(r.ok, false, `${name} ${JSON.stringify(args)}`);
      if (!r.ok) assert.match(r.message, pattern);
    }
  });

  it('only invokes and jobs are operations; events and unknown names are not', () => {
    assert.equal(operationSpec(contract, 'curation:changed'), null);
    assert.equal(operationSpec(contract, 'nope'), null);
    assert.equal(operationSpec(contract, 'toString'), null, 'prototype names are not channels');
    assert.equal(operationSpec(contract, 'curation:save')?.writes, true);
    assert.equal(operationSpec(contract, 'clusters:table')?.writes, false);
    assert.deepEqual(validateArgs(contract, 'nope', {}), {
      ok: false,
      message: "unknown operation 'nope'",
    });
  });

  it('lists channels by kind, in table order', () => {
    const events = channelsOfKind(contract, 'event');
    assert.ok(events.includes('curation:changed') && events.includes('menu:command'));
    const invokes = channelsOfKind(contract, 'invoke');
    assert.equal(invokes[0], 'session:status');
    assert.equal(
      invokes.length + events.length + channelsOfKind(contract, 'job').length,
      Object.keys(contract).length,
    );
  });
});
