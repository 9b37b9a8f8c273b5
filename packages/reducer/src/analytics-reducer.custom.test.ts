import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { trackEventRequestSchema } from '@codex-analytics/events';
import type { AnalyticsFact, GuardianReviewedActionFact, HookRunFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from './analytics-reducer.js';
import { APP_SERVER_CLIENT, expectJson } from './__fixtures__/expect-json.js';
import {
  GUARDIAN_REVIEW_WIRE,
  RUNTIME,
  SAMPLE_PLUGIN,
  TRACKING,
  compaction,
  guardianReview,
  ingestAll,
  initialize,
  threadResponse,
} from './__fixtures__/fact-builders.js';
import type { GitLookup } from './git-lookup.js';
import { exampleEvents } from '@codex-analytics/events/testing';

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

function newReducer(options: { warnings?: string[]; gitLookup?: GitLookup; originator?: string } = {}): AnalyticsReducer<'seed'> {
  return new AnalyticsReducer({
    wireEra: 'seed',
    now: () => 1_716_000_000,
    originator: options.originator,
    logger: { warn: (message) => options.warnings?.push(message) },
    gitLookup: options.gitLookup ?? (() => Promise.resolve(undefined)),
    canonicalizePath: () => undefined,
  });
}

const CALENDAR = { connectorId: 'calendar', appName: 'Calendar', invocationType: 'explicit' } as const;
const appMention: AnalyticsFact = {
  type: 'app_mentioned',
  tracking: TRACKING,
  mentions: [CALENDAR, { connectorId: null, appName: null, invocationType: null }],
};

describe('app events', () => {
  it('codex_app_mentioned: one event per mention, in order, with the originator', async () => {
    const events = await ingestAll(newReducer(), [appMention]);
    expectJson(events, [
      // The events package's example.
      exampleEvents.codex_app_mentioned,
      {
        event_type: 'codex_app_mentioned',
        event_params: {
          connector_id: null,
          thread_id: 'thread-1',
          turn_id: 'turn-1',
          app_name: null,
          product_client_id: 'codex_cli_rs',
          invoke_type: null,
          model_slug: 'gpt-5',
        },
      },
    ]);
  });

  it('codex_app_used: the full shape', async () => {
    const fact: AnalyticsFact = { type: 'app_used', tracking: TRACKING, app: { connectorId: 'drive', appName: 'Google Drive', invocationType: 'implicit' } };
    expectJson(await ingestAll(newReducer({ originator: 'codex_vscode' }), [fact]), [
      {
        event_type: 'codex_app_used',
        event_params: {
          connector_id: 'drive',
          thread_id: 'thread-1',
          turn_id: 'turn-1',
          app_name: 'Google Drive',
          product_client_id: 'codex_vscode',
          invoke_type: 'implicit',
          model_slug: 'gpt-5',
        },
      },
    ]);
  });

  it('app mentioned, app used and plugin used emit three events in order', async () => {
    const events = await ingestAll(newReducer(), [
      { type: 'app_mentioned', tracking: TRACKING, mentions: [CALENDAR] },
      { type: 'app_used', tracking: TRACKING, app: CALENDAR },
      { type: 'plugin_used', tracking: TRACKING, plugin: SAMPLE_PLUGIN },
    ]);
    expect(events.map((event) => event.event_type)).toEqual(['codex_app_mentioned', 'codex_app_used', 'codex_plugin_used']);
  });
});

describe('plugin events', () => {
  const metadata = {
    plugin_id: 'sample@test',
    plugin_name: 'sample',
    marketplace_name: 'test',
    has_skills: true,
    mcp_server_count: 2,
    connector_ids: ['calendar', 'drive'],
    product_client_id: 'codex_cli_rs',
  };

  it('codex_plugin_used: plugin metadata, then the tracking context', async () => {
    expectJson(await ingestAll(newReducer(), [{ type: 'plugin_used', tracking: TRACKING, plugin: SAMPLE_PLUGIN }]), [
      { event_type: 'codex_plugin_used', event_params: { ...metadata, thread_id: 'thread-1', turn_id: 'turn-1', model_slug: 'gpt-5' } },
    ]);
  });

  it.each([
    ['installed', 'codex_plugin_installed'],
    ['uninstalled', 'codex_plugin_uninstalled'],
    ['enabled', 'codex_plugin_enabled'],
    ['disabled', 'codex_plugin_disabled'],
  ] as const)('state %s → %s with the plugin metadata only', async (state, eventType) => {
    expectJson(await ingestAll(newReducer(), [{ type: 'plugin_state_changed', plugin: SAMPLE_PLUGIN, state }]), [
      { event_type: eventType, event_params: metadata },
    ]);
  });

  it('capability fields are null without a capability summary', async () => {
    const plugin = { ...SAMPLE_PLUGIN, capabilitySummary: null };
    const events = await ingestAll(newReducer(), [{ type: 'plugin_state_changed', plugin, state: 'installed' }]);
    expect(events[0]!.event_params).toMatchObject({ has_skills: null, mcp_server_count: null, connector_ids: null });
  });
});

describe('codex_hook_run', () => {
  function hookFact(hook: HookRunFact): AnalyticsFact {
    return { type: 'hook_run', tracking: TRACKING, hook };
  }

  it('the full shape (PostToolUse, unknown, failed)', async () => {
    // The events package's example.
    expectJson(await ingestAll(newReducer(), [hookFact({ eventName: 'PostToolUse', hookSource: 'unknown', status: 'failed' })]), [
      exampleEvents.codex_hook_run,
    ]);
  });

  it.each([
    [{ eventName: 'SessionStart', hookSource: 'system', status: 'completed' }, 'system', 'completed'],
    [{ eventName: 'PreToolUse', hookSource: 'project', status: 'blocked' }, 'project', 'blocked'],
    [{ eventName: 'Stop', hookSource: 'unknown', status: 'failed' }, 'unknown', 'failed'],
    [{ eventName: 'UserPromptSubmit', hookSource: 'user', status: 'stopped' }, 'user', 'stopped'],
    [{ eventName: 'PermissionRequest', hookSource: 'mdm', status: 'running' }, 'mdm', 'failed'],
  ] as const)('maps %j', async (hook, source, status) => {
    const events = await ingestAll(newReducer(), [hookFact(hook)]);
    expect(events[0]!.event_params).toMatchObject({ hook_name: hook.eventName, hook_source: source, status });
  });
});

describe('skill_invocation', () => {
  const userSkill = { skillName: 'doc', skillScope: 'user', skillPath: '/home/me/.codex/skills/doc/SKILL.md', invocationType: 'explicit' } as const;
  const repoSkill = { skillName: 'lint', skillScope: 'repo', skillPath: '/work/repo/.codex/skills/lint/SKILL.md', invocationType: 'implicit' } as const;
  const skillFact: AnalyticsFact = { type: 'skill_invoked', tracking: TRACKING, invocations: [userSkill, repoSkill] };

  it('outside a repository: personal id, null repo_url, the originator as product client id', async () => {
    const events = await ingestAll(newReducer(), [{ type: 'skill_invoked', tracking: TRACKING, invocations: [userSkill] }]);
    expectJson(events, [
      {
        event_type: 'skill_invocation',
        skill_id: sha1('personal_/home/me/.codex/skills/doc/SKILL.md_doc'),
        skill_name: 'doc',
        event_params: {
          product_client_id: 'codex_cli_rs',
          skill_scope: 'user',
          repo_url: null,
          thread_id: 'thread-1',
          invoke_type: 'explicit',
          model_slug: 'gpt-5',
        },
      },
    ]);
  });

  it('inside a repository with a remote: repo-relative path and the remote URL; one event per invocation', async () => {
    const url = 'https://github.com/openai/codex.git';
    const gitLookup: GitLookup = (path) => Promise.resolve(path.startsWith('/work/repo/') ? { repoRoot: '/work/repo', repoUrl: url } : undefined);
    const events = await ingestAll(newReducer({ gitLookup }), [skillFact]);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      skill_id: sha1(`repo_${url}_.codex/skills/lint/SKILL.md_lint`),
      skill_name: 'lint',
      event_params: { skill_scope: 'repo', repo_url: url, invoke_type: 'implicit' },
    });
  });

  it('a failing git lookup counts as no repository', async () => {
    const gitLookup: GitLookup = () => Promise.reject(new Error('git exploded'));
    const events = await ingestAll(newReducer({ gitLookup }), [skillFact]);
    expect(events.map((event) => (event.event_params as { repo_url: unknown }).repo_url)).toEqual([null, null]);
  });
});

