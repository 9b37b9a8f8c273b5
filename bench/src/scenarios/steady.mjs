// `steady`, `steady-flaky`, `steady-slow`: events at a fixed rate (a long-lived app server's trickle), then
// shutdown. CPU time over the run, requests and events per request, delivery latency (from the track call to the
// sink's acceptance of the event, first delivery; with `steady-slow` that includes the sink's 200 ms delay), and the
// longest event-loop block.

import { clientDropped } from './delivery-metrics.mjs';

const MB = 1024 * 1024;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rateMetrics(result, sink) {
  const latencies = [];
  const arrivals = sink?.arrivals ?? [];
  for (let seq = 0; seq < result.events; seq += 1) {
    const arrived = arrivals[seq];
    if (arrived > 0) latencies.push(arrived - result.producedAt[seq]);
  }
  latencies.sort((a, b) => a - b);
  const delivered = sink?.delivered ?? 0;
  return {
    cpuMs: result.cpuUs / 1000,
    cpuWithImportMs: result.cpuWithImportUs === undefined ? null : result.cpuWithImportUs / 1000,
    blockFromConstructionMs: result.longestBlockFromConstructionMs ?? null,
    requests: sink?.requests ?? 0,
    eventsPerRequest: sink && sink.requests > 0 ? sink.deliveredTotal / sink.requests : null,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    longestBlockMs: result.longestBlockMs,
    longestGcMs: result.longestGcMs ?? null,
    delivered,
    lost: result.events - delivered,
    duplicates: sink?.duplicates ?? 0,
    clientDropped: clientDropped(result.summary),
    shutdownMs: result.shutdownMs,
    peakRssMB: result.peakRssBytes / MB,
  };
}

const columns = [
  { key: 'cpuWithImportMs', label: 'CPU ms, import included', digits: 0, ratio: true },
  { key: 'cpuMs', label: 'CPU ms', digits: 0, ratio: true },
  { key: 'requests', label: 'requests', digits: 0 },
  { key: 'eventsPerRequest', label: 'events/request', digits: 1 },
  { key: 'latencyP50Ms', label: 'latency p50 ms', digits: 1 },
  { key: 'latencyP99Ms', label: 'latency p99 ms', digits: 1 },
  { key: 'longestBlockMs', label: 'longest block ms', digits: 1, ratio: true },
  { key: 'longestGcMs', label: 'longest GC pause ms', digits: 1 },
  { key: 'blockFromConstructionMs', label: 'longest block from construction ms', digits: 1, ratio: true },
  { key: 'delivered', label: 'delivered', digits: 0 },
  { key: 'duplicates', label: 'dup', digits: 0 },
  { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
];

const notes = [
  'CPU, import included = the client process from just before the client\u2019s modules are imported (in the run, as a lazy importer pays it) to the end of shutdown. Longest block from construction = how late a 1 ms timer fired at most from just before the client is constructed to the end of shutdown.',
  'CPU = the client process from the first track call to the end of shutdown (import and construction excluded). Latency = from the track call to the sink accepting the event (first delivery), over the events delivered. Longest block = how late a 5 ms timer fired at most while producing and shutting down (the producer makes ~10 events per tick).',
];

function rateScenario({ name, describe, faults }) {
  return {
    name,
    kind: 'rate',
    target: 'sink',
    arrivals: true,
    faults,
    title: (s) =>
      `${name} — ${s.rate.toLocaleString('en-US')} events/s for ${s.durationMs / 1000} s${describe(s)}, then shutdown (deadline ${s.shutdownTimeoutMs} ms)`,
    childParams: (s) => ({ rate: s.rate, durationMs: s.durationMs, shutdownTimeoutMs: s.shutdownTimeoutMs }),
    metrics: rateMetrics,
    columns,
    notes,
  };
}

export { rateMetrics };

export const steadyScenario = rateScenario({ name: 'steady', describe: () => '', faults: () => ({}) });
export const steadyFlakyScenario = rateScenario({
  name: 'steady-flaky',
  describe: (s) => `, every ${s.failEvery}th request answered 503`,
  faults: (s) => ({ failEvery: s.failEvery }),
});
export const steadySlowScenario = rateScenario({
  name: 'steady-slow',
  describe: (s) => `, every response delayed ${s.delayMs} ms`,
  faults: (s) => ({ delayMs: s.delayMs }),
});
