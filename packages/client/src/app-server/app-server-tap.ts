import type { AppServerRpcTransport } from '@codex-analytics/events';
import { loadZod, loadZodAsync } from '@codex-analytics/events';
import type { InitializeParams, JSONRPCErrorError, RequestId } from '@codex-analytics/facts';
import { TOOL_ITEM_TYPES } from '@codex-analytics/reducer';
import type { AnalyticsEventsClient } from '../analytics-events-client.js';
import { classifyJsonRpcError } from './classify-json-rpc-error.js';
import { clientRuntimeOf } from '../client-internals.js';
import { propertyOf } from '../property-of.js';
import { peekJsonRpcEnvelope } from './peek-json-rpc-envelope.js';
import { readJsonRpcMessage } from './read-json-rpc-message.js';
import type { JsonRpcMessage } from './read-json-rpc-message.js';
import { BoundedMap } from '@codex-analytics/internal/bounded-map';
import { threadSettingsFromResponse, turnResolvedConfig, withTurnStartOverrides } from './thread-settings.js';
import { TurnTokenUsageTracker } from './turn-token-usage-tracker.js';
import type { ThreadSettings } from './thread-settings.js';

/** Options of `createAppServerTap(client, options)`. */
export interface AppServerTapOptions {
  /** The app-server connection this tap watches (upstream `ConnectionId`, a u64). One tap per connection. */
  connectionId: number;
  /** How the client is connected: `stdio`, `websocket` or `in_process`. */
  rpcTransport: AppServerRpcTransport;
  /**
   * The product client id reported for the connection. Default: the `initialize` request's `clientInfo.name`, which
   * is what upstream's app-server passes (the name becomes the process originator).
   */
  productClientId?: string;
  /**
   * Build each turn's resolved config from the traffic (the thread response's settings and the `turn/start`
   * overrides) and record it, so a turn event needs no hand-built `trackTurnResolvedConfig`. Default: true. Set it to
   * false when Codex core reports the resolved config itself (as in the Rust app-server), or it is recorded twice.
   */
  resolvedConfig?: boolean;
  /**
   * Derive each turn's token usage from the `thread/tokenUsage/updated` notifications and record it
   * (`trackTurnTokenUsage`) just before the turn's `turn/completed`, so the turn event carries its tokens. Default:
   * true. Set it to false when Codex core reports the usage itself, or it is recorded twice.
   */
  tokenUsage?: boolean;
  /** Requests awaiting their response that are remembered (oldest evicted, counted). Default: 1024. */
  maxPendingRequests?: number;
  /** Threads whose settings are remembered for resolved configs (oldest evicted, counted). Default: 1024. */
  maxThreads?: number;
}

/** What a tap has seen and done, since it was created. */
export interface AppServerTapStats {
  /** Messages given to `toServer` and `fromServer`. */
  messages: number;
  /** Facts recorded on the client (initialize, requests, responses, errors, notifications, resolved configs). */
  facts: number;
  /**
   * Well-formed messages that no analytics event reads (skipped without a schema parse; a text of 16 KiB or more is
   * recognised from its leading members, its method or its id, and the rest of it is not read).
   */
  skipped: number;
  /** Messages that were not JSON-RPC: counted here and as `invalid_fact` drops of the client. */
  malformed: number;
  /** Requests awaiting their response, and how many the cap evicted. */
  pendingRequests: number;
  evictedRequests: number;
  /** Threads whose settings are known, and how many the cap evicted. */
  threads: number;
  evictedThreads: number;
  /** Turns whose resolved config the tap recorded, and turns it could not build one for (thread settings unknown). */
  resolvedConfigs: number;
  resolvedConfigsUnavailable: number;
  /** Turns whose token usage the tap recorded (from `thread/tokenUsage/updated`, or zero for a failed turn without any). */
  tokenUsages: number;
}

/**
 * Watches one app-server connection's raw JSON-RPC traffic and records the analytics facts it carries on a client.
 * Give it every message, in the order they passed, each as an object or as its JSON text. Never throws, never
 * blocks: the facts go through the client's bounded queue like any `track*` call.
 */
export interface AppServerTap {
  /** A message the app-server received: a client request, a client notification, or a reply to a server request. */
  toServer(message: unknown): void;
  /** A message the app-server sent: a response, an error, a notification, or a server request. */
  fromServer(message: unknown): void;
  stats(): AppServerTapStats;
}

