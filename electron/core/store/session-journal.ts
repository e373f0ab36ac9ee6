/**
 * @file The crash-safe action journal: one better-sqlite3 database per dataset, in
 * `<dataset>/.kilocurate/session.sqlite` (WAL, synchronous=FULL), or in the user data folder when
 * the dataset folder is read-only. An action is committed to disk before `append` returns, so
 * anything reported done survives a crash or a kill.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  actionFromJson,
  actionToJson,
  type CurationAction,
} from '../../../shared/curation/index.js';
import { migrate } from './migrations.js';
import { defaultUserDataDir } from './user-data.js';

export interface JournalEntry {
  seq: number;
  epoch: number;
  /** ISO time the action was committed. */
  time: string;
  action: CurationAction;
  reason: string | null;
  /** Model revision after the action. */
  revision: number;
  nextClusterId: number;
}

export interface SaveRecord {
  seq: number;
  epoch: number;
  time: string;
  revision: number;
  /** file name -> fingerprint written. */
  files: Record<string, string>;
}

interface ActionRow {
  seq: number;
  epoch: number;
  time: string;
  type: string;
  args: string;
  spikes: Buffer | null;
  reason: string | null;
  revision: number;
  next_cluster_id: number;
}

/** The folder that holds a dataset's session files: in the dataset when writable. */
export function sessionFolder(datasetDir: string, userDataDir = defaultUserDataDir()): string {
  const dir = resolve(datasetDir);
  const inDataset = join(dir, '.kilocurate');
  try {
    accessSync(dir, constants.W_OK);
    mkdirSync(inDataset, { recursive: true });
    accessSync(inDataset, constants.W_OK);
    return inDataset;
  } catch {
    const key = createHash('sha1').update(dir).digest('hex').slice(0, 16);
    const fallback = join(userDataDir, 'sessions', key);
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

export class SessionJournal {
  private readonly insert: Database.Statement;
  private readonly getMeta: Database.Statement;
  private readonly putMeta: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    /** Path of the database file. */
    readonly path: string,
  ) {
    this.insert = db.prepare(
      `INSERT INTO actions (epoch, time, type, args, spikes, reason, revision, next_cluster_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.putMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  static open(path: string): SessionJournal {
    // The desktop app passes a better-sqlite3 build for Electron's ABI (see scripts/start.mjs).
    const binding = process.env.KILOCURATE_SQLITE_BINDING;
    const db = new Database(path, binding ? { nativeBinding: binding } : {});
    db.pragma('journal_mode = WAL');
    // FULL: with WAL, each commit is fsync'ed before it returns — the durability we promise.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, path);
    const journal = new SessionJournal(db, path);
    if (journal.meta('epoch') === undefined) journal.setMeta('epoch', '0');
    return journal;
  }

  meta(key: string): string | undefined {
    return (this.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.putMeta.run(key, value);
  }

  get epoch(): number {
    return Number(this.meta('epoch'));
  }

  /** Starts a new epoch (a new base state); earlier actions stay in the database for the record. */
  startEpoch(baseMeta: Record<string, string>): number {
    const next = this.epoch + 1;
    this.db.transaction(() => {
      this.setMeta('epoch', String(next));
      for (const [k, v] of Object.entries(baseMeta)) this.setMeta(k, v);
    })();
    return next;
  }

  /** Commits one action (durably) and returns its entry. */
  append(
    action: CurationAction,
    revision: number,
    nextClusterId: number,
    reason: string | null = null,
  ): JournalEntry {
    const time = new Date().toISOString();
    const epoch = this.epoch;
    let args: string;
    let spikes: Buffer | null = null;
    if (action.type === 'split') {
      // Spike sets can be large: a binary blob instead of a JSON number list.
      const { spikes: s, ...rest } = action;
      args = JSON.stringify(rest);
      spikes = Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    } else {
      args = actionToJson(action);
    }
    const info = this.insert.run(
      epoch,
      time,
      action.type,
      args,
      spikes,
      reason,
      revision,
      nextClusterId,
    );
    return {
      seq: Number(info.lastInsertRowid),
      epoch,
      time,
      action,
      reason,
      revision,
      nextClusterId,
    };
  }

  /** The actions of an epoch (default: the current one), in order. */
  entries(epoch = this.epoch): JournalEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM actions WHERE epoch = ? ORDER BY seq')
      .all(epoch) as ActionRow[];
    return rows.map((row) => ({
      seq: row.seq,
      epoch: row.epoch,
      time: row.time,
      action: decodeAction(row),
      reason: row.reason,
      revision: row.revision,
      nextClusterId: row.next_cluster_id,
    }));
  }

  /** Every entry of every epoch (for `history`). */
  allEntries(): JournalEntry[] {
    const epochs = this.db
      .prepare('SELECT DISTINCT epoch FROM actions ORDER BY epoch')
      .all() as Array<{ epoch: number }>;
    return epochs.flatMap(({ epoch }) => this.entries(epoch));
  }

  recordSave(revision: number, files: Record<string, string>): SaveRecord {
    const time = new Date().toISOString();
    const epoch = this.epoch;
    const info = this.db
      .prepare('INSERT INTO saves (epoch, time, revision, files) VALUES (?, ?, ?, ?)')
      .run(epoch, time, revision, JSON.stringify(files));
    return { seq: Number(info.lastInsertRowid), epoch, time, revision, files };
  }

  /** The last save of the current epoch, if any. */
  lastSave(): SaveRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM saves WHERE epoch = ? ORDER BY seq DESC LIMIT 1')
      .get(this.epoch) as
      { seq: number; epoch: number; time: string; revision: number; files: string } | undefined;
    return row && { ...row, files: JSON.parse(row.files) as Record<string, string> };
  }

  cacheGet(key: string): Buffer | undefined {
    return (
      this.db.prepare('SELECT value FROM cache WHERE key = ?').get(key) as
        { value: Buffer } | undefined
    )?.value;
  }

  cacheSet(key: string, value: Buffer): void {
    this.db
      .prepare(
        'INSERT INTO cache (key, value, created) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value, new Date().toISOString());
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function decodeAction(row: ActionRow): CurationAction {
  if (row.type === 'split') {
    const blob = row.spikes ?? Buffer.alloc(0);
    // Copy into an aligned buffer: SQLite blobs are not 4-byte aligned.
    const spikes = new Uint32Array(blob.byteLength / 4);
    new Uint8Array(spikes.buffer).set(blob);
    const parsed = actionFromJson(JSON.stringify({ ...JSON.parse(row.args), spikes: [] }));
    return { ...(parsed as Extract<CurationAction, { type: 'split' }>), spikes };
  }
  return actionFromJson(row.args);
}
