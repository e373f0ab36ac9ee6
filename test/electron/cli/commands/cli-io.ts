/** @file A captured CliIo for command tests, and a temporary KS4-style folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../../electron/cli/commands/metrics.js';
import { writeTestFolder, type TestFolder } from '../../core/analysis/metrics/phy-folder.js';

export function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    errIsTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}

export function tempFolder(prefix: string): TestFolder {
  return writeTestFolder(mkdtempSync(join(tmpdir(), prefix)));
}
