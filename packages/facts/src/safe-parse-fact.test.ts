import { describe, expect, it } from 'vitest';
import { exampleFacts } from './example-facts.js';
import { analyticsFactSchema, describeFactError, formatIssuePath, safeParseFact } from './index.js';

describe('safeParseFact', () => {
  it('returns the parsed fact on success', () => {
    const result = safeParseFact(structuredClone(exampleFacts.hook_run));
    expect(result).toStrictEqual({ success: true, fact: exampleFacts.hook_run });
  });

  it('names the fact type, the path and the reason on failure', () => {
    const input = { ...structuredClone(exampleFacts.hook_run), hook: { ...exampleFacts.hook_run.hook, status: 'done' } };
    const result = safeParseFact(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.factType).toBe('hook_run');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.path).toBe('hook.status');
    expect(result.message).toMatch(/^fact `hook_run` invalid at `hook\.status`: .+/);
  });

  it('reports every issue, and an unknown type by its name', () => {
    const result = safeParseFact({ type: 'app_used', tracking: { modelSlug: 'm' }, app: null });
    if (result.success) throw new Error('expected a failure');
    expect(result.issues.map((issue) => issue.path).sort()).toEqual(['app', 'tracking.threadId', 'tracking.turnId']);
    expect(result.message.split('; ')).toHaveLength(3);

    const unknown = safeParseFact({ type: 'app_opened' });
    if (unknown.success) throw new Error('expected a failure');
    expect(unknown.factType).toBe('app_opened');
    expect(unknown.message).toMatch(/^fact `app_opened` invalid at `type`: unknown fact type; expected one of: initialize, /);
  });

  it('has no fact type for input that is not an object with a string type', () => {
    for (const input of [undefined, 'hook_run', 42, [], { type: 7 }]) {
      const result = safeParseFact(input);
      if (result.success) throw new Error('expected a failure');
      expect(result.factType).toBeUndefined();
      expect(result.message).toMatch(/^fact invalid at `/);
    }
  });

  it('never copies field values into the message', () => {
    const secret = 'sk-live-0123456789abcdef';
    const input = { ...structuredClone(exampleFacts.initialize), productClientId: { token: secret }, rpcTransport: secret };
    const result = safeParseFact(input);
    if (result.success) throw new Error('expected a failure');
    expect(result.message).not.toContain(secret);
    expect(JSON.stringify(result.issues)).not.toContain(secret);
  });
});

describe('describeFactError', () => {
  it('renders a zod error of the fact schema like safeParseFact does', () => {
    const input = { ...structuredClone(exampleFacts.compaction), event: { ...exampleFacts.compaction.event, phase: 'post_turn' } };
    const parsed = analyticsFactSchema.safeParse(input);
    if (parsed.success) throw new Error('expected a failure');
    const message = describeFactError(parsed.error, input);
    expect(message).toMatch(/^fact `compaction` invalid at `event\.phase`: /);
    const result = safeParseFact(input);
    expect(result.success ? '' : result.message).toBe(message);
  });
});

describe('formatIssuePath', () => {
  it('joins keys with dots and puts indices in brackets', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['invocations', 0, 'skillScope'])).toBe('invocations[0].skillScope');
    expect(formatIssuePath([0, 'a'])).toBe('[0].a');
  });
});

describe('union failures', () => {
  function configWith(field: string, value: unknown): unknown {
    const fact = structuredClone(exampleFacts.turn_resolved_config) as { config: Record<string, unknown> };
    fact.config[field] = value;
    return fact;
  }

  it('reports the field inside the one union branch the input matched, at any depth', () => {
    const result = safeParseFact(configWith('sessionSource', { subAgent: { thread_spawn: { depth: 1, agent_nickname: null, agent_role: null } } }));
    if (result.success) throw new Error('expected a failure');
    expect(result.issues.map((issue) => issue.path)).toEqual(['config.sessionSource.subAgent.thread_spawn.parent_thread_id']);
  });

  it('reports the union itself when no branch matched further than another', () => {
    const result = safeParseFact(configWith('approvalPolicy', 'on_request'));
    if (result.success) throw new Error('expected a failure');
    expect(result.issues).toEqual([{ path: 'config.approvalPolicy', message: 'Invalid input' }]);
  });
});
