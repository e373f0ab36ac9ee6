/**
 * @file THE API: one table of every operation between the UI and the core. Channel names are
 * the keys (`domain:name`); Electron IPC and the serve-mode WebSocket both derive from it, and no
 * other file writes a channel string.
 */
import * as v from 'valibot';
import type { ClusterChange, Selection } from '../curation/index.js';
import { GROUPS, userFieldProblem, userValueProblem } from '../domain/labels.js';
import { event, invoke } from './define.js';
import { metricsOperations } from './metrics-operations.js';
import { viewOperations } from './view-operations.js';
import type {
  ClusterTable,
  CurationChanged,
  DatasetSummary,
  HistoryEntry,
  MenuCommand,
  ProbeGeometry,
  SaveResult,
  SessionStatus,
  SimilarCluster,
  SpikeCloud,
} from './types.js';

const clusterId = v.pipe(v.number(), v.integer(), v.minValue(0));
const clusterIds = v.pipe(v.array(clusterId), v.maxLength(100_000));
const selection = v.object({ clusters: clusterIds, similar: clusterIds });
const reason = v.optional(v.pipe(v.string(), v.maxLength(2000)));
const none = v.object({});

const coreOperations = {
  // ---- session -------------------------------------------------------------------------------
  'session:status': invoke<SessionStatus>()(none),
  'dataset:open': invoke<DatasetSummary>()(
    v.object({ dir: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) }),
    { writes: true },
  ),
  'dataset:recent': invoke<string[]>()(none),
  'dataset:demo': invoke<DatasetSummary>()(none, { writes: true }),

  // ---- data for the views --------------------------------------------------------------------
  'clusters:table': invoke<ClusterTable>()(none),
  'clusters:similar': invoke<SimilarCluster[]>()(
    v.object({
      clusterId,
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
    }),
  ),
  'probe:geometry': invoke<ProbeGeometry>()(none),
  'spikes:cloud': invoke<SpikeCloud>()(
    v.object({
      axis: v.picklist(['time', 'amplitude', 'pc1']),
      maxPoints: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(50_000_000)),
    }),
    { priority: 'view' },
  ),
  /**
   * Every spike of the clusters: the 3D view's refinement after its first highlight (drawn from
   * the background it holds), so it waits behind the other views' payloads.
   */
  'spikes:ofClusters': invoke<SpikeCloud>()(
    v.object({
      axis: v.picklist(['time', 'amplitude', 'pc1']),
      clusterIds: v.pipe(clusterIds, v.maxLength(64)),
    }),
    { priority: 'idle' },
  ),

  // ---- curation ------------------------------------------------------------------------------
  'curation:select': invoke<void>()(selection),
  'curation:label': invoke<ClusterChange>()(
    v.object({
      clusterIds: v.pipe(clusterIds, v.minLength(1)),
      group: v.nullable(v.picklist(GROUPS)),
      reason,
      selectionAfter: v.optional(selection),
    }),
    { writes: true },
  ),
  /** A label field of the user's own (Phy's `:l field value`); value null removes it. */
  'curation:setField': invoke<ClusterChange>()(
    v.object({
      clusterIds: v.pipe(clusterIds, v.minLength(1)),
      field: v.pipe(
        v.string(),
        v.check((f) => userFieldProblem(f) === null, 'not a label field name'),
      ),
      value: v.nullable(
        v.pipe(
          v.string(),
          v.check((x) => userValueProblem(x) === null, 'not a label value'),
        ),
      ),
      reason,
    }),
    { writes: true },
  ),
  'curation:merge': invoke<ClusterChange>()(
    v.object({ clusterIds: v.pipe(clusterIds, v.minLength(2)), reason }),
    { writes: true },
  ),
  'curation:split': invoke<ClusterChange>()(v.object({ spikes: v.instance(Uint32Array), reason }), {
    writes: true,
  }),
  'curation:undo': invoke<ClusterChange>()(none, { writes: true }),
  'curation:redo': invoke<ClusterChange>()(none, { writes: true }),
  'curation:save': invoke<SaveResult>()(none, { writes: true }),
  'curation:revert': invoke<string[]>()(none, { writes: true }),
  'curation:reload': invoke<void>()(none, { writes: true }),
  'curation:history': invoke<HistoryEntry[]>()(none),
  'curation:setAutosave': invoke<void>()(
    v.object({
      enabled: v.boolean(),
      delayMs: v.optional(v.pipe(v.number(), v.minValue(200), v.maxValue(3_600_000))),
    }),
    { writes: true },
  ),

  // ---- events --------------------------------------------------------------------------------
  'curation:changed': event<CurationChanged>(),
  'session:changed': event<SessionStatus>(),
  'dataset:opened': event<DatasetSummary>(),
  /** Desktop only: a native menu item was chosen; the renderer runs the command of that id. */
  'menu:command': event<MenuCommand>(),
} as const;

/** Every operation: the core's, the views', the metrics'. */
export const contract = { ...coreOperations, ...viewOperations, ...metricsOperations } as const;

export type Contract = typeof contract;
export type { Selection };
