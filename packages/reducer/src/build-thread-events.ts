import type {
  CodexAppServerClientMetadata,
  CodexRuntimeMetadata,
  CodexThreadInitializedEvent,
} from '@codex-analytics/events';
import type { SubAgentThreadStartedInput, Thread } from '@codex-analytics/facts';
import type { ThreadMetadata } from './reducer-state.js';
import { subagentParentThreadId, subagentSourceName } from './thread-lineage.js';
import { toUnsigned } from './wire-time.js';

interface ThreadInitializedInput {
  thread: Thread;
  model: string;
  metadata: ThreadMetadata;
  appServerClient: CodexAppServerClientMetadata;
  runtime: CodexRuntimeMetadata;
}

/** `codex_thread_initialized` for a thread/start, thread/resume or thread/fork response. */
export function threadInitializedEvent(input: ThreadInitializedInput): CodexThreadInitializedEvent {
  return {
    event_type: 'codex_thread_initialized',
    event_params: {
      thread_id: input.thread.id,
      app_server_client: input.appServerClient,
      runtime: input.runtime,
      model: input.model,
      ephemeral: input.thread.ephemeral,
      thread_source: input.metadata.thread_source,
      initialization_mode: input.metadata.initializationMode,
      subagent_source: input.metadata.subagent_source,
      parent_thread_id: input.metadata.parent_thread_id,
      created_at: toUnsigned(input.thread.createdAt, 0),
    },
  };
}

/** `codex_thread_initialized` for a sub-agent thread: in-process, always `subagent` and `new`. */
export function subagentThreadStartedEvent(
  input: SubAgentThreadStartedInput,
  runtime: CodexRuntimeMetadata,
): CodexThreadInitializedEvent {
  return {
    event_type: 'codex_thread_initialized',
    event_params: {
      thread_id: input.threadId,
      app_server_client: {
        product_client_id: input.productClientId,
        client_name: input.clientName,
        client_version: input.clientVersion,
        rpc_transport: 'in_process',
        experimental_api_enabled: null,
      },
      runtime,
      model: input.model,
      ephemeral: input.ephemeral,
      thread_source: 'subagent',
      initialization_mode: 'new',
      subagent_source: subagentSourceName(input.subagentSource),
      parent_thread_id: input.parentThreadId ?? subagentParentThreadId(input.subagentSource),
      created_at: input.createdAt,
    },
  };
}
