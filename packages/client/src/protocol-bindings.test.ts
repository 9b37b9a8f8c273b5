import { wireEraSchemas } from '@codex-analytics/events';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { silentLogger } from './client-logger.js';
import { FakeTransport } from './__fixtures__/fake-transport.js';
import { chatgptAuth, runtime } from './__fixtures__/fixtures.js';

// Values typed as the app-server protocol's TypeScript bindings of Codex CLI 0.169.0 have them
// (`codex app-server generate-ts`: InitializeParams.ts, ClientInfo.ts, v2/TurnStartParams.ts, v2/Turn.ts,
// v2/ThreadStartResponse.ts, v2/ApprovalsReviewer.ts, ReasoningEffort.ts, ServerNotificationEnvelope.ts, ...).
// The shapes are written here by hand, trimmed to what these calls carry; nothing is copied. The file compiling is
// the type-level half of the test: every value below goes into a track* call without a cast.

type RequestId = string | number;
type ReasoningEffort = string;
type ApprovalsReviewer = 'user' | 'auto_review' | 'guardian_subagent';
type AskForApproval = 'untrusted' | 'on-failure' | 'on-request' | 'never';
type SessionSource = 'cli' | 'vscode' | 'exec' | 'appServer' | { custom: string } | 'unknown';
type SandboxPolicy = { type: 'readOnly'; networkAccess: boolean } | { type: 'dangerFullAccess' };
type ClientInfo = { name: string; title: string | null; version: string };
type InitializeCapabilities = { experimentalApi: boolean; optOutNotificationMethods?: Array<string> | null };
type InitializeParams = { clientInfo: ClientInfo; capabilities: InitializeCapabilities | null };
type UserInput = { type: 'text'; text: string; text_elements: Array<unknown> } | { type: 'localImage'; path: string };
type TurnStartParams = {
  threadId: string;
  input: Array<UserInput>;
  approvalsReviewer?: ApprovalsReviewer | null;
  serviceTier?: string | null;
  effort?: ReasoningEffort | null;
  turnTrigger?: string | null;
};
type TurnStatus = 'completed' | 'interrupted' | 'failed' | 'inProgress';
type CodexErrorInfo = 'other' | 'unauthorized' | { httpConnectionFailed: { httpStatusCode: number | null } };
type TurnError = { message: string; codexErrorInfo: CodexErrorInfo | null; additionalDetails: string | null; misalignment: null };
type Turn = {
  id: string;
  rootTurnId: string | null;
  items: Array<unknown>;
  itemsView: 'notLoaded' | 'full';
  status: TurnStatus;
  error: TurnError | null;
  startedAt: number | null;
  completedAt: number | null;
  durationMs: number | null;
};
type Thread = { id: string; sessionId: string; forkedFromId: string | null; ephemeral: boolean; createdAt: number; source: SessionSource; cliVersion: string };
type ThreadStartResponse = {
  thread: Thread;
  model: string;
  modelProvider: string;
  serviceTier: string | null;
  approvalPolicy: AskForApproval;
  approvalsReviewer: ApprovalsReviewer;
  sandbox: SandboxPolicy;
  reasoningEffort: ReasoningEffort | null;
};
type TurnStartResponse = { turn: Turn };
type ClientRequest = { method: 'turn/start'; id: RequestId; params: TurnStartParams };
/** A response as the protocol carries it: the JSON-RPC `id`, tagged by the request's method. */
type ClientResponse = { method: 'thread/start'; id: RequestId; response: ThreadStartResponse } | { method: 'turn/start'; id: RequestId; response: TurnStartResponse };
type ServerNotificationEnvelope = { emittedAtMs?: number } & (
  | { method: 'turn/started'; params: { threadId: string; turn: Turn } }
  | { method: 'turn/completed'; params: { threadId: string; turn: Turn } }
);
type JSONRPCErrorError = { code: number; message: string; data?: unknown };

const startedAt = 1_796_133_897;
const turn = (status: TurnStatus, error: TurnError | null = null): Turn => ({
  id: 'turn-1',
  rootTurnId: 'turn-1',
  items: [],
  itemsView: 'notLoaded',
  status,
  error,
  startedAt,
  completedAt: status === 'inProgress' ? null : startedAt + 1,
  durationMs: status === 'inProgress' ? null : 731,
});

