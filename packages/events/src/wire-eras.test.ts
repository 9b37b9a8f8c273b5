import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleEvents } from './example-events.js';
import { CURRENT_ONLY_EVENT_TYPES, EVENT_TYPES, findUnknownWireKeys, WIRE_ERAS, wireEraSchemas, wireEventSchema } from './index.js';

// The events real Codex CLIs sent, as recorded by tooling/conformance (read as test data).
const recordingsRoot = new URL('../../../tooling/conformance/recordings/', import.meta.url).pathname;
// A version's folder holds one session (0.169.0) or one folder per scenario (0.171.0 on).
const sessionDirs = readdirSync(recordingsRoot).flatMap((dir) =>
  existsSync(join(recordingsRoot, dir, 'analytics-requests.ndjson'))
    ? [dir]
    : readdirSync(join(recordingsRoot, dir)).map((scenario) => join(dir, scenario)),
);
const recorded = sessionDirs.flatMap((dir) =>
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

  it('has a current-era schema, and no seed-era one, for each of the 8 event types only today\'s Codex sends', () => {
    const recordedTypes = new Set(recorded.map(({ event }) => event.event_type));
    for (const type of ['codex_command_execution_event', 'codex_file_change_event', 'codex_accepted_line_fingerprints']) expect(recordedTypes).toContain(type);
    // The tool item events share their base: a recorded one, retyped, with each type's own keys, is valid and fully known.
    const base = structuredClone(recorded.find(({ event }) => event.event_type === 'codex_file_change_event')!.event) as { event_params: Record<string, unknown> };
    for (const key of ['file_change_count', 'file_add_count', 'file_update_count', 'file_delete_count', 'file_move_count']) delete base.event_params[key];
    const own: Record<string, Record<string, unknown>> = {
      codex_mcp_tool_call_event: { mcp_server_name: 'docs', mcp_tool_name: 'search', mcp_error_present: false, plugin_id: null, connector_id: null },
      codex_dynamic_tool_call_event: { dynamic_tool_name: 'lookup', success: true, output_content_item_count: 1, output_text_item_count: 1, output_image_item_count: 0, output_audio_item_count: 0 },
      codex_collab_agent_tool_call_event: { sender_thread_id: 't-1', receiver_thread_count: 1, receiver_thread_ids: ['t-2'], requested_model: null, requested_reasoning_effort: null, agent_state_count: 1, completed_agent_count: 1, failed_agent_count: 0 },
      codex_web_search_event: { web_search_action: 'search', query_present: true, query_count: 1 },
      codex_image_generation_event: { revised_prompt_present: true, saved_path_present: false, transparent_background: null, imagegen_request_id: null },
    };
    for (const type of CURRENT_ONLY_EVENT_TYPES) {
      expect(() => wireEventSchema('current', type)).not.toThrow();
      expect(() => wireEventSchema('seed', type)).toThrow(`no seed schema for ${type}`);
      if (own[type] === undefined) continue;
      const event = { event_type: type, event_params: { ...base.event_params, ...own[type] } };
      expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(findUnknownWireKeys(event, 'current')).toEqual([]);
      expect(findUnknownWireKeys(event, 'seed')).toEqual(['event_type']);
    }
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

  it('names an event type the era does not know as unknown', () => {
    expect(findUnknownWireKeys({ event_type: 'codex_command_execution_event', event_params: {} }, 'seed')).toEqual(['event_type']);
    expect(findUnknownWireKeys({ event_type: 'codex_goal_event', event_params: {} })).toEqual(['event_type']);
    expect(findUnknownWireKeys('not an event')).toEqual([]);
  });
});
