import { startCollector } from '@codex-analytics/collector';
import type { Collector } from '@codex-analytics/collector';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecording, recordedSessions, REDACTED } from './recording.js';

// Replays what the real Codex CLI sent (the committed recordings) into the collector, without the binary:
// every request is accepted and every event stored.
describe.each(recordedSessions().map((session) => [session.label, session] as const))('the analytics requests of Codex %s, replayed into the collector', (version, session) => {
  const recording = readRecording(session.dir);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ logger: { warn: (message) => expect.fail(message) } });
  });

  afterEach(async () => {
    await collector.close();
  });

  const replay = async () => {
    const statuses: number[] = [];
    for (const request of recording.analyticsRequests) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (name === 'content-length') continue;
        headers[name] = value !== REDACTED ? value : name === 'authorization' ? 'Bearer replayed-token' : 'replayed-account';
      }
      const response = await fetch(`${collector.url}${request.path}`, { method: 'POST', headers, body: JSON.stringify(request.body) });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    return statuses;
  };

  it('accepts 100% of the requests and stores every event, unchanged', async () => {
    const sent = recording.analyticsRequests.flatMap((request) => (request.body as { events: unknown[] }).events);

    expect(await replay()).toEqual(recording.analyticsRequests.map(() => 200));
    expect(collector.events().map((stored) => stored.event)).toEqual(sent);
    const stats = collector.stats();
    console.log(
      `replay of Codex ${version}: ${sent.length} event(s) stored (${Object.entries(stats.eventsByType)
        .filter(([, count]) => count > 0)
        .map(([type, count]) => `${type} x${count}`)
        .join(', ')}); today's wire format: ${stats.drift.currentEraEvents}; drift: ${JSON.stringify(stats.drift.byEventType)}`,
    );
    expect(stats.drift.currentEraEvents).toBe(sent.length);
  });

  it('knows every key Codex sent: no drift', async () => {
    await replay();
    expect(collector.stats().drift.byEventType).toEqual({});
  });

  it('is refused by a strict collector, which knows only the seed era', async () => {
    await collector.close();
    collector = await startCollector({ strict: true, logger: { warn: () => {} } });
    expect((await replay()).every((status) => status === 400)).toBe(true);
    expect(collector.events()).toEqual([]);
  });
});
