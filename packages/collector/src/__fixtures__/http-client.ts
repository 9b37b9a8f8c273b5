// A real HTTP client for the collector's tests: undici with its own Agent (never the global dispatcher).
import { Agent, request } from 'undici';
import type { Collector } from '../collector-options.js';

export const testAccessToken = 'test-access-token-SECRET';
export const testAccountId = 'account-1';
export const bearerHeaders = {
  authorization: `Bearer ${testAccessToken}`,
  'chatgpt-account-id': testAccountId,
  'content-type': 'application/json',
};

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
  json(): any;
}

export function createTestHttp() {
  const dispatcher = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
  const send = async (
    url: string,
    { method = 'GET', headers = {}, body }: { method?: 'GET' | 'POST' | 'DELETE' | 'PUT'; headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<TestResponse> => {
    // Like every real client of the collector, a request with a body sends JSON unless the test says otherwise.
    const withType = body === undefined || Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
      ? headers
      : { 'content-type': 'application/json', ...headers };
    const response = await request(url, { method, headers: withType, body, dispatcher });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
  };
  return {
    send,
    postEvents: (collector: Collector, events: unknown, headers: Record<string, string> = bearerHeaders, path = '/codex/analytics-events/events') =>
      send(`${collector.url}${path}`, { method: 'POST', headers, body: JSON.stringify({ events }) }),
    close: () => dispatcher.destroy(),
  };
}
