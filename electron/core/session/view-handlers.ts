/**
 * @file Handlers of the view operations (shared/contract/view-operations.ts): thin adapters from
 * the contract's arguments to the core's view payloads (electron/core/views/). Each call first
 * warms the session's view context, so the views share its template cache and live rows; lasso
 * requests test every spike of the named clusters and return their union, ascending.
 */
import type { Handlers } from '../../../shared/contract/define.js';
import type { viewOperations } from '../../../shared/contract/view-operations.js';
import { unionSorted } from '../../../shared/curation/sorted-ops.js';
import {
  correlogramView,
  featuresAsync,
  firingRateView,
  isiView,
  nextSpikeOf,
  parseFeatureDim,
  preview,
  previousSpikeOf,
  readFeaturesAhead,
  spikesInPolygon,
  spikesInPolygonOverTime,
  traces,
  valuesOverTime,
  waveforms,
} from '../views/index.js';
import type { ContractEvents } from './contract-events.js';
import type { Session } from './session.js';

/** Drops undefined options so the core's defaults apply (exactOptionalPropertyTypes). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function createViewHandlers(
  need: () => Session,
  _events: ContractEvents,
): Handlers<typeof viewOperations> {
  /** The session with its view context created first (shares the session's caches). */
  const ready = () => {
    const s = need();
    s.viewContext();
    return { dataset: s.dataset, model: s.service.state };
  };
  return {
    'views:waveforms': ({ clusterIds, ...opts }) => {
      const { dataset, model } = ready();
      return waveforms(dataset, model, clusterIds, defined(opts));
    },
    // The sampled rows are read on a worker: the other views' payloads are computed meanwhile.
    'views:features': ({ clusterIds, ...opts }) => {
      const { dataset, model } = ready();
      return featuresAsync(dataset, model, clusterIds, defined(opts));
    },
    // Stops between rounds of reads once the client no longer wants it.
    'views:readAhead': ({ clusterIds }, context) => {
      const { dataset, model } = ready();
      return readFeaturesAhead(dataset, model, clusterIds, () => context?.signal.aborted === true);
    },
    'views:featureLasso': ({ clusterIds, channels, x, y, polygon }) => {
      const { dataset, model } = ready();
      const dims = { x: parseFeatureDim(x, channels), y: parseFeatureDim(y, channels) };
      return unionSorted(
        clusterIds.map((id) => spikesInPolygon(dataset, model, id, dims, polygon)),
      );
    },
    'views:overTime': ({ clusterIds, attribute, ...opts }) => {
      const { dataset, model } = ready();
      return valuesOverTime(dataset, model, clusterIds, attribute, defined(opts));
    },
    'views:overTimeLasso': ({ clusterIds, attribute, polygon }) => {
      const { dataset, model } = ready();
      return unionSorted(
        clusterIds.map((id) => spikesInPolygonOverTime(dataset, model, id, attribute, polygon)),
      );
    },
    'views:correlograms': ({ clusterIds, ...opts }) => {
      const { dataset, model } = ready();
      return correlogramView(dataset, model, clusterIds, defined(opts));
    },
    'views:isi': ({ clusterIds }) => {
      const { dataset, model } = ready();
      return isiView(dataset, model, clusterIds);
    },
    'views:firingRate': ({ clusterIds, nBins }) => {
      const { dataset, model } = ready();
      return firingRateView(dataset, model, clusterIds, nBins);
    },
    'views:traces': (args) => {
      const { dataset, model } = ready();
      return traces(dataset, model, defined(args));
    },
    'views:stepSpike': ({ clusterId, timeS, direction }) => {
      const { dataset, model } = ready();
      return direction === 'next'
        ? nextSpikeOf(dataset, model, clusterId, timeS)
        : previousSpikeOf(dataset, model, clusterId, timeS);
    },
    'views:preview': ({ action }) => {
      const { dataset, model } = ready();
      return preview(dataset, model, action);
    },
  };
}
