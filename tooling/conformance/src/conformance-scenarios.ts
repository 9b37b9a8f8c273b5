import type { ModelAnswer } from './scripted-model.js';
import { beginTurn, expectError, expectResult, initialize, runTurn, startThread, stringAt, stringAtOr, textInput, turnEnd } from './scenario-steps.js';
import type { ScenarioContext, TurnOutcome } from './scenario-steps.js';

/**
 * One scripted session against the real `codex app-server`: what it does (recorded in `meta.json`), how its turns
 * must end, the event types the real Rust client must send for it, and the driver.
 */
export interface ConformanceScenario {
  /** Folder name of its recording: `recordings/codex-<version>/<name>/`. */
  name: string;
  steps: readonly string[];
  /** The final status of each turn, in order, as scripted. */
  turnStatuses: readonly string[];
  /** Event types the real client sends in this scenario (each at least once). */
  eventTypes: readonly string[];
  /** Events to wait for (bounded) before stopping the app-server. */
  minEvents: number;
  drive(ctx: ScenarioContext): Promise<TurnOutcome[]>;
}

const message = (text: string): ModelAnswer => ({ kind: 'stream', items: [{ type: 'message', text }] });
const execCommand = (cmd: string, callId: string): ModelAnswer => ({
  kind: 'stream',
  items: [
    { type: 'reasoning', summary: 'Running a command.' },
    { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd }), callId },
  ],
});
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from the conformance model\n*** End Patch\n';

