import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeWithChromium } from '@codex-analytics/config/describe-with-chromium';
import { launchChromium } from './__fixtures__/browser.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

describeWithChromium('another site in Chromium', ({ executablePath }) => {
  let browser: Browser;
  let collector: Collector;
  let page: Page;
  let attacker: Server;
  let attackerPort: number;
  const http = createTestHttp();

  beforeAll(async () => {
    browser = await launchChromium(executablePath);
    // The other site: an empty page on another origin, from which the tests run their fetches.
    attacker = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>'));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await http.close();
  });

  beforeEach(async () => {
    collector = await startCollector({ logger: { warn: () => undefined } });
    await http.postEvents(collector, [hookRunEvent('thread-secret')]);
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterEach(async () => {
    await page.close();
    await collector.close();
  });

  it('cannot change the faults, clear the events or read them with a cross-origin fetch', async () => {
    await page.goto(`http://evil.example:${attackerPort}/`);

    const outcome = await page.evaluate<{ post: string; clear: string; read: string }>(`(async () => {
      const base = ${JSON.stringify(collector.url)};
      const settle = (promise) => promise.then((response) => 'answered ' + response.type + ' ' + response.status, (error) => 'failed ' + error.name);
      return {
        // A "simple" request needs no preflight: it reaches the collector, which refuses it.
        post: await settle(fetch(base + '/api/faults', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ failNext: { count: 100 } }) })),
        clear: await settle(fetch(base + '/api/events', { method: 'DELETE' })),
        read: await settle(fetch(base + '/api/events')),
      };
    })()`);

    expect(outcome.post).toBe('answered opaque 0');
    expect(outcome.clear).toBe('failed TypeError');
    expect(outcome.read).toBe('failed TypeError');
    expect(collector.faults().failNext).toBeNull();
    expect(collector.events()).toHaveLength(1);
    const refused = (await http.send(`${collector.url}/api/rejections`)).json() as { rejections: { reason: string; path: string }[] };
    expect(refused.rejections).toContainEqual(expect.objectContaining({ reason: 'forbidden_origin', path: '/api/faults' }));
  }, 60_000);

  it('answers a page that a rebound name loads with 403, and its same-origin reads too', async () => {
    const response = await page.goto(`http://rebind.example:${collector.port}/`);

    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('thread-secret');
    const read = await page.evaluate<{ status: number; text: string }>(
      `fetch('/api/events').then(async (response) => ({ status: response.status, text: await response.text() }))`,
    );
    expect(read.status).toBe(403);
    expect(read.text).not.toContain('thread-secret');
  }, 60_000);
});
