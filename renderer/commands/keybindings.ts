/**
 * @file Keybindings as data (Phy's defaults, supervisor.py:447-489 and gui.py:488-494) and the
 * pure functions that turn a key event into a normalized chord ("ctrl+shift+z") and a chord into a
 * command. Users rebind by storing overrides: { commandId: ["alt+g", ...] }.
 */
import { isCommandId, type CommandId } from './command-ids.js';

export interface Keybinding {
  readonly command: CommandId;
  /** Normalized chords, e.g. "alt+g", "ctrl+shift+z", "space", ":". */
  readonly keys: readonly string[];
}

/** The part of a KeyboardEvent a chord needs (so this module needs no DOM types). */
export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

export const DEFAULT_KEYBINDINGS: readonly Keybinding[] = [
  { command: 'label.best.good', keys: ['alt+g'] },
  { command: 'label.best.mua', keys: ['alt+m'] },
  { command: 'label.best.noise', keys: ['alt+n'] },
  { command: 'label.best.unsorted', keys: ['alt+u'] },
  { command: 'label.similar.good', keys: ['ctrl+g'] },
  { command: 'label.similar.mua', keys: ['ctrl+m'] },
  { command: 'label.similar.noise', keys: ['ctrl+n'] },
  { command: 'label.similar.unsorted', keys: ['ctrl+u'] },
  { command: 'label.all.good', keys: ['ctrl+alt+g'] },
  { command: 'label.all.mua', keys: ['ctrl+alt+m'] },
  { command: 'label.all.noise', keys: ['ctrl+alt+n'] },
  { command: 'label.all.unsorted', keys: ['ctrl+alt+u'] },
  { command: 'cluster.merge', keys: ['g'] },
  { command: 'cluster.split', keys: ['k'] },
  { command: 'edit.undo', keys: ['ctrl+z'] },
  { command: 'edit.redo', keys: ['ctrl+shift+z', 'ctrl+y'] },
  { command: 'file.save', keys: ['ctrl+s'] },
  { command: 'wizard.nextBest', keys: ['down'] },
  { command: 'wizard.prevBest', keys: ['up'] },
  { command: 'wizard.nextSimilar', keys: ['space'] },
  { command: 'wizard.prevSimilar', keys: ['shift+space'] },
  { command: 'wizard.selectSimilar', keys: ['ctrl+space'] },
  { command: 'wizard.first', keys: ['home'] },
  { command: 'wizard.last', keys: ['end'] },
  { command: 'wizard.unselectSimilar', keys: ['backspace'] },
  { command: 'wizard.toggleSkipNoiseMua', keys: [] },
  { command: 'table.clearFilter', keys: ['escape'] },
  { command: 'ui.snippet', keys: [':'] },
  { command: 'ui.help', keys: ['h', '?'] },
  { command: 'ui.palette', keys: ['ctrl+shift+p'] },
  { command: 'ui.toggleTheme', keys: [] },
  { command: 'view3d.reset', keys: ['r'] },
  { command: 'view3d.lasso', keys: ['l'] },
  { command: 'view3d.axis.time', keys: [] },
  { command: 'view3d.axis.amplitude', keys: [] },
  { command: 'view3d.axis.pc1', keys: [] },
  { command: 'waveform.nextType', keys: ['w'] },
  { command: 'waveform.prevType', keys: ['shift+w'] },
  { command: 'waveform.toggleMean', keys: ['m'] },
  { command: 'waveform.toggleOverlap', keys: ['o'] },
  { command: 'view.scaleUp', keys: ['ctrl+up'] },
  { command: 'view.scaleDown', keys: ['ctrl+down'] },
  { command: 'view.widen', keys: ['ctrl+right'] },
  { command: 'view.narrow', keys: ['ctrl+left'] },
  { command: 'traces.stepForward', keys: ['alt+right'] },
  { command: 'traces.stepBack', keys: ['alt+left'] },
  { command: 'traces.jumpForward', keys: ['alt+shift+right'] },
  { command: 'traces.jumpBack', keys: ['alt+shift+left'] },
  { command: 'traces.nextSpike', keys: ['alt+pagedown'] },
  { command: 'traces.prevSpike', keys: ['alt+pageup'] },
  { command: 'metrics.compute', keys: [] },
  { command: 'metrics.cancel', keys: [] },
  { command: 'suggest.acceptLabels', keys: [] },
  { command: 'suggest.nextMerge', keys: [] },
  { command: 'suggest.prevMerge', keys: [] },
];

