import { describe, expect, it } from 'vitest';
import { completedTurn, thread } from './example-facts.js';
import {
  askForApprovalSchema,
  clientRequestSchema,
  clientResponseSchema,
  isThreadClientResponse,
  isTurnCompletedServerNotification,
  isTurnStartClientRequest,
  isTurnStartClientResponse,
  isTurnStartedServerNotification,
  isTurnSteerClientRequest,
  isTurnSteerClientResponse,
  otherClientRequestSchema,
  requestIdSchema,
  safeParseFact,
  sandboxPolicySchema,
  serverNotificationSchema,
  sessionSourceSchema,
  subAgentSourceSchema,
} from './index.js';
import type { z } from 'zod';

function roundTrips<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.parse(structuredClone(value));
  expect(parsed).toStrictEqual(value);
  expect(schema.parse(JSON.parse(JSON.stringify(parsed)))).toStrictEqual(parsed);
  return parsed;
}

function failurePaths(input: unknown): string[] {
  const result = safeParseFact(input);
  return result.success ? [] : result.issues.map((issue) => issue.path);
}

const input = [
  { type: 'text', text: 'hi', text_elements: [] },
  { type: 'image', url: 'https://example.com/a.png' },
];

describe('ClientRequest', () => {
  it('parses turn/start with typed params', () => {
    const request = roundTrips(clientRequestSchema, { method: 'turn/start', id: 1, params: { threadId: 't', input } });
    expect(isTurnStartClientRequest(request)).toBe(true);
    expect(isTurnSteerClientRequest(request)).toBe(false);
    if (isTurnStartClientRequest(request)) expect(request.params.input.map((item) => item.type)).toEqual(['text', 'image']);
  });

  it('parses turn/steer with expectedTurnId as a string, null, or absent', () => {
    for (const extra of [{ expectedTurnId: 'turn-1' }, { expectedTurnId: null }, {}]) {
      const request = roundTrips(clientRequestSchema, {
        method: 'turn/steer',
        id: 'steer-1',
        params: { threadId: 't', input, ...extra },
      });
      expect(isTurnSteerClientRequest(request)).toBe(true);
    }
  });

  it('parses any other method, with or without params', () => {
    const withParams = roundTrips(clientRequestSchema, { method: 'thread/start', id: 2, params: { model: 'gpt-5' } });
    const withoutParams = roundTrips(clientRequestSchema, { method: 'account/logout', id: 3 });
    for (const request of [withParams, withoutParams]) {
      expect(isTurnStartClientRequest(request) || isTurnSteerClientRequest(request)).toBe(false);
    }
  });

  it('fails a turn/start with malformed params at the field instead of accepting it as another method', () => {
    const fact = { type: 'client_request', connectionId: 1, requestId: 1, request: { method: 'turn/start', id: 1, params: { threadId: 7, input } } };
    expect(failurePaths(fact)).toEqual(['request.params.threadId']);
    expect(clientRequestSchema.safeParse(fact.request).success).toBe(false);
  });

  it('keeps the "other method" branch for other methods, even when used on its own', () => {
    expect(otherClientRequestSchema.safeParse({ method: 'turn/start', id: 1, params: {} }).success).toBe(false);
    expect(otherClientRequestSchema.safeParse({ method: 'turn/interrupt', id: 1, params: {} }).success).toBe(true);
  });

  it('fails a turn/start or turn/steer without params, and a request without a string method', () => {
    expect(failurePaths({ type: 'client_request', connectionId: 1, requestId: 1, request: { method: 'turn/start', id: 1 } })).toEqual([
      'request.params',
    ]);
    expect(
      failurePaths({ type: 'client_request', connectionId: 1, requestId: 1, request: { method: 'turn/steer', id: 1, params: { input } } }),
    ).toEqual(['request.params.threadId']);
    expect(failurePaths({ type: 'client_request', connectionId: 1, requestId: 1, request: { method: 3, id: 1 } })).toEqual([
      'request.method',
    ]);
  });
});

describe('ClientResponse', () => {
  const threadResponse = { thread, model: 'gpt-5', modelProvider: 'openai', reasoningEffort: null };

  it.each(['thread/start', 'thread/resume', 'thread/fork'])('parses %s', (method) => {
    const response = roundTrips(clientResponseSchema, { method, requestId: 5, response: threadResponse });
    expect(isThreadClientResponse(response)).toBe(true);
    if (isThreadClientResponse(response)) expect(response.response.thread.source).toBe('vscode');
  });

  it('parses turn/start and turn/steer', () => {
    const start = roundTrips(clientResponseSchema, { method: 'turn/start', requestId: 6, response: { turn: { ...completedTurn, status: 'inProgress', error: null } } });
    expect(isTurnStartClientResponse(start)).toBe(true);
    const steer = roundTrips(clientResponseSchema, { method: 'turn/steer', requestId: 7, response: { turnId: 'turn-1' } });
    expect(isTurnSteerClientResponse(steer)).toBe(true);
    if (isTurnSteerClientResponse(steer)) expect(steer.response.turnId).toBe('turn-1');
  });

  it('parses any other method, with or without a response', () => {
    for (const response of [
      { method: 'thread/archive', requestId: 8, response: {} },
      { method: 'config/read', requestId: 'x' },
    ]) {
      const parsed = roundTrips(clientResponseSchema, response);
      expect(isThreadClientResponse(parsed) || isTurnStartClientResponse(parsed) || isTurnSteerClientResponse(parsed)).toBe(false);
    }
  });

  it('fails a known method with a malformed response at the field', () => {
    const fact = { type: 'client_response', connectionId: 1, response: { method: 'turn/steer', requestId: 7, response: { turnId: null } } };
    expect(failurePaths(fact)).toEqual(['response.response.turnId']);
    const noTurnId = { type: 'client_response', connectionId: 1, response: { method: 'turn/start', requestId: 7, response: { turn: { id: 'x' } } } };
    expect(failurePaths(noTurnId)).toContain('response.response.turn.status');
  });
});

