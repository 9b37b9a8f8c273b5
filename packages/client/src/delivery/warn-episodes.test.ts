import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import { formatCount, WarnEpisodes } from './warn-episodes.js';
import type { EpisodeWording } from './warn-episodes.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { status } from '../__fixtures__/fake-transport.js';

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

describe('WarnEpisodes with hysteresis (a cleared cause ends the episode only after clearMs of absence)', () => {
  it('a condition that flaps (occurs, clears, occurs again within clearMs) stays one episode', () => {
    const logger = recordingLogger();
    let now = 0;
    const episodes = new WarnEpisodes(logger, { now: () => now, clearMs: 1_000, reportEveryMs: 100_000, quietMs: 100_000 });
    for (let round = 0; round < 500; round += 1) {
      episodes.occur('full', 1, rejected);
      now += 10;
      episodes.clear('full');
      now += 10;
    }
    expect(logger.messages).toEqual(['analytics events rejected']);
    now += 989; // 999 ms after the last clear
    episodes.occur('other', 1, rejected);
    expect(logger.messages).toHaveLength(2);
    now += 1;
    episodes.clear('other');
    expect(logger.messages).toEqual(['analytics events rejected', 'analytics events rejected', '500 events rejected since 1970-01-01T00:00:00.000Z']);
  });

  it('an episode that goes on logs a count line per reportEveryMs, and the end line counts only what came after it', () => {
    const logger = recordingLogger();
    let now = 0;
    const episodes = new WarnEpisodes(logger, { now: () => now, reportEveryMs: 60_000 });
    for (let second = 0; second < 150; second += 1) {
      episodes.occur('full', 2, rejected);
      now += 1_000;
    }
    episodes.endAll();
    expect(logger.messages).toEqual([
      'analytics events rejected',
      '122 events rejected since 1970-01-01T00:00:00.000Z',
      '120 events rejected since 1970-01-01T00:01:00.000Z',
      '58 events rejected since 1970-01-01T00:02:00.000Z',
    ]);
  });

  // The invariant finding 7 of issue 21 broke: under any schedule of occurrences and clears, a condition logs at most
  // three lines in any 60 s, and every occurrence's weight is in exactly one line (a count line, or the first line of
  // an episode that had no other occurrence).
  it('property: at most three lines a minute per condition, every occurrence counted exactly once', () => {
    const step = fc.record({
      dt: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 90_000 })),
      action: fc.constantFrom('occur', 'occur', 'occur', 'clear'),
      condition: fc.constantFrom('a', 'b'),
      weight: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const lines: { at: number; condition: string; text: string }[] = [];
        let now = 0;
        let current = '';
        const episodes = new WarnEpisodes({ warn: (text) => lines.push({ at: now, condition: current, text }) }, { now: () => now });
        const total: Record<string, number> = { a: 0, b: 0 };
        for (const { dt, action, condition, weight } of steps) {
          now += dt;
          current = condition;
          if (action === 'clear') {
            // A clear can end the other condition's cleared episode too: attribute lines by their text.
            episodes.clear(condition);
            continue;
          }
          total[condition] = (total[condition] ?? 0) + weight;
          episodes.occur(condition, weight, {
            first: () => `${condition} first ${weight}`,
            summary: (count) => `${condition} count ${count}`,
          });
        }
        now += 1;
        episodes.endAll();
        for (const condition of ['a', 'b']) {
          const own = lines.filter((line) => line.text.startsWith(`${condition} `));
          for (let index = 0; index + 3 < own.length; index += 1) {
            expect(own[index + 3]!.at - own[index]!.at).toBeGreaterThanOrEqual(60_000);
          }
          // Split into episodes at each first line; each episode's weight is its count lines, or its lone first line.
          let counted = 0;
          let episode: string[] = [];
          const close = (): void => {
            if (episode.length === 0) return;
            const counts = episode.slice(1).map((text) => Number(text.split(' ')[2]));
            counted += counts.length > 0 ? counts.reduce((sum, value) => sum + value, 0) : Number(episode[0]!.split(' ')[2]);
          };
          for (const { text } of own) {
            if (text.includes(' first ')) {
              close();
              episode = [text];
            } else episode.push(text);
          }
          close();
          expect(counted).toBe(total[condition]);
        }
      }),
      { numRuns: 300 },
    );
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
