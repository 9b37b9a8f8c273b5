import { describe, expect, it } from 'vitest';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from './analytics-reducer.js';
import { APP_SERVER_CLIENT, expectJson } from './__fixtures__/expect-json.js';
import {
  RUNTIME,
  errorResponse,
  ingestAll,
  initialize,
  resolvedConfig,
  threadResponse,
  tokenUsage,
  turnCompleted,
  turnStartRequest,
  turnStartResponse,
  turnStarted,
  turnSteerRequest,
  turnSteerResponse,
} from './__fixtures__/fact-builders.js';
import { exampleEvents } from '@codex-analytics/events/testing';

const NOW = 1_716_000_030;

function newReducer(warnings: string[] = []): AnalyticsReducer<'seed'> {
  return new AnalyticsReducer({ wireEra: 'seed', now: () => NOW, logger: { warn: (message) => warnings.push(message) } });
}

const SETUP: AnalyticsFact[] = [initialize(1), threadResponse(1, 'thread-1')];

function fullTurn(turnId = 'turn-1', requestId = 7): AnalyticsFact[] {
  return [
    turnStartRequest(1, requestId, 'thread-1', 1),
    turnStartResponse(1, requestId, turnId),
    turnStarted(turnId),
    resolvedConfig(turnId, 'thread-1'),
    tokenUsage(turnId, 'thread-1'),
    turnCompleted(turnId),
  ];
}

// The events package's example turn event, on this suite's app-server client.
const FULL_TURN_EVENT = {
  ...exampleEvents.codex_turn_event,
  event_params: { ...exampleEvents.codex_turn_event.event_params, app_server_client: APP_SERVER_CLIENT },
};

async function turnEvents(facts: AnalyticsFact[], reducer = newReducer()) {
  const events = await ingestAll(reducer, [...SETUP, ...facts]);
  return events.filter((event) => event.event_type !== 'codex_thread_initialized');
}

