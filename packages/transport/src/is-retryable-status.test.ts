import { describe, expect, it } from 'vitest';
import { isRetryableStatus } from './is-retryable-status.js';

describe('isRetryableStatus', () => {
  it.each([408, 429, 500, 502, 503, 504, 507, 599])('retries %i', (statusCode) => {
    expect(isRetryableStatus(statusCode)).toBe(true);
  });

  it.each([200, 204, 301, 304, 400, 401, 403, 404, 409, 413, 422, 501, 505, 600])('does not retry %i', (statusCode) => {
    expect(isRetryableStatus(statusCode)).toBe(false);
  });
});
