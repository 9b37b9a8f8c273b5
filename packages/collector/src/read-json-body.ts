import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from './body-budget.js';
import { sendError } from './http-response.js';
import { parseJsonSliced } from './parse-json-sliced.js';
import { readRequestBody } from './read-request-body.js';

/**
 * Reads a JSON request body for the collector's small endpoints. Answers 413, 400 or (over the `budget` of body
 * bytes in flight) 503 itself and returns `undefined` then; returns the parsed value otherwise. A large body is parsed
 * in slices (`parseJsonSliced`), never whole.
 */
export async function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
  budget?: BodyBudget,
): Promise<{ value: unknown } | undefined> {
  const body = await readRequestBody(request, maxBytes, budget);
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
        const parsed = await parseJsonSliced(body.body);
        if (parsed.ok) return { value: parsed.value };
        sendError(response, 400, 'invalid_json', 'the body is not JSON');
        return undefined;
      } finally {
        body.release();
      }
  }
}
