import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { contentTypeOf, resolveStatic } from '../../../electron/server/static-files.js';

const base = mkdtempSync(join(tmpdir(), 'kc-static-'));
const root = join(base, 'dist-renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>ui</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
symlinkSync(base, join(root, 'up'));
symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js')); // inside: allowed
after(() => rmSync(base, { recursive: true, force: true }));

describe('static file resolution', () => {
  it('serves files under the root, / as index.html, with content types', async () => {
    const index = await resolveStatic(root, '/');
    assert.equal(index.status, 200);
    assert.ok(index.status === 200 && index.body.toString().includes('<title>ui'));
    const app = await resolveStatic(root, '/assets/app.js');
    assert.ok(app.status === 200 && app.contentType.startsWith('text/javascript'));
    assert.equal((await resolveStatic(root, '/alias.js')).status, 200);
    assert.equal((await resolveStatic(root, '/assets/missing.js')).status, 404);
    assert.equal(contentTypeOf('x.WASM'), 'application/wasm');
    assert.equal(contentTypeOf('x.bin'), 'application/octet-stream');
  });

  it('never returns a file outside the root', async () => {
    const attacks = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      `/${join(base, 'secret.txt')}`,
      `/%2f${encodeURIComponent(join(base, 'secret.txt').slice(1))}`,
      '//etc/passwd',
      '/leak.txt',
      '/up/secret.txt',
      '/index.html%00.js',
      '/%',
      'secret.txt',
      '/./index.html',
    ];
    for (const path of attacks) {
      const r = await resolveStatic(root, path);
      assert.notEqual(r.status, 200, `${path} must be refused`);
    }
  });

  it('says 404 when the renderer is not built', async () => {
    assert.equal((await resolveStatic(join(base, 'nothing'), '/')).status, 404);
  });
});
