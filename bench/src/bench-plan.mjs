// How big each scenario is, full and `--quick`, and how the runs are grouped. Every wait has a limit
// (childTimeoutMs bounds a whole client run, shutdown included).
//
// Stages run one after the other; the runs of a stage share one pool of `concurrency` processes (each run has
// its own sink). The speed scenarios (enqueue, e2e, burst) run one process at a time, and so do the rate scenarios
// (steady*): their figures are CPU, batching and latency, which a producer starved by other runs changes (with six
// runs side by side on two cores, the producer fell behind and delivered its events in bursts of hundreds). The fault scenarios measure counts
// and deadlines and spend their time waiting on backoffs and delays, so they run side by side, except: `slow` runs
// one repetition (4 processes) at a time, because its heap curve needs the producer to outrun the limits early,
// which more processes sharing the CPU would prevent; and `down` does too in the full run (its figure is a
// duration). `--quick` also overlaps fail500 with flaky, to fit in two minutes; its e2e keeps 30,000 events so that
// warm-up (JIT, first use of the schemas) does not dominate the per-event figures.

const FULL = {
  reps: 3,
  import: { reps: 7 },
  short: { events: 20, burst: 20, shutdownTimeoutMs: 10_000, childTimeoutMs: 30_000 },
  burst: { events: 100_000, shutdownTimeoutMs: 120_000, childTimeoutMs: 180_000 },
  'burst-bp': { events: 100_000, shutdownTimeoutMs: 120_000, childTimeoutMs: 180_000 },
  steady: { rate: 2_000, durationMs: 10_000, shutdownTimeoutMs: 15_000, childTimeoutMs: 60_000 },
  'steady-flaky': { rate: 2_000, durationMs: 10_000, failEvery: 10, shutdownTimeoutMs: 15_000, childTimeoutMs: 60_000 },
  'steady-slow': { rate: 4_000, durationMs: 10_000, delayMs: 200, shutdownTimeoutMs: 15_000, childTimeoutMs: 60_000 },
  enqueue: { calls: 10_000, rounds: 7, warmupRounds: 2, childTimeoutMs: 60_000 },
  'first-400': { rate: 2_000, durationMs: 200, shutdownTimeoutMs: 15_000, childTimeoutMs: 30_000 },
  queued: { events: 19_000, shutdownTimeoutMs: 30_000, childTimeoutMs: 60_000 },
  e2e: { events: 100_000, burst: 1_000, shutdownTimeoutMs: 120_000, childTimeoutMs: 180_000 },
  fail500: { events: 10_000, burst: 1_000, failFirst: 5, shutdownTimeoutMs: 30_000, childTimeoutMs: 60_000 },
  slow: { events: 50_000, burst: 1_000, delayMs: 200, shutdownTimeoutMs: 10_000, heapCheckpoints: 10, childTimeoutMs: 60_000 },
  down: { events: 10_000, burst: 1_000, shutdownTimeoutMs: 2_000, childTimeoutMs: 30_000 },
  flaky: { events: 10_000, burst: 1_000, failEvery: 10, shutdownTimeoutMs: 60_000, childTimeoutMs: 90_000 },
  flaky20: { events: 5_000, burst: 1_000, failEvery: 5, shutdownTimeoutMs: 5_000, childTimeoutMs: 30_000 },
  'tap-messages': { reps: 3 },
  'collector-bodies': { reps: 3, bodies: 8, bodyMiB: 9 },
  'collector-ingest': { reps: 3, events: 200_000, clients: 8 },
  stages: [
    { scenarios: ['import'], concurrency: 1 },
    { scenarios: ['short'], concurrency: 1 },
    { scenarios: ['enqueue'], concurrency: 1 },
    { scenarios: ['e2e'], concurrency: 1 },
    { scenarios: ['burst'], concurrency: 1 },
    { scenarios: ['burst-bp'], concurrency: 1 },
    { scenarios: ['steady', 'steady-flaky', 'steady-slow'], concurrency: 1 },
    { scenarios: ['first-400', 'queued'], concurrency: 1 },
    { scenarios: ['fail500'], concurrency: 12 },
    { scenarios: ['slow'], concurrency: 4 },
    { scenarios: ['down'], concurrency: 4 },
    { scenarios: ['flaky'], concurrency: 12 },
    { scenarios: ['flaky20'], concurrency: 4 },
    { scenarios: ['tap-messages'], concurrency: 1 },
    { scenarios: ['collector-bodies'], concurrency: 1 },
    { scenarios: ['collector-ingest'], concurrency: 1 },
  ],
};

