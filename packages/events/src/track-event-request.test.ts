import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exampleEvents } from './example-events.js';
import { EVENT_TYPES, TRACK_EVENTS_PATH, trackEventRequestSchema, trackEventsRequestSchema } from './index.js';

type JsonObject = Record<string, unknown>;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function paramsOf(event: JsonObject): JsonObject {
  return event.event_params as JsonObject;
}

/** Rebuilds an object with its keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

function issuePaths(result: z.ZodSafeParseResult<unknown>): string[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.'));
}

function expectFailureAt(input: unknown, path: string): void {
  const result = trackEventRequestSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(issuePaths(result)).toContain(path);
}

describe('EVENT_TYPES', () => {
  it('lists the 14 distinct event types, and an example of each exists', () => {
    expect(EVENT_TYPES).toHaveLength(14);
    expect(new Set(EVENT_TYPES).size).toBe(14);
    expect(Object.keys(exampleEvents).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('names the endpoint path', () => {
    expect(TRACK_EVENTS_PATH).toBe('/codex/analytics-events/events');
  });
});

describe.each(EVENT_TYPES)('%s', (eventType) => {
  const example = exampleEvents[eventType] as unknown as JsonObject;

  it('parses the full example from the spec and serializes it unchanged', () => {
    const parsed = trackEventRequestSchema.parse(clone(example));
    expect(parsed.event_type).toBe(eventType);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(example));
  });

  it("serializes in the spec's key order whatever the input order", () => {
    const shuffled = reverseKeys(example) as JsonObject;
    expect(Object.keys(shuffled)[0]).not.toBe('event_type');
    const parsed = trackEventRequestSchema.parse(shuffled);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(example));
  });

  it('rejects each missing key with an error naming it', () => {
    for (const key of Object.keys(paramsOf(example))) {
      const broken = clone(example);
      delete paramsOf(broken)[key];
      expectFailureAt(broken, `event_params.${key}`);
    }
  });

  it('rejects an extra key with an error naming the key', () => {
    const broken = clone(example);
    paramsOf(broken).unexpected_field = 1;
    const result = trackEventRequestSchema.safeParse(broken);
    expect(result.success).toBe(false);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      expect(issue.path).toEqual(['event_params']);
      expect(issue.code).toBe('unrecognized_keys');
      expect(issue.message).toContain('unexpected_field');
    }
    const topLevel = { ...clone(example), extra: true };
    expect(trackEventRequestSchema.safeParse(topLevel).success).toBe(false);
  });
});

describe('enum fields accept exactly the listed strings', () => {
  const cases: Array<[keyof typeof exampleEvents, string, unknown]> = [
    ['skill_invocation', 'event_params.invoke_type', 'sometimes'],
    ['skill_invocation', 'event_params.skill_scope', 'global'],
    ['codex_thread_initialized', 'event_params.app_server_client.rpc_transport', 'http'],
    ['codex_thread_initialized', 'event_params.initialization_mode', 'cloned'],
    ['codex_thread_initialized', 'event_params.thread_source', 'mcp'],
    ['codex_guardian_review', 'event_params.decision', 'maybe'],
    ['codex_guardian_review', 'event_params.terminal_status', 'timeout'],
    ['codex_guardian_review', 'event_params.reviewed_action.sandbox_permissions', 'escalated'],
    ['codex_hook_run', 'event_params.status', 'running'],
    ['codex_hook_run', 'event_params.hook_name', 'preToolUse'],
    ['codex_hook_run', 'event_params.hook_source', 'admin'],
    ['codex_compaction_event', 'event_params.phase', 'post_turn'],
    ['codex_compaction_event', 'event_params.strategy', 'summary'],
    ['codex_turn_event', 'event_params.approval_policy', 'on_request'],
    ['codex_turn_event', 'event_params.sandbox_policy', 'danger-full-access'],
    ['codex_turn_event', 'event_params.service_tier', null],
    ['codex_turn_event', 'event_params.reasoning_summary', 'none'],
    ['codex_turn_event', 'event_params.personality', 'none'],
    ['codex_turn_event', 'event_params.collaboration_mode', 'pair_programming'],
    ['codex_turn_event', 'event_params.status', 'inProgress'],
    ['codex_turn_event', 'event_params.completed_at', null],
    ['codex_turn_steer_event', 'event_params.rejection_reason', 'empty'],
    ['codex_turn_steer_event', 'event_params.result', 'ok'],
  ];

  it.each(cases)('%s %s rejects %j', (eventType, path, value) => {
    const broken = clone(exampleEvents[eventType]) as unknown as JsonObject;
    const segments = path.split('.');
    let target: JsonObject = broken;
    for (const segment of segments.slice(0, -1)) target = target[segment] as JsonObject;
    target[segments.at(-1)!] = value;
    expectFailureAt(broken, path);
  });

  it('rejects an unknown event_type at the discriminator', () => {
    const broken = { ...clone(exampleEvents.codex_hook_run), event_type: 'codex_hook_started' };
    expectFailureAt(broken, 'event_type');
  });
});

describe('guardian reviewed_action variants', () => {
  const variants = [
    {
      type: 'unified_exec',
      command: ['npm', 'test'],
      command_display: 'npm test',
      cwd: '/repo',
      sandbox_permissions: 'use_default',
      additional_permissions: null,
      justification: null,
      tty: true,
    },
    {
      type: 'execve',
      source: 'unified_exec',
      program: '/usr/bin/git',
      argv: ['git', 'push'],
      cwd: '/repo',
      additional_permissions: { network: { enabled: true } },
    },
    { type: 'apply_patch', cwd: '/repo', files: ['src/a.ts', 'src/b.ts'] },
    { type: 'network_access', target: 'https://example.com:443', host: 'example.com', protocol: 'https', port: 443 },
    {
      type: 'mcp_tool_call',
      server: 'github',
      tool_name: 'create_issue',
      connector_id: null,
      connector_name: null,
      tool_title: 'Create issue',
    },
  ];

  it.each(variants)('accepts $type', (action) => {
    const event = clone(exampleEvents.codex_guardian_review) as unknown as JsonObject;
    paramsOf(event).reviewed_action = action;
    const parsed = trackEventRequestSchema.parse(event);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(event));
  });

  it('rejects a port outside u16 and an unknown action type', () => {
    const event = clone(exampleEvents.codex_guardian_review) as unknown as JsonObject;
    paramsOf(event).reviewed_action = { ...variants[3], port: 70_000 };
    expectFailureAt(event, 'event_params.reviewed_action.port');
    paramsOf(event).reviewed_action = { type: 'browser', url: 'https://example.com' };
    expectFailureAt(event, 'event_params.reviewed_action.type');
  });
});

describe('turn_error', () => {
  const withError = (turnError: unknown): JsonObject => {
    const event = clone(exampleEvents.codex_turn_event) as unknown as JsonObject;
    Object.assign(paramsOf(event), { status: 'failed', turn_error: turnError });
    return event;
  };

  it('passes unit and struct variants of CodexErrorInfo through verbatim', () => {
    for (const turnError of ['badRequest', { httpConnectionFailed: { httpStatusCode: 502 } }, { activeTurnNotSteerable: { turnKind: 'review' } }]) {
      const parsed = trackEventRequestSchema.parse(withError(turnError));
      expect(parsed.event_params).toHaveProperty('turn_error', turnError);
    }
  });

  it('rejects an object with more than one key', () => {
    expectFailureAt(withError({ a: {}, b: {} }), 'event_params.turn_error');
  });
});

describe('numbers', () => {
  it('rejects negative u64 fields and fractions', () => {
    const negative = clone(exampleEvents.codex_thread_initialized) as unknown as JsonObject;
    paramsOf(negative).created_at = -1;
    expectFailureAt(negative, 'event_params.created_at');
    const fraction = clone(exampleEvents.codex_turn_event) as unknown as JsonObject;
    paramsOf(fraction).input_tokens = 1.5;
    expectFailureAt(fraction, 'event_params.input_tokens');
  });
});

describe('trackEventsRequestSchema', () => {
  it('accepts the envelope with every event type, in order', () => {
    const body = { events: EVENT_TYPES.map((type) => clone(exampleEvents[type])) };
    const parsed = trackEventsRequestSchema.parse(body);
    expect(parsed.events.map((event) => event.event_type)).toEqual([...EVENT_TYPES]);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(body));
  });

  it('names the failing event index and field', () => {
    const bad = clone(exampleEvents.codex_app_used) as unknown as JsonObject;
    paramsOf(bad).invoke_type = 'always';
    const result = trackEventsRequestSchema.safeParse({ events: [clone(exampleEvents.codex_hook_run), bad] });
    expect(issuePaths(result)).toEqual(['events.1.event_params.invoke_type']);
  });

  it('rejects keys other than events', () => {
    const result = trackEventsRequestSchema.safeParse({ events: [], batch_id: 'x' });
    expect(result.success).toBe(false);
  });
});