export const CONFORMANCE_SCENARIOS: readonly ConformanceScenario[] = [
  {
    name: 'plain-answer',
    steps: ['initialize', 'thread/start', 'turn/start: the model answers a message with usage 120/30/20/5/150'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event'],
    minEvents: 2,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      return [await runTurn(ctx, threadId, 'Say hello.', [message('Hello.')])];
    },
  },
  {
    name: 'exec-command',
    steps: ['initialize', 'thread/start', 'turn/start: the model calls exec_command `echo hi`, then answers with the output'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_command_execution_event'],
    minEvents: 3,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      return [await runTurn(ctx, threadId, 'Run echo hi.', [execCommand('echo hi', 'call_exec_1'), message('It printed hi.')])];
    },
  },
  {
    name: 'file-change',
    steps: ['initialize', 'thread/start', 'turn/start: the model applies a patch that adds hello.txt (apply_patch through exec_command), then answers'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_file_change_event'],
    minEvents: 3,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      return [await runTurn(ctx, threadId, 'Add hello.txt.', [execCommand(`apply_patch <<'EOF'\n${PATCH}EOF`, 'call_patch_1'), message('Added hello.txt.')])];
    },
  },
  {
    name: 'web-search',
    steps: ['initialize', 'thread/start', 'turn/start: the model searches the web (a web_search_call item), then answers'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_web_search_event'],
    minEvents: 3,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      return [
        await runTurn(ctx, threadId, 'What is the weather?', [
          { kind: 'stream', items: [{ type: 'web_search_call', query: 'weather in Paris' }, { type: 'message', text: 'It is sunny.' }] },
        ]),
      ];
    },
  },
  {
    name: 'failed-turn',
    steps: ['initialize', 'thread/start', 'turn/start: the model stream fails (response.failed, invalid_prompt)'],
    turnStatuses: ['failed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event'],
    minEvents: 2,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      return [await runTurn(ctx, threadId, 'Do something refused.', [{ kind: 'failed', code: 'invalid_prompt', message: 'The prompt was refused.' }])];
    },
  },
  {
    name: 'interrupted-turn',
    steps: ['initialize', 'thread/start', 'turn/start: the model stream stays open', 'turn/interrupt while it streams'],
    turnStatuses: ['interrupted'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event'],
    minEvents: 2,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      const turnId = await beginTurn(ctx, threadId, 'Start a long task.', [{ kind: 'hold', items: [{ type: 'message', text: 'Never sent.' }] }]);
      await ctx.model.waitForHold(30_000);
      expectResult(await ctx.session.request('turn/interrupt', { threadId, turnId }), 'turn/interrupt');
      return [await turnEnd(ctx, turnId)];
    },
  },
  {
    name: 'accepted-steer',
    steps: ['initialize', 'thread/start', 'turn/start: the model stream stays open', 'turn/steer with the running turn id (accepted)', 'the stream finishes'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_turn_steer_event'],
    minEvents: 3,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      const turnId = await beginTurn(ctx, threadId, 'Start a long task.', [{ kind: 'hold', items: [{ type: 'message', text: 'Steered answer.' }] }, message('Done with the steer.')]);
      await ctx.model.waitForHold(30_000);
      const steer = expectResult(await ctx.session.request('turn/steer', { threadId, input: textInput('Also mention the steer.'), expectedTurnId: turnId }), 'turn/steer');
      if (stringAtOr(steer, ['turnId']) !== turnId) throw new Error('turn/steer did not answer the running turn id');
      ctx.model.release();
      return [await turnEnd(ctx, turnId)];
    },
  },
  {
    name: 'protocol-errors',
    steps: [
      'initialize',
      'thread/start',
      'thread/fork before the first turn (no rollout yet: error response)',
      'turn/start: the model API answers 400 (the turn fails)',
      'thread/fork after the turn',
      'turn/steer with no active turn (rejected)',
      'turn/steer with a wrong expected turn id on a running turn (rejected), then the turn completes',
      'invalid request (unknown method)',
    ],
    turnStatuses: ['failed', 'completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_turn_steer_event'],
    minEvents: 6,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      expectError(await ctx.session.request('thread/fork', { threadId }), 'thread/fork before the first turn');
      const failed = await runTurn(ctx, threadId, 'Say hello.', [
        { kind: 'http_error', status: 400, body: { error: { message: 'conformance model: refused', type: 'invalid_request_error' } } },
      ]);
      const forked = stringAt(expectResult(await ctx.session.request('thread/fork', { threadId }), 'thread/fork'), ['thread', 'id'], 'thread/fork');
      expectError(await ctx.session.request('turn/steer', { threadId: forked, input: textInput('And goodbye.'), expectedTurnId: failed.turnId }), 'turn/steer with no active turn');
      const turnId = await beginTurn(ctx, threadId, 'Start a long task.', [{ kind: 'hold', items: [{ type: 'message', text: 'Finished.' }] }]);
      await ctx.model.waitForHold(30_000);
      expectError(await ctx.session.request('turn/steer', { threadId, input: textInput('Wrong turn.'), expectedTurnId: 'not-the-running-turn' }), 'turn/steer with a wrong turn id');
      ctx.model.release();
      const completed = await turnEnd(ctx, turnId);
      await ctx.session.requestRaw({ method: 'conformance/noSuchMethod', params: { reason: 'an invalid request' } });
      return [failed, completed];
    },
  },
  {
    name: 'resume-and-fork',
    steps: ['initialize', 'thread/start', 'turn/start: a message', 'thread/resume', 'thread/fork', 'turn/start on the fork: a message'],
    turnStatuses: ['completed', 'completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event'],
    minEvents: 5,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      const first = await runTurn(ctx, threadId, 'Say hello.', [message('Hello.')]);
      expectResult(await ctx.session.request('thread/resume', { threadId }), 'thread/resume');
      const forked = stringAt(expectResult(await ctx.session.request('thread/fork', { threadId }), 'thread/fork'), ['thread', 'id'], 'thread/fork');
      const second = await runTurn(ctx, forked, 'Say goodbye.', [message('Goodbye.')]);
      return [first, second];
    },
  },
  {
    name: 'compaction',
    steps: ['initialize', 'thread/start', 'turn/start: a message', 'thread/compact/start (the model writes the summary)'],
    turnStatuses: ['completed', 'completed'],
    eventTypes: ['codex_thread_initialized', 'codex_turn_event', 'codex_compaction_event'],
    minEvents: 3,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      const first = await runTurn(ctx, threadId, 'Say hello.', [message('Hello.')]);
      ctx.model.enqueue(message('Summary: the user was greeted.'));
      expectResult(await ctx.session.request('thread/compact/start', { threadId }), 'thread/compact/start');
      const started = await ctx.session.waitForNotification(
        (notification) => notification.method === 'turn/started' && stringAtOr(notification.params, ['turn', 'id']) !== first.turnId,
        30_000,
        'turn/started of the compaction',
      );
      return [first, await turnEnd(ctx, stringAt(started.params, ['turn', 'id'], 'turn/started'))];
    },
  },
  {
    name: 'review-subagent',
    steps: ['initialize', 'thread/start', 'review/start (custom instructions, inline): a review sub-agent thread answers'],
    turnStatuses: ['completed'],
    eventTypes: ['codex_thread_initialized'],
    minEvents: 2,
    drive: async (ctx) => {
      await initialize(ctx);
      const threadId = await startThread(ctx);
      ctx.model.enqueue(
        message(JSON.stringify({ findings: [], overall_correctness: 'patch is correct', overall_explanation: 'Nothing to fix.', overall_confidence_score: 0.9 })),
      );
      const review = expectResult(
        await ctx.session.request('review/start', { threadId, target: { type: 'custom', instructions: 'Review the work folder.' }, delivery: 'inline' }),
        'review/start',
      );
      return [await turnEnd(ctx, stringAt(review, ['turn', 'id'], 'review/start'))];
    },
  },
];
