// `first-400` (issue 22): a fresh process constructs the client and sends its first 400 facts at 2,000/s (the
// steady producer, ~10 per 5 ms tick), then shuts down (which flushes). The figure is the longest event-loop block
// from just before construction to the end of shutdown: what an app server pays on the client's first use (the
// schema library, the first parse, the JIT's cold start), against the baseline doing the same with undici by hand.

import { rateMetrics } from './steady.mjs';

export const firstFactsScenario = {
  name: 'first-400',
  kind: 'rate',
  target: 'sink',
  arrivals: true,
  faults: () => ({}),
  title: (s) => `first-400 — a fresh client's first ${Math.round((s.rate * s.durationMs) / 1000)} facts at ${s.rate.toLocaleString('en-US')}/s, then shutdown`,
  childParams: (s) => ({ rate: s.rate, durationMs: s.durationMs, shutdownTimeoutMs: s.shutdownTimeoutMs }),
  metrics: rateMetrics,
  columns: [
    { key: 'blockFromConstructionMs', label: 'longest block from construction ms', digits: 1, ratio: true },
    { key: 'longestGcMs', label: 'longest GC pause ms', digits: 1 },
    { key: 'cpuWithImportMs', label: 'CPU ms, import included', digits: 0, ratio: true },
    { key: 'latencyP99Ms', label: 'latency p99 ms', digits: 1 },
    { key: 'delivered', label: 'delivered', digits: 0 },
    { key: 'shutdownMs', label: 'shutdown ms', digits: 0 },
  ],
  notes: [
    'Longest block from construction = how late a 1 ms timer fired at most, from just before the client is constructed (its modules already imported) to the end of shutdown; the producer\u2019s own ticks count too (the same for every client).',
  ],
};
