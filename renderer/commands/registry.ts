/**
 * @file The command registry: every user action by id, with a title for the menu, the palette and
 * the help overlay. Shortcuts, buttons, menus, the palette and snippets all go through
 * executeCommand, so each action is reachable in every way.
 */
import type { Group } from '../../shared/domain/labels.js';
import { saveViewSettings, viewSettings } from '../gl/view-settings.svelte.js';
import * as actions from '../state/actions.js';
import { metricsOf } from '../state/metrics.svelte.js';
import type { AppState } from '../state/app.svelte.js';
import { describeError } from '../state/notices.svelte.js';
import { COMMAND_IDS, type CommandId } from './command-ids.js';
import { parseSnippet } from './snippets.js';
import { requestMerge, requestSplit } from './preview-flow.js';
import { VIEW_COMMANDS } from './view-commands.js';

export interface Command {
  readonly id: CommandId;
  readonly title: string;
  readonly category: 'Label' | 'Cluster' | 'Edit' | 'File' | 'Wizard' | 'Table' | 'View' | 'Help';
  run(app: AppState): void | Promise<void>;
}

const labelCommand = (scope: actions.LabelScope, group: Group): Command => ({
  id: `label.${scope}.${group}` as CommandId,
  title: `Label ${scope === 'best' ? 'selected' : scope} as ${group}`,
  category: 'Label',
  run: (app) => actions.label(app, scope, group),
});

const LIST: Command[] = [
  ...(['best', 'similar', 'all'] as const).flatMap((scope) =>
    (['good', 'mua', 'noise', 'unsorted'] as const).map((g) => labelCommand(scope, g)),
  ),
  {
    id: 'cluster.merge',
    title: 'Merge selected clusters (with a preview)',
    category: 'Cluster',
    run: (app) => requestMerge(app),
  },
  {
    id: 'cluster.split',
    title: 'Split the lasso selection (with a preview)',
    category: 'Cluster',
    run: (app) => requestSplit(app),
  },
  { id: 'edit.undo', title: 'Undo', category: 'Edit', run: (app) => actions.undo(app) },
  { id: 'edit.redo', title: 'Redo', category: 'Edit', run: (app) => actions.redo(app) },
  { id: 'file.save', title: 'Save', category: 'File', run: (app) => actions.save(app) },
  {
    id: 'wizard.nextBest',
    title: 'Next best cluster',
    category: 'Wizard',
    run: (app) => actions.nextBest(app, 1),
  },
  {
    id: 'wizard.prevBest',
    title: 'Previous best cluster',
    category: 'Wizard',
    run: (app) => actions.nextBest(app, -1),
  },
  {
    id: 'wizard.nextSimilar',
    title: 'Next similar cluster',
    category: 'Wizard',
    run: (app) => actions.nextSimilar(app, 1),
  },
  {
    id: 'wizard.prevSimilar',
    title: 'Previous similar cluster',
    category: 'Wizard',
    run: (app) => actions.nextSimilar(app, -1),
  },
  {
    id: 'wizard.selectSimilar',
    title: 'Select the first 15 similar clusters',
    category: 'Wizard',
    run: (app) => actions.selectSimilar(app),
  },
  {
    id: 'wizard.first',
    title: 'First cluster',
    category: 'Wizard',
    run: (app) => actions.firstOrLast(app, 'first'),
  },
  {
    id: 'wizard.last',
    title: 'Last cluster',
    category: 'Wizard',
    run: (app) => actions.firstOrLast(app, 'last'),
  },
  {
    id: 'wizard.unselectSimilar',
    title: 'Unselect similar clusters',
    category: 'Wizard',
    run: (app) => actions.unselectSimilar(app),
  },
  {
    id: 'wizard.toggleSkipNoiseMua',
    title: 'Toggle: skip noise and MUA',
    category: 'Wizard',
    run: (app) => app.setSkipNoiseMua(!app.skipNoiseMua),
  },
  {
    id: 'table.clearFilter',
    title: 'Clear filter / close overlay',
    category: 'Table',
    run: (app) => {
      if (app.overlay !== 'none') app.overlay = 'none';
      else app.filterText = '';
    },
  },
  {
    id: 'ui.snippet',
    title: 'Snippet (:)',
    category: 'Help',
    run: (app) => void (app.overlay = 'snippet'),
  },
  {
    id: 'ui.help',
    title: 'Show keyboard shortcuts',
    category: 'Help',
    run: (app) => void (app.overlay = 'help'),
  },
  {
    id: 'ui.palette',
    title: 'Command palette',
    category: 'Help',
    run: (app) => void (app.overlay = 'palette'),
  },
  {
    id: 'ui.toggleTheme',
    title: 'Toggle dark / light theme',
    category: 'View',
    run: (app) => app.setTheme(app.theme === 'dark' ? 'light' : 'dark'),
  },
  {
    id: 'view3d.reset',
    title: '3D view: reset camera',
    category: 'View',
    run: (app) => app.view3d?.reset(),
  },
  {
    id: 'view3d.lasso',
    title: '3D view: draw a lasso',
    category: 'View',
    run: (app) => app.view3d?.startLasso(),
  },
  {
    id: 'view3d.axis.time',
    title: '3D view: third axis = time',
    category: 'View',
    run: (app) => void (app.axis = 'time'),
  },
  {
    id: 'view3d.axis.amplitude',
    title: '3D view: third axis = amplitude',
    category: 'View',
    run: (app) => void (app.axis = 'amplitude'),
  },
  {
    id: 'view3d.axis.pc1',
    title: '3D view: third axis = first PC',
    category: 'View',
    run: (app) => void (app.axis = 'pc1'),
  },
  {
    id: 'metrics.compute',
    title: 'Compute quality metrics (recomputed after each merge/split)',
    category: 'Cluster',
    run: (app) => metricsOf(app).compute(),
  },
  {
    id: 'metrics.cancel',
    title: 'Cancel the metrics computation',
    category: 'Cluster',
    run: (app) => metricsOf(app).cancel(),
  },
  {
    id: 'suggest.acceptLabels',
    title: 'Accept the suggested label of the selected clusters',
    category: 'Label',
    run: (app) => metricsOf(app).acceptSelected(),
  },
  {
    id: 'suggest.nextMerge',
    title: 'Next suggested merge pair',
    category: 'Wizard',
    run: (app) => metricsOf(app).stepMerge(1),
  },
  {
    id: 'suggest.prevMerge',
    title: 'Previous suggested merge pair',
    category: 'Wizard',
    run: (app) => metricsOf(app).stepMerge(-1),
  },
  ...VIEW_COMMANDS,
];

