// Which answer the sink gives to its n-th request (1-based), from the scenario's faults. Deterministic.

/**
 * @param {{ failFirst?: number, failEvery?: number, delayMs?: number }} faults
 *   failFirst: the first N requests get a 500; failEvery: every N-th request gets a 503 (N = 10 is 10%);
 *   delayMs: every response waits this long.
 */
export function createFaultPlan(faults = {}) {
  const failFirst = faults.failFirst ?? 0;
  const failEvery = faults.failEvery ?? 0;
  const delayMs = faults.delayMs ?? 0;
  return {
    delayMs,
    /** The status for request number `n`. */
    statusFor(n) {
      if (n <= failFirst) return 500;
      if (failEvery > 0 && n % failEvery === 0) return 503;
      return 200;
    },
  };
}
