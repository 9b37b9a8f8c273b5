// `short`: a short-lived process, as a Codex CLI run: spawn, import the client, construct it, 20 track calls,
// shutdown, exit. Wall time from spawn to exit (measured by the harness) and the process's whole CPU time
// (startup, import and all), against the baseline doing the same with undici by hand.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

export const shortLivedScenario = {
  name: 'short',
  kind: 'produce',
  target: 'sink',
  faults: () => ({}),
  title: (s) => `short — spawn, import, construct, ${s.events} track calls, shutdown, exit`,
  childParams: produceParams,
  metrics(result, sink) {
    return {
      ...deliveryMetrics(result, sink),
      processWallMs: result.processWallMs,
      processCpuMs: result.processCpuUs / 1000,
    };
  },
  columns: [
    { key: 'processWallMs', label: 'wall ms, spawn to exit', digits: 0, ratio: true },
    { key: 'processCpuMs', label: 'process CPU ms', digits: 0, ratio: true },
    { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
    { key: 'delivered', label: 'delivered', digits: 0 },
    { key: 'requests', label: 'requests', digits: 0 },
  ],
  notes: [
    'Every process also loads the bench’s own child harness (the same for every client). The baseline is a raw undici script: one POST of the 20 events.',
  ],
};
