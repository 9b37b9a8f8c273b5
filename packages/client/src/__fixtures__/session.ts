import type { AnalyticsEventsClient } from '../analytics-events-client.js';
import {
  app,
  compaction,
  guardianReview,
  hook,
  initializeParams,
  plugin,
  resolvedConfig,
  skill,
  subagentInput,
  tokenUsage,
  tracking,
} from './fixtures.js';

const turn = (overrides: Record<string, unknown>) => ({
  id: 'turn-1',
  items: [],
  status: 'inProgress',
  error: null,
  startedAt: null,
  completedAt: null,
  durationMs: null,
  ...overrides,
});

/** One realistic app-server session: a connection, a thread, a full turn with its custom facts, and a few more. */
export function playSession(client: AnalyticsEventsClient): void {
  client.trackInitialize(1, initializeParams, 'codex_vscode', 'stdio');
  client.trackResponse(1, {
    method: 'thread/start',
    requestId: 1,
    response: {
      thread: {
        id: 'thread-1',
        preview: '',
        ephemeral: false,
        modelProvider: 'openai',
        createdAt: 1_716_000_000,
        updatedAt: 1_716_000_000,
        source: 'vscode',
        turns: [],
      },
      model: 'gpt-5',
      modelProvider: 'openai',
    },
  });
  client.trackRequest(1, 2, {
    method: 'turn/start',
    id: 2,
    params: { threadId: 'thread-1', input: [{ type: 'text', text: 'hello', text_elements: [] }] },
  });
  client.trackResponse(1, { method: 'turn/start', requestId: 2, response: { turn: turn({}) } });
  client.trackTurnResolvedConfig(resolvedConfig);
  client.trackNotification({
    method: 'turn/started',
    params: { threadId: 'thread-1', turn: turn({ startedAt: 1_716_000_010 }) },
  });
  client.trackSkillInvocations(tracking(), [skill]);
  client.trackAppMentioned(tracking(), [app()]);
  client.trackAppUsed(tracking(), app());
  client.trackAppUsed(tracking(), app());
  client.trackHookRun(tracking(), hook);
  client.trackPluginUsed(tracking(), plugin());
  client.trackCompaction(compaction);
  client.trackGuardianReview(guardianReview);
  client.trackTurnTokenUsage(tokenUsage);
  client.trackNotification({
    method: 'turn/completed',
    params: {
      threadId: 'thread-1',
      turn: turn({ status: 'completed', startedAt: 1_716_000_010, completedAt: 1_716_000_025, durationMs: 15_000 }),
    },
  });
  client.trackSubagentThreadStarted(subagentInput);
  client.trackPluginInstalled(plugin());
}
