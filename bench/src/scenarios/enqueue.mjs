// `enqueue`: the synchronous cost of one track call (ns/op) and the heap held per queued event.

export const enqueueScenario = {
  name: 'enqueue',
  kind: 'enqueue',
  target: 'refused',
  title: (s) =>
    `enqueue — ${s.calls.toLocaleString('en-US')} synchronous track calls per client (median of ${s.rounds - s.warmupRounds} rounds after ${s.warmupRounds} warm-up rounds, each on a fresh client; no reachable server, nothing runs in between)`,
  childParams: (s) => ({ calls: s.calls, rounds: s.rounds, warmupRounds: s.warmupRounds }),
  metrics: (result) => ({ nsPerCall: result.nsPerCall, heapPerEventBytes: result.heapPerEventBytes }),
  columns: [
    { key: 'nsPerCall', label: 'ns per call', digits: 0, ratio: true },
    { key: 'heapPerEventBytes', label: 'heap held per queued event (B)', digits: 0, ratio: true },
  ],
};
