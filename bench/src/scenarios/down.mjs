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
    return { ...delivery, deadlineMs: s.shutdownTimeoutMs, shutdownVsDeadline: result.shutdownMs / s.shutdownTimeoutMs };
  },
  columns: [
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
    { key: 'shutdownVsDeadline', label: '÷ deadline', digits: 2 },
    { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
    { key: 'clientPending', label: 'pending at deadline (client says)', digits: 0 },
    { key: 'clientDropped', label: 'dropped (client says)', digits: 0 },
  ],
  notes: ['deadline: ours `shutdown({ timeoutMs })`, Segment `closeAndFlush({ timeout })`, PostHog `shutdown(timeoutMs)`, baseline: waits for its requests at most that long (they fail at once: nothing to wait for). No × baseline for shutdown time: the baseline has nothing to retry.'],
};