export const COMMANDS: ReadonlyMap<CommandId, Command> = new Map(LIST.map((c) => [c.id, c]));

// Every id has exactly one command (checked at load, so a missing one fails the unit tests).
for (const id of COMMAND_IDS)
  if (!COMMANDS.has(id)) throw new Error(`command ${id} is not registered`);

/** Runs a command, turning any failure into a readable notice. */
export async function executeCommand(app: AppState, id: CommandId): Promise<void> {
  try {
    await COMMANDS.get(id)!.run(app);
  } catch (e) {
    app.notices.push('error', `${COMMANDS.get(id)!.title}: ${describeError(e)}`);
  }
}

/** Runs a snippet line (`:c 12 47`, `:f expr`, `:s col`, ...). */
export async function runSnippet(app: AppState, line: string): Promise<void> {
  const s = parseSnippet(line);
  switch (s.kind) {
    case 'error':
      app.notices.push('error', `Snippet: ${s.message}`);
      return;
    case 'select':
      return actions.selectIds(app, s.ids);
    case 'filter':
      app.filterText = s.expr;
      return;
    case 'sort': {
      const keys = app.columns.map((c) => c.key);
      const key = s.prefix
        ? keys.find((k) => k.toLowerCase().startsWith(s.column.toLowerCase()))
        : keys.find((k) => k.toLowerCase() === s.column.toLowerCase());
      if (!key) app.notices.push('error', `Snippet: no column '${s.column}'`);
      else app.setSort(key, s.descending);
      return;
    }
    case 'merge':
      return executeCommand(app, 'cluster.merge');
    case 'split':
      return executeCommand(app, 'cluster.split');
    case 'undo':
      return executeCommand(app, 'edit.undo');
    case 'redo':
      return executeCommand(app, 'edit.redo');
    case 'save':
      return executeCommand(app, 'file.save');
    case 'setField':
      return actions.setField(app, s.field, s.value);
    case 'correlogram':
      if (s.setting === 'bin') viewSettings.correlogramBinMs = s.ms;
      else viewSettings.correlogramWindowMs = s.ms;
      saveViewSettings();
      return;
  }
}
