import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './http-response.js';
import { readRequestBody } from './read-request-body.js';

/**
 * Reads a JSON request body for the collector's small endpoints. Answers 413 or 400 itself and returns
 * `undefined` then; returns the parsed value otherwise.
 */
export async function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
): Promise<{ value: unknown } | undefined> {
  const body = await readRequestBody(request, maxBytes);
  switch (body.kind) {
    case 'aborted':
      return undefined;
    case 'busy':
      sendError(response, 503, 'server_busy', 'the collector holds as many request bodies as it may at once; retry shortly', { 'retry-after': '1' });
      return undefined;
    case 'too_large':
      sendError(response, 413, 'payload_too_large', `the body is over ${maxBytes} bytes`, { connection: 'close' });
      return undefined;
    case 'ok':
      try {
        return { value: JSON.parse(body.body.toString('utf8')) as unknown };
      } catch {
        sendError(response, 400, 'invalid_json', 'the body is not JSON');
        return undefined;
      } finally {
        body.release();
      }
  }
}
