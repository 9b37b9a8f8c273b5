import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Answers with a JSON body. Does nothing when the response is already finished or its socket is gone. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** `{ error, message }`, the shape of every error answer of the collector. */
export function sendError(
  response: ServerResponse,
  status: number,
  error: string,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(response, status, { error, message }, headers);
}

export function sendMethodNotAllowed(response: ServerResponse, allowed: readonly string[]): void {
  sendError(response, 405, 'method_not_allowed', `use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
}
