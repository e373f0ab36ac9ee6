import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetArg } from '../../../electron/main/args.js';

describe('dataset folder from the command line', () => {
  it('reads DIR after the app path in development and after the exe when packaged', () => {
    assert.equal(
      datasetArg(['/bin/electron', '.', 'data/ks4'], true, '/home/u'),
      '/home/u/data/ks4',
    );
    assert.equal(datasetArg(['/opt/Kilocurate/kilocurate', '/d/ks4'], false, '/x'), '/d/ks4');
  });

  it('ignores switches and returns undefined without a folder', () => {
    assert.equal(datasetArg(['/e', '.', '--no-sandbox', '/d'], true, '/'), '/d');
    assert.equal(datasetArg(['/e', '.'], true, '/'), undefined);
    assert.equal(datasetArg(['/exe', '--inspect=9229'], false, '/'), undefined);
  });
});
