/**
 * @file `kilocurate suggest DIR --merges|--labels [--json]`: curation suggestions for the live
 * clustering. Nothing is applied — the user decides (e.g. with `kilocurate merge` / `label`).
 *   --merges: ranked merge candidates (template similarity, CCG refractory dip, amplitude and
 *             position agreement), plus vetoed pairs with the reason.
 *   --labels: a suggested group per cluster from a rule set: --rule-set kilosort4|bombcell-like|allen
 *             (default bombcell-like) or --rules FILE.json (a user rule set, see docs/metrics.md).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  BUILTIN_RULE_SETS,
  evaluateRules,
  parseRuleSet,
  type LabelRuleSet,
} from '../../core/analysis/label-rules.js';
import { computeMergeSuggestions } from '../../core/analysis/metrics/merge-stage.js';
import { GROUP_FIELD } from '../../../shared/domain/labels.js';
import { toTable } from '../output.js';
import { UsageError } from './info.js';
import {
  metricsOfSession,
  openSession,
  parseBackend,
  progressPrinter,
  STDIO,
  type CliIo,
} from './metrics.js';

/** The rule set named by --rules FILE or --rule-set NAME (default bombcell-like). */
export function loadRuleSet(rulesFile: string | undefined, name: string | undefined): LabelRuleSet {
  if (rulesFile !== undefined && name !== undefined) {
    throw new UsageError('--rules and --rule-set are exclusive');
  }
  if (rulesFile !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(rulesFile, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read rule file ${rulesFile}: ${(err as Error).message}`);
    }
    try {
      return parseRuleSet(json);
    } catch (err) {
      throw new UsageError(`${rulesFile}: ${(err as Error).message}`);
    }
  }
  const wanted = name ?? 'bombcell-like';
  const found = BUILTIN_RULE_SETS.find((r) => r.name === wanted);
  if (!found) {
    const names = BUILTIN_RULE_SETS.map((r) => r.name).join(', ');
    throw new UsageError(`unknown rule set '${wanted}' (built in: ${names})`);
  }
  return found;
}

export async function suggestCommand(args: string[], io: CliIo = STDIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      merges: { type: 'boolean' },
      labels: { type: 'boolean' },
      json: { type: 'boolean' },
      rules: { type: 'string' },
      'rule-set': { type: 'string' },
      backend: { type: 'string' },
      reload: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const dir = positionals[0];
  if (!dir || positionals.length > 1 || values.merges === values.labels) {
    throw new UsageError(
      'usage: kilocurate suggest DIR --merges|--labels [--json] [--rules FILE.json | --rule-set NAME]',
    );
  }
  const ruleSet = values.labels ? loadRuleSet(values.rules, values['rule-set']) : null;
  const backend = parseBackend(values.backend);
  const service = openSession(dir, values, io);
  try {
    if (!ruleSet) {
      const progress = progressPrinter(io);
      const result = await computeMergeSuggestions(service.dataset, service.state, {
        ...(progress ? { progress } : {}),
      });
      if (progress) io.err('\r\x1b[K');
      if (result.unavailable) io.err(`kilocurate: ${result.unavailable}\n`);
      if (values.json) {
        io.out(JSON.stringify({ suggestions: result.suggestions, vetoed: result.vetoed }) + '\n');
      } else {
        const rows = result.suggestions.map((s) => [
          s.a,
          s.b,
          s.score.toFixed(3),
          s.components.template.toFixed(3),
          Number.isNaN(s.components.ccg) ? '' : s.components.ccg.toFixed(3),
          Number.isNaN(s.distanceUm) ? '' : s.distanceUm.toFixed(1),
        ]);
        io.out(toTable(['a', 'b', 'score', 'template', 'ccg', 'distance_um'], rows));
        if (result.vetoed.length > 0)
          io.out(`(${result.vetoed.length} vetoed pairs; see --json)\n`);
      }
      return 0;
    }
    const table = await metricsOfSession(service, backend, io);
    const byCluster = new Map<number, Record<string, number>>();
    for (const row of table.rows) {
      const numeric: Record<string, number> = {};
      for (const [k, v] of Object.entries(row)) if (typeof v === 'number') numeric[k] = v;
      byCluster.set(row.id, numeric);
    }
    const verdicts = evaluateRules(byCluster, ruleSet);
    const groups = service.state.labels(GROUP_FIELD);
    const records = [...verdicts].map(([id, v]) => ({
      id,
      current: groups.get(id)?.value ?? null,
      suggested: v.suggested,
      failed: v.failed,
      not_evaluated: v.notEvaluated,
    }));
    if (values.json) io.out(JSON.stringify({ rule_set: ruleSet, suggestions: records }) + '\n');
    else {
      const rows = records.map((r) => [r.id, r.current ?? '', r.suggested, r.failed.join('; ')]);
      io.out(`# rule set: ${ruleSet.name} — ${ruleSet.description}\n`);
      io.out(toTable(['id', 'current', 'suggested', 'failed'], rows));
    }
  } finally {
    service.close();
  }
  return 0;
}
