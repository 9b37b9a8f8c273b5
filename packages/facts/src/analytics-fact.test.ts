import { codexRuntimeMetadataSchema, guardianReviewEventFieldsSchema } from '@codex-analytics/events';
import { describe, expect, it } from 'vitest';
import { exampleFacts } from './example-facts.js';
import { FACT_TYPES, analyticsFactSchema, safeParseFact } from './index.js';
import type { AnalyticsFact, FactType } from './index.js';

type JsonObject = Record<string, unknown>;

/** A deep, mutable copy of the example fact of `type`. */
function example(type: FactType): JsonObject {
  return structuredClone(exampleFacts[type]);
}

function jsonRoundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

// Externally tagged protocol enums (`CodexErrorInfo`) are single-key objects by definition: no extra key there.
const SINGLE_KEY_PARENTS = new Set(['codexErrorInfo']);

/** Adds a `futureField` to every object at every depth, as a newer protocol or caller might. */
function withFutureFields(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withFutureFields(item, parentKey));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, withFutureFields(inner, key)]);
  if (!SINGLE_KEY_PARENTS.has(parentKey)) entries.push(['futureField', { added: 'later' }]);
  return Object.fromEntries(entries);
}

function countKey(value: unknown, key: string): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countKey(item, key), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce(
    (sum: number, [name, inner]) => sum + (name === key ? 1 : 0) + countKey(inner, key),
    0,
  );
}

function set(target: JsonObject, path: string, value: unknown): void {
  const segments = path.split('.');
  let cursor: JsonObject = target;
  for (const segment of segments.slice(0, -1)) cursor = cursor[segment] as JsonObject;
  const last = segments.at(-1)!;
  if (value === undefined) delete cursor[last];
  else cursor[last] = value;
}

function expectFailureAt(input: unknown, path: string): void {
  const result = safeParseFact(input);
  expect(result.success).toBe(false);
  if (!result.success) expect(result.issues.map((issue) => issue.path)).toContain(path);
}

describe('FACT_TYPES', () => {
  it('lists the 18 fact types, each with a schema and an example', () => {
    expect(FACT_TYPES).toHaveLength(18);
    expect(new Set(FACT_TYPES).size).toBe(18);
    const schemaTypes = analyticsFactSchema.options.map((option) => option.shape.type.value);
    expect(schemaTypes).toEqual([...FACT_TYPES]);
    expect(Object.keys(exampleFacts).sort()).toEqual([...FACT_TYPES].sort());
  });
});

describe.each(FACT_TYPES)('%s', (type) => {
  it('parses the example unchanged', () => {
    const parsed = analyticsFactSchema.parse(example(type));
    expect(parsed.type).toBe(type);
    expect(parsed).toStrictEqual(exampleFacts[type]);
  });

  it('survives a JSON round trip: a recorded fact parses back to an equal fact', () => {
    const parsed = analyticsFactSchema.parse(example(type));
    const replayed = analyticsFactSchema.parse(jsonRoundTrip(parsed));
    expect(replayed).toStrictEqual(parsed);
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(parsed));
  });

  it('ignores unknown extra fields at every depth', () => {
    const input = withFutureFields(example(type));
    const result = safeParseFact(input);
    if (!result.success) throw new Error(result.message);
    expect(result.fact.type).toBe(type);
    // Custom facts drop what they do not know; the wrapper always does.
    expect(result.fact).not.toHaveProperty('futureField');
    const replayed = analyticsFactSchema.parse(jsonRoundTrip(result.fact));
    expect(replayed).toStrictEqual(result.fact);
  });

  it('rejects the fact when its type is changed to another fact type', () => {
    const other = FACT_TYPES[(FACT_TYPES.indexOf(type) + 1) % FACT_TYPES.length]!;
    const result = analyticsFactSchema.safeParse({ ...example(type), type: other });
    expect(result.success).toBe(false);
  });
});

