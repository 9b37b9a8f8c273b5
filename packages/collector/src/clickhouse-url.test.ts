import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickHouseSecrets, parseClickHouseUrl } from './clickhouse-url.js';
import { redactText } from './redact-credentials.js';

describe('parseClickHouseUrl', () => {
  it('takes the URL apart: origin, user, password, database (default codex_analytics)', () => {
    expect(parseClickHouseUrl('http://writer:s3cret-pass@db.internal:8123/analytics')).toEqual({
      origin: 'http://db.internal:8123',
      username: 'writer',
      password: 's3cret-pass',
      database: 'analytics',
      display: 'http://writer:[redacted]@db.internal:8123/analytics',
    });
    expect(parseClickHouseUrl('http://127.0.0.1:8123')).toMatchObject({ username: 'default', password: '', database: 'codex_analytics', display: 'http://127.0.0.1:8123/codex_analytics' });
  });

  it('refuses what it cannot use, without repeating the URL', () => {
    expect(() => parseClickHouseUrl('ftp://u:pw-planted-1@h/db')).toThrow(/http: or https:/);
    expect(() => parseClickHouseUrl('http://u:pw-planted-1@h/db;drop')).toThrow(/plain name/);
    expect(() => parseClickHouseUrl('not a url pw-planted-1')).toThrow(/not a URL/);
    for (const text of ['ftp://u:pw-planted-1@h/db', 'http://u:pw-planted-1@h/db;drop', 'not a url pw-planted-1']) {
      try {
        parseClickHouseUrl(text);
      } catch (error) {
        expect((error as Error).message).not.toContain('pw-planted-1');
      }
    }
  });

  it('never shows the password: not in display, and redacted from any text that quotes it or the URL', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 40 }), fc.string({ maxLength: 40 }), (password, around) => {
        fc.pre(!around.includes(password) && !'[redacted]'.includes(password));
        const url = `http://writer:${encodeURIComponent(password)}@127.0.0.1:8123/db`;
        const target = parseClickHouseUrl(url);
        expect(target.password).toBe(password);
        expect(target.display).not.toContain(encodeURIComponent(password));
        const text = redactText(`${around} ${url} ${around} ${password} ${encodeURIComponent(password)}`, clickHouseSecrets(url));
        expect(text).not.toContain(url);
        expect(text).not.toContain(password);
      }),
    );
  });
});
