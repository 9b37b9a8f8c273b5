// The `enqueue` scenario, in the client process: the synchronous cost of one track call and the heap it holds.
// Everything is measured in one synchronous stretch (no await), so no worker, timer or I/O callback runs in
// between; the clients point at a closed port anyway.

import { heapAfterGc } from './process-figures.mjs';

/** Keeps the clients reachable until the process reports, so a GC cannot take what they hold. */
const retained = [];

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * @param {() => Promise<{ makeCall(seq: number): unknown, call(args: unknown): void }>} createAdapter
 * @param {{ calls: number, rounds: number, warmupRounds: number }} params
 */
export async function measureEnqueue(createAdapter, { calls, rounds, warmupRounds }) {
  const holder = await createAdapter();
  const timed = [];
  for (let round = 0; round < rounds; round += 1) timed.push(await createAdapter());
  retained.push(holder, ...timed);
  const args = timed.map((adapter, round) => Array.from({ length: calls }, (_, i) => adapter.makeCall((round + 1) * calls + i)));

  // Heap held per queued event: the caller builds each call's arguments and lets go of them, as a real caller
  // does; whatever the client keeps is what it holds. This also warms up every code path for the timing below.
  const before = heapAfterGc();
  for (let seq = 0; seq < calls; seq += 1) holder.call(holder.makeCall(seq));
  const after = heapAfterGc();

  // ns per call: `rounds` fresh clients, `calls` each, arguments built beforehand so only the track calls are
  // timed; a full GC before each round. The first `warmupRounds` rounds are discarded (the timing loop is still
  // being compiled then: they run 2-4x slower); the median of the others is the figure (one round is a few ms,
  // easily hit by a GC pause or another process).
  const nsPerRound = [];
  for (let round = 0; round < rounds; round += 1) {
    const adapter = timed[round];
    const roundArgs = args[round];
    globalThis.gc();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) adapter.call(roundArgs[i]);
    nsPerRound.push(Number(process.hrtime.bigint() - start) / calls);
  }

  return {
    calls,
    heapHeldBytes: after - before,
    heapPerEventBytes: (after - before) / calls,
    nsPerCall: median(nsPerRound.slice(warmupRounds)),
    nsPerRound,
  };
}
