/**
 * Whether an HTTP status is worth retrying: 408, 429 and every 5xx except 501 (Not Implemented)
 * and 505 (HTTP Version Not Supported), which will not change on a second try.
 */
export function isRetryableStatus(statusCode: number): boolean {
  if (statusCode === 408 || statusCode === 429) return true;
  return statusCode >= 500 && statusCode <= 599 && statusCode !== 501 && statusCode !== 505;
}