describe('ServerNotification', () => {
  it('parses turn/started and turn/completed', () => {
    const started = roundTrips(serverNotificationSchema, {
      method: 'turn/started',
      params: { threadId: 't', turn: { ...completedTurn, status: 'inProgress', error: null, completedAt: null, durationMs: null } },
    });
    expect(isTurnStartedServerNotification(started)).toBe(true);
    const completed = roundTrips(serverNotificationSchema, { method: 'turn/completed', params: { threadId: 't', turn: completedTurn } });
    expect(isTurnCompletedServerNotification(completed)).toBe(true);
    if (isTurnCompletedServerNotification(completed)) {
      expect(completed.params.turn.error?.codexErrorInfo).toEqual({ httpConnectionFailed: { httpStatusCode: 502 } });
    }
  });

  it('accepts every turn status and unit CodexErrorInfo variants', () => {
    for (const status of ['completed', 'interrupted', 'failed', 'inProgress']) {
      roundTrips(serverNotificationSchema, { method: 'turn/completed', params: { turn: { ...completedTurn, status } } });
    }
    const error = { message: 'too long', codexErrorInfo: 'contextWindowExceeded', additionalDetails: null };
    roundTrips(serverNotificationSchema, { method: 'turn/completed', params: { turn: { ...completedTurn, error } } });
  });

  it('parses any other notification, with or without params', () => {
    for (const notification of [{ method: 'item/started', params: { item: { type: 'agentMessage' } } }, { method: 'thread/closed' }]) {
      const parsed = roundTrips(serverNotificationSchema, notification);
      expect(isTurnStartedServerNotification(parsed) || isTurnCompletedServerNotification(parsed)).toBe(false);
    }
  });

  it('fails a turn/completed with a malformed turn at the field', () => {
    const fact = { type: 'notification', notification: { method: 'turn/completed', params: { turn: { ...completedTurn, startedAt: 'now' } } } };
    expect(failurePaths(fact)).toEqual(['notification.params.turn.startedAt']);
  });
});

describe('shared protocol types', () => {
  it('RequestId is a string or an integer', () => {
    expect(requestIdSchema.parse('abc')).toBe('abc');
    expect(requestIdSchema.parse(-3)).toBe(-3);
    for (const bad of [1.5, true, null, {}]) expect(requestIdSchema.safeParse(bad).success).toBe(false);
  });

  it('SessionSource accepts every v2 variant and rejects core spellings', () => {
    for (const source of [
      'cli',
      'vscode',
      'exec',
      'appServer',
      'unknown',
      { custom: 'my-tool' },
      { subAgent: 'review' },
      { subAgent: 'compact' },
      { subAgent: 'memory_consolidation' },
      { subAgent: { other: 'helper' } },
      { subAgent: { thread_spawn: { parent_thread_id: 'p', depth: 2, agent_path: null, agent_nickname: null, agent_role: null } } },
    ]) {
      roundTrips(sessionSourceSchema, source);
    }
    for (const bad of ['mcp', 'VSCode', { subagent: 'review' }, { custom: 3 }]) {
      expect(sessionSourceSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('SubAgentSource thread_spawn may omit agent_path (older bindings) but not its other fields', () => {
    const spawn = { parent_thread_id: 'p', depth: 1, agent_nickname: 'Ada', agent_role: null };
    roundTrips(subAgentSourceSchema, { thread_spawn: spawn });
    expect(subAgentSourceSchema.safeParse({ thread_spawn: { ...spawn, agent_role: undefined } }).success).toBe(false);
    expect(subAgentSourceSchema.safeParse({ thread_spawn: { ...spawn, depth: '1' } }).success).toBe(false);
  });

  it('SandboxPolicy is tagged by its v2 `type` spelling', () => {
    for (const policy of [
      { type: 'dangerFullAccess' },
      { type: 'readOnly', access: { type: 'fullAccess' }, networkAccess: false },
      { type: 'externalSandbox', networkAccess: 'enabled' },
      { type: 'workspaceWrite', writableRoots: ['/repo'], networkAccess: true },
    ]) {
      roundTrips(sandboxPolicySchema, policy);
    }
    for (const bad of [{ type: 'danger-full-access' }, { type: 'read_only' }, 'readOnly', {}]) {
      expect(sandboxPolicySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('AskForApproval accepts the kebab-case units and the granular object', () => {
    for (const policy of ['untrusted', 'on-failure', 'on-request', 'never', { granular: { sandbox_approval: true, rules: false } }]) {
      roundTrips(askForApprovalSchema, policy);
    }
    for (const bad of ['onRequest', 'on_request', 'granular', { granular: true }]) {
      expect(askForApprovalSchema.safeParse(bad).success).toBe(false);
    }
  });
});
