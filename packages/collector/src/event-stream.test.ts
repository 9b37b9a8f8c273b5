import { once } from 'node:events';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setImmediate as setImmediateAsync } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent } from './__fixtures__/sample-events.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { createEventStore } from './event-store.js';
import { createEventStreamHub, droppedStreamText } from './event-stream.js';
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

describe('a stream whose reader falls behind', () => {
  const cap = 64 * 1024;
  const bigThread = 'x'.repeat(10_000);
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A hub behind a real server, and a raw socket on `/api/stream` that reads nothing until told. */
  async function slowReader(dropGraceMs: number) {
    const store = createEventStore();
    let drops = 0;
    const hub = createEventStreamHub(store, { heartbeatMs: 60_000, maxBufferedBytes: cap, onDrop: () => void (drops += 1), dropGraceMs });
    const responses: ServerResponse[] = [];
    const server = createServer((request, response) => {
      responses.push(response);
      hub.open(request, response, { filter: {}, afterId: undefined });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => server.closeAllConnections());
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    await once(socket, 'connect');
    socket.pause();
    socket.write('GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    while (responses.length === 0) await setImmediateAsync();
    let nextId = 1;
    /** Stores events of about 10 kB, one by one, until the stream is dropped; the most the collector held for it. */
    const publishUntilDropped = async (limit: number) => {
      let mostHeld = 0;
      for (let count = 0; count < limit && drops === 0; count += 1) {
        store.add([storedEvent(nextId++, bigThread)]);
        mostHeld = Math.max(mostHeld, responses[0]!.writableLength);
        // Lets the response hand what it can to the kernel, as between real requests.
        if (count % 20 === 0) await setImmediateAsync();
      }
      return mostHeld;
    };
    return { socket, response: responses[0]!, drops: () => drops, publishUntilDropped };
  }

  it('is dropped and counted once it would hold more than the cap, holding no more than that meanwhile, and let go', async () => {
    const reader = await slowReader(50);

    // 2000 events of 10 kB are 20 MB: far more than the kernel's socket buffers take for a reader that never reads.
    const mostHeld = await reader.publishUntilDropped(2000);

    expect(reader.drops()).toBe(1);
    expect(mostHeld).toBeLessThanOrEqual(cap + 12_000);
    // Its socket is destroyed after the grace, releasing what it still buffered.
    if (!reader.response.destroyed) await once(reader.response, 'close');
    expect(reader.response.writableLength).toBe(0);
  });

  it('tells a reader that was dropped to reconnect: a comment and a retry line end its stream', async () => {
    const reader = await slowReader(60_000);
    await reader.publishUntilDropped(2000);
    expect(reader.drops()).toBe(1);

    const chunks: Buffer[] = [];
    reader.socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    reader.socket.resume();
    await once(reader.socket, 'end');

    // After the last event (the response is chunked: the goodbye is the last chunk before the final empty one).
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.lastIndexOf(droppedStreamText)).toBeGreaterThan(text.lastIndexOf('\nid: '));
    expect(text.endsWith(`${droppedStreamText}\r\n0\r\n\r\n`)).toBe(true);
  });

  it('keeps a reader that reads, replaying a store many times the cap through backpressure, then the new events', async () => {
    const store = createEventStore();
    store.restore(Array.from({ length: 300 }, (_, index) => storedEvent(index + 1, bigThread)));
    let drops = 0;
    const hub = createEventStreamHub(store, { heartbeatMs: 60_000, maxBufferedBytes: cap, onDrop: () => void (drops += 1) });
    const server = createServer((request, response) => hub.open(request, response, { filter: {}, afterId: 0 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dispatcher = new Agent();
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => server.closeAllConnections(), () => dispatcher.destroy());

    const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stream`, dispatcher);
    const ids: number[] = [];
    for (let count = 0; count < 300; count += 1) {
      ids.push((await stream.nextEvent()).id);
      if (count === 10) store.add([storedEvent(301, bigThread)]);
    }
    ids.push((await stream.nextEvent()).id);

    expect(ids).toEqual(Array.from({ length: 301 }, (_, index) => index + 1));
    expect(drops).toBe(0);
    stream.close();
  });
});

describe('stats().droppedStreams', () => {
  it('counts the /api/stream readers the collector dropped', async () => {
    const collector = await startCollector({ maxStreamBufferBytes: 32 * 1024 });
    const http = createTestHttp();
    const socket = connect(collector.port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      socket.pause();
      socket.write(`GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:${collector.port}\r\n\r\n`);
      const thread = 'y'.repeat(10_000);
      for (let batch = 0; batch < 40 && collector.stats().droppedStreams === 0; batch += 1) {
        const response = await http.postEvents(collector, Array.from({ length: 50 }, () => hookRunEvent(thread)));
        expect(response.status).toBe(200);
      }

      expect(collector.stats().droppedStreams).toBe(1);
    } finally {
      socket.destroy();
      await http.close();
      await collector.close();
    }
  });
});

function storedEvent(id: number, threadId: string): StoredEvent {
  return { id, requestId: id, receivedAt: 1_700_000_000_000, accountId: 'account-1', authScheme: 'bearer', agentRuntimeId: null, event: hookRunEvent(threadId) };
}
