/**
 * @file The core side of the contract: `createSessionHost()` owns the open dataset (one at a
 * time) and implements every invoke of shared/contract as a plain function. Both transports
 * (Electron IPC, serve-mode WebSocket) call these; events go out through `host.events`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../../../shared/contract/contract.js';
import type { Handlers } from '../../../shared/contract/define.js';
import { ContractEvents } from './contract-events.js';
import { createMetricsHandlers } from './metrics-handlers.js';
import { createViewHandlers } from './view-handlers.js';

export { ContractEvents };
import type { ClusterChange } from '../../../shared/curation/index.js';
import { strValue } from '../../../shared/domain/labels.js';
import { defaultUserDataDir } from '../store/user-data.js';
import { checkInsideRoot, isInsideRoot } from './open-root.js';
import { addRecent, readRecent } from './recent.js';
import { Session } from './session.js';

export interface SessionHostOptions {
  userDataDir?: string;
  /** A dataset to open at start. */
  initialDir?: string;
  /** Serve mode: a writer check per connection is done by the transport; here the default. */
  demoOptions?: { units: number; durationS: number; seed: number };
  /**
   * Serve mode: `dataset:open` opens folders under this one only, and `dataset:recent` lists only
   * those (open-root.ts). Absent: any folder (the desktop app, the CLI).
   */
  openRoot?: string;
}

export class NoDatasetError extends Error {
  constructor() {
    super('no dataset is open');
  }
}

export interface SessionHost {
  handlers: Handlers<Contract>;
  events: ContractEvents;
  /** The open session, if any. */
  session(): Session | null;
  open(dir: string): Session;
  close(): void;
}

export function createSessionHost(options: SessionHostOptions = {}): SessionHost {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const openRoot = options.openRoot ?? null;
  const events = new ContractEvents();
  let current: Session | null = null;

  const need = (): Session => {
    if (!current) throw new NoDatasetError();
    return current;
  };
  const open = (dir: string): Session => {
    const next = Session.open(dir, userDataDir);
    current?.close();
    current = next;
    addRecent(userDataDir, next.dataset.dir);
    events.emit('dataset:opened', next.summary());
    events.emit('session:changed', next.status(true));
    return next;
  };
  const changed = (change: ClusterChange): ClusterChange => {
    events.emit('curation:changed', { change, status: need().status(true) });
    return change;
  };
  const replaceState = () => {
    current = need().rebuildLive();
    events.emit('session:changed', current.status(true));
  };

  const handlers: Handlers<Contract> = {
    ...createViewHandlers(need, events),
    ...createMetricsHandlers(need, events),
    'session:status': () =>
      current
        ? current.status(true)
        : {
            dataset: null,
            revision: 0,
            dirty: false,
            canUndo: false,
            canRedo: false,
            selection: { clusters: [], similar: [] },
            lastSave: null,
            autosave: { enabled: true, delayMs: 2000 },
            canWrite: true,
            counts: { good: 0, mua: 0, noise: 0, unsorted: 0, unlabelled: 0 },
          },
    'dataset:open': ({ dir }) => {
      checkInsideRoot(openRoot, dir);
      return open(dir).summary();
    },
    'dataset:recent': () =>
      readRecent(userDataDir).filter((d) => openRoot === null || isInsideRoot(openRoot, d)),
    'dataset:demo': async () => {
      const dir = join(userDataDir, 'demo');
      if (!existsSync(join(dir, 'spike_times.npy'))) {
        mkdirSync(dir, { recursive: true });
        const { makeDataset } = await import('../fixtures/make-dataset.js');
        await makeDataset(
          dir,
          options.demoOptions ?? { units: 40, durationS: 600, seed: 1, rawSeconds: 10 },
        );
      }
      return open(dir).summary();
    },
    'clusters:table': () => need().clusterTable(),
    'clusters:similar': ({ clusterId, limit }) => need().similar(clusterId, limit),
    'probe:geometry': () => need().probe(),
    'spikes:cloud': ({ axis, maxPoints }) => need().cloud(axis, maxPoints),
    'spikes:ofClusters': ({ axis, clusterIds }) => need().cloudOfClusters(axis, clusterIds),
    'curation:select': (selection) => {
      need().service.select(selection);
    },
    'curation:label': ({ clusterIds, group, reason, selectionAfter }) => {
      const s = need();
      return changed(
        s.apply(
          {
            type: 'label',
            field: 'group',
            clusterIds,
            value: group === null ? null : strValue(group),
            selection: s.service.selection,
            ...(selectionAfter ? { selectionAfter } : {}),
          },
          reason,
        ),
      );
    },
    'curation:setField': ({ clusterIds, field, value, reason }) => {
      const s = need();
      return changed(
        s.apply(
          {
            type: 'label',
            field,
            clusterIds,
            value: value === null ? null : strValue(value),
            selection: s.service.selection,
          },
          reason,
        ),
      );
    },
    'curation:merge': ({ clusterIds, reason }) => {
      const s = need();
      return changed(
        s.apply({ type: 'merge', clusterIds, selection: s.service.selection }, reason),
      );
    },
    'curation:split': ({ spikes, reason }) => {
      const s = need();
      return changed(s.apply({ type: 'split', spikes, selection: s.service.selection }, reason));
    },
    'curation:undo': () => changed(need().apply({ type: 'undo' })),
    'curation:redo': () => changed(need().apply({ type: 'redo' })),
    'curation:save': () => {
      const result = need().service.save();
      events.emit('session:changed', need().status(true));
      return result;
    },
    'curation:revert': () => {
      const restored = need().service.revert();
      replaceState();
      return restored;
    },
    'curation:reload': () => {
      need().service.reloadFromDisk();
      replaceState();
    },
    'curation:history': () => need().history(),
    'curation:setAutosave': ({ enabled, delayMs }) => {
      need().service.setAutosave(enabled, delayMs);
      events.emit('session:changed', need().status(true));
    },
  };

  if (options.initialDir) open(options.initialDir);

  return {
    handlers,
    events,
    session: () => current,
    open,
    close: () => {
      current?.close();
      current = null;
    },
  };
}