describe('codex_turn_event', () => {
  it('a full lifecycle emits one event with all 42 parameters, in order, and no top-level product_client_id', async () => {
    const events = await turnEvents(fullTurn());
    expect(events).toHaveLength(1);
    expectJson(events[0], FULL_TURN_EVENT);
    expect(Object.keys(events[0]!.event_params)).toHaveLength(42);
    expect(events[0]!.event_params).not.toHaveProperty('product_client_id');
  });

  it('emits on whichever fact arrives last', async () => {
    const [request, response, started, config, usage, completed] = fullTurn();
    for (const order of [
      [request!, started!, config!, usage!, completed!, response!],
      [request!, response!, started!, usage!, completed!, config!],
      [completed!, config!, request!, response!],
    ]) {
      const events = await turnEvents(order);
      expect(events.map((event) => event.event_type)).toEqual(['codex_turn_event']);
    }
  });

  it('emits once: facts about the turn after its event create an orphan that never emits', async () => {
    const events = await turnEvents([...fullTurn(), tokenUsage('turn-1', 'thread-1'), turnCompleted('turn-1')]);
    expect(events).toHaveLength(1);
  });

  it('maps the resolved config names as upstream does', async () => {
    const config = resolvedConfig('turn-1', 'thread-1', {
      sandboxPolicy: { type: 'dangerFullAccess' },
      reasoningEffort: null,
      reasoningSummary: 'none',
      serviceTier: null,
      approvalPolicy: { granular: { sandbox_approval: true } },
      approvalsReviewer: 'guardian_subagent',
      collaborationMode: 'plan',
      personality: 'none',
      submissionType: 'queued',
      numInputImages: 3,
    });
    const [request, response, , , , completed] = fullTurn();
    const events = await turnEvents([request!, response!, config, completed!]);
    expect(events[0]!.event_params).toMatchObject({
      sandbox_policy: 'full_access',
      reasoning_effort: null,
      reasoning_summary: null,
      service_tier: 'default',
      approval_policy: 'granular',
      approvals_reviewer: 'guardian_subagent',
      collaboration_mode: 'plan',
      personality: null,
      submission_type: 'queued',
      num_input_images: 3,
    });
    for (const [policy, name] of [
      [{ type: 'readOnly' }, 'read_only'],
      [{ type: 'externalSandbox', networkAccess: 'restricted' }, 'external_sandbox'],
    ] as const) {
      const other = await turnEvents([request!, response!, resolvedConfig('turn-1', 'thread-1', { sandboxPolicy: policy }), completed!]);
      expect(other[0]!.event_params).toHaveProperty('sandbox_policy', name);
    }
  });

  it('the image count is last-writer-wins between the request and the resolved config', async () => {
    const events = await turnEvents([
      resolvedConfig('turn-1', 'thread-1', { numInputImages: 5 }),
      turnStartRequest(1, 7, 'thread-1', 2),
      turnStartResponse(1, 7, 'turn-1'),
      turnCompleted('turn-1'),
    ]);
    expect(events[0]!.event_params).toHaveProperty('num_input_images', 2);
  });

  it('a failed turn reports its status and error', async () => {
    const [request, response, started, config, usage] = fullTurn();
    const events = await turnEvents([request!, response!, started!, config!, usage!, turnCompleted('turn-1', { status: 'failed', error: { codexErrorInfo: 'badRequest', message: 'bad' } })]);
    expect(events[0]!.event_params).toMatchObject({ status: 'failed', turn_error: 'badRequest' });
  });

  it('passes a struct CodexErrorInfo through verbatim', async () => {
    const [request, response, , config] = fullTurn();
    const error = { codexErrorInfo: { httpConnectionFailed: { httpStatusCode: 502 } }, message: 'down' };
    const events = await turnEvents([request!, response!, config!, turnCompleted('turn-1', { status: 'failed', error })]);
    expect(events[0]!.event_params).toHaveProperty('turn_error', { httpConnectionFailed: { httpStatusCode: 502 } });
  });

  it('an interrupted turn has no error; an inProgress completion reports a null status', async () => {
    const [request, response, , config] = fullTurn();
    const interrupted = await turnEvents([request!, response!, config!, turnCompleted('turn-1', { status: 'interrupted' })]);
    expect(interrupted[0]!.event_params).toMatchObject({ status: 'interrupted', turn_error: null });
    const inProgress = await turnEvents([request!, response!, config!, turnCompleted('turn-1', { status: 'inProgress' })]);
    expect(inProgress[0]!.event_params).toHaveProperty('status', null);
  });

  it('without turn/started, started_at is null; without token usage, token fields are null; duration stays', async () => {
    const [request, response, , config, , completed] = fullTurn();
    const events = await turnEvents([request!, response!, config!, completed!]);
    expect(events[0]!.event_params).toMatchObject({
      started_at: null,
      input_tokens: null,
      cached_input_tokens: null,
      output_tokens: null,
      reasoning_output_tokens: null,
      total_tokens: null,
      duration_ms: 15_400,
    });
  });

  it('completed_at is never null: a missing or negative completion time is 0', async () => {
    const [request, response, , config] = fullTurn();
    for (const completedAt of [null, -3]) {
      const events = await turnEvents([request!, response!, config!, turnCompleted('turn-1', { completedAt, durationMs: null })]);
      expect(events[0]!.event_params).toMatchObject({ completed_at: 0, duration_ms: null });
    }
  });

  it('no turn event without initialize', async () => {
    const warnings: string[] = [];
    const reducer = newReducer(warnings);
    const events = await ingestAll(reducer, [threadResponse(1, 'thread-1'), ...fullTurn()]);
    expect(events).toEqual([]);
    expect(warnings).toEqual(['dropping turn analytics event: missing connection metadata']);
  });

  it('no turn event without resolved config', async () => {
    const facts = fullTurn().filter((fact) => fact.type !== 'turn_resolved_config');
    expect(await turnEvents(facts)).toEqual([]);
  });

  it('no turn event without thread lifecycle metadata (warns)', async () => {
    const warnings: string[] = [];
    const events = await ingestAll(newReducer(warnings), [initialize(1), ...fullTurn()]);
    expect(events).toEqual([]);
    expect(warnings).toContain('dropping turn analytics event: missing thread lifecycle metadata');
  });

  it('waits silently for a connection id: the config and completion alone never emit', async () => {
    const warnings: string[] = [];
    const [, , , config, , completed] = fullTurn();
    expect(await turnEvents([config!, completed!], newReducer(warnings))).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('error responses', () => {
  it('without a pending request emit nothing', async () => {
    expect(await turnEvents([errorResponse(1, 99, { kind: 'turn_steer', error: 'no_active_turn' })])).toEqual([]);
  });

  it('a turn/start error discards the pending start: a late response, config and completion emit nothing', async () => {
    const events = await turnEvents([
      turnStartRequest(1, 7, 'thread-1'),
      errorResponse(1, 7, null),
      turnStartResponse(1, 7, 'turn-1'),
      resolvedConfig('turn-1', 'thread-1'),
      turnCompleted('turn-1'),
    ]);
    expect(events).toEqual([]);
  });

  it('request ids are keyed per connection and by type: 7 and "7" are different requests', async () => {
    const events = await turnEvents([
      turnStartRequest(1, 7, 'thread-1'),
      turnStartResponse(1, '7', 'turn-1'),
      turnStartResponse(2, 7, 'turn-1'),
      resolvedConfig('turn-1', 'thread-1'),
      turnCompleted('turn-1'),
    ]);
    expect(events).toEqual([]);
  });
});

describe('codex_turn_steer_event', () => {
  function steerEvent(acceptedTurnId: string | null, numInputImages: number, rejectionReason: string | null) {
    return {
      event_type: 'codex_turn_steer_event',
      event_params: {
        thread_id: 'thread-1',
        expected_turn_id: 'turn-1',
        accepted_turn_id: acceptedTurnId,
        app_server_client: APP_SERVER_CLIENT,
        runtime: RUNTIME,
        thread_source: 'user',
        subagent_source: null,
        parent_thread_id: null,
        num_input_images: numInputImages,
        result: acceptedTurnId === null ? 'rejected' : 'accepted',
        rejection_reason: rejectionReason,
        created_at: NOW,
      },
    };
  }

  it('an accepted steer reports the accepted turn, its images, and the request time', async () => {
    const events = await turnEvents([turnSteerRequest(1, 8, 'thread-1', 'turn-1', 1), turnSteerResponse(1, 8, 'turn-1')]);
    expectJson(events, [steerEvent('turn-1', 1, null)]);
    expect(events[0]!.event_params).not.toHaveProperty('product_client_id');
  });

  it('takes created_at when the request was ingested, not when the response arrived', async () => {
    let now = 100;
    const reducer = new AnalyticsReducer({ wireEra: 'seed', now: () => now });
    await ingestAll(reducer, [...SETUP, turnSteerRequest(1, 8, 'thread-1', 'turn-1')]);
    now = 200;
    const events = await ingestAll(reducer, [turnSteerResponse(1, 8, 'turn-1')]);
    expect(events[0]!.event_params).toHaveProperty('created_at', 100);
  });

  it.each([
    [{ kind: 'turn_steer', error: 'no_active_turn' }, 'no_active_turn'],
    [{ kind: 'turn_steer', error: 'expected_turn_mismatch' }, 'expected_turn_mismatch'],
    [{ kind: 'turn_steer', error: 'non_steerable_review' }, 'non_steerable_review'],
    [{ kind: 'turn_steer', error: 'non_steerable_compact' }, 'non_steerable_compact'],
    [{ kind: 'input', error: 'empty' }, 'empty_input'],
    [{ kind: 'input', error: 'too_large' }, 'input_too_large'],
    [null, null],
  ] as const)('a rejected steer (%j) reports %s', async (errorType, reason) => {
    const events = await turnEvents([turnSteerRequest(1, 8, 'thread-1', 'turn-1'), errorResponse(1, 8, errorType)]);
    expectJson(events, [steerEvent(null, 0, reason)]);
  });

  it('two accepted steers and one rejected count steer_count 2', async () => {
    const [request, response, started, config, usage, completed] = fullTurn();
    const events = await turnEvents([
      request!,
      response!,
      started!,
      turnSteerRequest(1, 20, 'thread-1', 'turn-1'),
      turnSteerResponse(1, 20, 'turn-1'),
      turnSteerRequest(1, 21, 'thread-1', 'turn-1'),
      turnSteerResponse(1, 21, 'turn-1'),
      turnSteerRequest(1, 22, 'thread-1', 'turn-1'),
      errorResponse(1, 22, { kind: 'turn_steer', error: 'expected_turn_mismatch' }),
      config!,
      usage!,
      completed!,
    ]);
    const turn = events.find((event) => event.event_type === 'codex_turn_event');
    expect(turn?.event_params).toHaveProperty('steer_count', 2);
    expect(events.filter((event) => event.event_type === 'codex_turn_steer_event')).toHaveLength(3);
  });

  it('a steer response for a pending start consumes it and emits nothing', async () => {
    const events = await turnEvents([turnStartRequest(1, 9, 'thread-1'), turnSteerResponse(1, 9, 'turn-1'), turnStartResponse(1, 9, 'turn-1')]);
    expect(events).toEqual([]);
  });

  it('is dropped silently without the connection and with a warning without thread metadata', async () => {
    const warnings: string[] = [];
    const reducer = newReducer(warnings);
    expect(await ingestAll(reducer, [turnSteerRequest(3, 1, 'thread-1', 'turn-1'), turnSteerResponse(3, 1, 'turn-1')])).toEqual([]);
    expect(warnings).toEqual([]);
    expect(await ingestAll(reducer, [initialize(3), turnSteerRequest(3, 2, 'thread-x', 'turn-1'), turnSteerResponse(3, 2, 'turn-1')])).toEqual([]);
    expect(warnings).toEqual(['dropping turn steer analytics event: missing thread lifecycle metadata']);
  });
});