describe('values typed as the 0.169.0 protocol bindings', () => {
  it('go into the track* calls as they are, and come out as a current-era turn event with today\'s values', async () => {
    const transport = new FakeTransport();
    const client = new AnalyticsEventsClient({
      authManager: chatgptAuth(),
      baseUrl: 'http://unused/',
      transport,
      logger: silentLogger,
      runtimeMetadata: runtime,
      reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
      wireEra: 'seed',
    });

    const initialize: InitializeParams = { clientInfo: { name: 'codex_vscode', title: null, version: '1.2.3' }, capabilities: { experimentalApi: true } };
    const threadStart: ClientResponse = {
      method: 'thread/start',
      id: 1,
      response: {
        thread: { id: 'thread-1', sessionId: 'thread-1', forkedFromId: null, ephemeral: false, createdAt: startedAt, source: 'vscode', cliVersion: '0.169.0' },
        model: 'gpt-6.1-sol',
        modelProvider: 'openai',
        serviceTier: null,
        approvalPolicy: 'on-request',
        approvalsReviewer: 'auto_review',
        sandbox: { type: 'readOnly', networkAccess: false },
        reasoningEffort: 'ultra',
      },
    };
    const turnStartRequest: ClientRequest = {
      method: 'turn/start',
      id: 2,
      params: { threadId: 'thread-1', input: [{ type: 'text', text: 'hello', text_elements: [] }], effort: 'ultra', serviceTier: 'priority', approvalsReviewer: 'auto_review' },
    };
    const turnStartResponse: ClientResponse = { method: 'turn/start', id: 2, response: { turn: turn('inProgress') } };
    const started: ServerNotificationEnvelope = { method: 'turn/started', params: { threadId: 'thread-1', turn: turn('inProgress') }, emittedAtMs: startedAt * 1000 };
    const failure: TurnError = { message: 'unexpected status 400', codexErrorInfo: 'other', additionalDetails: null, misalignment: null };
    const completed: ServerNotificationEnvelope = { method: 'turn/completed', params: { threadId: 'thread-1', turn: turn('failed', failure) }, emittedAtMs: startedAt * 1000 + 731 };
    const steerError: JSONRPCErrorError = { code: -32600, message: 'no active turn to steer' };
    const effort: ReasoningEffort | null = 'ultra';
    const serviceTier: string | null = 'priority';
    const approvalsReviewer: ApprovalsReviewer = 'auto_review';

    client.trackInitialize(7, initialize, 'codex_vscode', 'stdio');
    client.trackResponse(7, threadStart);
    client.trackRequest(7, turnStartRequest.id, turnStartRequest);
    client.trackResponse(7, turnStartResponse);
    client.trackTurnResolvedConfig({
      turnId: 'turn-1',
      threadId: 'thread-1',
      numInputImages: 0,
      submissionType: null,
      ephemeral: false,
      sessionSource: 'vscode',
      model: 'gpt-6.1-sol',
      modelProvider: 'openai',
      sandboxPolicy: { type: 'readOnly', networkAccess: false },
      reasoningEffort: effort,
      reasoningSummary: null,
      serviceTier,
      approvalPolicy: 'on-request',
      approvalsReviewer,
      sandboxNetworkAccess: false,
      collaborationMode: 'default',
      personality: null,
      isFirstTurn: true,
    });
    client.trackNotification(started);
    client.trackNotification(completed);
    client.trackErrorResponse(7, 3, steerError, { kind: 'turn_steer', error: 'no_active_turn' });
    const report = await client.shutdown({ timeoutMs: 5_000 });

    expect(report.dropped).toEqual({});
    expect(report.sent).toBe(2);
    const types = transport.events.map((event) => event.event_type);
    expect(types).toEqual(['codex_thread_initialized', 'codex_turn_event']);
    const turnEvent = transport.events[1]!;
    expect(turnEvent.event_params).toMatchObject({ reasoning_effort: 'ultra', service_tier: 'priority', approvals_reviewer: 'auto_review', status: 'failed', turn_error: 'other' });
    // Today's values make it an event of the current wire era, not of the strict seed era.
    expect(wireEraSchemas.current.event.safeParse(turnEvent).success).toBe(true);
    expect(wireEraSchemas.seed.event.safeParse(turnEvent).success).toBe(false);
    expect(wireEraSchemas.seed.event.safeParse(transport.events[0]).success).toBe(true);
  });
});
