import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRateLimits, resolveCollectorAccess } from './collector-access.js';
import { isLoopbackHost } from './request-guard.js';
import { tokenMatches } from './secret-token.js';
import { startCollector } from './start-collector.js';

const readToken = 'read-token-0123456789';
const maxBodyBytes = 10 * 1024 * 1024;

describe('resolveCollectorAccess: beyond loopback => a read token and a writer rule', () => {
  it('keeps the loopback default open: no read token asked, no writer rule, no rate limits', () => {
    expect(resolveCollectorAccess({}, { loopback: true, maxBodyBytes })).toEqual({
      readToken: undefined,
      writers: { any: false, ingestToken: undefined, accounts: new Set(), agentRuntimes: new Set() },
      trustProxy: false,
      rateLimits: undefined,
    });
    // A read token given on loopback is asked for only with requireReadToken.
    expect(resolveCollectorAccess({ readToken }, { loopback: true, maxBodyBytes }).readToken).toBeUndefined();
    expect(resolveCollectorAccess({ readToken, requireReadToken: true }, { loopback: true, maxBodyBytes }).readToken).toBe(readToken);
  });

  it('for any host: beyond loopback, reading needs the token and writing a rule, and budgets are on by default', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0.0.0.0', '::', '', '192.168.1.2', '10.0.0.1', 'example.com', '127.0.0.1', 'localhost', '::1'),
        fc.boolean(),
        fc.boolean(),
        (host, withToken, withRule) => {
          const loopback = isLoopbackHost(host);
          const options = { ...(withToken ? { readToken } : {}), ...(withRule ? { allowAccounts: ['account-1'] } : {}) };
          if (!loopback && (!withToken || !withRule)) {
            expect(() => resolveCollectorAccess(options, { loopback, maxBodyBytes })).toThrow(/refusing to listen beyond loopback without/);
            return;
          }
          const access = resolveCollectorAccess(options, { loopback, maxBodyBytes });
          expect(access.readToken).toBe(loopback ? undefined : readToken);
          expect(access.rateLimits).toEqual(loopback ? undefined : defaultRateLimits(maxBodyBytes));
        },
      ),
    );
  });

  it('refuses requireReadToken without a token, short tokens and a byte burst under maxBodyBytes, never echoing a token', () => {
    expect(() => resolveCollectorAccess({ requireReadToken: true }, { loopback: true, maxBodyBytes })).toThrow(/needs a read token/);
    expect(() => resolveCollectorAccess({ readToken: 'short-secret' }, { loopback: true, maxBodyBytes })).toThrow(/at least 16 characters/);
    try {
      resolveCollectorAccess({ readToken: 'short-secret' }, { loopback: true, maxBodyBytes });
    } catch (error) {
      expect(String(error)).not.toContain('short-secret');
    }
    expect(() =>
      resolveCollectorAccess({ rateLimits: { ...defaultRateLimits(maxBodyBytes), byteBurst: 100 } }, { loopback: true, maxBodyBytes }),
    ).toThrow(/byteBurst/);
  });

  it('startCollector on 0.0.0.0 with allowNonLoopback and no token refuses to start (before it binds), saying what to add', async () => {
    await expect(startCollector({ host: '0.0.0.0', allowNonLoopback: true })).rejects.toThrow(
      /refusing to listen beyond loopback without a read token \(--read-token-file PATH or CODEX_ANALYTICS_READ_TOKEN\) and a writer rule/,
    );
    await expect(startCollector({ host: '0.0.0.0', allowNonLoopback: true, readToken })).rejects.toThrow(/without a writer rule/);
  });
});

describe('tokenMatches', () => {
  it('is string equality, whatever the lengths', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(tokenMatches(a, b)).toBe(a === b);
        expect(tokenMatches(a, a)).toBe(true);
      }),
    );
    expect(tokenMatches('x', undefined)).toBe(false);
  });
});
