// `down`: connection refused (a port we bound and closed). How long shutdown takes against its deadline; RSS.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

export const downScenario = {
  name: 'down',
  kind: 'produce',
  target: 'refused',
  title: (s) =>
    `down — connection refused; ${s.events.toLocaleString('en-US')} events, then shutdown with a ${s.shutdownTimeoutMs} ms deadline`,
  childParams: produceParams,
  metrics(result, _sink, s) {
    const delivery = deliveryMetrics(result, null);
    return {
      ...delivery,
      deadlineMs: s.shutdownTimeoutMs,
      shutdownVsDeadline: result.shutdownMs / s.shutdownTimeoutMs,
      cpuWithImportMs: result.cpuWithImportUs === undefined ? null : result.cpuWithImportUs / 1000,
      blockFromConstructionMs: result.longestBlockFromConstructionMs ?? null,
    };
  },
  columns: [
    { key: 'cpuWithImportMs', label: 'CPU ms, import included', digits: 0, ratio: true },
    { key: 'blockFromConstructionMs', label: 'longest block from construction ms', digits: 1, ratio: true },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
    { key: 'shutdownVsDeadline', label: '÷ deadline', digits: 2 },
    { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
    { key: 'clientPending', label: 'pending at deadline (client says)', digits: 0 },
    { key: 'clientDropped', label: 'dropped (client says)', digits: 0 },
  ],
  notes: [
    'CPU, import included = the client process from just before the client\u2019s modules are imported to the end of shutdown (issue 22: 10,000 facts against a refused port, ours validates, reduces and retries them; the baseline serializes and fails at once).',
    'deadline: ours `shutdown({ timeoutMs })`, Segment `closeAndFlush({ timeout })`, PostHog `shutdown(timeoutMs)`, baseline: waits for its requests at most that long (they fail at once: nothing to wait for). No × baseline for shutdown time: the baseline has nothing to retry.',
  ],
};