const KEY_NAMES: Record<string, string> = {
  ' ': 'space',
  spacebar: 'space',
  arrowup: 'up',
  arrowdown: 'down',
  arrowleft: 'left',
  arrowright: 'right',
  esc: 'escape',
  del: 'delete',
  return: 'enter',
};
const MODIFIER_KEYS = new Set(['shift', 'control', 'alt', 'meta', 'altgraph', 'os']);
const MOD_ORDER = ['ctrl', 'alt', 'shift'] as const;
const MOD_ALIASES: Record<string, (typeof MOD_ORDER)[number]> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  cmd: 'ctrl',
  meta: 'ctrl',
  mod: 'ctrl',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
};

function normalizeKeyName(key: string): string {
  const lower = key.toLowerCase();
  return KEY_NAMES[lower] ?? (key.length === 1 ? lower : lower);
}

function join(mods: ReadonlySet<string>, key: string): string {
  return [...MOD_ORDER.filter((m) => mods.has(m)), key].join('+');
}

/**
 * Parses a chord typed by a user ("Ctrl+Shift+Z", "Alt+G", "Space", ":") into normal form.
 * Cmd/Meta map to ctrl (Phy maps Ctrl to Cmd on macOS). @throws Error on an empty or bad chord.
 */
export function parseChord(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new Error('empty key chord');
  // A trailing "+" is the plus key itself ("ctrl++").
  const parts = trimmed.endsWith('++')
    ? [...trimmed.slice(0, -2).split('+'), '+']
    : trimmed === '+'
      ? ['+']
      : trimmed.split('+');
  const key = parts.pop()!.trim();
  if (key.length === 0) throw new Error(`no key in chord '${text}'`);
  const mods = new Set<string>();
  for (const p of parts) {
    const m = MOD_ALIASES[p.trim().toLowerCase()];
    if (!m) throw new Error(`unknown modifier '${p}' in '${text}'`);
    mods.add(m);
  }
  const name = normalizeKeyName(key);
  if (MODIFIER_KEYS.has(name)) throw new Error(`'${text}' has no key besides modifiers`);
  // A symbol such as ':' or '?' already implies Shift; it is written without it.
  if (name.length === 1 && !/[a-z0-9]/.test(name)) mods.delete('shift');
  return join(mods, name);
}

/**
 * The normal chord of a key event, or null for a lone modifier. Letters and digits come from the
 * physical key (`code`), so Alt+G works on macOS where Alt changes the typed character; other
 * symbols from the typed character, without Shift (":" is Shift+; on most layouts).
 */
export function chordOfEvent(ev: KeyLike): string | null {
  const mods = new Set<string>();
  if (ev.ctrlKey || ev.metaKey) mods.add('ctrl');
  if (ev.altKey) mods.add('alt');
  if (ev.shiftKey) mods.add('shift');
  let name: string;
  const letter = /^Key([A-Z])$/.exec(ev.code);
  const digit = /^Digit([0-9])$/.exec(ev.code);
  if (letter) name = letter[1]!.toLowerCase();
  else if (digit && !ev.shiftKey) name = digit[1]!;
  else {
    name = normalizeKeyName(ev.key);
    if (MODIFIER_KEYS.has(name) || name === 'dead' || name === 'unidentified') return null;
    if (name.length === 1 && !/[a-z0-9]/.test(name)) mods.delete('shift');
  }
  return join(mods, name);
}

/** The defaults with a user's overrides applied (unknown command ids and bad chords are ignored). */
export function applyOverrides(
  defaults: readonly Keybinding[],
  overrides: Readonly<Record<string, readonly string[]>>,
): Keybinding[] {
  return defaults.map((b) => {
    const o = overrides[b.command];
    if (!o || !isCommandId(b.command)) return b;
    const keys: string[] = [];
    for (const k of o) {
      try {
        keys.push(parseChord(k));
      } catch {
        // A stored chord we cannot parse (hand-edited storage) is dropped rather than fatal.
      }
    }
    return { command: b.command, keys };
  });
}

export interface Keymap {
  readonly byChord: ReadonlyMap<string, CommandId>;
  /** Chords bound to more than one command (the first binding wins). */
  readonly conflicts: ReadonlyArray<{ chord: string; commands: CommandId[] }>;
}

export function buildKeymap(bindings: readonly Keybinding[]): Keymap {
  const byChord = new Map<string, CommandId>();
  const all = new Map<string, CommandId[]>();
  for (const b of bindings) {
    for (const k of b.keys) {
      if (!byChord.has(k)) byChord.set(k, b.command);
      all.set(k, [...(all.get(k) ?? []), b.command]);
    }
  }
  const conflicts = [...all]
    .filter(([, cmds]) => cmds.length > 1)
    .map(([chord, commands]) => ({ chord, commands }));
  return { byChord, conflicts };
}

/** Display text of a chord: "ctrl+shift+z" -> "Ctrl+Shift+Z". */
export function formatChord(chord: string): string {
  return chord
    .split('+')
    .map((p) => (p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join('+');
}