describe('unknown fields', () => {
  it('keeps unknown fields of protocol objects verbatim', () => {
    const parsed = analyticsFactSchema.parse(withFutureFields(example('client_response')));
    // Every protocol object below `response` keeps its extra field; the fact wrapper drops its own.
    expect(countKey(parsed, 'futureField')).toBeGreaterThan(3);
    const response = (parsed as { response: { response: { thread: JsonObject } } }).response.response;
    expect(response.thread.futureField).toEqual({ added: 'later' });
    expect(response.thread.sessionId).toBe('session-1');
  });

  it.each([
    'skill_invoked',
    'app_mentioned',
    'app_used',
    'hook_run',
    'plugin_used',
    'plugin_state_changed',
    'compaction',
    'guardian_review',
  ] as const)('drops every unknown field of %s (a custom fact with no protocol object inside)', (type) => {
    const parsed = analyticsFactSchema.parse(withFutureFields(example(type)));
    expect(countKey(parsed, 'futureField')).toBe(0);
    expect(parsed).toStrictEqual(exampleFacts[type]);
  });

  it('takes guardian reviews in camelCase only: the snake_case params of 0.1 are refused with the first camelCase path', () => {
    const review = (exampleFacts.guardian_review as { review: Record<string, unknown> }).review;
    const snake = Object.fromEntries(
      Object.entries(review).map(([key, value]) => [key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), value]),
    );
    const result = safeParseFact({ type: 'guardian_review', review: snake });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues[0]?.path).toBe('review.threadId');
    expect(guardianReviewEventFieldsSchema.safeParse(review).success).toBe(false);
  });

  it('drops unknown fields of the runtime block, so it stays valid for the strict wire schema', () => {
    const parsed = analyticsFactSchema.parse(withFutureFields(example('initialize')));
    if (parsed.type !== 'initialize') throw new Error('wrong fact');
    expect(codexRuntimeMetadataSchema.safeParse(parsed.runtime).success).toBe(true);
    expect(parsed.params.clientInfo.futureField).toEqual({ added: 'later' });
  });
});

