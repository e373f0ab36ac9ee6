/**
 * @file Closing the window with unsaved changes asks Save / Don't Save / Cancel. Every action is
 * already durable in the session journal; "unsaved" means not yet written to the Phy files.
 */

export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

export interface QuitGuardDeps {
  isDirty(): Promise<boolean>;
  ask(): Promise<CloseChoice>;
  save(): Promise<void>;
  /** A failed check or save: the window stays open and the user is told. */
  onError(error: unknown): void;
}

/** Installs the guard on `win`. */
export function guardClose(win: ClosableWindow, deps: QuitGuardDeps): void {
  let allowed = false;
  let asking = false;
  win.on('close', (event) => {
    if (allowed) return;
    // Electron needs the decision synchronously, so always stop this close and re-issue it.
    event.preventDefault();
    if (asking) return;
    asking = true;
    decide(deps)
      .then((close) => {
        if (!close) return;
        allowed = true;
        win.close();
      })
      .catch(deps.onError)
      .finally(() => {
        asking = false;
      });
  });
}

async function decide(deps: QuitGuardDeps): Promise<boolean> {
  // If the core cannot say, assume unsaved work: asking is safer than losing it silently.
  if (!(await deps.isDirty().catch(() => true))) return true;
  const choice = await deps.ask();
  if (choice === 'cancel') return false;
  if (choice === 'save') await deps.save();
  return true;
}
