const rfc3339SecondsPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Whether the text is an RFC 3339 UTC time to the second (`2025-04-01T12:00:00Z`), the format the agent flow signs. */
export function isRfc3339Seconds(text: string): boolean {
  return rfc3339SecondsPattern.test(text) && !Number.isNaN(Date.parse(text));
}
