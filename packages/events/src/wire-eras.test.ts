import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleEvents } from './__fixtures__/example-events.js';
import { EVENT_TYPES, findUnknownWireKeys, WIRE_ERAS, wireEraSchemas, wireEventSchema } from './index.js';

// The events real Codex CLIs sent, as recorded by tooling/conformance (read as test data).
const recordingsRoot = new URL('../../../tooling/conformance/recordings/', import.meta.url).pathname;
const recorded = readdirSync(recordingsRoot).flatMap((dir) =>
  readFileSync(join(recordingsRoot, dir, 'analytics-requests.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => (JSON.parse(line) as { body: { events: Array<Record<string, unknown>> } }).body.events)
    .map((event) => ({ version: dir, event })),
);

describe('wire eras', () => {
  it('are named seed and current, each with an event and a request schema', () => {
    expect(WIRE_ERAS).toEqual(['seed', 'current']);
    for (const era of WIRE_ERAS) {
      expect(wireEraSchemas[era].request.safeParse({ events: [] }).success).toBe(true);
      for (const type of EVENT_TYPES) expect(wireEventSchema(era, type).safeParse(exampleEvents[type]).success).toBe(true);
    }
  });

  it.each(EVENT_TYPES)('a seed-era %s is valid in both eras with no unknown key', (type) => {
    const example = exampleEvents[type];
    for (const era of WIRE_ERAS) {
      expect(wireEraSchemas[era].event.safeParse(example).success).toBe(true);
      expect(findUnknownWireKeys(example, era)).toEqual([]);
    }
  });

  it('has recordings of real Codex traffic to check against', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  it.each(recorded.map(({ version, event }) => [version, String(event.event_type), event] as const))(
    '%s: %s is valid in the current era, every key known; the seed era refuses it and names the new keys',
    (_version, _type, event) => {
      expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(findUnknownWireKeys(event, 'current')).toEqual([]);
      const newKeys = findUnknownWireKeys(event, 'seed');
      expect(newKeys.length).toBeGreaterThan(0);
      expect(wireEraSchemas.seed.event.safeParse(event).success).toBe(false);
    },
  );

  it('keeps a key no era knows and reports it with its path, at any depth', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EVENT_TYPES),
        fc.stringMatching(/^[a-z][a-z_]{0,20}$/).map((name) => `zz_${name}`),
        fc.jsonValue(),
        fc.boolean(),
        (type, key, value, nested) => {
          const event = structuredClone(exampleEvents[type]) as unknown as { event_params: Record<string, unknown> };
          const runtime = event.event_params.runtime as Record<string, unknown> | undefined;
          const target = nested && runtime !== undefined ? runtime : event.event_params;
          target[key] = value;
          const path = target === runtime ? `event_params.runtime.${key}` : `event_params.${key}`;
          const parsed = wireEraSchemas.current.event.safeParse(event);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual(event);
          expect(findUnknownWireKeys(event, 'current')).toEqual([path]);
          expect(wireEraSchemas.seed.event.safeParse(event).success).toBe(false);
        },
      ),
    );
  });

  it('still checks the types of the keys it knows, old and new', () => {
    const turn = structuredClone(recorded.find(({ event }) => event.event_type === 'codex_turn_event')!.event) as { event_params: Record<string, unknown> };
    expect(wireEraSchemas.current.event.safeParse(turn).success).toBe(true);
    for (const [key, bad] of [
      ['session_id', 5],
      ['critical_path_duration_ms', -1],
      ['thread_id', null],
      ['is_first_turn', 'yes'],
    ] as const) {
      const broken = structuredClone(turn);
      broken.event_params[key] = bad;
      expect(wireEraSchemas.current.event.safeParse(broken).success, key).toBe(false);
    }
  });

  it('names an event type outside the 14 as unknown', () => {
    expect(findUnknownWireKeys({ event_type: 'codex_command_execution_event', event_params: {} })).toEqual(['event_type']);
    expect(findUnknownWireKeys('not an event')).toEqual([]);
  });
});
