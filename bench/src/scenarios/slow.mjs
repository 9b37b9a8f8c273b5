// `slow`: every response waits 200 ms. Heap growth while producing (readings after a full GC at every tenth of
// the production), and what is delivered by the end of shutdown.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

const MB = 1024 * 1024;

/**
 * Heap growth over the last 40% of the production (from the reading at 60% to the last one): about zero for a
 * bounded client, which has reached its limits by then (the producer outruns a 200 ms sink by far).
 */
function lateGrowthBytes(samples) {
  if (samples.length < 2) return null;
  const last = samples[samples.length - 1];
  const from = samples.find((sample) => sample.produced >= last.produced * 0.6) ?? samples[0];
  return last.heapBytes - from.heapBytes;
}

export const slowScenario = {
  name: 'slow',
  kind: 'produce',
  target: 'sink',
  faults: (s) => ({ delayMs: s.delayMs }),
  title: (s) =>
    `slow — every response delayed ${s.delayMs} ms; ${s.events.toLocaleString('en-US')} events, shutdown deadline ${s.shutdownTimeoutMs} ms`,
  childParams: produceParams,
  metrics(result, sink) {
    const peakSample = Math.max(result.heapStart, ...result.heapSamples.map((sample) => sample.heapBytes));
    const late = lateGrowthBytes(result.heapSamples);
    return {
      ...deliveryMetrics(result, sink),
      heapGrowthMB: (peakSample - result.heapStart) / MB,
      lateGrowthMB: late === null ? null : late / MB,
      heapCurve: result.heapSamples.map((sample) => Math.round((sample.heapBytes - result.heapStart) / MB)),
    };
  },
  columns: [
    { key: 'heapGrowthMB', label: 'heap growth MB', digits: 1, ratio: true },
    { key: 'lateGrowthMB', label: 'growth, last 40% MB', digits: 1 },
    { key: 'delivered', label: 'delivered', digits: 0, ratio: true },
    { key: 'clientDropped', label: 'dropped (client says)', digits: 0 },
    { key: 'duplicates', label: 'dup', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
  ],
  details: (runs) => [
    'Heap above its starting point (MB, after a full GC) at each tenth of the production, first repetition:',
    ...runs.filter((run) => run.rep === 0 && run.metrics).map((run) => `  - ${run.client}: ${run.metrics.heapCurve.join(' → ')}`),
  ],
  notes: ['heap growth = largest heap reading (after a full GC, at every tenth of the production) minus the heap before the first event; last 40% = growth from the reading at 60% of the production to the last one.'],
};
