import type { ClientRequest, TurnStartClientRequest, TurnSteerClientRequest } from './client-request.js';
import type {
  ClientResponse,
  ThreadClientResponse,
  TurnStartClientResponse,
  TurnSteerClientResponse,
} from './client-response.js';
import type {
  ServerNotification,
  TurnCompletedServerNotification,
  TurnStartedServerNotification,
} from './server-notification.js';

// The method-tagged unions end with a `{ method: string }` member for every other method, and TypeScript cannot
// narrow `method === 'turn/start'` past a plain `string`. These guards narrow a parsed value to its typed member.

export function isTurnStartClientRequest(request: ClientRequest): request is TurnStartClientRequest {
  return request.method === 'turn/start';
}

export function isTurnSteerClientRequest(request: ClientRequest): request is TurnSteerClientRequest {
  return request.method === 'turn/steer';
}

/** `thread/start`, `thread/resume` or `thread/fork`. */
export function isThreadClientResponse(response: ClientResponse): response is ThreadClientResponse {
  return response.method === 'thread/start' || response.method === 'thread/resume' || response.method === 'thread/fork';
}

export function isTurnStartClientResponse(response: ClientResponse): response is TurnStartClientResponse {
  return response.method === 'turn/start';
}

export function isTurnSteerClientResponse(response: ClientResponse): response is TurnSteerClientResponse {
  return response.method === 'turn/steer';
}

export function isTurnStartedServerNotification(
  notification: ServerNotification,
): notification is TurnStartedServerNotification {
  return notification.method === 'turn/started';
}

export function isTurnCompletedServerNotification(
  notification: ServerNotification,
): notification is TurnCompletedServerNotification {
  return notification.method === 'turn/completed';
}
