import { TRACK_EVENTS_PATH } from '@codex-analytics/events';

/** The real backend's base path; every backend endpoint is served both with and without it. */
export const backendPrefix = '/backend-api';

export type BackendRoute =
  | { kind: 'track_events' }
  | { kind: 'authenticate_app' }
  | { kind: 'register_agent' }
  | { kind: 'register_task'; agentRuntimeId: string };

const registerTaskPattern = /^\/v1\/agent\/([^/]+)\/task\/register$/;

/** The backend endpoint a path names, `undefined` for any other path. */
export function matchBackendRoute(pathname: string): BackendRoute | undefined {
  const path = pathname.startsWith(`${backendPrefix}/`) ? pathname.slice(backendPrefix.length) : pathname;
  if (path === TRACK_EVENTS_PATH) return { kind: 'track_events' };
  if (path === '/authenticate_app_v2') return { kind: 'authenticate_app' };
  if (path === '/v1/agent/register') return { kind: 'register_agent' };
  const task = registerTaskPattern.exec(path);
  if (task?.[1] !== undefined) {
    try {
      return { kind: 'register_task', agentRuntimeId: decodeURIComponent(task[1]) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function allowedMethod(route: BackendRoute): 'GET' | 'POST' {
  return route.kind === 'authenticate_app' ? 'GET' : 'POST';
}
