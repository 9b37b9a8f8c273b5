import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent } from './__fixtures__/sample-events.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';
import type { StoredEvent } from './stored-event.js';

/** Reads a server-sent event stream message by message. */
async function openStream(url: string, dispatcher: Agent, headers: Record<string, string> = {}) {
  const response = await request(url, { dispatcher, headers });
  const chunks = response.body[Symbol.asyncIterator]();
  let buffer = '';
  const nextMessage = async (): Promise<{ id: string | undefined; data: string | undefined; comment: boolean }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        return { id: field('id'), data: field('data'), comment: block.startsWith(':') || block.startsWith('retry:') };
      }
      const chunk = await chunks.next();
      if (chunk.done === true) throw new Error('the stream ended');
      buffer += (chunk.value as Buffer).toString('utf8');
    }
  };
  const nextEvent = async (): Promise<StoredEvent> => {
    for (;;) {
      const message = await nextMessage();
      if (!message.comment && message.data !== undefined) return JSON.parse(message.data) as StoredEvent;
    }
  };
  return { response, nextMessage, nextEvent, close: () => response.body.destroy() };
}

describe('GET /api/stream', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;
  let dispatcher: Agent;

  beforeEach(async () => {
    collector = await startCollector();
    http = createTestHttp();
    dispatcher = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
  });

  afterEach(async () => {
    await collector.close();
    await http.close();
    await dispatcher.destroy();
  });

  it('sends each newly stored event as a message with its id', async () => {
    const stream = await openStream(`${collector.url}/api/stream`, dispatcher);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    expect((await stream.nextMessage()).comment).toBe(true);

    await http.postEvents(collector, [hookRunEvent('thread-live')]);
    const received = await stream.nextEvent();

    expect(received).toEqual(collector.events()[0]);
    expect(received.event).toEqual(hookRunEvent('thread-live'));
    stream.close();
  });

  it('replays stored events after the given id first (after=, or Last-Event-ID on reconnect)', async () => {
    await http.postEvents(collector, [hookRunEvent('one'), hookRunEvent('two'), hookRunEvent('three')]);

    const fromStart = await openStream(`${collector.url}/api/stream?after=0`, dispatcher);
    const replayed = [await fromStart.nextEvent(), await fromStart.nextEvent(), await fromStart.nextEvent()];
    const resumed = await openStream(`${collector.url}/api/stream?after=0`, dispatcher, { 'last-event-id': '2' });

    expect(replayed.map(({ id }) => id)).toEqual([1, 2, 3]);
    expect((await resumed.nextEvent()).id).toBe(3);
    fromStart.close();
    resumed.close();
  });

  it('sends only the events that match its filters', async () => {
    const stream = await openStream(`${collector.url}/api/stream?event_type=codex_app_used`, dispatcher);
    await stream.nextMessage();

    await http.postEvents(collector, [hookRunEvent(), appUsedEvent('thread-app')]);

    expect(await stream.nextEvent()).toMatchObject({ id: 2, event: { event_type: 'codex_app_used' } });
    stream.close();
  });

  it('ends open streams when the collector closes', async () => {
    const stream = await openStream(`${collector.url}/api/stream`, dispatcher);
    await stream.nextMessage();

    await collector.close();

    await expect(stream.nextMessage()).rejects.toThrow();
  });
});