const QUICK = {
  reps: 3,
  import: { reps: 5 },
  short: { events: 20, burst: 20, shutdownTimeoutMs: 10_000, childTimeoutMs: 30_000 },
  burst: { events: 100_000, shutdownTimeoutMs: 60_000, childTimeoutMs: 90_000 },
  'burst-bp': { events: 100_000, shutdownTimeoutMs: 60_000, childTimeoutMs: 90_000 },
  steady: { rate: 2_000, durationMs: 3_000, shutdownTimeoutMs: 15_000, childTimeoutMs: 40_000 },
  'steady-flaky': { rate: 2_000, durationMs: 3_000, failEvery: 10, shutdownTimeoutMs: 15_000, childTimeoutMs: 40_000 },
  'steady-slow': { rate: 4_000, durationMs: 3_000, delayMs: 200, shutdownTimeoutMs: 15_000, childTimeoutMs: 40_000 },
  enqueue: { calls: 10_000, rounds: 5, warmupRounds: 2, childTimeoutMs: 60_000 },
  'first-400': { rate: 2_000, durationMs: 200, shutdownTimeoutMs: 15_000, childTimeoutMs: 30_000 },
  queued: { events: 19_000, shutdownTimeoutMs: 30_000, childTimeoutMs: 60_000 },
  e2e: { events: 30_000, burst: 1_000, shutdownTimeoutMs: 60_000, childTimeoutMs: 90_000 },
  fail500: { events: 2_000, burst: 1_000, failFirst: 5, shutdownTimeoutMs: 30_000, childTimeoutMs: 60_000 },
  slow: { events: 50_000, burst: 1_000, delayMs: 200, shutdownTimeoutMs: 3_000, heapCheckpoints: 10, childTimeoutMs: 40_000 },
  down: { events: 2_000, burst: 1_000, shutdownTimeoutMs: 2_000, childTimeoutMs: 30_000 },
  flaky: { events: 2_000, burst: 1_000, failEvery: 10, shutdownTimeoutMs: 30_000, childTimeoutMs: 60_000 },
  flaky20: { events: 5_000, burst: 1_000, failEvery: 5, shutdownTimeoutMs: 5_000, childTimeoutMs: 30_000 },
  'tap-messages': { reps: 3 },
  'collector-bodies': { reps: 2, bodies: 8, bodyMiB: 9 },
  'collector-ingest': { reps: 1, events: 20_000, clients: 4 },
  stages: [
    { scenarios: ['import'], concurrency: 1 },
    { scenarios: ['short'], concurrency: 1 },
    { scenarios: ['enqueue'], concurrency: 1 },
    { scenarios: ['e2e'], concurrency: 1 },
    { scenarios: ['burst', 'burst-bp'], concurrency: 1 },
    { scenarios: ['steady', 'steady-flaky', 'steady-slow'], concurrency: 1 },
    { scenarios: ['first-400', 'queued'], concurrency: 1 },
    { scenarios: ['fail500', 'flaky'], concurrency: 24 },
    { scenarios: ['slow'], concurrency: 4 },
    { scenarios: ['down'], concurrency: 12 },
    { scenarios: ['flaky20'], concurrency: 4 },
    { scenarios: ['tap-messages'], concurrency: 1 },
    { scenarios: ['collector-bodies'], concurrency: 1 },
    { scenarios: ['collector-ingest'], concurrency: 1 },
  ],
};

/** The plan for a mode, with `reps` overridden when given. */
export function benchPlan({ quick, reps }) {
  const plan = structuredClone(quick ? QUICK : FULL);
  if (reps !== undefined) {
    plan.reps = reps;
    plan.import.reps = Math.max(reps, 3);
    plan['collector-bodies'].reps = reps;
    plan['collector-ingest'].reps = reps;
  }
  return plan;
}
