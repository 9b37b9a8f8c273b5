// `flaky20`: every 5th request gets 503 (20%, deterministic), 5,000 events, a 5 s shutdown deadline (issue 10).
// What arrived by the deadline: a client that pauses everything for each failure falls behind here.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

export const flaky20Scenario = {
  name: 'flaky20',
  kind: 'produce',
  target: 'sink',
  faults: (s) => ({ failEvery: s.failEvery }),
  title: (s) =>
    `flaky20 — every ${s.failEvery}th request gets 503; ${s.events.toLocaleString('en-US')} events, delivered by a ${s.shutdownTimeoutMs} ms shutdown deadline`,
  childParams: produceParams,
  metrics: (result, sink) => deliveryMetrics(result, sink),
  columns: [
    { key: 'delivered', label: 'delivered by deadline', digits: 0, ratio: true },
    { key: 'lost', label: 'not delivered', digits: 0 },
    { key: 'duplicates', label: 'dup', digits: 0 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'failedRequests', label: '503s', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
  ],
  notes: ['deadline: ours `shutdown({ timeoutMs })`, Segment `closeAndFlush({ timeout })`, PostHog `shutdown(timeoutMs)`; the sink counts what arrived before the client process ended.'],
};
