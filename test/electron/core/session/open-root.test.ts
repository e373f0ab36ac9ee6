import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  checkInsideRoot,
  isInsideRoot,
  OutsideRootError,
} from '../../../../electron/core/session/open-root.js';

const base = mkdtempSync(join(tmpdir(), 'kc-open-root-'));
after(() => rmSync(base, { recursive: true, force: true }));
const root = join(base, 'data');
const outside = join(base, 'private');
mkdirSync(join(root, 'rec1'), { recursive: true });
mkdirSync(outside);
symlinkSync(outside, join(root, 'escape'));

test('folders at or below the root are inside; the rest, and links leading out, are not', () => {
  assert.equal(isInsideRoot(root, root), true);
  assert.equal(isInsideRoot(root, join(root, 'rec1')), true);
  assert.equal(isInsideRoot(root, join(root, 'not-yet-there')), true);
  assert.equal(isInsideRoot(root, join(root, '..', 'private')), false);
  assert.equal(isInsideRoot(root, outside), false);
  assert.equal(isInsideRoot(root, join(root, 'escape')), false, 'a link out of the root');
  assert.equal(isInsideRoot(root, `${root}-sibling`), false, 'a name that only starts alike');
});

test('checkInsideRoot: no root allows any folder; outside a root, a clear error', () => {
  checkInsideRoot(null, outside);
  checkInsideRoot(root, join(root, 'rec1'));
  assert.throws(
    () => checkInsideRoot(root, outside),
    (e: unknown) => e instanceof OutsideRootError && e.message.includes(root),
  );
});
