import type { ThreadSource } from '@codex-analytics/events';
import type { SessionSource, SubAgentSource } from '@codex-analytics/facts';

/** Where a thread came from, as the thread, turn, steer and compaction events report it. */
export interface ThreadLineage {
  thread_source: ThreadSource | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
}

/** `user` for CLI, VS Code and exec sessions; `subagent` for sub-agents; null for app-server, custom and unknown. */
export function threadSourceOf(source: SessionSource): ThreadSource | null {
  if (typeof source === 'string') {
    switch (source) {
      case 'cli':
      case 'vscode':
      case 'exec':
        return 'user';
      default:
        return null;
    }
  }
  return 'subAgent' in source ? 'subagent' : null;
}

/** The sub-agent source's name: `review`, `compact`, `thread_spawn`, `memory_consolidation`, or the `other` string. */
export function subagentSourceName(source: SubAgentSource): string {
  if (typeof source === 'string') return source;
  if ('thread_spawn' in source) return 'thread_spawn';
  return source.other;
}

/** The parent thread of a spawned sub-agent; null for every other source. */
export function subagentParentThreadId(source: SubAgentSource): string | null {
  if (typeof source === 'object' && 'thread_spawn' in source) return source.thread_spawn.parent_thread_id;
  return null;
}

export function threadLineageOf(source: SessionSource): ThreadLineage {
  const subAgent = typeof source === 'object' && 'subAgent' in source ? source.subAgent : undefined;
  return {
    thread_source: threadSourceOf(source),
    subagent_source: subAgent === undefined ? null : subagentSourceName(subAgent),
    parent_thread_id: subAgent === undefined ? null : subagentParentThreadId(subAgent),
  };
}
