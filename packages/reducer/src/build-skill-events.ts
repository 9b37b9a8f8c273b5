import type { SkillInvocationEvent } from '@codex-analytics/events';
import type { SkillInvokedFact } from '@codex-analytics/facts';
import type { GitLookup } from './git-lookup.js';
import { skillIdForLocalSkill } from './skill-id.js';
import type { CanonicalizePath } from './skill-id.js';

export interface SkillEventsContext {
  /** Finds the git repository of a skill's path (its URL and root); a failed lookup counts as none. */
  gitLookup: GitLookup;
  canonicalize: CanonicalizePath;
  /** The product client id (`originator`) every event carries. */
  originator: string;
}

/** One `skill_invocation` event per invocation of the fact, in order, each with the skill's id from its repository. */
export async function skillInvocationEvents(fact: SkillInvokedFact, context: SkillEventsContext): Promise<SkillInvocationEvent[]> {
  const events: SkillInvocationEvent[] = [];
  for (const invocation of fact.invocations) {
    const repo = await context.gitLookup(invocation.skillPath).catch(() => undefined);
    const repoUrl = repo?.repoUrl ?? null;
    events.push({
      event_type: 'skill_invocation',
      skill_id: skillIdForLocalSkill({
        repoUrl,
        repoRoot: repo?.repoRoot ?? null,
        skillPath: invocation.skillPath,
        skillName: invocation.skillName,
        canonicalize: context.canonicalize,
      }),
      skill_name: invocation.skillName,
      event_params: {
        product_client_id: context.originator,
        skill_scope: invocation.skillScope,
        repo_url: repoUrl,
        thread_id: fact.tracking.threadId,
        invoke_type: invocation.invocationType,
        model_slug: fact.tracking.modelSlug,
      },
    });
  }
  return events;
}
