import type { AnalyticsEventsClient } from '@codex-analytics/client';
import type { EventType } from '@codex-analytics/events';
import { buildTrackEventsContext } from '@codex-analytics/facts';
import type {
  ClientRequest,
  ClientResponse,
  GuardianReviewEventParams,
  PluginTelemetryMetadata,
  ServerNotification,
  SessionSource,
  TurnResolvedConfigFact,
} from '@codex-analytics/facts';

// A realistic Codex session, told as the facts the app server would report: two connections (a VS Code
// extension over websocket, a CLI over stdio), threads started, resumed and forked, three turns (completed,
// failed, interrupted), steers accepted and rejected, skills, apps, plugins, hooks, a compaction, a guardian
// review and a sub-agent thread. `EXPECTED_EVENT_COUNTS` says what the backend must receive.

/** How many events of each type the session produces once the client has deduplicated app and plugin use. */
export const EXPECTED_EVENT_COUNTS: Readonly<Record<EventType, number>> = Object.freeze({
  skill_invocation: 2,
  codex_thread_initialized: 4,
  codex_guardian_review: 1,
  codex_app_mentioned: 2,
  codex_app_used: 2,
  codex_hook_run: 2,
  codex_compaction_event: 1,
  codex_turn_event: 3,
  codex_turn_steer_event: 2,
  codex_plugin_used: 1,
  codex_plugin_installed: 1,
  codex_plugin_uninstalled: 1,
  codex_plugin_enabled: 1,
  codex_plugin_disabled: 1,
});

const VSCODE = 1;
const CLI = 2;
const BASE_TIME = 1_764_000_000;

const DOCS_PLUGIN: PluginTelemetryMetadata = {
  pluginId: { pluginName: 'docs-helper', marketplaceName: 'openai-curated' },
  capabilitySummary: {
    configName: 'docs-helper',
    displayName: 'Docs helper',
    description: 'Finds and cites project documentation.',
    hasSkills: true,
    mcpServerNames: ['docs-search'],
    appConnectorIds: ['connector_google_drive'],
  },
};

function thread(id: string, source: SessionSource, createdAt: number) {
  return { id, preview: '', ephemeral: false, modelProvider: 'openai', createdAt, updatedAt: createdAt, source, cwd: '/work/app', cliVersion: '0.99.0', turns: [] };
}

function threadResponse(method: 'thread/start' | 'thread/resume' | 'thread/fork', requestId: number, id: string, source: SessionSource, createdAt: number): ClientResponse {
  return { method, requestId, response: { thread: thread(id, source, createdAt), model: 'gpt-5-codex', modelProvider: 'openai' } };
}

function turnStartRequest(requestId: number, threadId: string, text: string, images: number): ClientRequest {
  const input: Array<Record<string, unknown>> = [{ type: 'text', text, text_elements: [] }];
  for (let index = 0; index < images; index += 1) input.push({ type: 'localImage', path: `/work/app/screenshot-${index}.png` });
  return { method: 'turn/start', id: requestId, params: { threadId, input } };
}

function protocolTurn(id: string, fields: Record<string, unknown> = {}) {
  return { id, items: [], status: 'inProgress', error: null, startedAt: null, completedAt: null, durationMs: null, ...fields };
}

function turnStarted(threadId: string, turnId: string, startedAt: number): ServerNotification {
  return { method: 'turn/started', params: { threadId, turn: protocolTurn(turnId, { startedAt }) } };
}

function turnCompleted(threadId: string, turnId: string, fields: Record<string, unknown>): ServerNotification {
  return { method: 'turn/completed', params: { threadId, turn: protocolTurn(turnId, fields) } };
}

