import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

describe('GET /api/events and /api/stats', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;
  const clock = { now: 0 };

  beforeEach(async () => {
    clock.now = Date.parse('2025-04-01T12:00:00Z');
    collector = await startCollector({ now: () => clock.now });
    http = createTestHttp();
    // Six events in three requests, one second apart: ids 1-2 at :00, 3-4 at :01, 5-6 at :02.
    await http.postEvents(collector, [hookRunEvent('thread-a'), appUsedEvent('thread-a')]);
    clock.now += 1000;
    await http.postEvents(collector, [hookRunEvent('thread-b'), pluginInstalledEvent()]);
    clock.now += 1000;
    await http.postEvents(collector, [hookRunEvent('thread-a'), appUsedEvent('thread-b')]);
  });

  afterEach(async () => {
    await http.close();
    await collector.close();
  });

  const ids = async (query: string) => {
    const response = await http.send(`${collector.url}/api/events${query}`);
    expect(response.status).toBe(200);
    return (response.json().events as { id: number }[]).map(({ id }) => id);
  };

  it('lists every stored event in arrival order by default', async () => {
    const response = await http.send(`${collector.url}/api/events`);

    expect(response.json()).toEqual({ events: collector.events(), total: 6, nextCursor: null });
    expect(await ids('')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('filters by event_type, by thread_id (of event_params) and by both', async () => {
    expect(await ids('?event_type=codex_hook_run')).toEqual([1, 3, 5]);
    expect(await ids('?thread_id=thread-b')).toEqual([3, 6]);
    expect(await ids('?thread_id=thread-a&event_type=codex_app_used')).toEqual([2]);
    expect(await ids('?event_type=codex_plugin_disabled')).toEqual([]);
  });

  it('filters by arrival time given in milliseconds or as an ISO time', async () => {
    expect(await ids(`?since=${Date.parse('2025-04-01T12:00:01Z')}`)).toEqual([3, 4, 5, 6]);
    expect(await ids('?since=2025-04-01T12:00:02Z')).toEqual([5, 6]);
    expect(await ids('?since=2025-04-01T12:00:02.001Z')).toEqual([]);
  });

  it('pages with limit and cursor until nextCursor is null', async () => {
    const pages: number[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const response = await http.send(`${collector.url}/api/events?event_type=codex_hook_run&limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`);
      const page = response.json();
      expect(page.total).toBe(3);
      pages.push((page.events as { id: number }[]).map(({ id }) => id));
      cursor = page.nextCursor as string | null;
    }

    expect(pages).toEqual([[1, 3], [5]]);
  });

  it('pages with offset', async () => {
    expect(await ids('?offset=2&limit=3')).toEqual([3, 4, 5]);
    expect(await ids('?offset=10')).toEqual([]);
  });

  it.each([
    ['?event_type=codex_nothing', 'unknown event_type'],
    ['?since=yesterday', 'since must be'],
    ['?limit=0', 'limit must be'],
    ['?limit=5000', 'limit must be'],
    ['?cursor=abc', 'cursor must be'],
    ['?offset=-1', 'offset must be'],
    ['?offset=1&cursor=2', 'not both'],
  ])('answers 400 to %s', async (query, message) => {
    const response = await http.send(`${collector.url}/api/events${query}`);

    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_query', message: expect.stringContaining(message) });
  });

  it('filters in process with events(filter) as well', () => {
    expect(collector.events({ threadId: 'thread-a', since: clock.now }).map(({ id }) => id)).toEqual([5]);
  });

  it('counts events per type, requests and rejections by reason', async () => {
    await http.postEvents(collector, [hookRunEvent()], { 'chatgpt-account-id': 'account-1' });
    await http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body: 'nope' });

    const stats = (await http.send(`${collector.url}/api/stats`)).json();

    expect(stats).toEqual(collector.stats());
    expect(stats).toMatchObject({
      requests: 5,
      acceptedRequests: 3,
      acceptedEvents: 6,
      storedEvents: 6,
      rejections: { unauthorized: 1, invalid_json: 1, invalid_events: 0, payload_too_large: 0 },
    });
    expect(stats.eventsByType).toMatchObject({ codex_hook_run: 3, codex_app_used: 2, codex_plugin_installed: 1, codex_turn_event: 0 });
    expect(Object.keys(stats.eventsByType)).toHaveLength(22);
  });

  it('answers 405 to a POST on the read side', async () => {
    const response = await http.send(`${collector.url}/api/events`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(405);
  });
});