describe('malformed facts fail with a path naming the field', () => {
  const cases: Array<[FactType, string, unknown, string?]> = [
    ['initialize', 'connectionId', 'seven'],
    ['initialize', 'connectionId', -1],
    ['initialize', 'connectionId', undefined],
    ['initialize', 'params.clientInfo.name', undefined],
    ['initialize', 'params.capabilities', undefined],
    ['initialize', 'params.capabilities.experimentalApi', 'yes'],
    ['initialize', 'runtime.runtime_os', undefined],
    ['initialize', 'rpcTransport', 'http'],
    ['initialize', 'productClientId', null],
    ['client_request', 'requestId', undefined],
    ['client_request', 'requestId', 1.5],
    ['client_request', 'requestId', true],
    ['client_request', 'request.id', undefined],
    ['client_request', 'request.method', undefined],
    ['client_request', 'request.params.threadId', 42],
    ['client_request', 'request.params.input', undefined],
    ['client_response', 'connectionId', undefined],
    ['client_response', 'response.requestId', undefined, 'response.id'],
    ['client_response', 'response.requestId', 1.5],
    ['client_response', 'response.response', undefined],
    ['client_response', 'response.response.model', undefined],
    ['client_response', 'response.response.thread.id', undefined],
    ['client_response', 'response.response.thread.createdAt', '2024-05-18'],
    ['client_response', 'response.response.thread.source', 'desktop'],
    ['error_response', 'requestId', undefined],
    ['error_response', 'error.code', '-32600'],
    ['error_response', 'error.message', undefined],
    ['error_response', 'errorType', undefined],
    ['error_response', 'errorType.error', 'empty'],
    ['error_response', 'errorType.kind', 'network'],
    ['notification', 'notification.params.turn.id', undefined],
    ['notification', 'notification.params.turn.status', 'running'],
    ['notification', 'notification.params.turn.completedAt', undefined],
    ['notification', 'notification.params.turn.durationMs', 1.5],
    ['skill_invoked', 'tracking.turnId', undefined],
    ['skill_invoked', 'tracking.modelSlug', 5],
    ['skill_invoked', 'invocations', 'doc'],
    ['app_mentioned', 'mentions', undefined],
    ['app_used', 'app.invocationType', 'sometimes'],
    ['app_used', 'app.connectorId', undefined],
    ['hook_run', 'hook.eventName', 'preToolUse'],
    ['hook_run', 'hook.hookSource', 'admin'],
    ['hook_run', 'hook.status', 'done'],
    ['plugin_used', 'plugin.pluginId.pluginName', 'bad name'],
    ['plugin_used', 'plugin.pluginId.marketplaceName', ''],
    ['plugin_used', 'plugin.capabilitySummary.hasSkills', undefined],
    ['plugin_state_changed', 'state', 'removed'],
    ['plugin_state_changed', 'plugin.capabilitySummary', undefined],
    ['compaction', 'event.phase', 'post_turn'],
    ['compaction', 'event.startedAt', -1],
    ['compaction', 'event.error', undefined],
    ['compaction', 'event.activeContextTokensBefore', 1.25],
    ['guardian_review', 'review.threadId', undefined],
    ['guardian_review', 'review.decision', 'maybe'],
    ['guardian_review', 'review.reviewedAction.type', 'browser'],
    ['guardian_review', 'review.reviewedAction.cwd', undefined],
    ['guardian_review', 'review.reviewedAction.sandboxPermissions', 'ask'],
    ['guardian_review', 'review.toolCallCount', -1],
    ['subagent_thread_started', 'input.threadId', undefined],
    ['subagent_thread_started', 'input.subagentSource', 'helper'],
    ['subagent_thread_started', 'input.subagentSource.thread_spawn.parent_thread_id', undefined],
    ['subagent_thread_started', 'input.createdAt', '1716000030'],
    ['turn_resolved_config', 'config.turnId', undefined],
    ['turn_resolved_config', 'config.numInputImages', -2],
    ['turn_resolved_config', 'config.sandboxPolicy.type', 'fullAccess'],
    ['turn_resolved_config', 'config.sessionSource', 'mcp'],
    ['turn_resolved_config', 'config.approvalPolicy', 'on_request'],
    ['turn_resolved_config', 'config.approvalsReviewer', 'guardian'],
    ['turn_resolved_config', 'config.reasoningEffort', 42],
    ['turn_resolved_config', 'config.reasoningSummary', 'brief'],
    ['turn_resolved_config', 'config.serviceTier', 7],
    ['turn_resolved_config', 'config.approvalsReviewer', 'anyone'],
    ['turn_resolved_config', 'config.collaborationMode', 'pair_programming'],
    ['turn_resolved_config', 'config.personality', undefined],
    ['turn_resolved_config', 'config.submissionType', 'immediate'],
    ['turn_token_usage', 'usage.tokenUsage.totalTokens', '12900'],
    ['turn_token_usage', 'usage.tokenUsage.inputTokens', undefined],
    ['turn_token_usage', 'usage.threadId', undefined],
  ];

  it.each(cases)('%s: %s = %j', (type, path, value, failingPath) => {
    const broken = example(type);
    set(broken, path, value);
    expectFailureAt(broken, failingPath ?? path);
  });

  it('names array elements by index', () => {
    const skills = example('skill_invoked');
    (skills.invocations as JsonObject[])[1]!.skillScope = 'global';
    expectFailureAt(skills, 'invocations[1].skillScope');

    const mentions = example('app_mentioned');
    delete (mentions.mentions as JsonObject[])[1]!.appName;
    expectFailureAt(mentions, 'mentions[1].appName');

    const request = example('client_request');
    delete ((request.request as { params: { input: JsonObject[] } }).params.input[2]!).type;
    expectFailureAt(request, 'request.params.input[2].type');
  });

  it('rejects an unknown or missing type at `type`, and a non-object at the root', () => {
    expectFailureAt({ ...example('hook_run'), type: 'hook_started' }, 'type');
    const untyped = example('hook_run');
    delete untyped.type;
    expectFailureAt(untyped, 'type');
    expectFailureAt('hook_run', '(root)');
    expectFailureAt(null, '(root)');
  });

  it('rejects non-JSON numbers', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 2 ** 64]) {
      const broken = example('turn_token_usage');
      set(broken, 'usage.tokenUsage.totalTokens', value);
      expectFailureAt(broken, 'usage.tokenUsage.totalTokens');
    }
  });
});

describe('types', () => {
  it('narrows AnalyticsFact by type', () => {
    const fact: AnalyticsFact = analyticsFactSchema.parse(example('plugin_state_changed'));
    if (fact.type !== 'plugin_state_changed') throw new Error('wrong fact');
    const state: 'installed' | 'uninstalled' | 'enabled' | 'disabled' = fact.state;
    expect(state).toBe('installed');
  });
});
