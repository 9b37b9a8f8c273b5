// The events every client sends: one per sequence number, identical content for every client.
//
// Even numbers are app-used facts, odd numbers hook-run facts, with realistic ids: UUIDv7-shaped thread and turn
// ids, `connector_` + 32 hex connector ids, a real model slug. Each event has its own turn id (app-used is deduped
// per turn and connector, so nothing is deduped), and that turn id carries the sequence number in its last 12 hex
// digits: the sink reads it back to count each event once and to spot duplicates.

const MODEL_SLUG = 'gpt-5.1-codex-max';
const ORIGINATOR = 'codex_cli_rs';
const EVENTS_PER_THREAD = 200;
const APP_NAMES = ['Google Drive', 'GitHub', 'Linear', 'Slack', 'Notion', 'Atlassian Jira', 'Figma', 'Google Calendar'];
const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop', 'SessionStart', 'PermissionRequest'];
const HOOK_SOURCES = ['project', 'user', 'system', 'mdm'];
const HOOK_STATUSES = ['completed', 'completed', 'blocked', 'failed'];
const CONNECTORS = 24;

/** The user id / distinct id the anchors need (one account for the whole run). */
export const BENCH_USER_ID = 'user-9f2c4e7a1b3d5f60';

const hex = (value, width) => value.toString(16).padStart(width, '0');

const threadIds = [];
function threadIdFor(seq) {
  const thread = Math.floor(seq / EVENTS_PER_THREAD);
  threadIds[thread] ??= `0199b8c2-7d4e-7f31-9a6b-${hex(0x5e00000000 + thread * 7919, 12)}`;
  return threadIds[thread];
}

const connectorIds = Array.from({ length: CONNECTORS }, (_, i) => `connector_${hex(0x68df038e + i * 104729, 8)}${hex(0x0ba48191 ^ (i * 31), 8)}908c8434991bbac${hex(i % 16, 1)}`);

/** The turn id of event `seq`: unique per event; its last 12 hex digits are `seq`. */
export function turnIdFor(seq) {
  return `0199b8c3-${hex((seq * 2654435761) % 0x10000, 4)}-7a02-b3c4-${hex(seq, 12)}`;
}

/** The sequence number a turn id carries, or -1. */
export function seqOfTurnId(turnId) {
  if (typeof turnId !== 'string' || turnId.length < 12) return -1;
  const seq = Number.parseInt(turnId.slice(-12), 16);
  return Number.isSafeInteger(seq) ? seq : -1;
}

/** The fact behind event `seq`, as a caller of our client builds it: `{ kind, tracking, app | hook }`. */
export function factFor(seq) {
  const tracking = { modelSlug: MODEL_SLUG, threadId: threadIdFor(seq), turnId: turnIdFor(seq) };
  if (seq % 2 === 0) {
    const n = seq >>> 1;
    return {
      kind: 'app',
      tracking,
      app: {
        connectorId: connectorIds[n % CONNECTORS],
        appName: APP_NAMES[n % APP_NAMES.length],
        invocationType: n % 3 === 0 ? 'implicit' : 'explicit',
      },
    };
  }
  const n = seq >>> 1;
  return {
    kind: 'hook',
    tracking,
    hook: {
      eventName: HOOK_EVENTS[n % HOOK_EVENTS.length],
      hookSource: HOOK_SOURCES[n % HOOK_SOURCES.length],
      status: HOOK_STATUSES[n % HOOK_STATUSES.length],
    },
  };
}

/** The wire event our reducer makes of `factFor(seq)` (same keys, same order): what the baseline sends. */
export function eventFor(seq) {
  const fact = factFor(seq);
  const { tracking } = fact;
  if (fact.kind === 'app') {
    return {
      event_type: 'codex_app_used',
      event_params: {
        connector_id: fact.app.connectorId,
        thread_id: tracking.threadId,
        turn_id: tracking.turnId,
        app_name: fact.app.appName,
        product_client_id: ORIGINATOR,
        invoke_type: fact.app.invocationType,
        model_slug: tracking.modelSlug,
      },
    };
  }
  return {
    event_type: 'codex_hook_run',
    event_params: {
      thread_id: tracking.threadId,
      turn_id: tracking.turnId,
      model_slug: tracking.modelSlug,
      hook_name: fact.hook.eventName,
      hook_source: fact.hook.hookSource,
      status: fact.hook.status,
    },
  };
}
