/** RFC 3339 UTC to the second, e.g. `2025-04-01T12:00:00Z` (the timestamp format signed by the agent endpoints). */
export function formatRfc3339Seconds(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs / 1000) * 1000).toISOString();
  return `${iso.slice(0, 19)}Z`;
}
