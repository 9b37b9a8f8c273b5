import type { RequestId } from '@codex-analytics/facts';

/**
 * One JSON-RPC message of an app-server connection, sorted by shape (the app-server omits `"jsonrpc": "2.0"`):
 * a request (`method` and `id`), a notification (`method`, no `id`), a response (`id` and `result`) or an error
 * (`id` and `error`). Only the envelope is checked here, never the payload: deciding whether a message matters is
 * a string comparison on `method` or a map lookup on `id`, with no schema parse.
 */
export type JsonRpcMessage =
  | { kind: 'request'; id: RequestId; method: string; params: unknown }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'response'; id: RequestId; result: unknown }
  | { kind: 'error'; id: RequestId | null; error: unknown }
  | { kind: 'malformed'; path: string; message: string };

function malformed(path: string, message: string): JsonRpcMessage {
  return { kind: 'malformed', path, message };
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
}

/**
 * Why an id is refused. The protocol allows any `i64`, but a JavaScript number holds integers exactly only up to
 * 2^53 - 1: beyond it two ids can read as one, so such an id is refused with a message that says so.
 */
function idMessage(id: unknown, orNull: boolean): string {
  if (typeof id === 'number' && Number.isInteger(id)) {
    return (
      `is the integer ${String(id)}, beyond 2^53 - 1 (9007199254740991), the largest a JavaScript number holds exactly; ` +
      'use smaller integer ids, or string ids'
    );
  }
  return orNull ? 'must be a string, an integer or null' : 'must be a string or an integer';
}

/** Reads a message given as an object or as its JSON text. Never throws; says where a malformed one went wrong. */
export function readJsonRpcMessage(input: unknown): JsonRpcMessage {
  let message: unknown = input;
  if (typeof input === 'string') {
    try {
      message = JSON.parse(input) as unknown;
    } catch {
      return malformed('(root)', 'not valid JSON');
    }
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return malformed('(root)', 'a JSON-RPC message must be an object');
  }
  const record = message as Record<string, unknown>;
  const { method, id } = record;
  const hasId = 'id' in record && id !== undefined;
  if (method !== undefined) {
    if (typeof method !== 'string') return malformed('method', 'must be a string');
    if (!hasId) return { kind: 'notification', method, params: record.params };
    if (!isRequestId(id)) return malformed('id', idMessage(id, false));
    return { kind: 'request', id, method, params: record.params };
  }
  if ('error' in record) {
    // An error that could not be tied to a request (a parse error) carries `id: null`.
    if (id !== null && !isRequestId(id)) return malformed('id', idMessage(id, true));
    return { kind: 'error', id, error: record.error };
  }
  if ('result' in record) {
    if (!isRequestId(id)) return malformed('id', idMessage(id, false));
    return { kind: 'response', id, result: record.result };
  }
  return malformed('(root)', 'neither a request, a notification, a response nor an error');
}
