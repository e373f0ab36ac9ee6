import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UsageError } from '../../../../electron/cli/commands/info.js';
import { suggestCommand } from '../../../../electron/cli/commands/suggest.js';
import type { TestFolder } from '../../core/analysis/metrics/phy-folder.js';
import { capture, tempFolder } from './cli-io.js';

let folder: TestFolder;
before(() => (folder = tempFolder('kc-suggest-cli-')));
after(() => rmSync(folder.dir, { recursive: true, force: true }));

test('suggest --merges --json lists the over-split pair first', async () => {
  const io = capture();
  assert.equal(await suggestCommand([folder.dir, '--merges', '--json'], io), 0);
  const out = JSON.parse(io.stdout()) as {
    suggestions: Array<{ a: number; b: number }>;
    vetoed: unknown[];
  };
  assert.deepEqual([out.suggestions[0]?.a, out.suggestions[0]?.b], [2, 3]);
  assert.ok(Array.isArray(out.vetoed));
});

test('suggest --labels with a user rule file', async () => {
  const rules = join(folder.dir, 'rules.json');
  writeFileSync(
    rules,
    JSON.stringify({
      name: 'mine',
      rules: [
        { metric: 'snr', op: '>=', threshold: 3, onFail: 'noise' },
        { metric: 'isi_violations_ratio', op: '<', threshold: 0.1, onFail: 'mua' },
      ],
    }),
  );
  const io = capture();
  assert.equal(
    await suggestCommand(
      [folder.dir, '--labels', '--rules', rules, '--json', '--backend', 'cpu'],
      io,
    ),
    0,
  );
  const out = JSON.parse(io.stdout()) as {
    rule_set: { name: string };
    suggestions: Array<{ id: number; current: string | null; suggested: string }>;
  };
  assert.equal(out.rule_set.name, 'mine');
  const by = new Map(out.suggestions.map((s) => [s.id, s]));
  assert.equal(by.get(4)?.suggested, 'noise');
  assert.equal(by.get(1)?.suggested, 'mua');
  assert.equal(by.get(0)?.suggested, 'good');
  assert.equal(by.get(1)?.current, 'mua', 'the current group is shown, not changed');
});

test('suggest usage errors', async () => {
  await assert.rejects(suggestCommand([folder.dir], capture()), UsageError);
  await assert.rejects(suggestCommand([folder.dir, '--merges', '--labels'], capture()), UsageError);
  await assert.rejects(
    suggestCommand([folder.dir, '--labels', '--rule-set', 'nope'], capture()),
    UsageError,
  );
  const bad = join(folder.dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({ name: 'x', rules: [{ metric: 'snr', op: '=', threshold: 1, onFail: 'mua' }] }),
  );
  await assert.rejects(
    suggestCommand([folder.dir, '--labels', '--rules', bad], capture()),
    /"op" must be one of/,
  );
});
