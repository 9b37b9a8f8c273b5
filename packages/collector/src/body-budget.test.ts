import { request as httpRequest } from 'node:http';
import { setImmediate as setImmediateAsync } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import { createBodyBudget } from './body-budget.js';
import { startCollector } from './start-collector.js';

const mib = 1024 * 1024;

/** A valid body of about `bytes` bytes, and how many events it holds. */
function validBody(bytes: number, tag: string): { text: string; events: number } {
  const event = hookRunEvent(`${tag}-${'t'.repeat(200)}`);
  const count = Math.ceil(bytes / JSON.stringify(event).length);
  return { text: JSON.stringify({ events: Array.from({ length: count }, () => event) }), events: count };
}

describe('createBodyBudget', () => {
  it('never holds more than its limit, except one body alone, whatever the reservations and releases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 1500 }))), (limit, steps) => {
        const budget = createBodyBudget(limit);
        const held: number[] = [];
        for (const [reserve, bytes] of steps) {
          if (reserve || held.length === 0) {
            const before = budget.held;
            const ok = budget.tryReserve(bytes);
            expect(ok).toBe(before === 0 || before + bytes <= limit);
            if (ok) held.push(bytes);
          } else budget.release(held.shift()!);
          expect(budget.held).toBe(held.reduce((sum, bytes) => sum + bytes, 0));
          expect(budget.held <= limit || held.length === 1).toBe(true);
        }
      }),
    );
  });
});

describe('the budget of request body bytes in flight', () => {
  it('answers 503 with Retry-After to large bodies over it (declared or chunked), and stores every body it accepted', async () => {
    const collector = await startCollector({ maxInFlightBodyBytes: 3 * mib });
    const http = createTestHttp();
    try {
      // The first body is held open: its declared 2 MiB stay reserved while the others arrive.
      const first = validBody(2 * mib, 'first');
      const held = httpRequest({
        host: '127.0.0.1',
        port: collector.port,
        method: 'POST',
        path: '/codex/analytics-events/events',
        headers: { ...bearerHeaders, 'content-length': Buffer.byteLength(first.text) },
      });
      const heldStatus = new Promise<number>((resolve, reject) => {
        held.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        held.on('error', reject);
      });
      held.write(first.text.slice(0, 1000));
      while (collector.stats().requests < 1) await setImmediateAsync();

      const others = Array.from({ length: 3 }, (_, index) => validBody(2 * mib, `other-${index}`));
      const refused = await Promise.all([
        ...others.map((body) => http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body: body.text })),
        chunkedPost(collector.port, validBody(2 * mib, 'chunked').text),
      ]);
      held.end(first.text.slice(1000));

      for (const response of refused) {
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('1');
      }
      expect(refused[0].json().error).toBe('server_busy');
      expect(await heldStatus).toBe(200);
      expect(collector.stats().rejections.server_busy).toBe(4);
      expect(collector.events()).toHaveLength(first.events);

      // Sent together: whichever are accepted are stored whole, the others are refused with nothing stored.
      const together = Array.from({ length: 4 }, (_, index) => validBody(2 * mib, `together-${index}`));
      const answers = await Promise.all(together.map((body) => http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body: body.text })));
      const accepted = answers.flatMap((response, index) => (response.status === 200 ? [together[index]!.events] : []));
      expect(answers.every((response) => response.status === 200 || response.status === 503)).toBe(true);
      expect(accepted.length).toBeGreaterThan(0);
      expect(collector.events()).toHaveLength(first.events + accepted.reduce((sum, count) => sum + count, 0));
    } finally {
      await http.close();
      await collector.close();
    }
  }, 60_000);
});

/** POSTs `text` without a content-length (chunked), in 64 KiB writes. */
function chunkedPost(port: number, text: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json(): { error: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/codex/analytics-events/events', headers: bearerHeaders });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json: () => JSON.parse(Buffer.concat(chunks).toString()) as { error: string } }),
      );
    });
    request.on('error', reject);
    for (let from = 0; from < text.length; from += 64 * 1024) request.write(text.slice(from, from + 64 * 1024));
    request.end();
  });
}