type PendingRequest =
  | { method: 'initialize'; params: unknown }
  | { method: 'thread/start' | 'thread/resume' | 'thread/fork' }
  | { method: 'turn/start'; params: unknown }
  | { method: 'turn/steer' }
  | { method: 'turn/interrupt' };

const DEFAULT_MAX_PENDING_REQUESTS = 1_024;
/**
 * A message given as text at least this long is first peeked at (its leading plain members, see
 * `peekJsonRpcEnvelope`): when they show the tap would skip it, it is skipped without parsing the rest. Shorter
 * texts are parsed whole (a parse of 16 KiB takes microseconds), so they are checked whole as before.
 */
const PEEK_MIN_CHARS = 16_384;
/** Requests whose method the tap reads (toServer), and notifications it reads (fromServer). */
const READ_REQUESTS: ReadonlySet<unknown> = new Set(['initialize', 'thread/start', 'thread/resume', 'thread/fork', 'turn/start', 'turn/steer', 'turn/interrupt']);
const READ_NOTIFICATIONS: ReadonlySet<unknown> = new Set(['turn/started', 'turn/completed', 'thread/tokenUsage/updated', 'item/completed']);
/** Completed items that are tool calls (the reducer's list): today's turn event counts them, each has its own event. */
const TOOL_ITEMS: ReadonlySet<unknown> = new Set(TOOL_ITEM_TYPES);
/** `"type":"commandExecution"` ...: how a tool item's type reads in a long `item/completed` text. */
const TOOL_ITEM_TYPE_MARKERS: readonly string[] = TOOL_ITEM_TYPES.map((type) => `"type":"${type}"`);
const DEFAULT_MAX_THREADS = 1_024;

function requestKey(id: RequestId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}

/** Upstream treats absent capabilities as none and an absent `experimentalApi` as false (serde defaults). */
function initializeParamsOf(params: unknown): InitializeParams {
  if (typeof params !== 'object' || params === null) return params as InitializeParams;
  const capabilities = propertyOf(params, 'capabilities');
  if (capabilities === undefined || capabilities === null) return { ...(params as InitializeParams), capabilities: null };
  if (typeof capabilities === 'object' && propertyOf(capabilities, 'experimentalApi') === undefined) {
    return { ...(params as InitializeParams), capabilities: { ...capabilities, experimentalApi: false } };
  }
  return params as InitializeParams;
}

/**
 * Creates a tap for one connection. Where upstream's app-server calls the client (codex-rs/app-server):
 * - `initialize`: `message_processor.rs` calls `track_initialize(connection_id, params, originator, rpc_transport)`
 *   once the connection is initialized, with `originator` = `clientInfo.name`; the tap records it when the
 *   `initialize` response (not an error) goes out, so a refused second `initialize` is not recorded.
 * - requests: `message_processor.rs` calls `track_request` for `turn/start` and `turn/steer` only (the reducer reads
 *   no other request); the tap does the same as the request comes in.
 * - responses: `outgoing_message.rs` calls `track_response` as each response is sent; the tap records those the
 *   reducer reads (`thread/start`, `thread/resume`, `thread/fork`, `turn/start`, `turn/steer`), taking the method from
 *   its own map of request ids (a raw response carries none) and today's `id` as the fact's `requestId`.
 * - errors: the request processors call `track_error_response` with upstream's classification
 *   (`classifyJsonRpcError`); the tap records errors of `turn/start` and `turn/steer`.
 * - notifications: `turn/started` and `turn/completed` go to `track_notification`; `thread/tokenUsage/updated` is
 *   read for the turn's token usage (which Codex core reports upstream, see `TurnTokenUsageTracker`); every other
 *   one is skipped.
 */
