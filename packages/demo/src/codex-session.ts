import { createAppServerTap } from '@codex-analytics/client';
import type { AnalyticsEventsClient, AppServerTap } from '@codex-analytics/client';
import type { CurrentOnlyEventType, EventType } from '@codex-analytics/events';
import { buildTrackEventsContext } from '@codex-analytics/facts';
import type { GuardianReviewEventParams, PluginTelemetryMetadata } from '@codex-analytics/facts';

// A realistic Codex session, as an app server lives it: two connections (a VS Code extension over websocket, a CLI
// over stdio) whose raw JSON-RPC traffic goes through an app-server tap each (threads started, resumed and forked;
// three turns: completed, failed, interrupted; steers accepted and rejected; a rejected turn/start; the usual noise of
// deltas, approvals and status notifications), plus the facts only Codex core knows, through `track*` (skills, apps,
// plugins, hooks, a compaction, a guardian review, a sub-agent thread). Nobody builds a resolved config, a token
// usage or a tool call by hand: the taps read them from the traffic (thread responses, `turn/start`,
// `thread/tokenUsage/updated`, `item/completed`). `EXPECTED_EVENT_COUNTS` says what the backend must receive.

/** The event types the demo counts: the seed's 14 and the 8 only today's format has. */
export type DemoEventType = EventType | CurrentOnlyEventType;

/**
 * How many events of each type the session produces (in today's wire format, the client's default) once the client
 * has deduplicated app and plugin use: each tool call of turn 1 (a build command, a patch, the declined publish) has
 * its own event.
 */
export const EXPECTED_EVENT_COUNTS: Readonly<Record<DemoEventType, number>> = Object.freeze({
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
  codex_command_execution_event: 2,
  codex_file_change_event: 1,
  codex_mcp_tool_call_event: 0,
  codex_dynamic_tool_call_event: 0,
  codex_collab_agent_tool_call_event: 0,
  codex_web_search_event: 0,
  codex_image_generation_event: 0,
  codex_accepted_line_fingerprints: 0,
});

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

/** A `Thread` as the app-server sends it (v2 `Thread`: the reducer reads `id`, `ephemeral`, `createdAt`, `source`). */
function thread(id: string, source: string, createdAt: number, turns: unknown[] = []) {
  return { id, preview: '', ephemeral: false, modelProvider: 'openai', createdAt, updatedAt: createdAt, status: { type: 'idle' }, path: null, cwd: '/work/app', cliVersion: '0.99.0', source, gitInfo: null, name: null, turns };
}

/** A thread response: the thread, and the settings it runs with (what a turn's resolved config is built from). */
function threadResult(thread: unknown) {
  return {
    thread,
    model: 'gpt-5-codex',
    modelProvider: 'openai',
    serviceTier: null,
    cwd: '/work/app',
    approvalPolicy: 'on-request',
    approvalsReviewer: 'user',
    sandbox: { type: 'workspaceWrite', writableRoots: ['/work/app'], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
    reasoningEffort: 'medium',
  };
}

function turn(id: string, fields: Record<string, unknown> = {}) {
  return { id, items: [], status: 'inProgress', error: null, startedAt: null, completedAt: null, durationMs: null, ...fields };
}

function input(text: string, images = 0): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [{ type: 'text', text, text_elements: [] }];
  for (let index = 0; index < images; index += 1) items.push({ type: 'localImage', path: `/work/app/screenshot-${index}.png` });
  return items;
}

