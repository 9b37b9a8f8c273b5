// `e2e`: events produced in bursts of 1,000 with a yield in between, then shutdown; wall time until the sink has
// all of them, CPU time and peak RSS of the client process, bytes on the wire per event, requests.

import { deliveryMetrics, produceParams } from './delivery-metrics.mjs';

const MB = 1024 * 1024;

export const e2eScenario = {
  name: 'e2e',
  kind: 'produce',
  target: 'sink',
  faults: () => ({}),
  title: (s) => `e2e — ${s.events.toLocaleString('en-US')} events in bursts of ${s.burst.toLocaleString('en-US')}, then shutdown`,
  childParams: produceParams,
  metrics(result, sink) {
    const delivery = deliveryMetrics(result, sink);
    const complete = sink?.completeAt !== null && sink?.completeAt !== undefined;
    const lastArrival = sink?.lastDeliveredAt ?? result.shutdownAt;
    return {
      ...delivery,
      complete,
      // Until the sink had every event; a client that never got them all is timed to its last delivery (marked).
      wallMs: (complete ? sink.completeAt : Math.max(lastArrival, result.shutdownAt)) - result.startedAt,
      cpuUsPerEvent: result.cpuUs / result.events,
      peakHeapMB: result.peakHeapBytes / MB,
      wireBytesPerEvent: sink && sink.delivered > 0 ? sink.wireBytes / sink.deliveredTotal : null,
      jsonBytesPerEvent: sink && sink.deliveredTotal > 0 ? sink.acceptedJsonBytes / sink.deliveredTotal : null,
    };
  },
  columns: [
    { key: 'wallMs', label: 'wall ms', digits: 0, ratio: true, flag: (m) => (m.complete ? '' : '†') },
    { key: 'cpuUsPerEvent', label: 'CPU µs/event', digits: 2, ratio: true },
    { key: 'peakRssMB', label: 'peak RSS MB', digits: 1, ratio: true },
    { key: 'peakHeapMB', label: 'peak heap MB', digits: 1 },
    { key: 'wireBytesPerEvent', label: 'wire B/event', digits: 0, ratio: true },
    { key: 'jsonBytesPerEvent', label: 'JSON B/event', digits: 0 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'delivered', label: 'delivered', digits: 0 },
    { key: 'clientDropped', label: 'dropped (client says)', digits: 0 },
    { key: 'duplicates', label: 'dup', digits: 0 },
  ],
  notes: [
    'wall = from the first track call until the sink holds every event; † = in at least one repetition the client never delivered them all (timed to its last delivery or its shutdown). CPU µs/event divides by the events produced, dropped ones included.',
    'wire B/event = request line + headers + body as sent (gzip for posthog-node), per delivered event; JSON B/event = decoded body per event.',
  ],
};
