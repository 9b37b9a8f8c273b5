/** The longest delay `setTimeout` and `setInterval` honour; anything larger fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A delay `setTimeout` will honour: NaN and negatives become 0, and values beyond ~24.8 days are capped. */
export function clampTimerMs(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(ms, MAX_TIMER_MS);
}
