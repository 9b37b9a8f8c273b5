import { createHttpTransport } from '@codex-analytics/transport';
import type { Transport } from '@codex-analytics/transport';
import { agentBackendTimeoutMs } from './agent-backend-client.js';

/** The transport of the agent endpoints when none is injected: 15 s per call, no retry (a failure falls back to bearer). */
export function createDefaultTransport(): Transport {
  return createHttpTransport({ timeoutMs: agentBackendTimeoutMs, retry: false });
}
