/**
 * @file Curation from the command line, through the same journal as the app:
 *   kilocurate label DIR ID... --as good|mua|noise|unsorted [--reason TEXT]
 *   kilocurate label DIR ID... --field NAME (--as TEXT | --clear) [--reason TEXT]
 *   kilocurate merge DIR ID ID... [--reason TEXT]          (prints the new id)
 *   kilocurate split DIR ID --spikes FILE [--reason TEXT]  (prints the new ids)
 *   kilocurate undo DIR | redo DIR | save DIR | revert DIR
 *   kilocurate history DIR [--json]
 * Every command accepts --reload (discard the session and start from the files on disk when
 * they were changed by another program) or --keep (keep the session anyway).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  GROUPS,
  type Group,
  userFieldProblem,
  userValueProblem,
} from '../../../shared/domain/labels.js';
import {
  CurationService,
  type ExternalChangePolicy,
} from '../../core/curation/curation-service.js';
import { NpyReader } from '../../core/dataset/npy-reader.js';
import { describeAction } from '../../core/session/session.js';
import { UsageError } from './info.js';
import { STDIO, type CliIo } from './metrics.js';

const COMMON = {
  reason: { type: 'string' },
  reload: { type: 'boolean' },
  keep: { type: 'boolean' },
  json: { type: 'boolean' },
  as: { type: 'string' },
  spikes: { type: 'string' },
  force: { type: 'boolean' },
  field: { type: 'string' },
  clear: { type: 'boolean' },
} as const;

/** A custom label field name, checked as the app checks it (shared/domain/labels.ts). */
function checkFieldName(name: string): string {
  const problem = userFieldProblem(name);
  if (problem) {
    throw new UsageError(name === 'group' ? `${problem} (use --as without --field)` : problem);
  }
  return name;
}

function openService(
  dir: string,
  values: { reload?: boolean; keep?: boolean },
  io: CliIo,
): CurationService {
  const policy: ExternalChangePolicy = values.reload ? 'reload' : values.keep ? 'keep' : 'fail';
  const service = CurationService.open(dir, { onExternalChange: policy });
  for (const w of service.warnings) io.err(`kilocurate: ${w}\n`);
  return service;
}

function parseIds(words: string[], command: string): number[] {
  if (words.length === 0) throw new UsageError(`usage: kilocurate ${command} DIR ID...`);
  return words.map((w) => {
    if (!/^\d+$/.test(w)) throw new UsageError(`'${w}' is not a cluster id`);
    return Number(w);
  });
}

/** Spike indices from a .npy vector or a text file (numbers separated by spaces, commas or lines). */
export function readSpikeList(path: string): Uint32Array {
  if (path.endsWith('.npy')) {
    const reader = NpyReader.open(path);
    try {
      const raw = reader.readVector();
      return Uint32Array.from(raw as ArrayLike<number | bigint>, (v) =>
        checkIndex(Number(v), path),
      );
    } finally {
      reader.close();
    }
  }
  const words = readFileSync(path, 'utf8')
    .split(/[\s,]+/)
    .filter(Boolean);
  return Uint32Array.from(words, (w) => checkIndex(/^\d+$/.test(w) ? Number(w) : NaN, path, w));
}

function checkIndex(v: number, path: string, word?: string): number {
  if (!Number.isSafeInteger(v) || v < 0 || v > 0xffffffff) {
    throw new UsageError(`${path}: '${word ?? v}' is not a spike index`);
  }
  return v;
}

export async function curateCommand(
  name: string,
  args: string[],
  io: CliIo = STDIO,
): Promise<number> {
  const print = (line: string) => io.out(`${line}\n`);
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON });
  const [dir, ...rest] = positionals;
  if (!dir) throw new UsageError(`usage: kilocurate ${name} DIR ...`);
  if (name === 'label') checkLabelArgs(values);
  const service = openService(dir, values, io);
  try {
    switch (name) {
      case 'label': {
        const ids = parseIds(rest, 'label');
        const options = values.reason ? { reason: values.reason } : {};
        if (values.field !== undefined) {
          const value = values.clear ? null : (values.as as string);
          const change = service.setLabel(values.field, ids, value, options);
          const what = value === null ? `cleared ${values.field}` : `${values.field} = ${value}`;
          print(`${what} on ${rest.join(', ')} (revision ${change.revision})`);
        } else {
          const group = values.as as Group;
          const change = service.label(ids, group, options);
          print(`labelled ${rest.join(', ')} as ${group} (revision ${change.revision})`);
        }
        break;
      }
      case 'merge': {
        const ids = parseIds(rest, 'merge');
        if (ids.length < 2) throw new UsageError('usage: kilocurate merge DIR ID ID...');
        const change = service.merge(ids, values.reason);
        print(change.added.join(' '));
        break;
      }
      case 'split': {
        if (!values.spikes) throw new UsageError('usage: kilocurate split DIR ID --spikes FILE');
        const ids = parseIds(rest, 'split');
        const spikes = readSpikeList(values.spikes);
        const owned = new Set(ids);
        for (const s of spikes) {
          if (s >= service.state.nSpikes || !owned.has(service.state.spikeClusters[s] as number)) {
            throw new UsageError(`spike ${s} is not in cluster ${ids.join(' or ')}`);
          }
        }
        const change = service.split(spikes, values.reason);
        print(change.added.join(' '));
        break;
      }
      case 'undo':
      case 'redo': {
        const change = name === 'undo' ? service.undo() : service.redo();
        print(
          `${name}: added ${change.added.join(', ') || '-'}; removed ${change.deleted.join(', ') || '-'}`,
        );
        break;
      }
      case 'save': {
        const result = service.save({ force: values.force === true });
        print(
          `saved ${result.files.length} files in ${result.durationMs.toFixed(0)} ms: ${result.files.join(', ')}`,
        );
        break;
      }
      case 'revert': {
        const restored = service.revert();
        print(
          restored.length
            ? `restored the sorter's ${restored.join(', ')}`
            : 'nothing to revert (never saved)',
        );
        break;
      }
      case 'history': {
        const entries = service.history();
        if (values.json) {
          print(
            JSON.stringify(
              entries.map((e) => ({
                seq: e.seq,
                epoch: e.epoch,
                time: e.time,
                action: e.action.type,
                description: describeAction(e.action),
                reason: e.reason,
                revision: e.revision,
              })),
            ),
          );
        } else {
          for (const e of entries) {
            print(
              `${String(e.seq).padStart(5)}  ${e.time}  ${describeAction(e.action)}${e.reason ? `  — ${e.reason}` : ''}`,
            );
          }
        }
        break;
      }
      default:
        throw new UsageError(`unknown command ${name}`);
    }
  } finally {
    service.close();
  }
  return 0;
}

/** The label command's options, checked before the session opens. */
function checkLabelArgs(values: { as?: string; field?: string; clear?: boolean }): void {
  if (values.field !== undefined) {
    checkFieldName(values.field);
    if ((values.as === undefined) === (values.clear !== true)) {
      throw new UsageError('usage: kilocurate label DIR ID... --field NAME (--as TEXT | --clear)');
    }
    const problem = values.as === undefined ? null : userValueProblem(values.as);
    if (problem) throw new UsageError(problem);
    return;
  }
  if (values.clear || !values.as || !(GROUPS as readonly string[]).includes(values.as)) {
    throw new UsageError(
      `usage: kilocurate label DIR ID... --as ${GROUPS.join('|')} (or --field NAME --as TEXT)`,
    );
  }
}