function resolvedConfig(turnId: string, threadId: string, fields: Partial<TurnResolvedConfigFact> = {}): TurnResolvedConfigFact {
  return {
    turnId,
    threadId,
    numInputImages: 0,
    submissionType: null,
    ephemeral: false,
    sessionSource: 'vscode',
    model: 'gpt-5-codex',
    modelProvider: 'openai',
    sandboxPolicy: { type: 'workspaceWrite', writableRoots: ['/work/app'], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
    reasoningEffort: 'medium',
    reasoningSummary: 'auto',
    serviceTier: null,
    approvalPolicy: 'on-request',
    approvalsReviewer: 'user',
    sandboxNetworkAccess: false,
    collaborationMode: 'default',
    personality: 'pragmatic',
    isFirstTurn: true,
    ...fields,
  };
}

function guardianReview(threadId: string, turnId: string): GuardianReviewEventParams {
  return {
    threadId,
    turnId,
    reviewId: 'review-0001',
    targetItemId: 'item-exec-42',
    retryReason: null,
    approvalRequestSource: 'main_turn',
    reviewedAction: {
      type: 'shell',
      command: ['npm', 'publish'],
      commandDisplay: 'npm publish',
      cwd: '/work/app',
      sandboxPermissions: 'require_escalated',
      additionalPermissions: null,
      justification: 'Publish the package the user asked to release.',
    },
    reviewedActionTruncated: false,
    decision: 'denied',
    terminalStatus: 'denied',
    failureReason: null,
    riskLevel: 'high',
    userAuthorization: 'low',
    outcome: 'deny',
    rationale: 'Publishing needs the user to confirm.',
    guardianThreadId: 'guardian-thread-1',
    guardianSessionKind: 'trunk_new',
    guardianModel: 'gpt-5-mini',
    guardianReasoningEffort: 'low',
    hadPriorReviewContext: false,
    reviewTimeoutMs: 30_000,
    toolCallCount: 1,
    timeToFirstTokenMs: 380,
    completionLatencyMs: 2_100,
    startedAt: BASE_TIME + 40,
    completedAt: BASE_TIME + 42,
    inputTokens: 2_400,
    cachedInputTokens: 1_200,
    outputTokens: 120,
    reasoningOutputTokens: 60,
    totalTokens: 2_520,
  };
}

/** Plays the session through the client's `track*` calls, in the order the app server would report them. */
export function playCodexSession(client: AnalyticsEventsClient): void {
  // Two clients connect: the VS Code extension over websocket (experimental API on) and a CLI over stdio.
  client.trackInitialize(VSCODE, { clientInfo: { name: 'codex-vscode', title: 'Codex for VS Code', version: '1.4.2' }, capabilities: { experimentalApi: true } }, 'codex_vscode', 'websocket');
  client.trackInitialize(CLI, { clientInfo: { name: 'codex-tui', title: null, version: '0.99.0' }, capabilities: null }, 'codex_cli_rs', 'stdio');

  // Threads: A started in VS Code, B resumed from the CLI, C forked from A.
  client.trackResponse(VSCODE, threadResponse('thread/start', 1, 'thread-a', 'vscode', BASE_TIME));
  client.trackResponse(CLI, threadResponse('thread/resume', 1, 'thread-b', 'cli', BASE_TIME - 86_400));
  client.trackResponse(VSCODE, threadResponse('thread/fork', 2, 'thread-c', 'vscode', BASE_TIME + 5));

  // Turn 1 on thread A: completes, with skills, apps, a plugin and hooks along the way.
  const turn1 = buildTrackEventsContext('gpt-5-codex', 'thread-a', 'turn-1');
  client.trackRequest(VSCODE, 10, turnStartRequest(10, 'thread-a', 'Fix the failing build and explain the change', 1));
  client.trackResponse(VSCODE, { method: 'turn/start', requestId: 10, response: { turn: protocolTurn('turn-1') } });
  client.trackNotification(turnStarted('thread-a', 'turn-1', BASE_TIME + 10));
  client.trackTurnResolvedConfig(resolvedConfig('turn-1', 'thread-a', { numInputImages: 1 }));
  client.trackSkillInvocations(turn1, [
    { skillName: 'build-doctor', skillScope: 'repo', skillPath: '/work/app/.codex/skills/build-doctor/SKILL.md', invocationType: 'explicit' },
    { skillName: 'changelog', skillScope: 'user', skillPath: '/home/dev/.codex/skills/changelog/SKILL.md', invocationType: 'implicit' },
  ]);
  client.trackAppMentioned(turn1, [
    { connectorId: 'connector_google_drive', appName: 'Google Drive', invocationType: 'explicit' },
    { connectorId: 'connector_linear', appName: 'Linear', invocationType: 'explicit' },
  ]);
  // The model calls Drive three times in the turn: the client reports it once. Linear once.
  for (let call = 0; call < 3; call += 1) {
    client.trackAppUsed(turn1, { connectorId: 'connector_google_drive', appName: 'Google Drive', invocationType: 'explicit' });
  }
  client.trackAppUsed(turn1, { connectorId: 'connector_linear', appName: 'Linear', invocationType: 'implicit' });
  client.trackPluginUsed(turn1, DOCS_PLUGIN);
  client.trackPluginUsed(turn1, DOCS_PLUGIN);
  client.trackHookRun(turn1, { eventName: 'PreToolUse', hookSource: 'project', status: 'completed' });
  client.trackHookRun(turn1, { eventName: 'PostToolUse', hookSource: 'user', status: 'blocked' });
  client.trackGuardianReview(guardianReview('thread-a', 'turn-1'));
  client.trackTurnTokenUsage({
    turnId: 'turn-1',
    threadId: 'thread-a',
    tokenUsage: { inputTokens: 48_210, cachedInputTokens: 31_000, outputTokens: 2_940, reasoningOutputTokens: 1_152, totalTokens: 51_150 },
  });
  client.trackNotification(turnCompleted('thread-a', 'turn-1', { status: 'completed', startedAt: BASE_TIME + 10, completedAt: BASE_TIME + 52, durationMs: 41_870 }));

  // The context fills up: an automatic compaction before the next turn.
  client.trackCompaction({
    threadId: 'thread-a',
    turnId: 'turn-1',
    trigger: 'auto',
    reason: 'context_limit',
    implementation: 'responses_compact',
    phase: 'pre_turn',
    strategy: 'memento',
    status: 'completed',
    error: null,
    activeContextTokensBefore: 182_000,
    activeContextTokensAfter: 21_500,
    startedAt: BASE_TIME + 53,
    completedAt: BASE_TIME + 56,
    durationMs: 2_870,
  });

  // Turn 2 on thread B (CLI): steered once (accepted), a second steer is rejected, then the turn fails.
  client.trackRequest(CLI, 20, turnStartRequest(20, 'thread-b', 'Run the migration', 0));
  client.trackResponse(CLI, { method: 'turn/start', requestId: 20, response: { turn: protocolTurn('turn-2') } });
  client.trackNotification(turnStarted('thread-b', 'turn-2', BASE_TIME + 60));
  client.trackTurnResolvedConfig(
    resolvedConfig('turn-2', 'thread-b', { sessionSource: 'cli', isFirstTurn: false, serviceTier: 'flex', approvalPolicy: 'never', sandboxPolicy: { type: 'readOnly' } }),
  );
  client.trackRequest(CLI, 21, { method: 'turn/steer', id: 21, params: { threadId: 'thread-b', expectedTurnId: 'turn-2', input: [{ type: 'text', text: 'use the staging database', text_elements: [] }] } });
  client.trackResponse(CLI, { method: 'turn/steer', requestId: 21, response: { turnId: 'turn-2' } });
  client.trackRequest(CLI, 22, { method: 'turn/steer', id: 22, params: { threadId: 'thread-b', expectedTurnId: 'turn-1', input: [{ type: 'text', text: 'and back it up', text_elements: [] }] } });
  client.trackErrorResponse(CLI, 22, { code: -32600, message: 'expected turn does not match the active turn' }, { kind: 'turn_steer', error: 'expected_turn_mismatch' });
  client.trackNotification(
    turnCompleted('thread-b', 'turn-2', {
      status: 'failed',
      error: { message: 'stream disconnected', codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: 502 } }, additionalDetails: null },
      startedAt: BASE_TIME + 60,
      completedAt: BASE_TIME + 75,
      durationMs: 14_800,
    }),
  );

  // A turn/start on thread C is rejected (empty input): nothing is reported for it.
  client.trackRequest(VSCODE, 30, turnStartRequest(30, 'thread-c', '', 0));
  client.trackErrorResponse(VSCODE, 30, { code: -32602, message: 'input is empty' }, { kind: 'input', error: 'empty' });

  // Turn 3 on thread C: interrupted by the user; no token usage was reported.
  client.trackRequest(VSCODE, 31, turnStartRequest(31, 'thread-c', 'Refactor the auth module', 2));
  client.trackResponse(VSCODE, { method: 'turn/start', requestId: 31, response: { turn: protocolTurn('turn-3') } });
  client.trackTurnResolvedConfig(resolvedConfig('turn-3', 'thread-c', { numInputImages: 2, collaborationMode: 'plan', personality: 'none', reasoningEffort: 'high' }));
  client.trackNotification(turnCompleted('thread-c', 'turn-3', { status: 'interrupted', startedAt: BASE_TIME + 80, completedAt: BASE_TIME + 83, durationMs: 3_050 }));

  // A sub-agent spawned from thread A.
  client.trackSubagentThreadStarted({
    threadId: 'thread-a-explorer',
    parentThreadId: null,
    productClientId: 'codex_vscode',
    clientName: 'codex-vscode',
    clientVersion: '1.4.2',
    model: 'gpt-5-mini',
    ephemeral: true,
    subagentSource: { thread_spawn: { parent_thread_id: 'thread-a', depth: 1, agent_path: null, agent_nickname: 'explorer', agent_role: 'researcher' } },
    createdAt: BASE_TIME + 90,
  });

  // The user manages the plugin.
  client.trackPluginInstalled(DOCS_PLUGIN);
  client.trackPluginEnabled(DOCS_PLUGIN);
  client.trackPluginDisabled(DOCS_PLUGIN);
  client.trackPluginUninstalled(DOCS_PLUGIN);
}
