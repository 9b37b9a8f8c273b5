// `burst` and `burst-bp`: 100,000 track calls in one synchronous loop, arguments built in the loop, then shutdown;
// `burst-bp` lets a client with a backpressure signal (`needsDrain()` / `await drained()`) pace the loop.

import { deliveryMetrics } from './delivery-metrics.mjs';

const MB = 1024 * 1024;

function burstMetrics(result, sink) {
  const delivery = deliveryMetrics(result, sink);
  return {
    ...delivery,
    nsPerCall: result.loopNsPerCall,
    // Per item the client kept (the calls it did not drop); the baseline keeps every one.
    heapPerCallBytes: result.heapHeldBytes === null ? null : result.heapHeldBytes / Math.max(1, result.events - (delivery.clientDropped ?? 0)),
    cpuUsPerEvent: result.cpuUs / result.events,
    peakHeapMB: result.peakHeapBytes / MB,
    waits: result.waits,
    longestBlockMs: result.longestBlockMs,
    longestGcMs: result.longestGcMs ?? null,
    wallMs: (sink?.completeAt ?? Math.max(sink?.lastDeliveredAt ?? 0, result.shutdownAt)) - result.startedAt,
  };
}

function burstScenario(name, backpressure) {
  return {
    name,
    kind: 'burst',
    target: 'sink',
    faults: () => ({}),
    title: (s) =>
      `${name} — ${s.events.toLocaleString('en-US')} track calls in one synchronous loop${backpressure ? ', paced by the client’s backpressure signal where it has one' : ''}, then shutdown`,
    childParams: (s) => ({ events: s.events, shutdownTimeoutMs: s.shutdownTimeoutMs, backpressure }),
    metrics: burstMetrics,
    columns: [
      ...(backpressure
        ? [{ key: 'waits', label: 'waits for drain', digits: 0 }]
        : [
            { key: 'nsPerCall', label: 'ns per call (incl. building it)', digits: 0, ratio: true },
            { key: 'heapPerCallBytes', label: 'heap held per kept item after the loop (B)', digits: 0, ratio: true },
          ]),
      { key: 'delivered', label: 'delivered', digits: 0, ratio: true },
      { key: 'clientDropped', label: 'dropped (client says)', digits: 0 },
      { key: 'wallMs', label: 'wall ms', digits: 0, ratio: true },
      { key: 'cpuUsPerEvent', label: 'CPU µs/event', digits: 2, ratio: true },
      { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
      { key: 'longestBlockMs', label: 'longest block ms', digits: 1 },
      { key: 'longestGcMs', label: 'longest GC pause ms', digits: 1 },
    ],
    notes: [
      backpressure
        ? 'Clients without a backpressure signal (baseline, segment, posthog) run exactly as in `burst`. Longest block = how late a 5 ms timer fired at most, from the first call to the end of shutdown (the producer’s stretches between waits count).'
        : 'heap held per kept item = heap after the loop minus before (both after a full GC) ÷ the calls the client did not drop: what it holds per item of work not yet sent (the baseline: its serialized events in request bodies). Longest block = from the end of the loop to the end of shutdown (the loop itself is the caller’s block).',
    ],
  };
}

export const burstScenario100k = burstScenario('burst', false);
export const burstBackpressureScenario = burstScenario('burst-bp', true);
