import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactEvents, redactJson, redactText, requestSecrets } from './redact-credentials.js';

const tokenChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
const token = fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 8, maxLength: 40 });

describe('redactJson', () => {
  it('leaves no secret in any string or key of any JSON value, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(token, { minLength: 1, maxLength: 3 }), fc.jsonValue(), fc.nat(), (secrets, value, pick) => {
        const secret = secrets[pick % secrets.length]!;
        const planted = { value, [`key-${secret}`]: [`a ${secret} b`, { nested: secret }] };
        const sorted = [...secrets].sort((a, b) => b.length - a.length);
        const redacted = JSON.stringify(redactJson(planted, sorted));
        for (const each of secrets) expect(redacted.includes(each)).toBe(false);
        expect(redacted).toContain(REDACTED);
        // A value holding no secret is returned as it was (the same object).
        const clean = JSON.stringify(value);
        if (!secrets.some((each) => clean.includes(each))) expect(redactJson(value, sorted)).toBe(value);
      }),
    );
  });
});

describe('requestSecrets', () => {
  it('takes the authorization credential, the token headers, cookie values, query values (for messages) and configured tokens', () => {
    const secrets = requestSecrets(
      {
        authorization: 'Bearer bearer-0123456789',
        'x-codex-analytics-ingest-token': 'ingest-0123456789',
        'x-codex-analytics-read-token': 'read-0123456789',
        cookie: 'a=cookie-0123456789; short=abc',
      },
      new URL('http://collector.invalid/api/events?thread_id=query-0123456789'),
      ['configured-0123456789', undefined],
    );
    for (const expected of ['bearer-0123456789', 'ingest-0123456789', 'read-0123456789', 'cookie-0123456789', 'query-0123456789', 'configured-0123456789']) {
      expect(secrets).toContain(expected);
    }
    expect(secrets).not.toContain('abc');
    expect(redactText('Bearer bearer-0123456789 went by', secrets)).toBe(`${REDACTED} went by`);
  });
});

describe('redactEvents', () => {
  const secret = 'bearer-0123456789';
  const events = Array.from({ length: 2000 }, (_, index) => ({ event_type: 'x', event_params: { value: index === 1999 ? secret : `v${index}` } }));

  it('redacts in slices: a callback scheduled before runs before the batch is done', async () => {
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const redacting = redactEvents(events, [secret], Buffer.from(JSON.stringify(events)));
    let doneFirst = false;
    void redacting.then(() => (doneFirst = !ranBetween));
    const redacted = await redacting;
    expect(doneFirst).toBe(false);
    expect(JSON.stringify(redacted)).not.toContain(secret);
  });

  it('skips the walk (the same array) when the body holds no secret and no escape, and catches a secret spelt with escapes', async () => {
    const clean = events.slice(0, 10);
    expect(await redactEvents(clean, [secret], Buffer.from(JSON.stringify(clean)))).toBe(clean);
    const escaped = '{"events":[{"event_type":"x","event_params":{"value":"\\u0062earer-0123456789"}}]}';
    const parsed = (JSON.parse(escaped) as { events: unknown[] }).events;
    expect(JSON.stringify(await redactEvents(parsed, [secret], Buffer.from(escaped)))).not.toContain(secret);
  });
});