describe('context events', () => {
  const setup: AnalyticsFact[] = [initialize(1), threadResponse(1, 'thread-1', { source: 'cli' })];

  it('codex_compaction_event: the full shape with thread_source user and nulls present', async () => {
    const events = await ingestAll(newReducer(), [...setup, compaction('thread-1')]);
    // The events package's example compaction event (its runtime is RUNTIME), on this suite's app-server client.
    const example = exampleEvents.codex_compaction_event;
    expectJson(events[1], { ...example, event_params: { ...example.event_params, app_server_client: APP_SERVER_CLIENT } });
  });

  it('codex_guardian_review: the connection blocks, then the review fields flattened in order', async () => {
    const events = await ingestAll(newReducer(), [...setup, guardianReview()]);
    expectJson(events[1], {
      event_type: 'codex_guardian_review',
      event_params: { app_server_client: APP_SERVER_CLIENT, runtime: RUNTIME, ...GUARDIAN_REVIEW_WIRE },
    });
  });

  it.each<[GuardianReviewedActionFact, Record<string, unknown>]>([
    [
      { type: 'shell', command: ['ls'], commandDisplay: 'ls', cwd: '/r', sandboxPermissions: 'use_default', additionalPermissions: null, justification: null },
      { type: 'shell', command: ['ls'], command_display: 'ls', cwd: '/r', sandbox_permissions: 'use_default', additional_permissions: null, justification: null },
    ],
    [
      {
        type: 'unified_exec',
        command: ['sh'],
        commandDisplay: 'sh',
        cwd: '/r',
        sandboxPermissions: 'with_additional_permissions',
        additionalPermissions: { network: { enabled: true } },
        justification: 'needs network',
        tty: true,
      },
      {
        type: 'unified_exec',
        command: ['sh'],
        command_display: 'sh',
        cwd: '/r',
        sandbox_permissions: 'with_additional_permissions',
        additional_permissions: { network: { enabled: true } },
        justification: 'needs network',
        tty: true,
      },
    ],
    [
      { type: 'execve', source: 'unified_exec', program: '/bin/git', argv: ['git', 'push'], cwd: '/r', additionalPermissions: null },
      { type: 'execve', source: 'unified_exec', program: '/bin/git', argv: ['git', 'push'], cwd: '/r', additional_permissions: null },
    ],
    [{ type: 'apply_patch', cwd: '/r', files: ['a.ts'] }, { type: 'apply_patch', cwd: '/r', files: ['a.ts'] }],
    [
      { type: 'mcp_tool_call', server: 'docs', toolName: 'search', connectorId: 'c1', connectorName: 'Docs', toolTitle: null },
      { type: 'mcp_tool_call', server: 'docs', tool_name: 'search', connector_id: 'c1', connector_name: 'Docs', tool_title: null },
    ],
  ])('codex_guardian_review: a camelCase %j action goes on the wire in snake_case, valid for the strict schema', async (action, wire) => {
    const events = await ingestAll(newReducer(), [...setup, guardianReview({ reviewedAction: action })]);
    const params = (events[1] as { event_params: Record<string, unknown> }).event_params;
    expectJson(params.reviewed_action, wire);
    expect(trackEventRequestSchema.safeParse(events[1]).success).toBe(true);
  });

  it('guardian and compaction facts without metadata are dropped with the upstream warnings', async () => {
    const warnings: string[] = [];
    const reducer = newReducer({ warnings });
    expect(await ingestAll(reducer, [guardianReview(), compaction('thread-1')])).toEqual([]);
    // A thread recorded on connection 1, whose connection metadata is then evicted, misses connection metadata.
    const small = new AnalyticsReducer({ wireEra: 'seed', limits: { maxConnections: 1 }, logger: { warn: (message) => warnings.push(message) } });
    await ingestAll(small, [...setup, initialize(2), guardianReview(), compaction('thread-1')]);
    const other = new AnalyticsReducer({ wireEra: 'seed', limits: { maxThreads: 1 }, logger: { warn: (message) => warnings.push(message) } });
    await ingestAll(other, [...setup, threadResponse(1, 'thread-2'), compaction('thread-1')]);
    expect(warnings).toEqual([
      'dropping guardian analytics event: missing thread connection metadata',
      'dropping compaction analytics event: missing thread connection metadata',
      'dropping guardian analytics event: missing connection metadata',
      'dropping compaction analytics event: missing connection metadata',
      'dropping compaction analytics event: missing thread connection metadata',
    ]);
  });
});
