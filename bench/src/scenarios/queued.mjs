// `queued` (issue 22): a fresh process imports the client, constructs it, makes 19,000 track calls in one
// synchronous stretch (all queued before the worker runs), then shuts down once the sink holds them. The figure is
// the CPU time of the whole process (Node's own start, the import, validation, reduction, delivery), against the
// baseline doing the same with undici by hand.

import { deliveryMetrics } from './delivery-metrics.mjs';

export const queuedScenario = {
  name: 'queued',
  kind: 'produce',
  target: 'sink',
  faults: () => ({}),
  title: (s) => `queued — ${s.events.toLocaleString('en-US')} track calls in one synchronous stretch in a fresh process, then shutdown`,
  childParams: (s) => ({ events: s.events, burst: s.events, shutdownTimeoutMs: s.shutdownTimeoutMs }),
  metrics(result, sink) {
    return {
      ...deliveryMetrics(result, sink),
      processCpuMs: result.processCpuUs / 1000,
      cpuWithImportMs: result.cpuWithImportUs === undefined ? null : result.cpuWithImportUs / 1000,
      cpuMs: result.cpuUs / 1000,
      blockFromConstructionMs: result.longestBlockFromConstructionMs ?? null,
    };
  },
  columns: [
    { key: 'processCpuMs', label: 'CPU ms, whole process', digits: 0, ratio: true },
    { key: 'cpuWithImportMs', label: 'CPU ms, import included', digits: 0, ratio: true },
    { key: 'cpuMs', label: 'CPU ms, first call on', digits: 0, ratio: true },
    { key: 'blockFromConstructionMs', label: 'longest block from construction ms', digits: 1, ratio: true },
    { key: 'delivered', label: 'delivered', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
    { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
  ],
  notes: [
    'CPU, whole process = `process.cpuUsage()` at the end of shutdown (from Node\u2019s start); import included = from just before the client\u2019s modules are imported; first call on = from the first track call. The synchronous stretch itself is the caller\u2019s and counts in the longest block.',
  ],
};
