/**
 * @file Every command id, in one list (menu, palette, keybindings and snippets all name these).
 */

export const COMMAND_IDS = [
  'label.best.good',
  'label.best.mua',
  'label.best.noise',
  'label.best.unsorted',
  'label.similar.good',
  'label.similar.mua',
  'label.similar.noise',
  'label.similar.unsorted',
  'label.all.good',
  'label.all.mua',
  'label.all.noise',
  'label.all.unsorted',
  'cluster.merge',
  'cluster.split',
  'edit.undo',
  'edit.redo',
  'file.save',
  'wizard.nextBest',
  'wizard.prevBest',
  'wizard.nextSimilar',
  'wizard.prevSimilar',
  'wizard.first',
  'wizard.last',
  'wizard.unselectSimilar',
  'wizard.toggleSkipNoiseMua',
  'table.clearFilter',
  'ui.snippet',
  'ui.help',
  'ui.palette',
  'ui.toggleTheme',
  'view3d.reset',
  'view3d.lasso',
  'view3d.axis.time',
  'view3d.axis.amplitude',
  'view3d.axis.pc1',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export function isCommandId(value: string): value is CommandId {
  return (COMMAND_IDS as readonly string[]).includes(value);
}