/** What the app-server received (`in`) and sent (`out`) on one connection, as raw JSON-RPC text. */
function wire(tap: AppServerTap) {
  return {
    in: (message: Record<string, unknown>) => tap.toServer(JSON.stringify(message)),
    out: (message: Record<string, unknown>) => tap.fromServer(JSON.stringify(message)),
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

/** Plays the session: each connection's JSON-RPC through its tap, Codex core's facts through `track*`, in order. */
export function playCodexSession(client: AnalyticsEventsClient): void {
  const vscode = wire(createAppServerTap(client, { connectionId: 1, rpcTransport: 'websocket' }));
  const cli = wire(createAppServerTap(client, { connectionId: 2, rpcTransport: 'stdio' }));

  // Two clients connect: the VS Code extension (experimental API on) and a CLI.
  vscode.in({ id: 0, method: 'initialize', params: { clientInfo: { name: 'codex_vscode', title: 'Codex for VS Code', version: '1.4.2' }, capabilities: { experimentalApi: true } } });
  vscode.out({ id: 0, result: { userAgent: 'codex_vscode/0.99.0 (Mac OS 15.3.1; arm64) vscode/1.99.0', codexHome: '/Users/dev/.codex', platformFamily: 'unix', platformOs: 'macos' } });
  vscode.in({ method: 'initialized' });
  cli.in({ id: 0, method: 'initialize', params: { clientInfo: { name: 'codex-tui', title: null, version: '0.99.0' }, capabilities: null } });
  cli.out({ id: 0, result: { userAgent: 'codex-tui/0.99.0', codexHome: '/home/dev/.codex', platformFamily: 'unix', platformOs: 'linux' } });
  cli.in({ method: 'initialized' });

  // Threads: A started in VS Code, B resumed from the CLI (it had a turn before), C forked from A.
  vscode.in({ id: 1, method: 'thread/start', params: { cwd: '/work/app' } });
  vscode.out({ id: 1, result: threadResult(thread('thread-a', 'vscode', BASE_TIME)) });
  vscode.out({ method: 'thread/started', params: { thread: thread('thread-a', 'vscode', BASE_TIME) } });
  cli.in({ id: 1, method: 'thread/resume', params: { threadId: 'thread-b' } });
  cli.out({ id: 1, result: threadResult(thread('thread-b', 'cli', BASE_TIME - 86_400, [turn('turn-0', { status: 'completed' })])) });
  vscode.in({ id: 2, method: 'thread/fork', params: { threadId: 'thread-a' } });
  vscode.out({ id: 2, result: threadResult(thread('thread-c', 'vscode', BASE_TIME + 5)) });

  // Turn 1 on thread A: completes, with skills, apps, a plugin, hooks and a guardian review along the way.
  const turn1 = buildTrackEventsContext('gpt-5-codex', 'thread-a', 'turn-1');
  vscode.in({ id: 10, method: 'turn/start', params: { threadId: 'thread-a', input: input('Fix the failing build and explain the change', 1), summary: 'auto', personality: 'pragmatic' } });
  vscode.out({ id: 10, result: { turn: turn('turn-1') } });
  vscode.out({ method: 'turn/started', params: { threadId: 'thread-a', turn: turn('turn-1', { startedAt: BASE_TIME + 10 }) } });
  vscode.out({ method: 'item/agentMessage/delta', params: { threadId: 'thread-a', turnId: 'turn-1', itemId: 'msg-1', delta: 'Looking at the build log' } });
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
  // The model runs the build, then patches the broken import: one command and one file change, as the app-server
  // reports tool calls (each becomes its own event in today's format, and counts on the turn).
  const ms = (seconds: number) => (BASE_TIME + seconds) * 1000;
  const build = { type: 'commandExecution', id: 'call-build', command: "/bin/bash -lc 'npm run build'", cwd: '/work/app', processId: '4242', source: 'unifiedExecStartup', status: 'inProgress', commandActions: [{ type: 'unknown', command: 'npm run build' }], aggregatedOutput: null, exitCode: null, durationMs: null, startedAtMs: ms(14), completedAtMs: null };
  vscode.out({ method: 'item/started', params: { threadId: 'thread-a', turnId: 'turn-1', item: build } });
  vscode.out({ method: 'item/commandExecution/outputDelta', params: { threadId: 'thread-a', turnId: 'turn-1', itemId: 'call-build', delta: 'error TS2307' } });
  vscode.out({ method: 'item/completed', params: { threadId: 'thread-a', turnId: 'turn-1', item: { ...build, status: 'failed', aggregatedOutput: "error TS2307: Cannot find module './config'", exitCode: 2, durationMs: 3_870, completedAtMs: ms(18) } } });
  const patch = { type: 'fileChange', id: 'call-patch', changes: [{ path: '/work/app/src/index.ts', kind: { type: 'update', move_path: null }, diff: "-import './config'\n+import './config.js'\n" }], status: 'completed', startedAtMs: ms(20), completedAtMs: ms(20) };
  vscode.out({ method: 'item/completed', params: { threadId: 'thread-a', turnId: 'turn-1', item: patch } });
  // The model wants to publish: the server asks the client for approval; the guardian reviews it too.
  vscode.out({ id: 'approval-1', method: 'item/commandExecution/requestApproval', params: { threadId: 'thread-a', turnId: 'turn-1', itemId: 'exec-42' } });
  vscode.in({ id: 'approval-1', result: { decision: 'decline' } });
  vscode.out({
    method: 'item/completed',
    params: {
      threadId: 'thread-a',
      turnId: 'turn-1',
      item: { type: 'commandExecution', id: 'exec-42', command: "/bin/bash -lc 'npm publish'", cwd: '/work/app', source: 'agent', status: 'declined', commandActions: [{ type: 'unknown', command: 'npm publish' }], exitCode: null, durationMs: null, startedAtMs: ms(30), completedAtMs: ms(31) },
    },
  });
  client.trackHookRun(turn1, { eventName: 'PostToolUse', hookSource: 'user', status: 'blocked' });
  client.trackGuardianReview(guardianReview('thread-a', 'turn-1'));
  // The app-server reports the thread's running token total after each model call; the tap takes the turn's usage from it.
  const usage = { inputTokens: 48_210, cachedInputTokens: 31_000, cacheWriteInputTokens: 0, outputTokens: 2_940, reasoningOutputTokens: 1_152, totalTokens: 51_150 };
  vscode.out({ method: 'thread/tokenUsage/updated', params: { threadId: 'thread-a', turnId: 'turn-1', tokenUsage: { total: usage, last: usage, modelContextWindow: 258_400 } } });
  vscode.out({ method: 'turn/completed', params: { threadId: 'thread-a', turn: turn('turn-1', { status: 'completed', startedAt: BASE_TIME + 10, completedAt: BASE_TIME + 52, durationMs: 41_870 }) } });

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

  // Turn 2 on thread B (CLI, flex tier, read-only, never asks): steered once (accepted), a second steer is
  // rejected (it expected the wrong turn), then the turn fails.
  cli.in({ id: 20, method: 'turn/start', params: { threadId: 'thread-b', input: input('Run the migration'), serviceTier: 'flex', approvalPolicy: 'never', sandboxPolicy: { type: 'readOnly' } } });
  cli.out({ id: 20, result: { turn: turn('turn-2') } });
  cli.out({ method: 'turn/started', params: { threadId: 'thread-b', turn: turn('turn-2', { startedAt: BASE_TIME + 60 }) } });
  cli.in({ id: 21, method: 'turn/steer', params: { threadId: 'thread-b', expectedTurnId: 'turn-2', input: input('use the staging database') } });
  cli.out({ id: 21, result: { turnId: 'turn-2' } });
  cli.in({ id: 22, method: 'turn/steer', params: { threadId: 'thread-b', expectedTurnId: 'turn-1', input: input('and back it up') } });
  cli.out({ id: 22, error: { code: -32600, message: 'expected active turn id `turn-1` but found `turn-2`' } });
  cli.out({
    method: 'turn/completed',
    params: {
      threadId: 'thread-b',
      turn: turn('turn-2', {
        status: 'failed',
        error: { message: 'stream disconnected', codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: 502 } }, additionalDetails: null },
        startedAt: BASE_TIME + 60,
        completedAt: BASE_TIME + 75,
        durationMs: 14_800,
      }),
    },
  });

  // A turn/start on thread C is rejected (empty input): nothing is reported for it.
  vscode.in({ id: 30, method: 'turn/start', params: { threadId: 'thread-c', input: [] } });
  vscode.out({ id: 30, error: { code: -32600, message: 'input must not be empty' } });

  // Turn 3 on thread C, in plan mode with high effort: interrupted by the user; no token usage was reported.
  vscode.in({ id: 31, method: 'turn/start', params: { threadId: 'thread-c', input: input('Refactor the auth module', 2), collaborationMode: { mode: 'plan', settings: { model: 'gpt-5-codex' } }, personality: 'none', effort: 'high' } });
  vscode.out({ id: 31, result: { turn: turn('turn-3') } });
  vscode.in({ id: 32, method: 'turn/interrupt', params: { threadId: 'thread-c', turnId: 'turn-3' } });
  vscode.out({ id: 32, result: {} });
  vscode.out({ method: 'turn/completed', params: { threadId: 'thread-c', turn: turn('turn-3', { status: 'interrupted', startedAt: BASE_TIME + 80, completedAt: BASE_TIME + 83, durationMs: 3_050 }) } });

  // A sub-agent spawned from thread A (in process: Codex core reports it).
  client.trackSubagentThreadStarted({
    threadId: 'thread-a-explorer',
    parentThreadId: null,
    productClientId: 'codex_vscode',
    clientName: 'codex_vscode',
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
