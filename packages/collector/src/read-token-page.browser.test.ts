import { describeWithChromium } from '@codex-analytics/config/describe-with-chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { launchChromium } from './__fixtures__/browser.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { Collector } from './collector-options.js';
import { READ_TOKEN_HEADER } from './read-access.js';
import { startCollector } from './start-collector.js';

const readToken = 'read-token-browser-0123456789';

describeWithChromium('the live page of a collector that asks for its read token', ({ executablePath }) => {
  let browser: Browser;
  let collector: Collector;
  let page: Page;
  const http = createTestHttp();
  const pageErrors: string[] = [];
  const apiRequests: { url: string; token: string | undefined }[] = [];

  beforeAll(async () => {
    browser = await launchChromium(executablePath);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await http.close();
  });
  beforeEach(async () => {
    collector = await startCollector({ readToken, requireReadToken: true, allowAccounts: ['account-1'], logger: { warn: () => undefined } });
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    pageErrors.length = 0;
    apiRequests.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url().includes('/api/')) apiRequests.push({ url: request.url(), token: request.headers()[READ_TOKEN_HEADER] });
    });
  });
  afterEach(async () => {
    await page.close();
    await collector.close();
    expect(pageErrors).toEqual([]);
  });

  it('asks for the token once, keeps it for the tab, sends it on fetches, and streams the events through the ticket cookie', async () => {
    await http.postEvents(collector, [hookRunEvent('thread-a')]);
    await page.goto(`${collector.url}/`);
    await page.waitForSelector('#token-form');
    expect(await page.content()).not.toContain('thread-a');

    await page.fill('#token', 'not-the-token-0123456789');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#error:not(:empty)');

    await page.fill('#token', readToken);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#status[data-state="open"]');
    await page.waitForSelector('#event-rows tr');
    expect(await page.evaluate<string | null>(`sessionStorage.getItem('codex-analytics-read-token')`)).toBe(readToken);
    // The ticket cookie is HttpOnly: the page's script cannot read it.
    expect(await page.evaluate<string>('document.cookie')).toBe('');

    // A later event arrives over the stream; the page's fetches carry the token in the header.
    await http.postEvents(collector, [hookRunEvent('thread-b')]);
    await page.waitForSelector('#event-rows tr:nth-child(2)');
    await page.waitForRequest((request) => request.url().endsWith('/api/stats'));
    const fetched = apiRequests.filter((request) => /\/api\/(stats|rejections)$/.test(request.url));
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((request) => request.token === readToken)).toBe(true);

    // A writer outside the allowlist: its refusal is shown by reason, never with its credential.
    const refused = await http.postEvents(collector, [hookRunEvent('thread-c')], {
      authorization: 'Bearer BEARER-browser-secret-0123456789',
      'chatgpt-account-id': 'account-9',
      'content-type': 'application/json',
    });
    expect(refused.status).toBe(403);
    await page.waitForSelector('li.rejection[data-reason="forbidden_writer"]', { state: 'attached' });
    expect(await page.content()).not.toContain('BEARER-browser-secret');

    // Reloaded in the same tab (or once the ticket ended): the kept token opens the page without asking again.
    await page.context().clearCookies();
    await page.reload();
    await page.waitForSelector('#status[data-state="open"]');
  });
});
