/**
 * @file Schema of the session database, as an ordered list of migrations. `PRAGMA user_version`
 * records how many have run; a database from a newer Kilocurate is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: the journal, its metadata, saves and the analysis cache.
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- One row per user action, in order. An epoch starts when the session's base state changes
      -- (first open, reload after an external change, revert); replay uses the current epoch only.
      CREATE TABLE actions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        epoch INTEGER NOT NULL,
        time TEXT NOT NULL,
        type TEXT NOT NULL,
        args TEXT NOT NULL,
        spikes BLOB,
        reason TEXT,
        revision INTEGER NOT NULL,
        next_cluster_id INTEGER NOT NULL
      );
      CREATE INDEX actions_epoch ON actions (epoch, seq);
      CREATE TABLE saves (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        epoch INTEGER NOT NULL,
        time TEXT NOT NULL,
        revision INTEGER NOT NULL,
        files TEXT NOT NULL
      );
      CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        created TEXT NOT NULL
      );
    `);
  },
];

export class SchemaTooNewError extends Error {}

/** Runs the pending migrations in one transaction each. */
export function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new SchemaTooNewError(
      `${file}: written by a newer Kilocurate (schema ${current}, this version knows ${MIGRATIONS.length})`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      (MIGRATIONS[v] as (db: Database.Database) => void)(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
