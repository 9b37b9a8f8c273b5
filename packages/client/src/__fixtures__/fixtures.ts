import { createStaticAuthManager } from '@codex-analytics/auth';
import type {
  AppInvocation,
  ClientRequest,
  ClientResponse,
  CodexCompactionEvent,
  GuardianReviewEventParams,
  HookRunFact,
  InitializeParams,
  PluginTelemetryMetadata,
  ServerNotification,
  SkillInvocation,
  SubAgentThreadStartedInput,
  TrackEventsContext,
  TurnResolvedConfigFact,
  TurnTokenUsageFact,
} from '@codex-analytics/facts';
import type { CodexRuntimeMetadata } from '@codex-analytics/events';
import { silentLogger } from '../client-logger.js';
import type { AnalyticsEventsClientOptions } from '../client-options.js';
import { EchoReducer } from './fake-reducer.js';
import { FakeTransport } from './fake-transport.js';
import { TestClock } from './test-clock.js';
import { exampleFacts } from '@codex-analytics/facts/testing';

export const runtime: CodexRuntimeMetadata = {
  codex_rs_version: '1.2.3',
  runtime_os: 'linux',
  runtime_os_version: '24.04',
  runtime_arch: 'x86_64',
};

export const tracking = (turnId = 'turn-1'): TrackEventsContext => ({ modelSlug: 'gpt-5', threadId: 'thread-1', turnId });

export const app = (connectorId: string | null = 'connector_calendar'): AppInvocation => ({
  connectorId,
  appName: 'Calendar',
  invocationType: 'explicit',
});

export const plugin = (pluginName = 'sample'): PluginTelemetryMetadata => ({
  pluginId: { pluginName, marketplaceName: 'test' },
  capabilitySummary: null,
});

export const hook: HookRunFact = { eventName: 'PreToolUse', hookSource: 'project', status: 'completed' };

export const skill: SkillInvocation = {
  skillName: 'doc',
  skillScope: 'repo',
  skillPath: '/repo/.codex/skills/doc/SKILL.md',
  invocationType: 'explicit',
};

export const initializeParams: InitializeParams = {
  clientInfo: { name: 'codex-vscode', title: 'Codex', version: '1.0.0' },
  capabilities: null,
};

export const turnStartRequest = {
  method: 'turn/start',
  id: 3,
  params: { threadId: 'thread-1', input: [{ type: 'text', text: 'hello', text_elements: [] }] },
} as unknown as ClientRequest;

export const otherResponse = {
  method: 'model/list',
  requestId: 5,
  response: { data: [] },
} as unknown as ClientResponse;

export const turnStartedNotification = {
  method: 'turn/started',
  params: {
    threadId: 'thread-1',
    turn: { id: 'turn-1', items: [], status: 'inProgress', error: null, startedAt: 1_716_000_000, completedAt: null, durationMs: null },
  },
} as unknown as ServerNotification;

/** The facts package's example compaction. */
export const compaction: CodexCompactionEvent = { ...exampleFacts.compaction.event };

export const tokenUsage: TurnTokenUsageFact = {
  turnId: 'turn-1',
  threadId: 'thread-1',
  tokenUsage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 5, reasoningOutputTokens: 0, totalTokens: 15 },
};

export const resolvedConfig = {
  turnId: 'turn-1',
  threadId: 'thread-1',
  numInputImages: 0,
  submissionType: null,
  ephemeral: false,
  sessionSource: 'vscode',
  model: 'gpt-5',
  modelProvider: 'openai',
  sandboxPolicy: { type: 'dangerFullAccess' },
  reasoningEffort: null,
  reasoningSummary: null,
  serviceTier: null,
  approvalPolicy: 'never',
  approvalsReviewer: 'user',
  sandboxNetworkAccess: false,
  collaborationMode: 'default',
  personality: null,
  isFirstTurn: true,
} as unknown as TurnResolvedConfigFact;

export const subagentInput = {
  threadId: 'thread-2',
  parentThreadId: 'thread-1',
  productClientId: 'codex_cli_rs',
  clientName: 'codex-tui',
  clientVersion: '1.2.3',
  model: 'gpt-5',
  ephemeral: false,
  subagentSource: 'review',
  createdAt: 1_716_000_030,
} as unknown as SubAgentThreadStartedInput;

/** The facts package's example guardian review (a shell command, approved). */
export const guardianReview = structuredClone(exampleFacts.guardian_review.review) as unknown as GuardianReviewEventParams;

export const chatgptAuth = () => createStaticAuthManager({ accessToken: 'secret-token', accountId: 'account-1' });

/**
 * A client wired to fakes: virtual clock, recording transport, echo reducer, silent logger, and no linger (a
 * partly filled batch goes as soon as nothing is left to reduce), so the tests of other behaviour see each send at
 * once; linger.test.ts covers the linger.
 */
export function testSetup(overrides: Partial<AnalyticsEventsClientOptions> = {}) {
  const clock = new TestClock();
  const transport = new FakeTransport();
  const reducer = new EchoReducer();
  const options: AnalyticsEventsClientOptions = {
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    reducer,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    logger: silentLogger,
    runtimeMetadata: runtime,
    lingerMs: 0,
    ...overrides,
  };
  return { clock, transport, reducer, options };
}
