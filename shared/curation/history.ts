/**
 * @file A linear undo/redo stack. A new entry after an undo drops the redo branch (as Phy does).
 */

export class History<T> {
  private readonly entries: T[] = [];
  /** Number of entries currently applied; entries[cursor..] are redoable. */
  private cursor = 0;

  get canUndo(): boolean {
    return this.cursor > 0;
  }

  get canRedo(): boolean {
    return this.cursor < this.entries.length;
  }

  /** Number of applied entries (the undo depth). */
  get depth(): number {
    return this.cursor;
  }

  /** Records a newly applied entry, discarding everything that could have been redone. */
  push(entry: T): void {
    this.entries.length = this.cursor;
    this.entries.push(entry);
    this.cursor++;
  }

  /** The entry to undo, moving the cursor back; undefined when there is none. */
  undo(): T | undefined {
    if (!this.canUndo) return undefined;
    return this.entries[--this.cursor];
  }

  /** The entry to redo, moving the cursor forward; undefined when there is none. */
  redo(): T | undefined {
    if (!this.canRedo) return undefined;
    return this.entries[this.cursor++];
  }
}
