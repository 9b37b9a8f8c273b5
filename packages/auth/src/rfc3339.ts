/** RFC 3339 UTC to the second, e.g. `2025-04-01T12:00:00Z` (the timestamp format signed by the agent endpoints). */
export function formatRfc3339Seconds(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs / 1000) * 1000).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether `value` is an RFC 3339 `date-time` (section 5.6): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with a real
 * calendar date (no February 30), hours < 24, minutes < 60, seconds <= 60 (a leap second). `T` may be `t` or a space,
 * as the RFC allows; what `Date.parse` also accepts ("hello 1", "2025", "April 1") is refused.
 */
export function isRfc3339Timestamp(value: string): boolean {
  const match = RFC3339.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  return offsetHours <= 23 && offsetMinutes <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
