import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import type { ClientLogger } from './client-logger.js';
import { formatCount, WarnEpisodes } from './warn-episodes.js';
import type { EpisodeWording } from './warn-episodes.js';
import { hook, testSetup, tracking } from './__tests__/fixtures.js';
import { status } from './__tests__/fake-transport.js';

function recordingLogger(): ClientLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => messages.push(message) };
}

const rejected: EpisodeWording = {
  first: () => 'analytics events rejected',
  summary: (total, since) => `${formatCount(total)} events rejected since ${since}`,
};

describe('WarnEpisodes', () => {
  it('logs the first occurrence of a condition, counts the rest, and logs the count when the episode ends', () => {
    const logger = recordingLogger();
    const episodes = new WarnEpisodes(logger, { now: () => 0 });
    for (let index = 0; index < 2_000; index += 1) episodes.occur('rejected', 1, rejected);
    expect(logger.messages).toEqual(['analytics events rejected']);
    episodes.end('rejected');
    expect(logger.messages).toEqual(['analytics events rejected', '2,000 events rejected since 1970-01-01T00:00:00.000Z']);
    episodes.end('rejected');
    expect(logger.messages).toHaveLength(2);
  });

  it('keeps conditions apart, weighs occurrences by count, and says nothing more for a single occurrence', () => {
    const logger = recordingLogger();
    const episodes = new WarnEpisodes(logger, { now: () => 0 });
    episodes.occur('a', 10, rejected);
    episodes.occur('b', 1, { first: () => 'b happened', summary: () => 'b summary' });
    episodes.occur('a', 5, rejected);
    episodes.endAll();
    expect(logger.messages).toEqual(['analytics events rejected', 'b happened', '15 events rejected since 1970-01-01T00:00:00.000Z']);
  });

  it('begins a new episode after a quiet period, closing the old one with its count', () => {
    const logger = recordingLogger();
    let now = 0;
    const episodes = new WarnEpisodes(logger, { now: () => now, quietMs: 1_000 });
    episodes.occur('a', 1, rejected);
    now = 999;
    episodes.occur('a', 1, rejected);
    now = 1_999;
    episodes.occur('a', 1, rejected);
    expect(logger.messages).toEqual([
      'analytics events rejected',
      '2 events rejected since 1970-01-01T00:00:00.000Z',
      'analytics events rejected',
    ]);
  });

  it('survives a logger, a clock and a wording that throw, and caps the conditions it tracks', () => {
    const throwing: ClientLogger = {
      warn: () => {
        throw new Error('logger');
      },
    };
    const episodes = new WarnEpisodes(throwing, {
      now: () => {
        throw new Error('clock');
      },
    });
    episodes.occur('x', 1, {
      first: () => {
        throw new Error('wording');
      },
      summary: () => '',
    });
    episodes.endAll();
    const logger = recordingLogger();
    const capped = new WarnEpisodes(logger, { maxConditions: 2 });
    for (let index = 0; index < 5; index += 1) capped.occur(`c${index}`, 1, rejected);
    expect(logger.messages).toHaveLength(2);
  });
});

describe('the client keeps "repeated conditions warn once"', () => {
  it('2,000 rejected events give one warning and, at shutdown, one count line', async () => {
    const logger = recordingLogger();
    const { options, transport } = testSetup({ logger, maxBatchEvents: 1 });
    transport.respond(() => status(400));
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 2_000; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    expect(await client.flush()).toMatchObject({ failed: 2_000, pending: 0 });
    expect(logger.messages).toEqual(['analytics events failed (1 events): status 400: nope; further failures like it are counted']);
    await client.shutdown();
    expect(logger.messages).toHaveLength(2);
    expect(logger.messages[1]).toMatch(/^2,000 analytics events failed since \S+Z \(rejected, status 400\)$/);
  });

  it('a listener that always throws is reported once per episode', async () => {
    const logger = recordingLogger();
    const { options } = testSetup({ logger });
    const client = new AnalyticsEventsClient(options);
    client.on('sent', () => {
      throw new Error('listener bug');
    });
    for (let round = 0; round < 50; round += 1) {
      client.trackHookRun(tracking(`turn-${round}`), hook);
      await client.flush();
    }
    expect(logger.messages).toEqual(["an analytics 'sent' listener threw; ignored"]);
    await client.shutdown();
    expect(logger.messages[1]).toMatch(/^an analytics 'sent' listener threw 50 times since \S+; ignored$/);
  });

  it('invalid facts of one kind warn once per episode', async () => {
    const logger = recordingLogger();
    const { options } = testSetup({ logger });
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 100; index += 1) client.trackHookRun({ ...tracking(), turnId: 7 } as never, hook);
    expect((await client.shutdown()).dropped).toEqual({ invalid_fact: 100 });
    expect(logger.messages).toHaveLength(2);
    expect(logger.messages[1]).toMatch(/^100 analytics facts `hook_run` dropped since \S+: invalid at `tracking.turnId`$/);
  });
});
