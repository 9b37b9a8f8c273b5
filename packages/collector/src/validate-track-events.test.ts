import { describe, expect, it } from 'vitest';
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
      events: [hookRunEvent(), bad],
      drift: [
        { index: null, event_type: null, unknownKeys: ['other'], stored: true },
        { index: 1, event_type: 'codex_hook_run', unknownKeys: ['extra'], stored: true },
        { index: 2, event_type: 'nope', unknownKeys: ['event_type'], stored: false },
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
