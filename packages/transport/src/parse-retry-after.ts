const deltaSecondsPattern = /^\d+$/;
// IMF-fixdate, RFC 850 and asctime all start with a day name; this keeps Date.parse away from loose inputs like "1.5".
const httpDatePattern = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/**
 * Parses a `Retry-After` header value (RFC 9110 §10.2.3) into milliseconds from `nowMs`.
 * Accepts delta-seconds (`"120"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`); a date in the past gives 0.
 * Returns `undefined` for a missing or malformed value.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (deltaSecondsPattern.test(trimmed)) {
    return Math.min(Number(trimmed) * 1000, Number.MAX_SAFE_INTEGER);
  }
  if (!httpDatePattern.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
