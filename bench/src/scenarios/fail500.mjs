// `fail500`: the sink answers the first 5 requests with 500. Delivered count and duplicates.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

export const fail500Scenario = {
  name: 'fail500',
  kind: 'produce',
  target: 'sink',
  faults: (s) => ({ failFirst: s.failFirst }),
  title: (s) =>
    `fail500 — the first ${s.failFirst} requests get 500; ${s.events.toLocaleString('en-US')} events, shutdown deadline ${s.shutdownTimeoutMs} ms`,
  childParams: produceParams,
  metrics: (result, sink) => deliveryMetrics(result, sink),
  columns: [
    { key: 'delivered', label: 'delivered', digits: 0, ratio: true },
    { key: 'lost', label: 'lost', digits: 0 },
    { key: 'duplicates', label: 'dup', digits: 0 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
  ],
};
