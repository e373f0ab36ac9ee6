/**
 * @file The main window's bounds, kept in userData/window-state.json between runs. A saved
 * position that is no longer on any display (a monitor was unplugged) is dropped, keeping size.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Position, px; absent: let the OS place the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
const MIN_SIZE = 400;

/** Reads the saved state, fitted to the current displays' work areas. */
export function loadWindowState(file: string, displays: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const s = raw as Partial<Record<keyof WindowState, unknown>>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);
  const width = num(s.width);
  const height = num(s.height);
  if (width === null || height === null || width < MIN_SIZE || height < MIN_SIZE)
    return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = { width, height, maximized: s.maximized === true };
  const x = num(s.x);
  const y = num(s.y);
  // Keep the position only if the title bar area (top 40 px) overlaps some display.
  if (x !== null && y !== null && displays.some((d) => overlaps(d, { x, y, width, height: 40 }))) {
    state.x = x;
    state.y = y;
  }
  return state;
}

/** Writes the state atomically (a crash mid-write leaves the old file). */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2));
  renameSync(temp, file);
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
