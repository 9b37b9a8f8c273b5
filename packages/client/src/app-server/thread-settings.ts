import type { TurnResolvedConfigFact, UserInput } from '@codex-analytics/facts';
import { propertyOf } from '../property-of.js';

/**
 * What the traffic of one connection says about a thread's settings: the `thread/start`, `thread/resume` and
 * `thread/fork` responses carry the model, provider, service tier, approval policy and reviewer, sandbox and
 * reasoning effort the thread runs with (codex-rs/app-server-protocol `ThreadStartResponse` and siblings), and a
 * `turn/start` may override any of them, plus the reasoning summary, personality and collaboration mode, for that
 * turn and the ones after it (`TurnStartParams`). Values are kept as the traffic spelled them; the worker validates
 * the resolved config built from them like any other fact.
 */
export interface ThreadSettings {
  model: unknown;
  modelProvider: unknown;
  serviceTier: unknown;
  approvalPolicy: unknown;
  approvalsReviewer: unknown;
  sandbox: unknown;
  reasoningEffort: unknown;
  reasoningSummary: unknown;
  personality: unknown;
  collaborationMode: unknown;
  ephemeral: unknown;
  sessionSource: unknown;
  /** Turns started on the thread so far (from `thread.turns` on resume and fork, then counted). */
  turnsStarted: number;
}

/** The thread id and settings a thread response carries, or `undefined` when it names no thread. */
export function threadSettingsFromResponse(result: unknown): { threadId: string; settings: ThreadSettings } | undefined {
  const thread = propertyOf(result, 'thread');
  const threadId = propertyOf(thread, 'id');
  if (typeof threadId !== 'string') return undefined;
  const turns = propertyOf(thread, 'turns');
  return {
    threadId,
    settings: {
      model: propertyOf(result, 'model'),
      modelProvider: propertyOf(result, 'modelProvider'),
      serviceTier: propertyOf(result, 'serviceTier') ?? null,
      approvalPolicy: propertyOf(result, 'approvalPolicy'),
      approvalsReviewer: propertyOf(result, 'approvalsReviewer'),
      sandbox: propertyOf(result, 'sandbox'),
      reasoningEffort: propertyOf(result, 'reasoningEffort') ?? null,
      // Not in a thread response: known only from a `turn/start` that sets it.
      reasoningSummary: null,
      personality: null,
      collaborationMode: 'default',
      ephemeral: propertyOf(thread, 'ephemeral'),
      sessionSource: propertyOf(thread, 'source'),
      turnsStarted: Array.isArray(turns) ? turns.length : 0,
    },
  };
}

/** `value` unless the request left it unset (`undefined` or `null`). */
function override(value: unknown, current: unknown): unknown {
  return value === undefined || value === null ? current : value;
}

/** The settings after a successful `turn/start`: its overrides apply to this turn and the ones after it. */
export function withTurnStartOverrides(settings: ThreadSettings, params: unknown): ThreadSettings {
  const mode = propertyOf(propertyOf(params, 'collaborationMode'), 'mode');
  return {
    ...settings,
    model: override(propertyOf(params, 'model'), settings.model),
    serviceTier: override(propertyOf(params, 'serviceTier'), settings.serviceTier),
    approvalPolicy: override(propertyOf(params, 'approvalPolicy'), settings.approvalPolicy),
    approvalsReviewer: override(propertyOf(params, 'approvalsReviewer'), settings.approvalsReviewer),
    sandbox: override(propertyOf(params, 'sandboxPolicy'), settings.sandbox),
    reasoningEffort: override(propertyOf(params, 'effort'), settings.reasoningEffort),
    reasoningSummary: override(propertyOf(params, 'summary'), settings.reasoningSummary),
    personality: override(propertyOf(params, 'personality'), settings.personality),
    // The event reports `plan` for Plan and `default` for every other mode (upstream `collaboration_mode`).
    collaborationMode: mode === undefined || mode === null ? settings.collaborationMode : mode === 'plan' ? 'plan' : 'default',
    turnsStarted: settings.turnsStarted + 1,
  };
}

/** Whether the sandbox lets the turn reach the network (core's `network_sandbox_policy.is_enabled()`). */
function sandboxNetworkAccess(sandbox: unknown): boolean {
  const type = propertyOf(sandbox, 'type');
  if (type === 'dangerFullAccess') return true;
  const access = propertyOf(sandbox, 'networkAccess');
  return type === 'externalSandbox' ? access === 'enabled' : access === true;
}

function countImages(input: unknown): number {
  if (!Array.isArray(input)) return 0;
  let images = 0;
  for (const item of input as UserInput[]) {
    const type = propertyOf(item, 'type');
    if (type === 'image' || type === 'localImage') images += 1;
  }
  return images;
}

/**
 * The resolved config of a turn, as Codex core would report it (codex-rs/core `track_turn_resolved_config_analytics`),
 * built from the thread's settings before the turn (`settings`) and the `turn/start` that started it (`params`).
 * `submissionType` is `null` as upstream in this era; `isFirstTurn` is true when no turn was seen on the thread.
 */
export function turnResolvedConfig(settings: ThreadSettings, turnId: string, threadId: string, params: unknown): TurnResolvedConfigFact {
  const turn = withTurnStartOverrides(settings, params);
  return {
    turnId,
    threadId,
    numInputImages: countImages(propertyOf(params, 'input')),
    submissionType: null,
    ephemeral: turn.ephemeral,
    sessionSource: turn.sessionSource,
    model: turn.model,
    modelProvider: turn.modelProvider,
    sandboxPolicy: turn.sandbox,
    reasoningEffort: turn.reasoningEffort,
    reasoningSummary: turn.reasoningSummary,
    serviceTier: turn.serviceTier,
    approvalPolicy: turn.approvalPolicy,
    approvalsReviewer: turn.approvalsReviewer,
    sandboxNetworkAccess: sandboxNetworkAccess(turn.sandbox),
    collaborationMode: turn.collaborationMode,
    personality: turn.personality,
    isFirstTurn: settings.turnsStarted === 0,
  } as TurnResolvedConfigFact;
}
