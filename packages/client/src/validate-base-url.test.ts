import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { testSetup } from './__fixtures__/fixtures.js';
import { validateBaseUrl } from './validate-base-url.js';

describe('baseUrl is checked when the client is created', () => {
  it.each([
    ['not a url', /got "not a url" \(not a URL\)/],
    ['', /got "" \(not a URL\)/],
    ['chatgpt.com/backend-api', /not a URL/],
    ['ftp://chatgpt.com/backend-api/', /got "ftp:\/\/chatgpt\.com\/backend-api\/" \(a ftp: URL\)/],
    ['file:///etc/passwd', /\(a file: URL\)/],
  ])('refuses %j with a TypeError that says what is expected', (baseUrl, detail) => {
    const { options } = testSetup({ baseUrl });
    expect(() => new AnalyticsEventsClient(options)).toThrow(TypeError);
    expect(() => new AnalyticsEventsClient(options)).toThrow(/baseUrl must be an absolute http\(s\) URL such as 'https:\/\/chatgpt\.com\/backend-api\/'/);
    expect(() => new AnalyticsEventsClient(options)).toThrow(detail);
  });

  it('refuses what is not a string, naming its type', () => {
    for (const [baseUrl, type] of [[undefined, 'undefined'], [null, 'null'], [42, 'number'], [new URL('https://chatgpt.com/'), 'object']] as const) {
      expect(() => validateBaseUrl(baseUrl)).toThrow(new RegExp(`got ${type}$`));
    }
  });

  it('never echoes userinfo', () => {
    expect(() => validateBaseUrl('ftp://user:hunter2@chatgpt.com/')).toThrow(/a value with userinfo \(not shown\)/);
    expect(() => validateBaseUrl('ftp://user:hunter2@chatgpt.com/')).not.toThrow(/hunter2/);
  });

  it('accepts http and https URLs, and a disabled client needs none', () => {
    for (const baseUrl of ['https://chatgpt.com/backend-api/', 'http://127.0.0.1:8787/backend-api', 'https://chatgpt.example/backend-api///']) {
      expect(validateBaseUrl(baseUrl)).toBe(baseUrl);
      expect(() => new AnalyticsEventsClient(testSetup({ baseUrl }).options)).not.toThrow();
    }
    expect(new AnalyticsEventsClient({ ...testSetup().options, baseUrl: 'not a url', analyticsEnabled: false }).enabled).toBe(false);
  });
});
