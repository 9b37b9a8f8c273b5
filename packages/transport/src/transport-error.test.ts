import { describe, expect, it } from 'vitest';
import { TransportError } from './transport-error.js';

describe('TransportError', () => {
  it('carries a code, a status and a cause', () => {
    const cause = new Error('boom');
    const error = new TransportError({ code: 'HTTP_STATUS', message: 'status 500', statusCode: 500, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TransportError', code: 'HTTP_STATUS', statusCode: 500, cause });
  });

  it('is named AbortError when the caller aborted', () => {
    expect(new TransportError({ code: 'ABORTED', message: 'aborted' }).name).toBe('AbortError');
  });

  it('is recognised by its brand, not by its class', () => {
    const fromAnotherCopy = Object.assign(new Error('x'), { [Symbol.for('@codex-analytics/transport.error')]: true });
    expect(TransportError.isInstance(fromAnotherCopy)).toBe(true);
    expect(TransportError.isInstance(new TransportError({ code: 'NETWORK', message: 'x' }))).toBe(true);
    expect(TransportError.isInstance(new Error('plain'))).toBe(false);
    expect(TransportError.isInstance(undefined)).toBe(false);
  });
});