export function createAppServerTap(client: AnalyticsEventsClient, options: AppServerTapOptions): AppServerTap {
  const { connectionId, rpcTransport } = options;
  if (!Number.isSafeInteger(connectionId) || connectionId < 0) {
    throw new TypeError('createAppServerTap: connectionId must be a non-negative integer');
  }
  loadProtocolSchemaLibrary();
  const supplyResolvedConfig = options.resolvedConfig ?? true;
  const pending = new BoundedMap<string, PendingRequest>(options.maxPendingRequests ?? DEFAULT_MAX_PENDING_REQUESTS);
  const threads = new BoundedMap<string, ThreadSettings>(options.maxThreads ?? DEFAULT_MAX_THREADS);
  const counts = { messages: 0, facts: 0, skipped: 0, malformed: 0, resolvedConfigs: 0, resolvedConfigsUnavailable: 0, tokenUsages: 0 };
  const maxThreads = options.maxThreads ?? DEFAULT_MAX_THREADS;
  const tokenUsage = options.tokenUsage === false ? undefined : new TurnTokenUsageTracker(maxThreads, maxThreads);

  const rejectMalformed = (message: Extract<JsonRpcMessage, { kind: 'malformed' }>): void => {
    counts.malformed += 1;
    clientRuntimeOf(client)?.pipeline.rejectInput({
      factType: 'jsonrpc_message',
      path: message.path,
      message: `JSON-RPC message of connection ${connectionId} invalid at \`${message.path}\`: ${message.message}`,
    });
  };

  const onRequest = (id: RequestId, method: string, params: unknown): void => {
    switch (method) {
      case 'initialize':
        pending.set(requestKey(id), { method, params });
        return;
      case 'thread/start':
      case 'thread/resume':
      case 'thread/fork':
        pending.set(requestKey(id), { method });
        return;
      case 'turn/start':
        pending.set(requestKey(id), { method, params });
        client.trackRequest(connectionId, id, { method, id, params });
        counts.facts += 1;
        return;
      case 'turn/steer':
      case 'turn/interrupt':
        pending.set(requestKey(id), { method });
        client.trackRequest(connectionId, id, { method, id, params });
        counts.facts += 1;
        return;
      default:
        counts.skipped += 1;
    }
  };

  const onResponse = (id: RequestId, result: unknown): void => {
    const request = pending.take(requestKey(id));
    if (request === undefined) {
      counts.skipped += 1;
      return;
    }
    switch (request.method) {
      case 'initialize': {
        const params = initializeParamsOf(request.params);
        const name = propertyOf(propertyOf(params, 'clientInfo'), 'name');
        client.trackInitialize(connectionId, params, options.productClientId ?? (typeof name === 'string' ? name : ''), rpcTransport);
        counts.facts += 1;
        return;
      }
      case 'thread/start':
      case 'thread/resume':
      case 'thread/fork': {
        client.trackResponse(connectionId, { method: request.method, requestId: id, response: result });
        counts.facts += 1;
        const thread = threadSettingsFromResponse(result);
        if (thread !== undefined) threads.set(thread.threadId, thread.settings);
        return;
      }
      case 'turn/start': {
        client.trackResponse(connectionId, { method: 'turn/start', requestId: id, response: result });
        counts.facts += 1;
        onTurnStarted(propertyOf(propertyOf(result, 'turn'), 'id'), request.params);
        return;
      }
      case 'turn/steer':
      case 'turn/interrupt':
        client.trackResponse(connectionId, { method: request.method, requestId: id, response: result });
        counts.facts += 1;
        return;
    }
  };

  const onTurnStarted = (turnId: unknown, params: unknown): void => {
    const threadId = propertyOf(params, 'threadId');
    if (typeof turnId !== 'string' || typeof threadId !== 'string') return;
    const settings = threads.get(threadId);
    if (settings !== undefined) threads.set(threadId, withTurnStartOverrides(settings, params));
    if (!supplyResolvedConfig) return;
    if (settings === undefined) {
      counts.resolvedConfigsUnavailable += 1;
      return;
    }
    client.trackTurnResolvedConfig(turnResolvedConfig(settings, turnId, threadId, params));
    counts.resolvedConfigs += 1;
    counts.facts += 1;
  };

  const onError = (id: RequestId | null, error: unknown): void => {
    const request = id === null ? undefined : pending.take(requestKey(id));
    if (id === null || request === undefined || (request.method !== 'turn/start' && request.method !== 'turn/steer' && request.method !== 'turn/interrupt')) {
      counts.skipped += 1;
      return;
    }
    const classified = request.method === 'turn/interrupt' ? null : classifyJsonRpcError(error);
    client.trackErrorResponse(connectionId, id, error as JSONRPCErrorError, classified);
    counts.facts += 1;
  };

  const onNotification = (method: string, params: unknown): void => {
    if (method === 'thread/tokenUsage/updated' && tokenUsage !== undefined) {
      tokenUsage.updated(params);
      return;
    }
    if (method === 'item/completed') {
      // Today's turn event counts the turn's tool calls, and a command or a file change has an event of its own.
      if (!TOOL_ITEMS.has(propertyOf(propertyOf(params, 'item'), 'type'))) {
        counts.skipped += 1;
        return;
      }
      client.trackNotification({ method, params });
      counts.facts += 1;
      return;
    }
    if (method !== 'turn/started' && method !== 'turn/completed') {
      counts.skipped += 1;
      return;
    }
    const threadId = propertyOf(params, 'threadId');
    const turn = propertyOf(params, 'turn');
    const turnId = propertyOf(turn, 'id');
    if (tokenUsage !== undefined && typeof threadId === 'string' && typeof turnId === 'string') {
      if (method === 'turn/started') tokenUsage.turnStarted(threadId, turnId);
      else {
        const usage = tokenUsage.turnCompleted(turnId, propertyOf(turn, 'status'));
        if (usage !== undefined) {
          client.trackTurnTokenUsage({ turnId, threadId, tokenUsage: usage });
          counts.facts += 1;
          counts.tokenUsages += 1;
        }
      }
    }
    client.trackNotification({ method, params });
    counts.facts += 1;
  };

  /**
   * Whether a long text can be skipped from its envelope alone: a method the tap does not read (the app-server's
   * streamed deltas and item notifications are the long ones), or a reply whose id the tap is not waiting for.
   */
  const skippableText = (toServer: boolean, text: string): boolean => {
    const peek = peekJsonRpcEnvelope(text);
    if (peek === undefined) return false;
    if (peek.hasMethod) {
      if (typeof peek.method !== 'string') return false;
      // A long completed item matters only when it is a tool call; its type comes first in the item as the app-server writes it.
      if (!toServer && peek.method === 'item/completed') return !TOOL_ITEM_TYPE_MARKERS.some((marker) => text.slice(0, 512).includes(marker));
      return !(toServer ? READ_REQUESTS : READ_NOTIFICATIONS).has(peek.method);
    }
    if (!peek.hasId || (peek.container !== 'result' && peek.container !== 'error')) return false;
    // The client's replies to server requests carry no analytics; a server reply matters only to a pending request.
    if (toServer) return true;
    return (typeof peek.id !== 'string' && typeof peek.id !== 'number') || pending.get(requestKey(peek.id)) === undefined;
  };

  const guarded = (toServer: boolean, handle: (message: Exclude<JsonRpcMessage, { kind: 'malformed' }>) => void) => (input: unknown): void => {
    try {
      counts.messages += 1;
      if (typeof input === 'string' && input.length >= PEEK_MIN_CHARS && skippableText(toServer, input)) {
        counts.skipped += 1;
        return;
      }
      const message = readJsonRpcMessage(input);
      if (message.kind === 'malformed') rejectMalformed(message);
      else handle(message);
    } catch {
      // Only a message whose properties throw when read (getters, proxies) gets here.
      rejectMalformed({ kind: 'malformed', path: '(root)', message: 'the message could not be read' });
    }
  };

  return {
    toServer: guarded(true, (message) => {
      if (message.kind === 'request') onRequest(message.id, message.method, message.params);
      // Client notifications (`initialized`) and the client's replies to server requests carry no analytics.
      else counts.skipped += 1;
    }),
    fromServer: guarded(false, (message) => {
      switch (message.kind) {
        case 'response':
          onResponse(message.id, message.result);
          return;
        case 'error':
          onError(message.id, message.error);
          return;
        case 'notification':
          onNotification(message.method, message.params);
          return;
        case 'request':
          // Server requests (approvals, user input) carry no analytics in this era.
          counts.skipped += 1;
          return;
      }
    }),
    stats: () => ({
      ...counts,
      pendingRequests: pending.size,
      evictedRequests: pending.evicted,
      threads: threads.size,
      evictedThreads: threads.evicted,
    }),
  };
}

/**
 * The tap's facts (requests, responses, notifications of the app-server protocol) are validated with zod, which a
 * client alone never loads for a valid fact: it is loaded here, when the tap is created, rather than in the middle
 * of the worker's handling of the first message (in a bundle that cannot `require` it, by the dynamic import).
 */
function loadProtocolSchemaLibrary(): void {
  try {
    loadZod();
  } catch {
    loadZodAsync().catch(() => undefined);
  }
}
