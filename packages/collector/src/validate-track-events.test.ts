import { afterEach, describe, expect, it, vi } from 'vitest';
import { appUsedEvent, hookRunEvent } from './__fixtures__/sample-events.js';
import { validateTrackEvents } from './validate-track-events.js';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('validateTrackEvents', () => {
  it('accepts valid events and keeps their order', async () => {
    const events = [hookRunEvent('a'), appUsedEvent('b')];

    expect(await validateTrackEvents(body({ events }))).toEqual({ kind: 'ok', events, drift: [], currentEraEvents: 0 });
  });

  it('strict: lists each failing leaf with the event index, event_type and path, and envelope errors with index null', async () => {
    const bad = { ...hookRunEvent(), extra: 1 };
    const result = await validateTrackEvents(body({ events: [hookRunEvent(), bad, { event_type: 'nope' }], other: true }), { strict: true });

    expect(result).toEqual({
      kind: 'invalid_events',
      errors: [
        { index: null, event_type: null, path: 'other', code: 'unrecognized_keys', message: expect.any(String) },
        { index: 1, event_type: 'codex_hook_run', path: 'extra', code: 'unrecognized_keys', message: expect.any(String) },
        { index: 2, event_type: 'nope', path: 'event_type', code: 'invalid_union', message: expect.any(String) },
      ],
      errorCount: 3,
      failingEvents: 2,
    });
  });

  it('by default accepts the same body, reporting the unknown keys and the unknown event type as drift', async () => {
    const bad = { ...hookRunEvent(), extra: 1 };
    const result = await validateTrackEvents(body({ events: [hookRunEvent(), bad, { event_type: 'nope' }], other: true }));

    expect(result).toEqual({
      kind: 'ok',
      // The unknown event type is kept as it came: a backend would accept it (issue 19: nothing accepted and not stored).
      events: [hookRunEvent(), bad, { event_type: 'nope' }],
      drift: [
        { index: null, event_type: null, unknownKeys: ['other'], stored: true },
        { index: 1, event_type: 'codex_hook_run', unknownKeys: ['extra'], stored: true },
        { index: 2, event_type: 'nope', unknownKeys: ['event_type'], stored: true },
      ],
      currentEraEvents: 1,
    });
  });

  it('by default still refuses a known key of the wrong type, in either era', async () => {
    const wrongType = hookRunEvent() as unknown as { event_params: Record<string, unknown> };
    wrongType.event_params.thread_id = 42;
    const result = await validateTrackEvents(body({ events: [wrongType] }));

    expect(result).toMatchObject({ kind: 'invalid_events', errors: [{ index: 0, event_type: 'codex_hook_run', path: 'event_params.thread_id' }] });
  });

  it('refuses a body without an events array and one that is not JSON', async () => {
    expect(await validateTrackEvents(body([]))).toMatchObject({ kind: 'invalid_events', errors: [{ index: null, path: '' }] });
    expect(await validateTrackEvents(body({ events: {} }))).toMatchObject({ kind: 'invalid_events', errors: [{ index: null, path: 'events' }] });
    expect(await validateTrackEvents(Buffer.from('{'))).toMatchObject({ kind: 'invalid_json' });
  });

  it('lists the first errors and counts the rest', async () => {
    const events = Array.from({ length: 5000 }, (_, index) => (index % 2 === 0 ? { event_type: 'codex_hook_run' } : hookRunEvent()));

    const result = await validateTrackEvents(body({ events }), { maxListedErrors: 10 });

    expect(result).toMatchObject({ kind: 'invalid_events', errorCount: 2500, failingEvents: 2500 });
    if (result.kind !== 'invalid_events') throw new Error('unreachable');
    expect(result.errors.map(({ index }) => index)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('gives the event loop back while it validates a large body', async () => {
    const events = Array.from({ length: 2000 }, () => ({ event_type: 'codex_hook_run' }));
    const ticks: number[] = [];
    let validated = false;
    const tick = () => {
      ticks.push(Date.now());
      if (!validated) setImmediate(tick);
    };

    const validation = validateTrackEvents(body({ events }), { sliceMs: 0 }).then((result) => {
      validated = true;
      return result;
    });
    setImmediate(tick);
    const result = await validation;

    expect(result).toMatchObject({ kind: 'invalid_events', errorCount: 2000 });
    // With slices of 0 ms it yields after every event: the other callback ran all along, not once at the end.
    expect(ticks.length).toBeGreaterThan(1000);
  });
});

describe('validateTrackEvents on a large body', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const largeBody = () => body({ events: Array.from({ length: 4000 }, (_, index) => hookRunEvent(`thread-${index}`)) });

  it('parses it in slices with yields between them, never handing JSON.parse the whole body', async () => {
    const whole = largeBody();
    const parse = vi.spyOn(JSON, 'parse');
    let yields = 0;

    const result = await validateTrackEvents(whole, { sliceBytes: 32 * 1024, yieldToEventLoop: () => Promise.resolve(void (yields += 1)) });

    expect(result).toMatchObject({ kind: 'ok', events: { length: 4000 } });
    expect(Math.max(...parse.mock.calls.map(([text]) => text.length))).toBeLessThanOrEqual(32 * 1024);
    expect(yields).toBeGreaterThanOrEqual(Math.floor(whole.length / (32 * 1024)));
  });

  it('finds a syntax error at the end of it in slices too, with the message and position JSON.parse gives', async () => {
    const whole = largeBody();
    const broken = Buffer.concat([whole.subarray(0, whole.length - 2), Buffer.from(' x]}')]);
    let yields = 0;
    let expected = '';
    try {
      JSON.parse(broken.toString());
    } catch (error) {
      expected = (error as Error).message;
    }

    const result = await validateTrackEvents(broken, { sliceBytes: 32 * 1024, yieldToEventLoop: () => Promise.resolve(void (yields += 1)) });

    expect(result).toEqual({ kind: 'invalid_json', message: expected });
    expect(yields).toBeGreaterThanOrEqual(Math.floor(whole.length / (32 * 1024)));
  });
});
