// `flaky`: every 10th request gets 503 (10%, deterministic). Delivered count and duplicates.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

export const flakyScenario = {
  name: 'flaky',
  kind: 'produce',
  target: 'sink',
  faults: (s) => ({ failEvery: s.failEvery }),
  title: (s) =>
    `flaky — every ${s.failEvery}th request gets 503; ${s.events.toLocaleString('en-US')} events, shutdown deadline ${s.shutdownTimeoutMs} ms`,
  childParams: produceParams,
  metrics: (result, sink) => deliveryMetrics(result, sink),
  columns: [
    { key: 'delivered', label: 'delivered', digits: 0, ratio: true },
    { key: 'lost', label: 'lost', digits: 0 },
    { key: 'duplicates', label: 'dup', digits: 0 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'failedRequests', label: '503s', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
  ],
};
